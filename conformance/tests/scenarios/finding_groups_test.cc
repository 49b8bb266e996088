// Findings: one root cause across many scenarios is one group with a count, and different root
// causes (another keyword, another place, another vendor) stay apart; failures, warnings and
// known (baselined) mismatches are never mixed.
#include "scenarios/finding_groups.h"

#include <gtest/gtest.h>

namespace statuskit::conformance {
namespace {

Mismatch missing_field(int index) {
  Mismatch mismatch;
  mismatch.origin = Mismatch::Origin::kSpec;
  mismatch.source = {SourceKind::kDocs, "spec"};
  mismatch.operation = "bulkSetUserStatus";
  mismatch.status = 200;
  mismatch.pointer = "/skipped/" + std::to_string(index) + "/reason";
  mismatch.keyword = "required";
  mismatch.message = "/skipped/" + std::to_string(index) + ": required property 'reason' missing";
  return mismatch;
}

ScenarioResult scenario_with(const std::string& id, std::vector<Mismatch> failures,
                             std::vector<Mismatch> warnings = {}) {
  ScenarioResult scenario;
  scenario.suite = "pria";
  scenario.id = id;
  scenario.outcome = failures.empty() ? Outcome::kPassed : Outcome::kFailed;
  StepResult step;
  step.name = "bulk update";
  step.operation = "bulkSetUserStatus";
  step.status = 200;
  step.failures = std::move(failures);
  step.warnings = std::move(warnings);
  scenario.steps.push_back(std::move(step));
  return scenario;
}

RunResult run_of(std::vector<ScenarioResult> scenarios, const std::string& suite = "pria") {
  RunResult run;
  run.suites.push_back({suite, "pria-admin.yaml", "", std::move(scenarios), {}, {}});
  return run;
}

TEST(FindingGroups, TwentyEightScenariosWithOneMissingFieldAreOneFinding) {
  std::vector<ScenarioResult> scenarios;
  for (int i = 0; i < 28; ++i) {
    scenarios.push_back(scenario_with("pria.bulk.case-" + std::to_string(i), {missing_field(i)}));
  }
  const auto groups = group_findings(run_of(scenarios), FindingKind::kFailure);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].count, 28);
  ASSERT_EQ(groups[0].scenarios.size(), 28u);
  EXPECT_EQ(groups[0].scenarios.front(), "pria.bulk.case-0");
  EXPECT_EQ(groups[0].scenarios.back(), "pria.bulk.case-27");
  EXPECT_EQ(groups[0].key, "bulkSetUserStatus 200 /skipped/*/reason required");
  EXPECT_EQ(groups[0].example.message, "/skipped/0: required property 'reason' missing")
      << "the first occurrence stands for all";
  EXPECT_EQ(groups[0].example_step, "bulk update");
  EXPECT_EQ(groups[0].sources, std::vector<std::string>{"docs: spec"});
  EXPECT_EQ(finding_title(groups[0]), "bulkSetUserStatus -> 200: /skipped/*/reason (required)");
}

TEST(FindingGroups, RepeatsInOneScenarioCountButListTheScenarioOnce) {
  const auto groups = group_findings(
      run_of({scenario_with("pria.a", {missing_field(0), missing_field(1), missing_field(2)})}),
      FindingKind::kFailure);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].count, 3);
  EXPECT_EQ(groups[0].scenarios, std::vector<std::string>{"pria.a"});
}

TEST(FindingGroups, DifferentKeywordsPlacesStatusesOrVendorsAreSeparateFindings) {
  Mismatch type = missing_field(0);
  type.keyword = "type";
  Mismatch elsewhere = missing_field(0);
  elsewhere.pointer = "/updated";
  Mismatch other_status = missing_field(0);
  other_status.status = 207;
  std::vector<ScenarioResult> scenarios{
      scenario_with("pria.a", {missing_field(0), type}),
      scenario_with("pria.b", {elsewhere, other_status, missing_field(3)})};
  auto run = run_of(scenarios);
  run.suites.push_back(
      {"d3lay", "d3lay.yaml", "", {scenario_with("d3lay.a", {missing_field(0)})}, {}, {}});
  const auto groups = group_findings(run, FindingKind::kFailure);
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[0].count, 2) << "the largest group comes first";
  EXPECT_EQ(groups[0].suite, "pria");
  EXPECT_EQ(groups[0].scenarios, (std::vector<std::string>{"pria.a", "pria.b"}));
  EXPECT_EQ(groups[1].key, "bulkSetUserStatus 200 /skipped/*/reason type") << "then run order";
  EXPECT_EQ(groups[4].suite, "d3lay") << "an operationId is only unique within its vendor";
}

