// How the runner orders scenarios and decides outcomes, against the real mock over loopback:
// seeded shuffles and repeats, setup steps, steps a failure kept from running, spec mismatches
// that do not stop a scenario, and inferred expectations that only warn.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/mock_target_test.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;
using statuskit::testing::HttpClient;
const std::string& kRoot = kSourceRoot;

class RunnerOrderAndOutcome : public MockTargetTest {
 protected:
  static RunOptions options() { return mock_options(); }

  /// A one-scenario Pria suite around `scenario` (id "t.case", source seed unless given).
  static Suite pria_suite(json scenario) {
    scenario["id"] = "t.case";
    scenario["requirement"] = "r";
    if (!scenario.contains("source")) scenario["source"] = "seed: test";
    return Suite::from_json(
        {{"suite", "pria"}, {"spec", "pria-admin.yaml"}, {"scenarios", {scenario}}}, "t.yaml");
  }

  /// A bulk-status step as the super admin: `status` for the first in-institution user.
  static json bulk_step(const std::string& status, json expect) {
    return {{"operation", "bulkSetUserStatus"},
            {"headers", {{"x-access-token", "${roles.super_admin.token}"}}},
            {"body", {{"status", status}, {"ids", {"${users.in_institution}"}}}},
            {"expect", std::move(expect)}};
  }

  static std::vector<std::string> order_of(const RunResult& result) {
    std::vector<std::string> order;
    for (const auto& suite : result.suites) {
      for (const auto& scenario : suite.scenarios) order.push_back(scenario.display_id());
    }
    return order;
  }
};

TEST_F(RunnerOrderAndOutcome, AShuffleIsReproducibleFromItsSeedAndRunsEveryScenarioOnce) {
  auto run = options();
  for (const char* name : {"pria", "symphony"}) {
    run.suites.push_back(
        Suite::load_file(kRoot + "/conformance/suites/" + std::string(name) + ".yaml"));
  }
  const auto written = order_of(run_suites(run));
  run.shuffle_seed = 42;
  const auto first = order_of(run_suites(run));
  const auto again = order_of(run_suites(run));
  run.shuffle_seed = 43;
  const auto other = order_of(run_suites(run));

  EXPECT_EQ(first, again) << "the same seed gives the same order";
  EXPECT_NE(first, written) << "a shuffle changes the order";
  EXPECT_NE(first, other) << "another seed gives another order";
  EXPECT_EQ(std::multiset<std::string>(first.begin(), first.end()),
            std::multiset<std::string>(written.begin(), written.end()))
      << "every scenario runs exactly once";
}

TEST_F(RunnerOrderAndOutcome, RepeatRunsEveryScenarioInEachRound) {
  auto run = options();
  run.suites.push_back(Suite::load_file(kRoot + "/conformance/suites/pria.yaml"));
  run.scenario_glob = "pria.bulk.*";
  run.repeat = 3;
  const auto result = run_suites(run);
  std::map<std::string, std::set<int>> rounds;
  for (const auto& scenario : result.suites.at(0).scenarios) {
    rounds[scenario.id].insert(scenario.iteration);
  }
  ASSERT_GE(rounds.size(), 5u);
  for (const auto& [id, seen] : rounds) EXPECT_EQ(seen, (std::set<int>{1, 2, 3})) << id;
  EXPECT_EQ(result.suites.at(0).scenarios.size(), rounds.size() * 3);
  EXPECT_EQ(result.repeat, 3);
}

TEST_F(RunnerOrderAndOutcome, AFailedExpectationStopsTheScenarioAndLaterStepsAreListedAsNotRun) {
  auto run = options();
  json scenario;
  scenario["setup"] = json::array({bulk_step("active", {{"status", 200}})});
  scenario["steps"] = json::array(
      {bulk_step("inactive", {{"status", 400}}), bulk_step("active", {{"status", 200}})});
  scenario["cleanup"] = json::array({bulk_step("active", {{"status", 200}})});
  run.suites.push_back(pria_suite(scenario));
  const auto result = run_suites(run);
  const auto& steps = result.suites.at(0).scenarios.at(0).steps;
  EXPECT_EQ(result.suites.at(0).scenarios.at(0).outcome, Outcome::kFailed);
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].phase, Phase::kSetup);
  EXPECT_TRUE(steps[0].ran);
  EXPECT_EQ(steps[0].status, 200);
  EXPECT_TRUE(steps[1].ran);
  ASSERT_EQ(steps[1].failures.size(), 1u);
  EXPECT_EQ(steps[1].failures[0].message, "expected status 400, got 200");
  EXPECT_EQ(steps[1].failures[0].source.to_string(), "seed: test");
  EXPECT_FALSE(steps[2].ran);
  EXPECT_EQ(steps[2].status, 0) << "nothing was sent";
  EXPECT_NE(steps[2].not_run_reason.find("bulkSetUserStatus"), std::string::npos)
      << steps[2].not_run_reason;
  EXPECT_EQ(steps[3].phase, Phase::kCleanup);
  EXPECT_TRUE(steps[3].ran) << "cleanup runs after a failure";
}

