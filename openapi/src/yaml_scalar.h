#pragma once
// What a YAML scalar means in JSON, by the YAML 1.2 core schema (the rules docs/engine.md gives).
// Kept apart from the parser so that the rules read as one piece.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace statuskit::openapi::detail {

/// A scalar that has no JSON meaning; what() is the reason, the caller adds the position.
class YamlScalarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An untagged plain scalar that is null: `null`, `Null`, `NULL`, `~` or nothing at all. Such a
/// node is not a scalar for a mapping key (keys must be non-null scalars).
bool is_plain_null(const std::string& text);

/// The JSON value of the scalar `text`. `tag` is its explicit tag, or, without one, "?" for a
/// plain scalar and "!" for a quoted or block one (the YAML spec's non-specific tags). Throws
/// YamlScalarError for an explicit tag the text does not satisfy, an unsupported tag, an integer
/// beyond 64 bits, infinity or NaN.
nlohmann::json resolve_yaml_scalar(const std::string& text, const std::string& tag);

}  // namespace statuskit::openapi::detail
