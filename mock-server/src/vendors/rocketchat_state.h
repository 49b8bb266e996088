#pragma once
// Rocket.Chat's mutable state for users.setActiveStatus: users with their hashed login tokens,
// the permission → roles table, and rooms with their subscriptions (for the last-owner rules).
// Loaded from fixtures/rocketchat.yaml.

#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "vendors/vendor_module.h"

namespace statuskit::mock::rocketchat {

struct User {
  std::string id;
  std::string username;
  std::string name;
  std::vector<std::string> roles;
  bool active = true;
  bool federated = false;
  std::vector<std::string> login_tokens;  ///< sha256 (base64) of each token, as stored

  bool has_role(const std::string& role) const;
};

struct Subscription {
  std::string user;
  std::string ts;  ///< ISO 8601 join time; ordering by it picks the new owner
  std::vector<std::string> roles;
  bool is_owner() const;
};

struct Room {
  std::string id;
  std::string name;
  std::string fname;  ///< display name, may be empty
  std::string type;   ///< c | p | d
  std::vector<Subscription> subscriptions;
  /// fname || name, as Rocket.Chat names rooms in errors.
  const std::string& display_name() const { return fname.empty() ? name : fname; }
};

class RocketchatState final : public VendorState {
 public:
  /// Parses a fixture document strictly. Throws std::invalid_argument "<pointer>: <reason>".
  static std::unique_ptr<RocketchatState> from_json(const nlohmann::json& fixture);

  std::unique_ptr<VendorState> clone() const override;
  nlohmann::json to_json() const override;

  User* find_user(const std::string& id);
  User* find_user_by_username(const std::string& username);
  /// Does any of the user's roles hold `permission`?
  bool has_permission(const User& user, const std::string& permission) const;
  std::vector<User>& users() { return users_; }
  std::vector<Room>& rooms() { return rooms_; }

 private:
  std::map<std::string, std::vector<std::string>> permissions_;
  std::vector<User> users_;
  std::vector<Room> rooms_;
};

}  // namespace statuskit::mock::rocketchat
