#include "vendors/rocketchat_state.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "statuskit/openapi/json_pointer.h"
#include "vendors/fixture_reader.h"

namespace statuskit::mock::rocketchat {

using nlohmann::json;

bool User::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Subscription::is_owner() const {
  return std::find(roles.begin(), roles.end(), "owner") != roles.end();
}

std::unique_ptr<RocketchatState> RocketchatState::from_json(const json& fixture) {
  auto state = std::make_unique<RocketchatState>();
  const FixtureObject root(fixture, "", {"permissions", "users", "rooms"});
  const json& permissions = fixture.at("permissions");
  if (!permissions.is_object()) fixture_error("/permissions", "expected object");
  for (const auto& [permission, roles] : permissions.items()) {
    const std::string pointer = openapi::append_pointer("/permissions", permission);
    if (!roles.is_array()) fixture_error(pointer, "expected an array of role names");
    for (const auto& role : roles) {
      if (!role.is_string()) fixture_error(pointer, "expected an array of role names");
      state->permissions_[permission].push_back(role.get<std::string>());
    }
  }
  std::set<std::string> ids;
  const json& users = root.array("users");
  for (std::size_t i = 0; i < users.size(); ++i) {
    const FixtureObject entry(users[i], openapi::append_pointer("/users", i),
                              {"_id", "username", "name", "roles", "active", "loginTokens"},
                              {"federated"});
    User user;
    user.id = entry.string("_id");
    if (user.id.empty() || !ids.insert(user.id).second) {
      fixture_error(entry.pointer_of("_id"), "empty or duplicate user id");
    }
    user.username = entry.string("username");
    user.name = entry.string("name");
    user.roles = entry.strings("roles");
    user.active = entry.boolean("active", true);
    user.federated = entry.boolean("federated", false);
    user.login_tokens = entry.strings("loginTokens");
    state->users_.push_back(std::move(user));
  }
  const json& rooms = root.array("rooms");
  for (std::size_t i = 0; i < rooms.size(); ++i) {
    const FixtureObject entry(rooms[i], openapi::append_pointer("/rooms", i),
                              {"_id", "name", "t", "subscriptions"}, {"fname"});
    Room room;
    room.id = entry.string("_id");
    room.name = entry.string("name");
    room.fname = entry.optional_string("fname").value_or("");
    room.type = entry.one_of("t", {"c", "p", "d"});
    const json& subscriptions = entry.array("subscriptions");
    for (std::size_t j = 0; j < subscriptions.size(); ++j) {
      const FixtureObject sub(subscriptions[j],
                              openapi::append_pointer(entry.pointer_of("subscriptions"), j),
                              {"u", "ts", "roles"});
      Subscription subscription{sub.string("u"), sub.string("ts"), sub.strings("roles")};
      if (!ids.contains(subscription.user)) {
        fixture_error(sub.pointer_of("u"), "no user with _id " + subscription.user);
      }
      room.subscriptions.push_back(std::move(subscription));
    }
    state->rooms_.push_back(std::move(room));
  }
  return state;
}

std::unique_ptr<VendorState> RocketchatState::clone() const {
  return std::make_unique<RocketchatState>(*this);
}

json RocketchatState::to_json() const {
  json permissions = json::object();
  for (const auto& [permission, roles] : permissions_) permissions[permission] = roles;
  json users = json::array();
  for (const auto& user : users_) {
    json entry{{"_id", user.id},        {"username", user.username},
               {"name", user.name},     {"roles", user.roles},
               {"active", user.active}, {"loginTokens", user.login_tokens}};
    if (user.federated) entry["federated"] = true;
    users.push_back(std::move(entry));
  }
  json rooms = json::array();
  for (const auto& room : rooms_) {
    json subscriptions = json::array();
    for (const auto& sub : room.subscriptions) {
      subscriptions.push_back({{"u", sub.user}, {"ts", sub.ts}, {"roles", sub.roles}});
    }
    json entry{
        {"_id", room.id}, {"name", room.name}, {"t", room.type}, {"subscriptions", subscriptions}};
    if (!room.fname.empty()) entry["fname"] = room.fname;
    rooms.push_back(std::move(entry));
  }
  return {{"permissions", permissions}, {"users", users}, {"rooms", rooms}};
}

User* RocketchatState::find_user(const std::string& id) {
  auto it = std::find_if(users_.begin(), users_.end(), [&](const User& u) { return u.id == id; });
  return it == users_.end() ? nullptr : &*it;
}

User* RocketchatState::find_user_by_username(const std::string& username) {
  auto it = std::find_if(users_.begin(), users_.end(),
                         [&](const User& u) { return u.username == username; });
  return it == users_.end() ? nullptr : &*it;
}

bool RocketchatState::has_permission(const User& user, const std::string& permission) const {
  const auto it = permissions_.find(permission);
  if (it == permissions_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const std::string& role) { return user.has_role(role); });
}

}  // namespace statuskit::mock::rocketchat
