#include "vendors/symphony_state.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "statuskit/openapi/json_pointer.h"
#include "vendors/fixture_reader.h"

namespace statuskit::mock::symphony {

using nlohmann::json;

bool User::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::unique_ptr<SymphonyState> SymphonyState::from_json(const json& fixture) {
  auto state = std::make_unique<SymphonyState>();
  const FixtureObject root(fixture, "", {"users", "sessions"});
  std::set<std::int64_t> ids;
  const json& users = root.array("users");
  for (std::size_t i = 0; i < users.size(); ++i) {
    const FixtureObject entry(users[i], openapi::append_pointer("/users", i),
                              {"id", "username", "displayName", "roles", "status"},
                              {"suspended", "suspendedUntil", "suspensionReason", "protected",
                               "emailAddress", "firstName", "lastName", "accountType",
                               "createdDate", "createdBy", "lastUpdatedDate", "deactivatedDate"});
    User user;
    user.id = entry.integer("id");
    if (user.id <= 0) fixture_error(entry.pointer_of("id"), "must be a positive int64");
    if (!ids.insert(user.id).second) fixture_error(entry.pointer_of("id"), "duplicate user id");
    user.username = entry.string("username");
    user.display_name = entry.string("displayName");
    user.roles = entry.strings("roles");
    user.status = entry.one_of("status", {"ENABLED", "DISABLED"});
    user.suspended = entry.boolean("suspended", false);
    user.suspended_until = entry.optional_integer("suspendedUntil");
    user.suspension_reason = entry.optional_string("suspensionReason");
    user.protected_service_user = entry.boolean("protected", false);
    user.email_address = entry.optional_string("emailAddress");
    user.first_name = entry.optional_string("firstName");
    user.last_name = entry.optional_string("lastName");
    if (entry.has("accountType")) {
      user.account_type = entry.one_of("accountType", {"NORMAL", "SYSTEM", "SDL"});
    }
    user.created_date = entry.optional_integer("createdDate");
    user.created_by = entry.optional_string("createdBy");
    user.last_updated_date = entry.optional_integer("lastUpdatedDate");
    user.deactivated_date = entry.optional_integer("deactivatedDate");
    if (!user.suspended && (user.suspended_until || user.suspension_reason)) {
      fixture_error(entry.pointer(), "suspendedUntil/suspensionReason need suspended: true");
    }
    state->users_.push_back(std::move(user));
  }
  const json& sessions = root.array("sessions");
  std::set<std::string> tokens;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const FixtureObject entry(sessions[i], openapi::append_pointer("/sessions", i),
                              {"token", "userId"});
    Session session{entry.string("token"), entry.integer("userId")};
    if (session.token.empty()) fixture_error(entry.pointer_of("token"), "must not be empty");
    if (!tokens.insert(session.token).second) {
      fixture_error(entry.pointer_of("token"), "duplicate token");
    }
    if (!ids.contains(session.user_id)) {
      fixture_error(entry.pointer_of("userId"),
                    "no user with id " + std::to_string(session.user_id));
    }
    state->sessions_.push_back(std::move(session));
  }
  return state;
}

std::unique_ptr<VendorState> SymphonyState::clone() const {
  return std::make_unique<SymphonyState>(*this);
}

json SymphonyState::to_json() const {
  json users = json::array();
  for (const auto& user : users_) {
    json entry{{"id", user.id},
               {"username", user.username},
               {"displayName", user.display_name},
               {"roles", user.roles},
               {"status", user.status}};
    if (user.suspended) entry["suspended"] = true;
    if (user.suspended_until) entry["suspendedUntil"] = *user.suspended_until;
    if (user.suspension_reason) entry["suspensionReason"] = *user.suspension_reason;
    if (user.protected_service_user) entry["protected"] = true;
    if (user.email_address) entry["emailAddress"] = *user.email_address;
    if (user.first_name) entry["firstName"] = *user.first_name;
    if (user.last_name) entry["lastName"] = *user.last_name;
    if (user.account_type != "NORMAL") entry["accountType"] = user.account_type;
    if (user.created_date) entry["createdDate"] = *user.created_date;
    if (user.created_by) entry["createdBy"] = *user.created_by;
    if (user.last_updated_date) entry["lastUpdatedDate"] = *user.last_updated_date;
    if (user.deactivated_date) entry["deactivatedDate"] = *user.deactivated_date;
    users.push_back(std::move(entry));
  }
  json sessions = json::array();
  for (const auto& session : sessions_) {
    sessions.push_back({{"token", session.token}, {"userId", session.user_id}});
  }
  return {{"users", users}, {"sessions", sessions}};
}

User* SymphonyState::find_user(std::int64_t id) {
  auto it = std::find_if(users_.begin(), users_.end(), [&](const User& u) { return u.id == id; });
  return it == users_.end() ? nullptr : &*it;
}

User* SymphonyState::user_of_session(const std::string& token) {
  for (const auto& session : sessions_) {
    if (session.token == token) return find_user(session.user_id);
  }
  return nullptr;
}

}  // namespace statuskit::mock::symphony
