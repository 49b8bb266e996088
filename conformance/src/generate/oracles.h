#pragma once
// The oracles of generated cases (docs/generated-tests.md). Each asserts only what the spec
// documents, so that none cries wolf: a negative case gets a documented 4xx (never a 2xx or
// a 5xx), a positive one is not refused as invalid input (never a 5xx), an auth case gets the
// documented 401/403, an undocumented method never a 2xx or 5xx, a hostile value never a 5xx,
// and a refused request leaves the target's state as it was.

#include <nlohmann/json.hpp>
#include <optional>

#include "generate/case.h"
#include "generate/state.h"
#include "scenarios/run_result.h"

namespace statuskit::conformance {

/// Adds the status oracle's verdict about `answer` (the case's step) to its failures or, for
/// expectations that rest on inferred responses, its warnings (failures with `strict`).
void judge_status(const GeneratedCase& generated, StepResult& answer, bool strict);

/// The state fields of a read-back answer (nullopt: the read-back did not answer 200 JSON).
std::optional<nlohmann::json> state_fields(const StateExtension& state, const StepResult& read);

/// After a refused case (not a 2xx): a failure for every state field that changed.
void judge_state(const GeneratedCase& generated, const StateExtension& state,
                 const nlohmann::json& before, const nlohmann::json& after, StepResult& answer,
                 bool strict);

}  // namespace statuskit::conformance
