#pragma once
// RFC 6901 JSON pointers as plain strings: escaping, joining and resolving.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace statuskit::openapi {

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
std::string escape_pointer_token(std::string_view token);
/// "/a/b" + "c/d" → "/a/b/c~1d".
std::string append_pointer(std::string_view pointer, std::string_view token);
std::string append_pointer(std::string_view pointer, std::size_t index);
/// Splits "/a/b~1c" into {"a", "b/c"}. Throws std::invalid_argument on a malformed pointer.
std::vector<std::string> split_pointer(std::string_view pointer);
/// Returns the node at `pointer`, or nullptr when it does not exist. Never throws for a
/// missing node; throws std::invalid_argument for a malformed pointer.
const nlohmann::json* find_pointer(const nlohmann::json& root, std::string_view pointer);

}  // namespace statuskit::openapi
