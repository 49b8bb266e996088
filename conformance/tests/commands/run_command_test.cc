// `conformance run` and `conformance list` through the real binary, as a user and a CI pipeline
// run them: exit codes, the summary line, and the three report files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/command_runner.h"
#include "support/mock_server_process.h"

namespace {

using statuskit::testing::MockServerProcess;
using statuskit::testing::run_conformance;

const std::string kRoot = STATUSKIT_SOURCE_DIR;
const std::string kProfile = kRoot + "/fixtures/targets/mock.yaml";
const std::string kFolders =
    " --suites-dir " + kRoot + "/conformance/suites --specs-dir " + kRoot + "/specs";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(RunCommand, AllSuitesPassAgainstTheMockAndEveryReportIsWritten) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  const auto folder = std::filesystem::path(::testing::TempDir()) / "statuskit-reports";
  std::filesystem::remove_all(folder);
  const auto result =
      run_conformance("run --profile " + kProfile + " --target " + server.base_url() + kFolders +
                      " --report junit:" + (folder / "c.xml").string() +
                      " --report json:" + (folder / "c.json").string() +
                      " --report html:" + (folder / "c.html").string() +
                      " --report sarif:" + (folder / "c.sarif").string() +
                      " --report ctrf:" + (folder / "c.ctrf.json").string());
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("PASS  pria.bulk.self-skip"), std::string::npos);
  EXPECT_NE(result.output.find(" passed, 0 failed, 0 skipped\n"), std::string::npos)
      << result.output;

  const auto report = nlohmann::json::parse(read_file(folder / "c.json"));
  EXPECT_EQ(report["schema"], "statuskit-conformance-report/2");
  EXPECT_EQ(report["summary"]["failed"], 0);
  EXPECT_GE(report["summary"]["passed"].get<int>(), 80);
  EXPECT_EQ(report["suites"].size(), 5u);
  EXPECT_EQ(report["target"], server.base_url());

  const std::string xml = read_file(folder / "c.xml");
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  std::size_t testsuites = 0;
  for (auto at = xml.find("<testsuite "); at != std::string::npos;
       at = xml.find("<testsuite ", at + 1))
    ++testsuites;
  EXPECT_EQ(testsuites, 5u);

  const auto sarif = nlohmann::json::parse(read_file(folder / "c.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["runs"][0]["results"].size(), 0u) << "nothing to report when all pass";
  EXPECT_GE(sarif["runs"][0]["tool"]["driver"]["rules"].size(), 80u);

  const auto ctrf = nlohmann::json::parse(read_file(folder / "c.ctrf.json"));
  EXPECT_EQ(ctrf["reportFormat"], "CTRF");
  EXPECT_EQ(ctrf["results"]["summary"]["failed"], 0);
  EXPECT_EQ(ctrf["results"]["summary"]["tests"], report["summary"]["passed"]);
  EXPECT_EQ(ctrf["results"]["summary"]["suites"], 5);

  const std::string html = read_file(folder / "c.html");
  EXPECT_NE(html.find("docspace.status.quota-exhausted-402"), std::string::npos);
  EXPECT_NE(html.find("curl -i -X PUT"), std::string::npos);
}

TEST(RunCommand, ASuiteAndAScenarioGlobNarrowTheRun) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  const auto result =
      run_conformance("run --profile " + kProfile + " --target " + server.base_url() + kFolders +
                      " --suite symphony --scenario 'symphony.protected.*' --quiet");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("2 passed, 0 failed, 0 skipped"), std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("PASS"), std::string::npos) << "--quiet prints no progress";
}

TEST(RunCommand, AnUnreachableTargetIsExitTwoWithOneMessage) {
  const auto result =
      run_conformance("run --profile " + kProfile + " --target http://127.0.0.1:1" + kFolders);
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(
      result.output.rfind("statuskit-conformance: cannot reach the target http://127.0.0.1:1", 0),
      0U)
      << result.output;
  EXPECT_EQ(std::count(result.output.begin(), result.output.end(), '\n'), 1) << result.output;
}

