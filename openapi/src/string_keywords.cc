#include "string_keywords.h"

#include <algorithm>
#include <regex>
#include <string>

namespace statuskit::openapi::detail {

std::optional<bool> string_keywords_accept(const CompiledNode& node, std::string_view value,
                                           std::optional<std::size_t> code_points) {
  if (node.ref != nullptr || !node.all_of.empty() || !node.any_of.empty() || !node.one_of.empty() ||
      node.not_schema != nullptr || node.if_schema != nullptr) {
    return std::nullopt;
  }
  if ((node.min_length || node.max_length) && !code_points) return std::nullopt;
  if (node.types != 0 && (node.types & kString) == 0) return false;
  auto equals = [&](const nlohmann::json& candidate) {
    return candidate.is_string() && candidate.get_ref<const std::string&>() == value;
  };
  if (node.enum_values &&
      std::none_of(node.enum_values->begin(), node.enum_values->end(), equals)) {
    return false;
  }
  if (node.const_value && !equals(*node.const_value)) return false;
  if (node.min_length && *code_points < *node.min_length) return false;
  if (node.max_length && *code_points > *node.max_length) return false;
  if (node.pattern && (value.size() > kMaxPatternInput ||
                       !std::regex_search(value.begin(), value.end(), node.pattern->regex))) {
    return false;
  }
  return string_satisfies_format(node.format, value);
}

}  // namespace statuskit::openapi::detail
