// The standing proof that the suites are right on servers this project did not write.
// 1. Without sessions and resets, the mock behaves like a real server that keeps state: every
//    scenario must set up what it needs and leave the server as it found it, so every suite
//    passes in any order, and twice in a row.
// 2. With --inferred alternative, the mock makes the other plausible choice wherever the specs
//    mark behaviour inferred: a suite that passes against it asserts only what is documented
//    (deviations from our inferred choices still show, as warnings).
#include <gtest/gtest.h>

#include <set>

#include "scenarios/runner.h"
#include "support/mock_server_process.h"

namespace statuskit::conformance {
namespace {

using statuskit::testing::MockServerProcess;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

/// Seeds are fixed so a failure reproduces: `conformance run --shuffle SEED --repeat 2`.
constexpr std::uint64_t kSeeds[] = {1, 20261127, 987654321};

RunOptions real_server_options(const std::string& base_url, std::uint64_t seed) {
  RunOptions run;
  run.target = base_url;
  run.profile = TargetProfile::load_file(kRoot + "/fixtures/targets/mock.yaml");
  run.profile.statuskit_mock = false;  // no sessions, no resets: state carries over
  run.specs_dir = kRoot + "/specs";
  run.shuffle_seed = seed;
  run.repeat = 2;
  for (const char* name : {"pria", "rocketchat", "symphony", "d3lay", "docspace"}) {
    run.suites.push_back(
        Suite::load_file(kRoot + "/conformance/suites/" + std::string(name) + ".yaml"));
  }
  return run;
}

/// "<scenario> #<round>: <step>: <mismatch>" for every failure, and the skipped scenarios but
/// those whose test data an earlier run used up (a token wiped for good: "precondition not met").
/// Records in `passed` the scenarios that passed.
std::string problems_of(const RunResult& result, std::set<std::string>& passed) {
  std::string problems;
  for (const auto& suite : result.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (scenario.outcome == Outcome::kPassed) passed.insert(scenario.id);
      if (scenario.outcome == Outcome::kSkipped &&
          scenario.skip_reason.rfind("precondition not met: ", 0) != 0) {
        problems += scenario.display_id() + ": skipped: " + scenario.skip_reason + "\n";
      }
      for (const auto& failure : scenario.failures()) {
        problems += scenario.display_id() + ": " + failure + "\n";
      }
    }
  }
  return problems;
}

/// Every scenario of the bundled suites that `passed` lacks: a scenario skipped for a used-up
/// precondition must still pass in the first round on a fresh server.
std::string never_passed(const std::set<std::string>& passed) {
  std::string missing;
  for (const auto& suite : real_server_options("", 0).suites) {
    for (const auto& scenario : suite.scenarios) {
      if (passed.count(scenario.id) == 0) missing += scenario.id + "\n";
    }
  }
  return missing;
}

/// The warnings of the scenarios that ran (a skipped one shows its unmet precondition as one).
std::string warnings_of_run_scenarios(const RunResult& result) {
  std::string warnings;
  for (const auto& suite : result.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (scenario.outcome == Outcome::kSkipped) continue;
      for (const auto& step : scenario.steps) {
        for (const auto& warning : step.warnings) {
          warnings += scenario.display_id() + ": " + step.label() + ": " + warning.text() + "\n";
        }
      }
    }
  }
  return warnings;
}

int scenario_count(const RunResult& result) {
  int count = 0;
  for (const auto& suite : result.suites) count += static_cast<int>(suite.scenarios.size());
  return count;
}

TEST(SuitesOnAServerWithoutSessions, PassShuffledAndRepeated) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  // One server for every seed: each run starts from what the previous one left behind.
  std::set<std::string> passed;
  for (const std::uint64_t seed : kSeeds) {
    const auto result = run_suites(real_server_options(server.base_url(), seed));
    EXPECT_EQ(problems_of(result, passed), "") << "seed " << seed;
    EXPECT_GE(scenario_count(result), 2 * 90) << "seed " << seed;
    EXPECT_EQ(warnings_of_run_scenarios(result), "")
        << "seed " << seed << ": the mock makes our own choices";
  }
  EXPECT_EQ(never_passed(passed), "");
}

TEST(SuitesOnAMockThatChoosesDifferently, PassShuffledAndRepeatedWithWarningsOnly) {
  auto arguments = statuskit::testing::project_mock_arguments();
  arguments.insert(arguments.end(), {"--inferred", "alternative"});
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, arguments);
  std::set<std::string> passed;
  for (const std::uint64_t seed : kSeeds) {
    const auto result = run_suites(real_server_options(server.base_url(), seed));
    EXPECT_EQ(problems_of(result, passed), "") << "seed " << seed;
    EXPECT_GE(scenario_count(result), 2 * 90) << "seed " << seed;
    // The other choices do show: as warnings against the inferred expectations and responses.
    EXPECT_GT(result.warning_count(), 0) << "seed " << seed;
  }
  EXPECT_EQ(never_passed(passed), "");
}

}  // namespace
}  // namespace statuskit::conformance