TEST_F(RunnerOrderAndOutcome, AFailedSetupStepStopsTheScenarioBeforeItsSteps) {
  auto run = options();
  json scenario;
  scenario["setup"] = json::array({bulk_step("active", {{"status", 201}})});
  scenario["steps"] = json::array({bulk_step("inactive", {{"status", 200}})});
  run.suites.push_back(pria_suite(scenario));
  const auto result = run_suites(run);
  const auto& outcome = result.suites.at(0).scenarios.at(0);
  EXPECT_EQ(outcome.outcome, Outcome::kFailed);
  ASSERT_EQ(outcome.steps.size(), 2u);
  EXPECT_FALSE(outcome.steps[1].ran);
  EXPECT_NE(outcome.steps[1].not_run_reason.find("setup"), std::string::npos);
}

TEST_F(RunnerOrderAndOutcome, ASpecMismatchFailsTheScenarioButLaterStepsStillRun) {
  HttpClient admin(server_->base_url());
  // One answer the Pria spec does not document, then the module answers again.
  ASSERT_EQ(admin
                .send_json("POST", "/__admin/faults",
                           {{"status", 599}, {"operationId", "bulkSetUserStatus"}, {"count", 1}})
                .status,
            201);
  auto run = options();
  run.profile.statuskit_mock = false;  // the fault is global: no session per scenario
  json unchecked = bulk_step("active", json::object());
  unchecked.erase("expect");
  json scenario;
  scenario["steps"] = json::array({unchecked, bulk_step("active", {{"status", 200}})});
  run.suites.push_back(pria_suite(scenario));
  const auto result = run_suites(run);
  const auto& outcome = result.suites.at(0).scenarios.at(0);
  EXPECT_EQ(outcome.outcome, Outcome::kFailed);
  ASSERT_EQ(outcome.steps.size(), 2u);
  ASSERT_EQ(outcome.steps[0].failures.size(), 1u);
  const Mismatch& mismatch = outcome.steps[0].failures[0];
  EXPECT_EQ(mismatch.origin, Mismatch::Origin::kSpec);
  EXPECT_EQ(mismatch.keyword, "undocumented-status");
  EXPECT_EQ(mismatch.status, 599);
  EXPECT_TRUE(outcome.steps[1].ran) << "a spec mismatch does not stop the scenario";
  EXPECT_EQ(outcome.steps[1].status, 200);
  EXPECT_TRUE(outcome.steps[1].failures.empty());
}

TEST_F(RunnerOrderAndOutcome, AnInferredExpectationWarnsUnlessStrictAndDoesNotStopTheScenario) {
  auto run = options();
  const json documented = {{"status", 200}};
  const json inferred = {{"body", {{"/updated", 7}}}, {"source", "inferred: a guess"}};
  json scenario;
  scenario["steps"] = json::array({bulk_step("active", json::array({documented, inferred})),
                                   bulk_step("active", {{"status", 200}})});
  run.suites.push_back(pria_suite(scenario));
  const auto lenient = run_suites(run);
  const auto& warned = lenient.suites.at(0).scenarios.at(0);
  EXPECT_EQ(warned.outcome, Outcome::kPassed);
  ASSERT_EQ(warned.steps.at(0).warnings.size(), 1u);
  EXPECT_EQ(warned.steps.at(0).warnings[0].source.to_string(), "inferred: a guess");
  EXPECT_EQ(warned.steps.at(0).warnings[0].pointer, "/updated");
  EXPECT_TRUE(warned.steps.at(1).ran);

  run.strict = true;
  const auto strict = run_suites(run);
  EXPECT_EQ(strict.suites.at(0).scenarios.at(0).outcome, Outcome::kFailed);
  EXPECT_EQ(strict.suites.at(0).scenarios.at(0).steps.at(0).failures.size(), 1u);
}

TEST_F(RunnerOrderAndOutcome, AnUnmetPreconditionSkipsTheScenarioWithTheReason) {
  auto run = options();
  json stale_data = bulk_step("active", {{"status", 201}});
  stale_data["name"] = "the test data is fresh";
  stale_data["precondition"] = true;
  json scenario;
  scenario["setup"] = json::array({stale_data});
  scenario["steps"] = json::array({bulk_step("inactive", {{"status", 200}})});
  scenario["cleanup"] = json::array({bulk_step("active", {{"status", 200}})});
  run.suites.push_back(pria_suite(scenario));
  const auto result = run_suites(run);
  const auto& outcome = result.suites.at(0).scenarios.at(0);
  EXPECT_EQ(outcome.outcome, Outcome::kSkipped);
  EXPECT_EQ(outcome.skip_reason,
            "precondition not met: 'the test data is fresh': expected status 201, got 200");
  ASSERT_EQ(outcome.steps.size(), 3u);
  EXPECT_TRUE(outcome.steps[0].failures.empty()) << "not the server's failure";
  EXPECT_EQ(outcome.steps[0].warnings.size(), 1u) << "but shown";
  EXPECT_FALSE(outcome.steps[1].ran);
  EXPECT_TRUE(outcome.steps[2].ran) << "cleanup still runs";
}

TEST(SuiteFormat, OnlySetupStepsCanBePreconditions) {
  const json step = {{"operation", "bulkSetUserStatus"}, {"precondition", true}};
  try {
    Suite::from_json(
        {{"suite", "pria"},
         {"spec", "pria-admin.yaml"},
         {"scenarios",
          {{{"id", "a"}, {"requirement", "r"}, {"source", "seed"}, {"steps", {step}}}}}},
        "p.yaml");
    FAIL() << "accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(
        error.what(),
        "p.yaml: /scenarios/0/steps/0/precondition: only a setup step can be a precondition");
  }
}

}  // namespace
}  // namespace statuskit::conformance
