#include "vendors/docspace_alternative.h"

#include <nlohmann/json.hpp>

#include "vendors/docspace_state.h"

namespace statuskit::mock::docspace_alternative {
namespace {

std::string not_converted(const std::string& type, const std::string& path) {
  return "The JSON value could not be converted to " + type + ". Path: " + path + ".";
}

}  // namespace

std::optional<std::string> bind_body(const nlohmann::json* body, std::vector<std::string>& ids) {
  if (body == nullptr || !body->is_object()) {
    return not_converted("ASC.People.ApiModels.RequestDto.UpdateMembersRequestDto", "$");
  }
  if (auto it = body->find("userIds"); it != body->end() && !it->is_null()) {
    if (!it->is_array()) {
      return not_converted("System.Collections.Generic.IEnumerable`1[System.Guid]", "$.userIds");
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      const nlohmann::json& id = (*it)[i];
      if (!id.is_string() || !is_docspace_guid(id.get<std::string>())) {
        return not_converted("System.Guid", "$.userIds[" + std::to_string(i) + "]");
      }
      ids.push_back(docspace_lower(id.get<std::string>()));
    }
  }
  if (auto it = body->find("resendAll"); it != body->end() && !it->is_boolean() && !it->is_null()) {
    return not_converted("System.Boolean", "$.resendAll");
  }
  return std::nullopt;
}

}  // namespace statuskit::mock::docspace_alternative