// Issue 25 item 4: messages and replay hints use the name the user typed, so what they say to
// type exists where they are: `conformance` in a build tree, `statuskit-conformance` installed.
TEST(RunCommand, MessagesAndReplayHintsUseTheNameTheProgramWasStartedBy) {
  const std::string symlink =
      std::filesystem::path(STATUSKIT_CONFORMANCE_BIN).parent_path() / "conformance";
  const auto through_link = statuskit::testing::run_command(
      symlink, "run --profile " + kProfile + " --target http://127.0.0.1:1" + kFolders);
  EXPECT_EQ(through_link.output.rfind("conformance: cannot reach the target", 0), 0U)
      << through_link.output;

  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  const auto generated =
      run_conformance("generate --profile " + kProfile + " --target " + server.base_url() +
                      kFolders + " --suite pria --seed 7 --max-cases 1 --quiet");
  EXPECT_EQ(generated.exit_code, 0) << generated.output;
  EXPECT_NE(generated.output.find("(replay: statuskit-conformance generate --seed 7 --target " +
                                  server.base_url() + " --profile " + kProfile + ")"),
            std::string::npos)
      << generated.output;
}

TEST(RunCommand, UsageAndConfigurationErrorsAreExitTwo) {
  const auto bad_report =
      run_conformance("run --profile " + kProfile + kFolders + " --report pdf:x.pdf");
  EXPECT_EQ(bad_report.exit_code, 2);
  EXPECT_NE(
      bad_report.output.find("--report pdf:x.pdf: the format is junit, json, html, sarif or ctrf"),
      std::string::npos)
      << bad_report.output;
  const auto no_suite = run_conformance("run --profile " + kProfile + kFolders + " --suite nope");
  EXPECT_EQ(no_suite.exit_code, 2);
  EXPECT_NE(no_suite.output.find("no suite called 'nope'"), std::string::npos) << no_suite.output;

  const std::string bad_profile = ::testing::TempDir() + "/bad-profile.yaml";
  std::ofstream(bad_profile) << "base_url: http://127.0.0.1:1\nvendors: {pria: {role: {}}}\n";
  const auto profile = run_conformance("run --profile " + bad_profile + kFolders);
  EXPECT_EQ(profile.exit_code, 2);
  EXPECT_NE(profile.output.find("bad-profile.yaml: /vendors/pria/role: unknown field"),
            std::string::npos)
      << profile.output;
  const auto header = run_conformance("run --profile " + kProfile + kFolders + " --header nocolon");
  EXPECT_EQ(header.exit_code, 2);
  EXPECT_NE(header.output.find("--header nocolon: expected 'Name: value'"), std::string::npos);
}

TEST(ListCommand, PrintsEverySuiteAndScenarioWithItsRequirement) {
  const auto result = run_conformance("list" + kFolders);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  for (const char* line : {"pria (pria-admin.yaml, ", "rocketchat (rocketchat-users.yaml, ",
                           "symphony (symphony-pod.yaml, ", "d3lay (d3lay-identity.yaml, ",
                           "docspace (onlyoffice-docspace-people.yaml, ", "  pria.bulk.self-skip  ",
                           "  [seed: ", "[catches: pria.self-not-skipped"}) {
    EXPECT_NE(result.output.find(line), std::string::npos) << line;
  }
}

TEST(ListCommand, AScenarioGlobListsOnlyMatchingSuitesAndScenarios) {
  const auto result = run_conformance("list --scenario 'pria.bulk.50*'" + kFolders);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("  pria.bulk.500-ids-accepted  "), std::string::npos);
  EXPECT_NE(result.output.find("  pria.bulk.501-ids-rejected  "), std::string::npos);
  EXPECT_EQ(result.output.find("pria.bulk.self-skip"), std::string::npos);
  EXPECT_EQ(result.output.find("docspace"), std::string::npos) << result.output;
}

}  // namespace
