#include "report/reporters.h"

namespace statuskit::conformance {

std::string mismatch_line(const Mismatch& mismatch) {
  std::string line = mismatch.text() + " [" + mismatch.source.to_string() + "]";
  if (mismatch.baselined) line += " [baselined]";
  if (!mismatch.request.empty()) line += " (" + mismatch.request + ")";
  return line;
}

std::vector<std::string> failure_lines(const ScenarioResult& scenario) {
  std::vector<std::string> lines;
  for (const auto& step : scenario.steps) {
    for (const auto& failure : step.failures)
      lines.push_back(step.label() + ": " + mismatch_line(failure));
  }
  return lines;
}

}  // namespace statuskit::conformance
