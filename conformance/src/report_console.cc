#include <ostream>

#include "reporters.h"

namespace statuskit::conformance {

void write_console_progress(std::ostream& out, const ScenarioResult& scenario) {
  const char* tag = scenario.outcome == Outcome::kPassed   ? "PASS"
                    : scenario.outcome == Outcome::kFailed ? "FAIL"
                                                           : "SKIP";
  out << tag << "  " << scenario.id;
  if (scenario.outcome == Outcome::kSkipped) {
    out << "  (" << scenario.skip_reason << ")";
  } else {
    out << "  (" << static_cast<long>(scenario.elapsed_ms) << " ms)";
  }
  out << std::endl;
}

void write_console_summary(std::ostream& out, const RunResult& run) {
  bool header = false;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (scenario.outcome != Outcome::kFailed) continue;
      if (!header) {
        out << "\nFailures:\n";
        header = true;
      }
      for (const auto& failure : scenario.failures()) {
        out << "  " << scenario.id << ": " << failure << "\n";
      }
    }
  }
  // Warnings do not fail a run, but a vendor should see them next to the failures.
  bool warnings_header = false;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& step : scenario.steps) {
        for (const auto& warning : step.warnings) {
          if (!warnings_header) {
            out << "\nWarnings:\n";
            warnings_header = true;
          }
          out << "  " << scenario.id << ": " << (step.name.empty() ? step.operation : step.name)
              << ": " << warning << "\n";
        }
      }
    }
  }
  out << "\n"
      << run.count(Outcome::kPassed) << " passed, " << run.count(Outcome::kFailed) << " failed, "
      << run.count(Outcome::kSkipped) << " skipped" << std::endl;
}

}  // namespace statuskit::conformance
