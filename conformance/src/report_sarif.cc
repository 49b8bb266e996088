#include <nlohmann/json.hpp>
#include <ostream>

#include "reporters.h"
#include "version.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

json result_entry(const SuiteResult& suite, const ScenarioResult& scenario, const StepResult& step,
                  const Mismatch& mismatch, const char* level) {
  json properties{{"suite", suite.name},
                  {"status", step.status},
                  {"source", mismatch.source.to_string()},
                  {"baselined", mismatch.baselined}};
  if (!step.curl.empty()) properties["curl"] = step.curl;
  if (!step.transport_error.empty()) properties["transportError"] = step.transport_error;
  return {{"ruleId", scenario.id},
          {"level", level},
          {"message", {{"text", step.label() + ": " + mismatch_line(mismatch)}}},
          // The contract that was broken: the vendor's spec, at the operation.
          {"locations",
           {{{"physicalLocation", {{"artifactLocation", {{"uri", "specs/" + suite.spec}}}}},
             {"logicalLocations", {{{"name", step.operation}, {"kind", "function"}}}}}}},
          {"properties", properties}};
}

}  // namespace

void write_sarif(std::ostream& out, const RunResult& run) {
  json rules = json::array();
  json results = json::array();
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      json rule{{"id", scenario.id},
                {"name", scenario.id},
                {"shortDescription", {{"text", scenario.requirement}}},
                {"properties", {{"suite", suite.name}, {"spec", suite.spec}}}};
      if (!scenario.catches.empty()) rule["properties"]["catches"] = scenario.catches;
      rules.push_back(std::move(rule));
      if (scenario.outcome == Outcome::kSkipped) {
        // SARIF has no "skipped": a note says the requirement was not checked, and why.
        json note{{"ruleId", scenario.id},
                  {"level", "note"},
                  {"kind", "notApplicable"},
                  {"message", {{"text", scenario.skip_reason}}}};
        results.push_back(std::move(note));
        continue;
      }
      for (const auto& step : scenario.steps) {
        for (const auto& failure : step.failures) {
          results.push_back(result_entry(suite, scenario, step, failure, "error"));
        }
        for (const auto& warning : step.warnings) {
          results.push_back(result_entry(suite, scenario, step, warning, "warning"));
        }
      }
    }
  }
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
                          {"properties",
                           {{"target", run.target},
                            {"profile", run.profile},
                            {"passed", run.count(Outcome::kPassed)},
                            {"failed", run.count(Outcome::kFailed)},
                            {"skipped", run.count(Outcome::kSkipped)}}}}}},
                       {"results", results}}}}};
  out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace statuskit::conformance
