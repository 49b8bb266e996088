#pragma once
// Known deviations of a target (--write-baseline / --baseline). A vendor adopts the kit on a
// server with known gaps, records them once, and gates CI on regressions only: a baselined
// mismatch is reported as a warning, a new one fails, and a baselined one that no longer occurs
// is listed as resolved.

#include <string>
#include <vector>

#include "scenarios/run_result.h"

namespace statuskit::conformance {

struct BaselineEntry {
  std::string fingerprint;  ///< mismatch_key.h
  std::string scenario;
  std::string message;  ///< as first seen, for the reader of the file
};

struct Baseline {
  std::vector<BaselineEntry> entries;

  /// Reads a file written by `save`. Throws std::invalid_argument "<file>: <reason>".
  static Baseline load_file(const std::string& path);
  /// Every failure of `run`, and every mismatch it already had baselined.
  static Baseline from_run(const RunResult& run);
  /// Throws std::runtime_error when the file cannot be written.
  void save(const std::string& path, const RunResult& run) const;
};

/// Turns the failures the baseline knows into baselined warnings, recomputes the outcome of
/// each scenario, and lists in `run.resolved` the entries whose step ran without them.
void apply_baseline(const Baseline& baseline, const std::string& path, RunResult& run);

}  // namespace statuskit::conformance
