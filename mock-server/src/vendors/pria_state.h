#pragma once
// The Pria admin API's mutable state: institutions, users with their institution memberships,
// the JWT secret and the fixture's ready-made tokens. Loaded from fixtures/pria.yaml.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vendors/string_lookup.h"
#include "vendors/vendor_module.h"

namespace statuskit::mock::pria {

struct Institution {
  std::string id;  ///< `_id`, a 24-hex ObjectId
  std::string name;
  std::string status;  ///< active | inactive
};

/// A user's relation to one institution: the role there and the entitlements it carries
/// ("users.edit", ...). An admin acts on an institution's users only through a membership
/// with role "admin".
struct Membership {
  std::string institution;  ///< an Institution id
  std::string role;         ///< admin | user
  std::vector<std::string> entitlements;

  bool grants(std::string_view entitlement) const;
};

struct User {
  std::string id;  ///< `_id`, a 24-hex ObjectId
  std::string email;
  std::string fname;
  std::string lname;
  std::string account_type;  ///< user | admin | super
  std::string status;        ///< active | inactive | deleted
  std::vector<Membership> memberships;
};

/// A pre-minted credential from the fixture (documentation for test profiles; the mock itself
/// authenticates by verifying the JWT against the secret, not by looking tokens up).
struct FixtureToken {
  std::string name;
  std::string user;
  std::string jwt;
};

class PriaState final : public VendorState {
 public:
  /// Parses a fixture document strictly. Throws std::invalid_argument "<pointer>: <reason>".
  static std::unique_ptr<PriaState> from_json(const nlohmann::json& fixture);

  std::unique_ptr<VendorState> clone() const override;
  nlohmann::json to_json() const override;

  const std::string& jwt_secret() const { return jwt_secret_; }
  const std::vector<FixtureToken>& tokens() const { return tokens_; }
  const std::vector<User>& users() const { return users_; }
  const Institution* find_institution(std::string_view id) const;
  const User* find_user(std::string_view id) const;
  User* find_user(std::string_view id);

 private:
  PriaState() = default;

  std::string jwt_secret_;
  std::vector<Institution> institutions_;
  std::vector<User> users_;  // fixture order, kept so to_json() round-trips exactly
  StringMap<std::size_t> user_index_;
  std::vector<FixtureToken> tokens_;
};

/// True for a MongoDB ObjectId in its canonical form: 24 lower-case hex digits.
bool is_object_id(std::string_view text);

}  // namespace statuskit::mock::pria
