#include "vendors/pria_alternative.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace statuskit::mock::pria_alternative {
namespace {

using nlohmann::json;

// Joi's `string().hex().length(24)`-like pattern most ObjectId validators use: any case.
bool looks_like_object_id(const std::string& text) {
  return text.size() == 24 && std::all_of(text.begin(), text.end(),
                                          [](unsigned char c) { return std::isxdigit(c) != 0; });
}

std::string in_quotes(std::string_view label) { return "\"" + std::string(label) + "\""; }

}  // namespace

std::string user_not_found(std::string_view id) { return "User not found: " + std::string(id); }

std::optional<std::string> bulk_body_problem(const json* body, std::size_t max_ids) {
  if (body == nullptr || !body->is_object()) return std::string("\"value\" must be of type object");
  // Joi walks the schema's keys in order (ids, status), then refuses the unknown ones.
  const auto ids = body->find("ids");
  if (ids == body->end()) return in_quotes("ids") + " is required";
  if (!ids->is_array()) return in_quotes("ids") + " must be an array";
  if (ids->empty()) return in_quotes("ids") + " must contain at least 1 items";
  if (ids->size() > max_ids) {
    return in_quotes("ids") + " must contain less than or equal to 500 items";
  }
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const json& id = (*ids)[i];
    const std::string label = in_quotes("ids[" + std::to_string(i) + "]");
    if (!id.is_string()) return label + " must be a string";
    if (!looks_like_object_id(id.get<std::string>())) {
      return label + " with value " + in_quotes(id.get<std::string>()) +
             " fails to match the required pattern: /^[0-9a-fA-F]{24}$/";
    }
  }
  const auto status = body->find("status");
  if (status == body->end()) return in_quotes("status") + " is required";
  if (!status->is_string()) return in_quotes("status") + " must be a string";
  if (*status != "active" && *status != "inactive") {
    return in_quotes("status") + " must be one of [active, inactive]";
  }
  for (const auto& item : body->items()) {
    if (item.key() != "ids" && item.key() != "status")
      return in_quotes(item.key()) + " is not allowed";
  }
  return std::nullopt;
}

}  // namespace statuskit::mock::pria_alternative
