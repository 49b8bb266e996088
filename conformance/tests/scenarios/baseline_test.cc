// A vendor adopts the kit on a server with known gaps: --write-baseline records them, --baseline
// then fails only on new mismatches and lists the recorded ones that no longer occur. Driven
// through the real binary against the mock, whose defects play the server's gaps.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/command_runner.h"
#include "support/mock_server_process.h"

namespace {

using nlohmann::json;
using statuskit::testing::MockServerProcess;
using statuskit::testing::run_conformance;

const std::string kRoot = STATUSKIT_SOURCE_DIR;
const std::string kArguments = " --profile " + kRoot + "/fixtures/targets/mock.yaml --suites-dir " +
                               kRoot + "/conformance/suites --specs-dir " + kRoot +
                               "/specs --suite pria";

std::filesystem::path temp_folder() {
  // Per process: two builds' test runs on one machine must not share the files.
  const auto folder = std::filesystem::path(::testing::TempDir()) /
                      ("statuskit-baseline-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  return folder;
}

/// Runs the Pria suite against a fresh mock with `defects` switched on.
statuskit::testing::CommandResult run_pria(const std::vector<std::string>& defects,
                                           const std::string& extra) {
  auto arguments = statuskit::testing::project_mock_arguments();
  for (const auto& defect : defects) arguments.insert(arguments.end(), {"--defect", defect});
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, arguments);
  return run_conformance("run --quiet --target " + server.base_url() + kArguments + " " + extra);
}

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

/// The scenarios that failed, from a JSON report.
std::set<std::string> failed_scenarios(const json& report) {
  std::set<std::string> failed;
  for (const auto& suite : report["suites"]) {
    for (const auto& scenario : suite["scenarios"]) {
      if (scenario["outcome"] == "failed") failed.insert(scenario["id"].get<std::string>());
    }
  }
  return failed;
}

TEST(Baseline, RecordedDeviationsWarnNewOnesFailAndFixedOnesAreListedAsResolved) {
  const auto folder = temp_folder();
  const auto baseline = folder / "known.json";
  const auto report = folder / "report.json";
  std::filesystem::remove(baseline);

  // 1. A server with a known gap: recording it makes the run pass and writes the file.
  const auto recorded =
      run_pria({"pria.self-not-skipped"}, "--write-baseline " + baseline.string());
  ASSERT_EQ(recorded.exit_code, 0) << recorded.output;
  EXPECT_NE(recorded.output.find("known deviations recorded in " + baseline.string()),
            std::string::npos)
      << recorded.output;
  const json file = read_json(baseline);
  EXPECT_EQ(file["schema"], "statuskit-conformance-baseline/1");
  ASSERT_FALSE(file["deviations"].empty());
  for (const auto& deviation : file["deviations"]) {
    EXPECT_EQ(deviation["scenario"], "pria.bulk.self-skip") << deviation.dump();
    EXPECT_NE(deviation["fingerprint"].get<std::string>().find("pria.bulk.self-skip|"),
              std::string::npos);
  }

  // 2. The same server again: clean, the gap shown as baselined.
  const auto clean = run_pria({"pria.self-not-skipped"}, "--baseline " + baseline.string());
  EXPECT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_NE(clean.output.find(" 0 failed, 0 skipped, " + std::to_string(file["deviations"].size()) +
                              " baselined"),
            std::string::npos)
      << clean.output;

  // 3. A regression: only the new defect's scenario fails.
  const auto regressed =
      run_pria({"pria.self-not-skipped", "pria.accepts-501-ids"},
               "--baseline " + baseline.string() + " --report json:" + report.string());
  EXPECT_EQ(regressed.exit_code, 1) << regressed.output;
  const json regressed_report = read_json(report);
  EXPECT_EQ(failed_scenarios(regressed_report),
            (std::set<std::string>{"pria.bulk.501-ids-rejected"}))
      << regressed.output;
  bool marked = false;
  for (const auto& scenario : regressed_report["suites"][0]["scenarios"]) {
    if (scenario["id"] != "pria.bulk.self-skip") continue;
    for (const auto& step : scenario["steps"]) {
      for (const auto& warning : step["warnings"]) marked = marked || warning["baselined"] == true;
    }
  }
  EXPECT_TRUE(marked) << "the JSON report marks the baselined mismatches";

  // 4. The gap is fixed: the run passes and says which recorded deviations are gone.
  const auto fixed = run_pria({}, "--baseline " + baseline.string());
  EXPECT_EQ(fixed.exit_code, 0) << fixed.output;
  EXPECT_NE(fixed.output.find("Resolved (in the baseline " + baseline.string()), std::string::npos)
      << fixed.output;
  EXPECT_NE(fixed.output.find("  pria.bulk.self-skip: "), std::string::npos) << fixed.output;
}

TEST(Baseline, ABaselineOfAnotherFormatIsAUsageError) {
  const auto path = temp_folder() / "not-a-baseline.json";
  std::ofstream(path) << R"({"deviations": "none"})";
  const auto result = run_conformance("run --target http://127.0.0.1:9" + kArguments +
                                      " --baseline " + path.string());
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find(path.string() + ": not a baseline file"), std::string::npos)
      << result.output;
}

TEST(RelativePaths, AMissingRelativePathNamesTheFoldersItWasLookedForIn) {
  // Here first, then the bundled data (the source tree, for a program in the build tree).
  const std::string looked_in =
      "(relative to " + std::filesystem::current_path().string() + " or to " + kRoot + ")";
  const auto profile = run_conformance("run --profile no-such-profile.yaml");
  EXPECT_EQ(profile.exit_code, 2);
  EXPECT_NE(profile.output.find("--profile no-such-profile.yaml: no such file " + looked_in),
            std::string::npos)
      << profile.output;
  const auto suites = run_conformance("list --suites-dir no-such-suites");
  EXPECT_EQ(suites.exit_code, 2);
  EXPECT_NE(suites.output.find("--suites-dir no-such-suites: no such folder " + looked_in),
            std::string::npos)
      << suites.output;
  const auto specs = run_conformance("run --profile " + kRoot +
                                     "/fixtures/targets/mock.yaml --specs-dir no-such-specs");
  EXPECT_EQ(specs.exit_code, 2);
  EXPECT_NE(specs.output.find("--specs-dir no-such-specs: no such folder " + looked_in),
            std::string::npos)
      << specs.output;
}

}  // namespace
