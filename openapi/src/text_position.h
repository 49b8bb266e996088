#pragma once
// Where a byte offset falls in a text, for error messages about documents.

#include <cstddef>
#include <string_view>
#include <utility>

namespace statuskit::openapi::detail {

/// 1-based line and column of the byte at `offset` (columns count bytes).
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset);

}  // namespace statuskit::openapi::detail
