// The standing proof that the suites are right on servers this project did not write.
// 1. Without sessions and resets, the mock behaves like a real server that keeps state: every
//    scenario must set up what it needs and leave the server as it found it, so every suite
//    passes in any order, and twice in a row.
// 2. With --inferred alternative, the mock makes the other plausible choice wherever the specs
//    mark behaviour inferred: a suite that passes against it asserts only what is documented
//    (deviations from our inferred choices still show, as warnings).
#include <gtest/gtest.h>

#include "runner.h"
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

/// "<scenario> #<round>: <step>: <mismatch>" for every failure, and the skipped scenarios.
std::string problems_of(const RunResult& result) {
  std::string problems;
  for (const auto& suite : result.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (scenario.outcome == Outcome::kSkipped) {
        problems += scenario.display_id() + ": skipped: " + scenario.skip_reason + "\n";
      }
      for (const auto& failure : scenario.failures()) {
        problems += scenario.display_id() + ": " + failure + "\n";
      }
    }
  }
  return problems;
}

int scenario_count(const RunResult& result) {
  int count = 0;
  for (const auto& suite : result.suites) count += static_cast<int>(suite.scenarios.size());
  return count;
}

TEST(SuitesOnAServerWithoutSessions, PassShuffledAndRepeated) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  // One server for every seed: each run starts from what the previous one left behind.
  for (const std::uint64_t seed : kSeeds) {
    const auto result = run_suites(real_server_options(server.base_url(), seed));
    EXPECT_EQ(problems_of(result), "") << "seed " << seed;
    EXPECT_GE(scenario_count(result), 2 * 90) << "seed " << seed;
    EXPECT_EQ(result.warning_count(), 0) << "seed " << seed << ": the mock makes our own choices";
  }
}

TEST(SuitesOnAMockThatChoosesDifferently, PassShuffledAndRepeatedWithWarningsOnly) {
  auto arguments = statuskit::testing::project_mock_arguments();
  arguments.insert(arguments.end(), {"--inferred", "alternative"});
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, arguments);
  for (const std::uint64_t seed : kSeeds) {
    const auto result = run_suites(real_server_options(server.base_url(), seed));
    EXPECT_EQ(problems_of(result), "") << "seed " << seed;
    EXPECT_GE(scenario_count(result), 2 * 90) << "seed " << seed;
    // The other choices do show: as warnings against the inferred expectations and responses.
    EXPECT_GT(result.warning_count(), 0) << "seed " << seed;
  }
}

}  // namespace
}  // namespace statuskit::conformance
