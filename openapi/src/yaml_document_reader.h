#pragma once
// The first document of a YAML stream, read with libyaml's event parser and built straight into
// nlohmann::json: anchors and aliases expanded (within depth and node limits), keys checked.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace statuskit::openapi::detail {

/// Aliases can make a small file expand enormously ("billion laughs"): a document may have this
/// many values once expanded, and anchored collections may hold this many in all.
inline constexpr std::size_t kMaxYamlNodes = 10'000'000;

/// `text` must be UTF-8 (the caller checks). Throws LoadError naming `source_name`. Documents
/// after the first are not read; an empty stream is null. `max_nodes`: see kMaxYamlNodes (tests
/// pass a smaller one, to reach it cheaply).
nlohmann::json read_first_yaml_document(std::string_view text, const std::string& source_name,
                                        std::size_t max_nodes = kMaxYamlNodes);

}  // namespace statuskit::openapi::detail
