#pragma once
// The Symphony pod's mutable state: users (status, suspension, roles, protected service users,
// the attributes GET /v2/admin/user/{uid} shows) and the session tokens that authenticate them.
// Loaded from fixtures/symphony.yaml.

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vendors/vendor_module.h"

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
  // Read only through the v2 user record; optional so older state files still load.
  std::optional<std::string> email_address;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::string account_type = "NORMAL";            ///< NORMAL | SYSTEM | SDL
  std::optional<std::int64_t> created_date;       ///< epoch ms
  std::optional<std::string> created_by;          ///< uid of the creator, a string as in the spec
  std::optional<std::int64_t> last_updated_date;  ///< epoch ms, set by every status update
  std::optional<std::int64_t> deactivated_date;   ///< epoch ms, set when DISABLED

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