TEST(FindingGroups, FailuresWarningsAndKnownOnesAreSeparate) {
  Mismatch warning = missing_field(0);
  warning.source = {SourceKind::kInferred, "spec response 401"};
  Mismatch known = missing_field(1);
  known.baselined = true;
  const auto run = run_of(
      {scenario_with("pria.a", {missing_field(2)}), scenario_with("pria.b", {}, {warning, known})});
  const auto failures = group_findings(run, FindingKind::kFailure);
  const auto warnings = group_findings(run, FindingKind::kWarning);
  const auto knowns = group_findings(run, FindingKind::kKnown);
  ASSERT_EQ(failures.size(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  ASSERT_EQ(knowns.size(), 1u);
  EXPECT_EQ(warnings[0].sources, std::vector<std::string>{"inferred: spec response 401"});
  EXPECT_TRUE(knowns[0].example.baselined);
  EXPECT_EQ(knowns[0].kind, FindingKind::kKnown);
}

// Issue 29 item 6: one bug read as "Failures: 1 finding" plus "Warnings: 1 finding" when a
// check failed and its inferred variant warned on the same answer.
TEST(FindingGroups, AWarningOnTheSameAnswerAsAFailureIsPartOfThatFinding) {
  Mismatch inferred = missing_field(0);
  inferred.source = {SourceKind::kInferred, "spec response 200"};
  const auto run = run_of({scenario_with("pria.a", {missing_field(1)}, {inferred}),
                           scenario_with("pria.b", {}, {inferred})});
  const auto failures = group_findings(run, FindingKind::kFailure);
  const auto warnings = group_findings(run, FindingKind::kWarning);
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_EQ(failures[0].merged_warnings, 1);
  ASSERT_EQ(warnings.size(), 1U) << "a warning on an answer that failed nothing stays a warning";
  EXPECT_EQ(warnings[0].scenarios, std::vector<std::string>{"pria.b"});
}

// The 501-ids bug: the status check fails (200, not 400) and the inferred check of the body of
// that same answer warns (/success: expected false): one finding.
TEST(FindingGroups, AWarningAboutTheBodyOfAFailedAnswerIsPartOfThatFinding) {
  Mismatch status;
  status.origin = Mismatch::Origin::kExpectation;
  status.operation = "bulkSetUserStatus";
  status.status = 200;
  status.pointer = "status";
  status.keyword = "status";
  Mismatch body = status;
  body.pointer = "/success";
  body.keyword = "equals";
  body.source = {SourceKind::kInferred, "Pria's other endpoints"};
  const auto run = run_of({scenario_with("pria.501", {status}, {body})});
  const auto failures = group_findings(run, FindingKind::kFailure);
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_EQ(failures[0].merged_warnings, 1);
  EXPECT_TRUE(group_findings(run, FindingKind::kWarning).empty());
}

TEST(FindingGroups, EveryDistinctSourceIsKept) {
  Mismatch seed = missing_field(0);
  seed.source = {SourceKind::kSeed, "200 example"};
  const auto groups = group_findings(
      run_of({scenario_with("pria.a", {missing_field(0)}), scenario_with("pria.b", {seed})}),
      FindingKind::kFailure);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].sources, (std::vector<std::string>{"docs: spec", "seed: 200 example"}));
}

TEST(FindingGroups, TitlesReadWithoutAnOperationOrAnswer) {
  FindingGroup group;
  group.example.origin = Mismatch::Origin::kTransport;
  group.example.keyword = "transport";
  group.example.operation = "setStatus";
  EXPECT_EQ(finding_title(group), "setStatus -> no answer (transport)");
  group.example.operation.clear();
  group.example.keyword = "reset";
  EXPECT_EQ(finding_title(group), "no answer (reset)");
  group.example.operation = "setStatus";
  group.example.status = 200;
  group.example.pointer = "status";
  group.example.keyword = "status";
  EXPECT_EQ(finding_title(group), "setStatus -> 200 (status)") << "no 'status' twice";
}

TEST(NotRunSteps, ListsEveryStepThatDidNotRunWithItsScenario) {
  auto scenario = scenario_with("pria.a", {missing_field(0)});
  StepResult skipped;
  skipped.name = "read it back";
  skipped.phase = Phase::kTest;
  skipped.ran = false;
  skipped.not_run_reason = "not run: the test step 'bulk update' failed";
  scenario.steps.push_back(skipped);
  skipped.name = "create";
  skipped.phase = Phase::kSetup;
  scenario.steps.push_back(skipped);
  scenario.iteration = 2;
  const RunResult run = run_of({scenario});  // the steps found point into it
  const auto found = not_run_steps(run);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].scenario, "pria.a #2");
  EXPECT_EQ(found[0].suite, "pria");
  EXPECT_EQ(step_title(*found[0].step), "'read it back'");
  EXPECT_EQ(step_title(*found[1].step), "setup 'create'");
  EXPECT_EQ(not_run_line(*found[1].step),
            "setup 'create': not run: the test step 'bulk update' failed");
  StepResult other = *found[1].step;
  other.not_run_reason = "the target went away";
  EXPECT_EQ(not_run_line(other), "setup 'create': not run: the target went away");
}

}  // namespace
}  // namespace statuskit::conformance
