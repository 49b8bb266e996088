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
        out << "  " << scenario.display_id() << ": " << failure << "\n";
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
          out << "  " << scenario.display_id() << ": " << step.label() << ": "
              << mismatch_line(warning) << "\n";
        }
      }
    }
  }
  if (!run.resolved.empty()) {
    out << "\nResolved (in the baseline " << run.baseline << ", no longer seen):\n";
    for (const auto& resolved : run.resolved) {
      out << "  " << resolved.scenario << ": " << resolved.message << "\n";
    }
  }
  if (run.shuffle_seed) out << "\nOrder: shuffled with seed " << *run.shuffle_seed;
  if (run.repeat > 1) out << (run.shuffle_seed ? ", " : "\n") << run.repeat << " rounds";
  if (run.shuffle_seed || run.repeat > 1) out << "\n";
  out << "\n"
      << run.count(Outcome::kPassed) << " passed, " << run.count(Outcome::kFailed) << " failed, "
      << run.count(Outcome::kSkipped) << " skipped";
  if (!run.baseline.empty()) out << ", " << run.baselined_count() << " baselined";
  out << std::endl;
}

}  // namespace statuskit::conformance
