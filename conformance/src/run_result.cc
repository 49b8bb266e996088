#include "run_result.h"

namespace statuskit::conformance {

std::vector<std::string> ScenarioResult::failures() const {
  std::vector<std::string> all;
  for (const auto& step : steps) {
    for (const auto& failure : step.failures) {
      all.push_back((step.name.empty() ? step.operation : step.name) + ": " + failure);
    }
  }
  return all;
}

int RunResult::count(Outcome outcome) const {
  int total = 0;
  for (const auto& suite : suites) {
    for (const auto& scenario : suite.scenarios) total += scenario.outcome == outcome ? 1 : 0;
  }
  return total;
}

int RunResult::warning_count() const {
  int total = 0;
  for (const auto& suite : suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& step : scenario.steps) total += static_cast<int>(step.warnings.size());
    }
  }
  return total;
}

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPassed:
      return "passed";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kSkipped:
      return "skipped";
  }
  return "unknown";
}

}  // namespace statuskit::conformance
