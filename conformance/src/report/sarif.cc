#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "report/reporters.h"
#include "scenarios/finding_groups.h"
#include "scenarios/mismatch_key.h"
#include "version.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

/// The contract a result is about: the vendor's spec, at the operation.
json location(const SuiteResult& suite, const std::string& operation) {
  json where = json::object();
  where["physicalLocation"] = {{"artifactLocation", {{"uri", "specs/" + suite.spec}}}};
  if (!operation.empty()) {
    json logical = json::object();
    logical["name"] = operation;
    logical["kind"] = "function";
    where["logicalLocations"] = json::array({logical});
  }
  return json::array({where});
}

/// SARIF §3.27.10: a result whose kind is not "fail" must have level "none". Skipped scenarios
/// and steps that did not run are such results: nothing was checked, nothing failed.
json not_applicable(const std::string& rule, const std::string& text) {
  return {{"ruleId", rule},
          {"level", "none"},
          {"kind", "notApplicable"},
          {"message", {{"text", text}}}};
}

json result_entry(const RunResult& run, const SuiteResult& suite, const ScenarioResult& scenario,
                  std::size_t step_index, const Mismatch& mismatch, const char* level) {
  const StepResult& step = scenario.steps[step_index];
  json properties{{"suite", suite.name},
                  {"phase", phase_name(step.phase)},
                  {"status", step.status},
                  {"origin", origin_name(mismatch.origin)},
                  {"source", mismatch.source.to_string()},
                  {"scenarioSource", scenario.source.to_string()},
                  {"operation", mismatch.operation},
                  {"pointer", mismatch.pointer},
                  {"keyword", mismatch.keyword},
                  {"groupKey", group_key(mismatch)},
                  {"baselined", mismatch.baselined}};
  if (scenario.iteration > 1) properties["iteration"] = scenario.iteration;
  if (!step.curl.empty()) properties["curl"] = step.curl;
  if (!step.transport_error.empty()) properties["transportError"] = step.transport_error;
  json result{{"ruleId", scenario.id},
              {"level", level},
              {"message", {{"text", step.label() + ": " + mismatch_line(mismatch)}}},
              {"locations", location(suite, step.operation)},
              // The baseline's own identity of the mismatch: dashboards match results across
              // runs by it, as --baseline does.
              {"fingerprints", {{"statuskit/v1", fingerprint(scenario, step_index, mismatch)}}},
              {"properties", properties}};
  // SARIF's own baseline comparison: new (not in the baseline) or unchanged (a known deviation).
  if (!run.baseline.empty()) result["baselineState"] = mismatch.baselined ? "unchanged" : "new";
  return result;
}

/// A step a failure kept from running: checked nothing, which a dashboard must not read as a
/// pass.
json not_run_entry(const SuiteResult& suite, const ScenarioResult& scenario,
                   const StepResult& step) {
  json result = not_applicable(scenario.id, not_run_line(step));
  result["locations"] = location(suite, step.operation);
  result["properties"] = {{"suite", suite.name},
                          {"phase", phase_name(step.phase)},
                          {"notRun", true},
                          {"notRunReason", step.not_run_reason},
                          {"scenarioSource", scenario.source.to_string()}};
  return result;
}

/// A baselined deviation that no longer occurs: SARIF's "absent" (the result of an earlier run,
/// not seen in this one), as a note since it fails nothing.
json resolved_entry(const ResolvedDeviation& resolved) {
  return {
      {"ruleId", resolved.scenario},
      {"level", "note"},
      {"baselineState", "absent"},
      {"message", {{"text", "resolved (in the baseline, no longer seen): " + resolved.message}}},
      {"fingerprints", {{"statuskit/v1", resolved.fingerprint}}},
      {"properties", {{"resolved", true}}}};
}

}  // namespace

void write_sarif(std::ostream& out, const RunResult& run) {
  json rules = json::array();
  json results = json::array();
  std::set<std::string> ruled;  // --repeat runs a scenario more than once; its rule is one
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (ruled.insert(scenario.id).second) {
        json rule{{"id", scenario.id},
                  {"name", scenario.id},
                  {"shortDescription", {{"text", scenario.requirement}}},
                  {"properties",
                   {{"suite", suite.name},
                    {"spec", suite.spec},
                    {"source", scenario.source.to_string()}}}};
        if (!scenario.catches.empty()) rule["properties"]["catches"] = scenario.catches;
        rules.push_back(std::move(rule));
      }
      if (scenario.outcome == Outcome::kSkipped) {
        // SARIF has no "skipped": the requirement was not checked, and the result says why.
        results.push_back(not_applicable(scenario.id, scenario.skip_reason));
        continue;
      }
      for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const StepResult& step = scenario.steps[i];
        if (!step.ran) results.push_back(not_run_entry(suite, scenario, step));
        for (const auto& failure : step.failures) {
          results.push_back(result_entry(run, suite, scenario, i, failure, "error"));
        }
        for (const auto& warning : step.warnings) {
          results.push_back(result_entry(run, suite, scenario, i, warning, "warning"));
        }
      }
    }
  }
  for (const auto& resolved : run.resolved) results.push_back(resolved_entry(resolved));
  json invocation_properties{{"target", run.target},
                             {"profile", run.profile},
                             {"passed", run.count(Outcome::kPassed)},
                             {"failed", run.count(Outcome::kFailed)},
                             {"skipped", run.count(Outcome::kSkipped)}};
  if (!run.baseline.empty()) {
    invocation_properties["baseline"] = run.baseline;
    invocation_properties["baselined"] = run.baselined_count();
    invocation_properties["resolved"] = run.resolved.size();
  }
  if (run.shuffle_seed) invocation_properties["shuffleSeed"] = *run.shuffle_seed;
  if (run.generation_seed) invocation_properties["generationSeed"] = *run.generation_seed;
  if (run.repeat > 1) invocation_properties["repeat"] = run.repeat;
  const json report{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs",
                     {{{"tool",
                        {{"driver",
                          {{"name", "statuskit-conformance"},
                           {"version", std::string(version())},
                           {"rules", rules}}}}},
                       {"invocations",
                        {{{"executionSuccessful", true},
                          {"startTimeUtc", run.started_at},
                          {"properties", invocation_properties}}}},
                       {"results", results}}}}};
  out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace statuskit::conformance
