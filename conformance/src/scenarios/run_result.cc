#include "scenarios/run_result.h"

namespace statuskit::conformance {

std::string Mismatch::text() const {
  switch (origin) {
    case Origin::kSpec:
      return "spec (" + keyword + "): " + message;
    case Origin::kCapture:
      return "capture " + message;
    default:
      return message;
  }
}

const char* origin_name(Mismatch::Origin origin) {
  switch (origin) {
    case Mismatch::Origin::kSpec:
      return "spec";
    case Mismatch::Origin::kExpectation:
      return "expectation";
    case Mismatch::Origin::kCapture:
      return "capture";
    case Mismatch::Origin::kTransport:
      return "transport";
    case Mismatch::Origin::kSuite:
      return "suite";
  }
  return "expectation";
}

const char* phase_name(Phase phase) {
  switch (phase) {
    case Phase::kSetup:
      return "setup";
    case Phase::kTest:
      return "test";
    case Phase::kCleanup:
      return "cleanup";
  }
  return "test";
}

std::vector<std::string> ScenarioResult::failures() const {
  std::vector<std::string> all;
  for (const auto& step : steps) {
    for (const auto& failure : step.failures) {
      all.push_back(step.label() + ": " + failure.text() +
                    (failure.request.empty() ? "" : " (" + failure.request + ")"));
    }
  }
  return all;
}

void stamp_requests(ScenarioResult& scenario) {
  for (auto& step : scenario.steps) {
    if (step.url.empty()) continue;
    const std::string request = step.method + " " + step.url;
    for (auto* mismatches : {&step.failures, &step.warnings}) {
      for (auto& mismatch : *mismatches) {
        if (mismatch.request.empty()) mismatch.request = request;
      }
    }
  }
}

std::string ScenarioResult::display_id() const {
  return iteration > 1 ? id + " #" + std::to_string(iteration) : id;
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

int RunResult::baselined_count() const {
  int total = 0;
  for (const auto& suite : suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& step : scenario.steps) {
        for (const auto& warning : step.warnings) total += warning.baselined ? 1 : 0;
      }
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
