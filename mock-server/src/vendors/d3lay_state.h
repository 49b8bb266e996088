#pragma once
// The D3lay (Hive) identity API's mutable state: users reachable by UUID or identifier, the
// HS256 secret the Bearer tokens are verified with, and the fixture's ready-made tokens.
// Loaded from fixtures/d3lay.yaml.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vendors/vendor_module.h"

namespace statuskit::mock::d3lay {

struct User {
  std::string id;  ///< UUID
  std::string identifier;
  std::string name;
  std::string email;
  std::string user_type;  ///< saas_admin | saas_user | saas_user_client
  std::string status;     ///< active | onboarding | inactive | suspended | risky
  std::optional<std::string> review_comment;
  std::string created_at;
  std::string updated_at;
  std::string created_by;
  std::string updated_by;
};

struct FixtureToken {
  std::string name;
  std::string jwt;
};

class D3layState final : public VendorState {
 public:
  /// Parses a fixture document strictly. Throws std::invalid_argument "<pointer>: <reason>".
  static std::unique_ptr<D3layState> from_json(const nlohmann::json& fixture);

  std::unique_ptr<VendorState> clone() const override;
  nlohmann::json to_json() const override;

  const std::string& jwt_secret() const { return jwt_secret_; }
  /// The user whose UUID or identifier is `key` (UUIDs compare case-insensitively).
  User* find(const std::string& key);

 private:
  std::string jwt_secret_;
  std::vector<User> users_;
  std::vector<FixtureToken> tokens_;
};

bool is_uuid(const std::string& text);

}  // namespace statuskit::mock::d3lay
