#include "vendors/symphony_update.h"

#include <limits>
#include <nlohmann/json.hpp>

namespace statuskit::mock::symphony {

using nlohmann::json;

namespace {

/// An integer JSON value that fits int64 (format int64): a uint64 above INT64_MAX does not,
/// and reading it as int64 would wrap it to a negative date.
bool is_int64(const json& value) {
  if (!value.is_number_integer()) return false;
  return !value.is_number_unsigned() ||
         value.get<std::uint64_t>() <=
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

}  // namespace

std::optional<std::string> read_update(const json* body, StatusUpdate& update) {
  if (body == nullptr) return "/: request body is required";
  if (!body->is_object()) return std::string("/: expected object, got ") + body->type_name();
  if (auto it = body->find("status"); it != body->end()) {
    if (!it->is_string() || (*it != "ENABLED" && *it != "DISABLED")) {
      return "/status: " + it->dump() + " is not one of ENABLED, DISABLED";
    }
    update.status = it->get<std::string>();
  }
  if (auto it = body->find("suspended"); it != body->end()) {
    if (!it->is_boolean())
      return std::string("/suspended: expected boolean, got ") + it->type_name();
    update.suspended = it->get<bool>();
  }
  if (auto it = body->find("suspendedUntil"); it != body->end()) {
    if (!is_int64(*it)) {
      return it->is_number_integer()
                 ? "/suspendedUntil: " + it->dump() + " does not fit format int64"
                 : std::string("/suspendedUntil: expected int64, got ") + it->type_name();
    }
    update.suspended_until = it->get<std::int64_t>();
  }
  if (auto it = body->find("suspensionReason"); it != body->end()) {
    if (!it->is_string()) {
      return std::string("/suspensionReason: expected string, got ") + it->type_name();
    }
    update.suspension_reason = it->get<std::string>();
  }
  if (update.suspended.value_or(false)) {
    if (!update.suspended_until) return "/suspendedUntil: required when suspended is true";
    if (!update.suspension_reason) return "/suspensionReason: required when suspended is true";
  }
  // Optional with suspended: false, as the suspension endpoint documents, and meaningless
  // without a suspension: dropped, not refused (no document refuses them).
  const bool details_dropped =
      !update.suspended.value_or(false) && (update.suspended_until || update.suspension_reason);
  if (details_dropped) {
    update.suspended_until.reset();
    update.suspension_reason.reset();
  }
  if (update.empty()) {
    return details_dropped ? "/: nothing to update: suspendedUntil and suspensionReason count "
                             "only with suspended: true"
                           : "/: nothing to update: give status and/or suspended";
  }
  return std::nullopt;
}

std::optional<std::string> read_update_alternative(const json* body, StatusUpdate& update) {
  if (body == nullptr || !body->is_object()) {
    return std::string("Invalid request body: a JSON object (UserStatus) is expected");
  }
  for (const auto& item : body->items()) {
    const std::string& key = item.key();
    const json& value = item.value();
    if (key == "status") {
      if (!value.is_string() || (value != "ENABLED" && value != "DISABLED")) {
        return "Invalid value for field 'status': " + value.dump() +
               " (accepted values: [ENABLED, DISABLED])";
      }
      update.status = value.get<std::string>();
    } else if (key == "suspended") {
      if (!value.is_boolean()) return "Invalid value for field 'suspended': " + value.dump();
      update.suspended = value.get<bool>();
    } else if (key == "suspendedUntil") {
      if (!is_int64(value)) {
        return "Invalid value for field 'suspendedUntil': " + value.dump();
      }
      update.suspended_until = value.get<std::int64_t>();
    } else if (key == "suspensionReason") {
      if (!value.is_string()) return "Invalid value for field 'suspensionReason': " + value.dump();
      update.suspension_reason = value.get<std::string>();
    } else {
      return "Unrecognized field '" + key +
             "' (known fields: status, suspended, suspendedUntil, "
             "suspensionReason)";
    }
  }
  // The suspension details mean something only for a suspension.
  if (!update.suspended.value_or(false)) {
    update.suspended_until.reset();
    update.suspension_reason.reset();
  }
  return std::nullopt;
}

}  // namespace statuskit::mock::symphony
