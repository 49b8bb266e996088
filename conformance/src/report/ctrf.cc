#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "report/reporters.h"
#include "scenarios/finding_groups.h"
#include "scenarios/mismatch_key.h"
#include "version.h"

// CTRF (https://ctrf.io, specVersion 0.0.0): the JSON report format GitHub Actions and other CI
// dashboards read. Its schema forbids properties it does not define, so statuskit's own data
// (requirement and its source, spec, defects caught, mismatches with their provenance,
// baselined ones, steps that did not run, target, baseline) goes where CTRF allows it: labels,
// tags and the `extra` objects of the report, the tests and the steps.

namespace statuskit::conformance {
namespace {

using nlohmann::json;

std::int64_t whole_ms(double ms) { return static_cast<std::int64_t>(std::llround(ms)); }

/// A mismatch for a step's `extra`: what it is, where it comes from, whether it is known.
json mismatch_entry(const ScenarioResult& scenario, std::size_t step_index,
                    const Mismatch& mismatch, bool is_failure) {
  return {{"level", is_failure           ? "failure"
                    : mismatch.baselined ? "baselined"
                                         : "warning"},
          {"message", mismatch.text()},
          {"source", mismatch.source.to_string()},
          {"origin", origin_name(mismatch.origin)},
          {"baselined", mismatch.baselined},
          {"fingerprint", fingerprint(scenario, step_index, mismatch)},
          {"request", mismatch.request}};
}

/// CTRF steps carry only name, status and `extra`: the phase, the answer, why a step did not
/// run ("skipped" is CTRF's status for it) and its mismatches go into `extra`.
json step_entry(const ScenarioResult& scenario, std::size_t step_index) {
  const StepResult& step = scenario.steps[step_index];
  const std::string prefix =
      step.phase == Phase::kTest ? "" : phase_name(step.phase) + std::string(": ");
  json extra{{"phase", phase_name(step.phase)}, {"operation", step.operation}};
  if (!step.ran) {
    extra["notRunReason"] = step.not_run_reason;
  } else {
    extra["httpStatus"] = step.status;
  }
  json mismatches = json::array();
  for (const auto& failure : step.failures)
    mismatches.push_back(mismatch_entry(scenario, step_index, failure, true));
  for (const auto& warning : step.warnings)
    mismatches.push_back(mismatch_entry(scenario, step_index, warning, false));
  if (!mismatches.empty()) extra["mismatches"] = mismatches;
  return {{"name", prefix + step.label()},
          {"status", !step.ran               ? "skipped"
                     : step.failures.empty() ? "passed"
                                             : "failed"},
          {"extra", extra}};
}

json test_entry(const SuiteResult& suite, const ScenarioResult& scenario) {
  json test{{"name", scenario.display_id()},
            {"status", outcome_name(scenario.outcome)},  // CTRF uses the same three words
            {"duration", whole_ms(scenario.elapsed_ms)},
            {"suite", {suite.name}},
            {"type", "conformance"},
            {"labels",
             {{"requirement", scenario.requirement},
              {"source", scenario.source.to_string()},
              {"spec", suite.spec}}}};
  if (!scenario.catches.empty()) test["tags"] = scenario.catches;
  if (scenario.outcome == Outcome::kSkipped) {
    test["message"] = scenario.skip_reason;
    return test;
  }
  std::string message;
  for (const auto& failure : failure_lines(scenario))
    message += (message.empty() ? "" : "\n") + failure;
  if (!message.empty()) test["message"] = message;
  // The trace a developer replays: each request of the scenario as a curl command.
  std::string trace;
  json steps = json::array();
  json warnings = json::array();
  json baselined = json::array();
  json not_run = json::array();
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    const StepResult& step = scenario.steps[i];
    steps.push_back(step_entry(scenario, i));
    if (!step.curl.empty()) trace += (trace.empty() ? "" : "\n") + step.curl;
    for (const auto& warning : step.warnings)
      (warning.baselined ? baselined : warnings)
          .push_back(step.label() + ": " + mismatch_line(warning));
    if (!step.ran) not_run.push_back(not_run_line(step));
  }
  if (!trace.empty()) test["trace"] = trace;
  if (!steps.empty()) test["steps"] = steps;
  json extra = json::object();
  if (!warnings.empty()) extra["warnings"] = warnings;
  if (!baselined.empty()) extra["baselined"] = baselined;
  if (!not_run.empty()) extra["notRun"] = not_run;
  if (scenario.iteration > 1) extra["iteration"] = scenario.iteration;
  if (!extra.empty()) test["extra"] = extra;
  return test;
}

/// The run's own data: target, counts, the baseline and its resolved entries, the order.
json run_extra(const RunResult& run) {
  json extra{{"target", run.target},
             {"profile", run.profile},
             {"warnings", run.warning_count()},
             {"repeat", run.repeat}};
  if (run.shuffle_seed) extra["shuffleSeed"] = *run.shuffle_seed;
  if (run.generation_seed) extra["generationSeed"] = *run.generation_seed;
  if (!run.baseline.empty()) {
    json resolved = json::array();
    for (const auto& entry : run.resolved) {
      resolved.push_back({{"fingerprint", entry.fingerprint},
                          {"scenario", entry.scenario},
                          {"message", entry.message}});
    }
    extra["baseline"] = {
        {"file", run.baseline}, {"baselined", run.baselined_count()}, {"resolved", resolved}};
  }
  return extra;
}

}  // namespace

void write_ctrf(std::ostream& out, const RunResult& run) {
  json tests = json::array();
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) tests.push_back(test_entry(suite, scenario));
  }
  const std::int64_t duration = whole_ms(run.elapsed_ms);
  const json report{
      {"reportFormat", "CTRF"},
      {"specVersion", "0.0.0"},
      {"timestamp", run.started_at},
      {"generatedBy", "statuskit-conformance " + std::string(version())},
      {"results",
       {{"tool", {{"name", "statuskit-conformance"}, {"version", std::string(version())}}},
        {"summary",
         {{"tests", tests.size()},
          {"passed", run.count(Outcome::kPassed)},
          {"failed", run.count(Outcome::kFailed)},
          {"skipped", run.count(Outcome::kSkipped)},
          {"pending", 0},
          {"other", 0},
          {"suites", run.suites.size()},
          {"start", run.started_epoch_ms},
          {"stop", run.started_epoch_ms + duration},
          {"duration", duration}}},
        {"tests", tests},
        {"extra", run_extra(run)}}}};
  out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace statuskit::conformance
