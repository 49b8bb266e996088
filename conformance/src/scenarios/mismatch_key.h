#pragma once
// Identities of a mismatch. The group key says "the same root cause" across scenarios (28
// scenarios tripping over one missing field are one finding); the fingerprint says "the same
// mismatch as last time" for baselines, and stays stable across runs, orders and repeats.

#include <cstddef>
#include <string>

#include "scenarios/run_result.h"

namespace statuskit::conformance {

/// "<operation> <status> <pointer> <keyword>", array indices in the pointer shown as *.
std::string group_key(const Mismatch& mismatch);

/// Where a step sits in its scenario: "test#2" (the second step proper), "setup#1".
std::string step_position(const ScenarioResult& scenario, std::size_t step_index);

/// "<scenario>|<step position>|<origin>|<operation>|<pointer>|<keyword>", and for a spec
/// mismatch the answer's status too (an undocumented 500 differs from an undocumented 502).
std::string fingerprint(const ScenarioResult& scenario, std::size_t step_index,
                        const Mismatch& mismatch);

/// "<scenario>|<step position>": the step a fingerprint belongs to, the start of every
/// fingerprint of that step.
std::string step_key(const ScenarioResult& scenario, std::size_t step_index);
/// The step_key part of a fingerprint.
std::string step_key_of(const std::string& fingerprint);

/// "/skipped/3/reason" → "/skipped/*/reason".
std::string pointer_pattern(const std::string& pointer);

}  // namespace statuskit::conformance
