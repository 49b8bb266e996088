#pragma once
// The Symphony pod's mutable state: users (status, suspension, roles, protected service users)
// and the session tokens that authenticate them. Loaded from fixtures/symphony.yaml.

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vendor_module.h"

namespace statuskit::mock::symphony {

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;  ///< e.g. INDIVIDUAL, USER_PROVISIONING
  std::string status;              ///< ENABLED | DISABLED
  bool suspended = false;
  std::optional<std::int64_t> suspended_until;  ///< as the client sent it (seconds or ms)
  std::optional<std::string> suspension_reason;
  bool protected_service_user = false;  ///< keymanager, ceservice: cannot be disabled

  bool has_role(const std::string& role) const;
};

struct Session {
  std::string token;
  std::int64_t user_id = 0;
};

class SymphonyState final : public VendorState {
 public:
  /// Parses a fixture document strictly. Throws std::invalid_argument "<pointer>: <reason>".
  static std::unique_ptr<SymphonyState> from_json(const nlohmann::json& fixture);

  std::unique_ptr<VendorState> clone() const override;
  nlohmann::json to_json() const override;

  User* find_user(std::int64_t id);
  /// The user a session token belongs to, or nullptr.
  User* user_of_session(const std::string& token);

 private:
  std::vector<User> users_;  // fixture order, so to_json() round-trips
  std::vector<Session> sessions_;
};

}  // namespace statuskit::mock::symphony
