#pragma once
// Resolves the ${...} references and $repeat blocks of a suite's JSON templates against a
// vendor's profile values and the values captured by earlier steps.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace statuskit::conformance {

/// What `${a.b.c}` can see: {roles, users, values} from the profile and {captured}.
struct Bindings {
  nlohmann::json profile = nlohmann::json::object();
  nlohmann::json captured = nlohmann::json::object();
};

/// A reference that has no value: the scenario is skipped as "not configured".
struct MissingKey {
  std::string key;
};

/// Returns the resolved value, or the first missing key. A string that is exactly one
/// reference takes the referenced value's JSON type; references inside longer strings are
/// substituted as text. `{$repeat: N, item: V}` becomes N copies of V.
/// Throws std::invalid_argument for malformed templates (an unclosed "${", a bad $repeat).
std::optional<MissingKey> resolve(const nlohmann::json& template_value, const Bindings& bindings,
                                  nlohmann::json& out);

/// Checks a template's form without resolving it (used when a suite is loaded, so a malformed
/// template is reported with its file and pointer before anything is sent): returns
/// "<pointer inside the template>: <reason>" for an unclosed "${" or a bad $repeat block.
std::optional<std::string> template_problem(const nlohmann::json& template_value);

/// A JSON value as header/path/query text: strings as they are, everything else as JSON.
std::string as_text(const nlohmann::json& value);

}  // namespace statuskit::conformance
