#pragma once
// A string judged against a schema's own string keywords, without making it a json value: for
// the one-pass text checkers (schema_text_descent.h, schema_text_checker.h), which read every
// string of an answer as a view of the text. Internal to the engine.

#include <cstddef>
#include <optional>
#include <string_view>

#include "schema_node.h"

namespace statuskit::openapi::detail {

/// Whether `node` accepts the string `value`, as the DOM walker would judge it: type, enum,
/// const, minLength/maxLength, pattern, format. `node` is one whose `true`/`false` and
/// overriding $ref the caller has already followed. `code_points` is the string's length in
/// code points when the caller knows it cheaply (an ASCII string's size). nullopt: `node` has
/// keywords judged only by the DOM walker (applicators, or lengths without `code_points`).
std::optional<bool> string_keywords_accept(const CompiledNode& node, std::string_view value,
                                           std::optional<std::size_t> code_points);

}  // namespace statuskit::openapi::detail
