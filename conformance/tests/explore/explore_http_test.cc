// conformance explore through the real binaries over loopback: the mock as a real server
// (no sessions, so every sequence starts from what the last one left) gives no failure in
// either inferred mode over 20 seeds; a defect is found, shrunk to the call that shows it and
// replayed by the printed command; a run that compared nothing is not a pass.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/command_runner.h"
#include "support/mock_server_process.h"
#include "support/test_folder.h"

namespace {

using statuskit::testing::MockServerProcess;
using statuskit::testing::run_conformance;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

/// The options every explore run here shares: the project's data, the mock built with it.
std::string common_options(const std::string& base_url) {
  return " --target " + base_url + " --specs-dir " + kRoot + "/specs --suites-dir " + kRoot +
         "/conformance/suites --mock-program " + STATUSKIT_MOCK_SERVER_BIN;
}

/// The mock profile with `statuskit_mock: false`: explore treats the mock as a vendor's server.
std::string profile_without_sessions(const std::filesystem::path& folder) {
  std::ifstream in(kRoot + "/fixtures/targets/mock.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string changed = std::regex_replace(text.str(), std::regex("\nstatuskit_mock: true"),
                                                 "\nstatuskit_mock: false");
  const auto path = folder / "real-server.yaml";
  std::ofstream(path) << changed;
  return path.string();
}

class ExploreAgainstMock : public ::testing::TestWithParam<std::string> {};

// The standing proof that the differential oracle, the alignment of a server without
// sessions and the inferred rule never cry wolf: any failure here is a false alarm.
TEST_P(ExploreAgainstMock, NoFailureOverTwentySeedsOnAServerWithoutSessions) {
  auto arguments = statuskit::testing::project_mock_arguments();
  arguments.insert(arguments.end(), {"--inferred", GetParam()});
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, arguments);
  const auto folder = statuskit::testing::fresh_test_folder("explore");
  const std::string profile = profile_without_sessions(folder);
  int compared = 0;
  for (int seed = 1; seed <= 20; ++seed) {
    const auto run = run_conformance("explore --quiet --no-preflight --sequences 3 --seed " +
                                     std::to_string(seed) + " --profile " + profile +
                                     common_options(server.base_url()));
    ASSERT_NE(run.exit_code, 2) << run.output;
    std::smatch counts;
    ASSERT_TRUE(std::regex_search(run.output, counts,
                                  std::regex(R"((\d+) passed, (\d+) failed, (\d+) skipped)")))
        << run.output;
    EXPECT_EQ(counts[2], "0") << "seed " << seed << ":\n" << run.output;
    compared += std::stoi(counts[1]);
  }
  // Sequences skipped for stale credentials are fine; a run that compares nothing is not.
  EXPECT_GT(compared, 100);
}

INSTANTIATE_TEST_SUITE_P(BothInferredModes, ExploreAgainstMock,
                         ::testing::Values("default", "alternative"));

TEST(Explore, NoFailureWithSessionsAndTheSameSeedGivesTheSameSequences) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  const auto folder = statuskit::testing::fresh_test_folder("explore");
  std::string reports[2];
  for (int round = 0; round < 2; ++round) {
    const auto report = folder / ("round" + std::to_string(round) + ".json");
    const auto run =
        run_conformance("explore --quiet --sequences 15 --seed 7 --report json:" + report.string() +
                        common_options(server.base_url()));
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("75 passed, 0 failed, 0 skipped"), std::string::npos) << run.output;
    // The coverage says what was combined and what was not.
    EXPECT_NE(run.output.find("callers × targets: "), std::string::npos) << run.output;
    std::ifstream in(report);
    const auto parsed = nlohmann::json::parse(in);
    std::string requirements;
    for (const auto& suite : parsed["suites"]) {
      EXPECT_FALSE(suite["notes"].empty()) << suite["name"];
      for (const auto& scenario : suite["scenarios"]) {
        requirements += scenario["id"].get<std::string>() + " " +
                        scenario["requirement"].get<std::string>() + "\n";
      }
    }
    reports[round] = requirements;
  }
  EXPECT_EQ(reports[0], reports[1]);
}

// A defect only a combination shows (the caller's own id among the targets), found by the
// differential oracle, shrunk to the single call that shows it, and replayed by its command.
TEST(Explore, AFindingIsShrunkToOneCallAndItsReplayCommandFailsAgain) {
  auto arguments = statuskit::testing::project_mock_arguments();
  arguments.insert(arguments.end(), {"--defect", "pria.self-not-skipped"});
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, arguments);
  const auto folder = statuskit::testing::fresh_test_folder("explore");
  const auto report = folder / "found.json";
  const auto run = run_conformance(
      "explore --quiet --suite pria --seed 1 --max-failures 1 --report json:" + report.string() +
      common_options(server.base_url()));
  ASSERT_EQ(run.exit_code, 1) << run.output;
  std::ifstream in(report);
  const auto parsed = nlohmann::json::parse(in);
  std::string failed_id;
  std::string requirement;
  for (const auto& scenario : parsed["suites"][0]["scenarios"]) {
    if (scenario["outcome"] != "failed") continue;
    failed_id = scenario["id"].get<std::string>();
    requirement = scenario["requirement"].get<std::string>();
    // The model's answer travels with the target's, for the side-by-side view.
    bool has_model = false;
    for (const auto& step : scenario["steps"]) has_model = has_model || step.contains("model");
    EXPECT_TRUE(has_model);
  }
  ASSERT_FALSE(failed_id.empty()) << run.output;
  // Shrunk to the one call that shows it: the super admin naming itself.
  EXPECT_EQ(requirement.rfind("1 call", 0), 0u) << requirement;
  EXPECT_NE(requirement.find("for roles.super_admin.id"), std::string::npos) << requirement;
  // The printed replay runs only that sequence, and it fails again.
  std::smatch replay;
  ASSERT_TRUE(std::regex_search(requirement, replay, std::regex(R"(--sequence (\d+))")))
      << requirement;
  const auto again = run_conformance("explore --quiet --suite pria --seed 1 --sequence " +
                                     replay[1].str() + common_options(server.base_url()));
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("0 passed, 1 failed"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find(failed_id), std::string::npos) << again.output;
}

TEST(Explore, AModelThatDoesNotStartIsAUsageError) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  const auto run = run_conformance("explore --quiet --suite pria --target " + server.base_url() +
                                   " --specs-dir " + kRoot + "/specs --suites-dir " + kRoot +
                                   "/conformance/suites --mock-program /bin/false");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("stopped at start"), std::string::npos) << run.output;
}

}  // namespace
