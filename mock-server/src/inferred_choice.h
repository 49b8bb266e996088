#pragma once
// Which of two plausible behaviours the mock picks where no vendor document pins one down: the
// responses specs/ mark `x-statuskit-inferred` and the [inf] items of vendor-behaviors.md. The
// default choice is the one the specs describe; the alternative is the other plausible one,
// made everywhere at once, so that a conformance suite run against it shows which of its
// expectations rest on a guess (docs/inferred-choices.md lists every pair).

#include <optional>
#include <string_view>

namespace statuskit::mock {

enum class InferredChoice { kDefault, kAlternative };

/// "default" or "alternative": the --inferred value and the `inferred` field of
/// GET /__admin/health.
constexpr std::string_view inferred_choice_name(InferredChoice choice) {
  return choice == InferredChoice::kAlternative ? "alternative" : "default";
}

/// The choice a --inferred value names, or std::nullopt for any other text.
constexpr std::optional<InferredChoice> parse_inferred_choice(std::string_view name) {
  if (name == "default") return InferredChoice::kDefault;
  if (name == "alternative") return InferredChoice::kAlternative;
  return std::nullopt;
}

}  // namespace statuskit::mock
