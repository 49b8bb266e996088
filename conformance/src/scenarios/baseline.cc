#include "scenarios/baseline.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "scenarios/mismatch_key.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

constexpr const char* kSchema = "statuskit-conformance-baseline/1";

}  // namespace

Baseline Baseline::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot read the baseline file");
  json document;
  try {
    document = json::parse(in);
  } catch (const json::exception& error) {
    throw std::invalid_argument(path + ": not a baseline file (not JSON: " + error.what() + ")");
  }
  if (!document.is_object() || document.value("schema", "") != kSchema ||
      !document.contains("deviations") || !document["deviations"].is_array()) {
    throw std::invalid_argument(path + ": not a baseline file (expected \"schema\": \"" + kSchema +
                                "\" and a \"deviations\" list; write one with --write-baseline)");
  }
  Baseline baseline;
  const json& deviations = document["deviations"];
  for (std::size_t i = 0; i < deviations.size(); ++i) {
    const json& entry = deviations[i];
    if (!entry.is_object() || !entry.contains("fingerprint") || !entry["fingerprint"].is_string()) {
      throw std::invalid_argument(path + ": /deviations/" + std::to_string(i) +
                                  ": expected an object with a string \"fingerprint\"");
    }
    baseline.entries.push_back({entry["fingerprint"].get<std::string>(),
                                entry.value("scenario", ""), entry.value("message", "")});
  }
  return baseline;
}

Baseline Baseline::from_run(const RunResult& run) {
  Baseline baseline;
  std::set<std::string> seen;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const StepResult& step = scenario.steps[i];
        auto record = [&](const Mismatch& mismatch) {
          std::string key = fingerprint(scenario, i, mismatch);
          if (seen.insert(key).second) {
            baseline.entries.push_back({std::move(key), scenario.id, mismatch.text()});
          }
        };
        for (const auto& failure : step.failures) record(failure);
        for (const auto& warning : step.warnings) {
          if (warning.baselined) record(warning);
        }
      }
    }
  }
  return baseline;
}

void Baseline::save(const std::string& path, const RunResult& run) const {
  json deviations = json::array();
  for (const auto& entry : entries) {
    deviations.push_back({{"fingerprint", entry.fingerprint},
                          {"scenario", entry.scenario},
                          {"message", entry.message}});
  }
  const json document{{"schema", kSchema},
                      {"target", run.target},
                      {"recordedAt", run.started_at},
                      {"deviations", deviations}};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  out.close();
  if (!out) throw std::runtime_error("cannot write the baseline file " + path);
}

void apply_baseline(const Baseline& baseline, const std::string& path, RunResult& run) {
  run.baseline = path;
  std::map<std::string, const BaselineEntry*> known;
  for (const auto& entry : baseline.entries) known.emplace(entry.fingerprint, &entry);
  std::set<std::string> occurred;
  std::set<std::string> ran;  // "<scenario>|<step position>" of every step that ran
  for (auto& suite : run.suites) {
    for (auto& scenario : suite.scenarios) {
      if (scenario.outcome == Outcome::kSkipped) continue;
      for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        StepResult& step = scenario.steps[i];
        if (step.ran) ran.insert(step_key(scenario, i));
        std::vector<Mismatch> still_failing;
        for (auto& failure : step.failures) {
          const std::string key = fingerprint(scenario, i, failure);
          if (known.contains(key)) {
            occurred.insert(key);
            failure.baselined = true;
            step.warnings.push_back(std::move(failure));
          } else {
            still_failing.push_back(std::move(failure));
          }
        }
        step.failures = std::move(still_failing);
      }
      bool failed = false;
      for (const auto& step : scenario.steps) failed = failed || !step.failures.empty();
      scenario.outcome = failed ? Outcome::kFailed : Outcome::kPassed;
    }
  }
  for (const auto& entry : baseline.entries) {
    if (occurred.contains(entry.fingerprint)) continue;
    // Only a step that ran can prove a deviation gone; one that was skipped proves nothing.
    if (!ran.contains(step_key_of(entry.fingerprint))) continue;
    run.resolved.push_back({entry.fingerprint, entry.scenario, entry.message});
  }
}

}  // namespace statuskit::conformance
