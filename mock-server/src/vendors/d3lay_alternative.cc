#include "vendors/d3lay_alternative.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

namespace statuskit::mock::d3lay_alternative {

std::string missing_permission(std::string_view permission) {
  return "Missing permission " + std::string(permission);
}

std::string user_not_found(std::string_view key) {
  return "User '" + std::string(key) + "' does not exist";
}

std::optional<std::string> body_problem(const nlohmann::json* body) {
  if (body == nullptr || !body->is_object()) return "body must be a JSON object";
  const auto status = body->find("status");
  if (status == body->end()) return "status is required";
  static const std::vector<std::string> kStatuses = {"active", "onboarding", "inactive",
                                                     "suspended", "risky"};
  if (!status->is_string() || std::find(kStatuses.begin(), kStatuses.end(),
                                        status->get<std::string>()) == kStatuses.end()) {
    return "status must be one of: active, onboarding, inactive, suspended, risky";
  }
  if (auto comment = body->find("review_comment");
      comment != body->end() && !comment->is_string()) {
    return "review_comment must be a string";
  }
  return std::nullopt;
}

std::string_view pipeline_error_code(int status) {
  return status == 413   ? "request_too_large"
         : status == 415 ? "unsupported_media_type"
                         : "bad_request";
}

}  // namespace statuskit::mock::d3lay_alternative
