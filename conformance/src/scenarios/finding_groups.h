#pragma once
// Findings: the mismatches of a run grouped by root cause, so that one missing field that trips
// 28 scenarios reads as one finding with a count and the scenarios it occurred in, not as 28
// lines that hide everything else. The console and HTML reports list these.

#include <string>
#include <vector>

#include "scenarios/run_result.h"

namespace statuskit::conformance {

/// Failures fail the run; warnings do not; known ones are in the --baseline file.
enum class FindingKind { kFailure, kWarning, kKnown };

const char* finding_kind_name(FindingKind kind);

struct FindingGroup {
  FindingKind kind = FindingKind::kFailure;
  std::string suite;
  std::string key;           ///< group_key() of its mismatches (mismatch_key.h)
  Mismatch example;          ///< the first occurrence, shown for all of them
  std::string example_step;  ///< the label of the step the example comes from
  int count = 0;             ///< occurrences, in every scenario and step
  /// Display ids of the scenarios it occurred in, in run order, each once.
  std::vector<std::string> scenarios;
  /// Every distinct provenance of its mismatches ("seed: 400 example"), in order of appearance:
  /// usually one, but two suites' expectations can fail on the same field.
  std::vector<std::string> sources;
  /// Warnings folded into this failure: warnings about the same answer of the same step (an
  /// inferred check of the body of an answer whose status already failed, say). One bug is
  /// one finding, not a failure plus a warning.
  int merged_warnings = 0;
};

/// The groups of one kind, most occurrences first (ties: in run order). Cleanup steps'
/// problems are warnings like any other; mismatches of steps that did not run do not exist. A
/// warning about an answer its step also fails on (same status) is part of that failure's
/// group (merged_warnings), not a warning group of its own.
std::vector<FindingGroup> group_findings(const RunResult& run, FindingKind kind);

/// "bulkSetUserStatus -> 200: /skipped/*/reason (required)": the root cause a group stands for,
/// in words (operation, answer status, where, what kind of check).
std::string finding_title(const FindingGroup& group);

/// A step that did not run, with its scenario, for the reports that list them together.
struct NotRunStep {
  std::string suite;
  std::string scenario;  ///< display id
  const StepResult* step = nullptr;
};

/// Every step that did not run, in run order.
std::vector<NotRunStep> not_run_steps(const RunResult& run);

/// "setup 'create a user'" or "'lists itself'" (test steps need no phase): how reports name a
/// step when they list it away from its scenario's other steps.
std::string step_title(const StepResult& step);

/// "'read it back': not run: the test step 'x' failed": the step and why it did not run, with
/// "not run" said once whether or not the reason already says it.
std::string not_run_line(const StepResult& step);

}  // namespace statuskit::conformance
