#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "reporters.h"
#include "version.h"

// CTRF (https://ctrf.io, specVersion 0.0.0): the JSON report format GitHub Actions and other CI
// dashboards read. Its schema forbids properties it does not define, so statuskit's own data
// (requirement, spec, defects caught, warnings, target) goes where CTRF allows it: labels,
// tags and the `extra` objects.

namespace statuskit::conformance {
namespace {

using nlohmann::json;

std::int64_t whole_ms(double ms) { return static_cast<std::int64_t>(std::llround(ms)); }

json test_entry(const SuiteResult& suite, const ScenarioResult& scenario) {
  json test{{"name", scenario.id},
            {"status", outcome_name(scenario.outcome)},  // CTRF uses the same three words
            {"duration", whole_ms(scenario.elapsed_ms)},
            {"suite", {suite.name}},
            {"type", "conformance"},
            {"labels", {{"requirement", scenario.requirement}, {"spec", suite.spec}}}};
  if (!scenario.catches.empty()) test["tags"] = scenario.catches;
  if (scenario.outcome == Outcome::kSkipped) {
    test["message"] = scenario.skip_reason;
    return test;
  }
  std::string message;
  for (const auto& failure : scenario.failures())
    message += (message.empty() ? "" : "\n") + failure;
  if (!message.empty()) test["message"] = message;
  // The trace a developer replays: each request of the scenario as a curl command.
  std::string trace;
  json steps = json::array();
  json warnings = json::array();
  for (const auto& step : scenario.steps) {
    const std::string name = step.name.empty() ? step.operation : step.name;
    const std::string prefix =
        step.phase == Phase::kTest ? "" : phase_name(step.phase) + std::string(": ");
    steps.push_back({{"name", prefix + name},
                     {"status", !step.ran               ? "skipped"
                                : step.failures.empty() ? "passed"
                                                        : "failed"}});
    if (!step.curl.empty()) trace += (trace.empty() ? "" : "\n") + step.curl;
    for (const auto& warning : step.warnings)
      warnings.push_back(name + ": " + mismatch_line(warning));
  }
  if (!trace.empty()) test["trace"] = trace;
  if (!steps.empty()) test["steps"] = steps;
  if (!warnings.empty()) test["extra"] = {{"warnings", warnings}};
  return test;
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
        {"extra",
         {{"target", run.target}, {"profile", run.profile}, {"warnings", run.warning_count()}}}}}};
  out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace statuskit::conformance
