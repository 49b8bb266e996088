#include <nlohmann/json.hpp>
#include <ostream>

#include "report/reporters.h"
#include "scenarios/mismatch_key.h"

namespace statuskit::conformance {

namespace {

using nlohmann::json;

json mismatches_json(const ScenarioResult& scenario, std::size_t step_index,
                     const std::vector<Mismatch>& mismatches) {
  json list = json::array();
  for (const auto& mismatch : mismatches) {
    list.push_back({{"message", mismatch.text()},
                    {"origin", origin_name(mismatch.origin)},
                    {"source", mismatch.source.to_string()},
                    {"operation", mismatch.operation},
                    {"status", mismatch.status},
                    {"pointer", mismatch.pointer},
                    {"keyword", mismatch.keyword},
                    {"groupKey", group_key(mismatch)},
                    {"fingerprint", fingerprint(scenario, step_index, mismatch)},
                    {"baselined", mismatch.baselined},
                    {"request", mismatch.request}});
  }
  return list;
}

/// The --baseline file, how many of its deviations this run saw, and those it no longer saw;
/// null without a baseline.
json baseline_json(const RunResult& run) {
  if (run.baseline.empty()) return nullptr;
  json resolved = json::array();
  for (const auto& entry : run.resolved) {
    resolved.push_back({{"fingerprint", entry.fingerprint},
                        {"scenario", entry.scenario},
                        {"message", entry.message}});
  }
  return {{"file", run.baseline}, {"baselined", run.baselined_count()}, {"resolved", resolved}};
}

}  // namespace

void write_json(std::ostream& out, const RunResult& run) {
  json suites = json::array();
  for (const auto& suite : run.suites) {
    json scenarios = json::array();
    for (const auto& scenario : suite.scenarios) {
      json steps = json::array();
      for (std::size_t index = 0; index < scenario.steps.size(); ++index) {
        const StepResult& step = scenario.steps[index];
        json request_headers = json::object();
        for (const auto& [name, value] : step.request_headers) request_headers[name] = value;
        json response_headers = json::object();
        for (const auto& [name, value] : step.response_headers) response_headers[name] = value;
        steps.push_back({{"name", step.name},
                         {"operation", step.operation},
                         {"phase", phase_name(step.phase)},
                         {"ran", step.ran},
                         {"notRunReason", step.not_run_reason},
                         {"request",
                          {{"method", step.method},
                           {"url", step.url},
                           {"headers", request_headers},
                           {"body", step.request_body},
                           {"bodySize", step.request_body_size},
                           {"curl", step.curl}}},
                         {"response",
                          {{"status", step.status},
                           {"headers", response_headers},
                           {"body", step.response_body},
                           {"bodySize", step.response_body_size},
                           {"transportError", step.transport_error}}},
                         {"expectedStatuses", step.expected_statuses},
                         {"elapsedMs", step.elapsed_ms},
                         {"failures", mismatches_json(scenario, index, step.failures)},
                         {"warnings", mismatches_json(scenario, index, step.warnings)}});
        if (step.model_status) {
          steps.back()["model"] = {{"status", *step.model_status}, {"body", step.model_body}};
        }
      }
      json entry{{"id", scenario.id},
                 {"iteration", scenario.iteration},
                 {"requirement", scenario.requirement},
                 {"source", scenario.source.to_string()},
                 {"catches", scenario.catches},
                 {"outcome", outcome_name(scenario.outcome)},
                 {"failures", scenario.failures()},
                 {"elapsedMs", scenario.elapsed_ms},
                 {"steps", steps}};
      if (scenario.outcome == Outcome::kSkipped) entry["skipReason"] = scenario.skip_reason;
      if (!scenario.generated_kind.empty()) {
        entry["generated"] = {{"kind", scenario.generated_kind},
                              {"operation", scenario.generated_operation},
                              {"constraint", scenario.constraint},
                              {"keyword", scenario.constraint_keyword}};
      }
      scenarios.push_back(std::move(entry));
    }
    suites.push_back({{"name", suite.name},
                      {"spec", suite.spec},
                      {"description", suite.description},
                      {"notes", suite.notes},
                      {"scenarios", scenarios}});
  }
  const json report{
      {"schema", "statuskit-conformance-report/2"},
      {"target", run.target},
      {"profile", run.profile},
      {"startedAt", run.started_at},
      {"elapsedMs", run.elapsed_ms},
      {"shuffleSeed", run.shuffle_seed ? json(*run.shuffle_seed) : json(nullptr)},
      {"generationSeed", run.generation_seed ? json(*run.generation_seed) : json(nullptr)},
      {"seededCommand", run.generation_seed ? json(run.seeded_command) : json(nullptr)},
      {"repeat", run.repeat},
      {"baseline", baseline_json(run)},
      {"summary",
       {{"passed", run.count(Outcome::kPassed)},
        {"failed", run.count(Outcome::kFailed)},
        {"skipped", run.count(Outcome::kSkipped)},
        {"warnings", run.warning_count()},
        {"baselined", run.baselined_count()}}},
      {"throttling",
       {{"answers", run.throttled_answers},
        {"waitedMs", run.throttle_wait_ms},
        {"gaveUp", run.throttle_gave_up}}},
      {"suites", suites}};
  // Bodies from real servers may not be UTF-8: replace bad bytes rather than fail the report.
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace statuskit::conformance
