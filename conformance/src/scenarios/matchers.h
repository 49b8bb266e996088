#pragma once
// The expectation matchers of a suite step (table in docs/conformance-suites.md).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace statuskit::conformance {

/// nullopt when `actual` (nullptr: nothing there) satisfies `matcher`; otherwise why not,
/// e.g. `expected "inactive", got "active"`.
std::optional<std::string> match(const nlohmann::json& matcher, const nlohmann::json* actual);

/// The matcher's name ("contains", "absent", ...); "equals" for a literal.
std::string matcher_kind(const nlohmann::json& matcher);

}  // namespace statuskit::conformance
