#include "text_position.h"

#include <algorithm>

namespace statuskit::openapi::detail {

std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  const auto before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto line_start = before.rfind('\n');
  const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

}  // namespace statuskit::openapi::detail
