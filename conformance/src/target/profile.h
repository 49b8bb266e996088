#pragma once
// A target profile (fixtures/targets/<name>.yaml, format in docs/conformance-suites.md): where
// the target lives and, per vendor, the credentials and special user ids the suites use.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace statuskit::conformance {

// bugprone-exception-escape (suppressed below) takes the implicit noexcept constructors for
// throwing: nlohmann::json's noexcept default constructor contains a throw that no value
// reaches (in json_value(value_t), a null in the branch after `case null`). A false positive.
struct VendorProfile {  // NOLINT(bugprone-exception-escape): nlohmann's unreachable throw
  std::optional<std::string> base_path;  ///< overrides the spec's first server path
  nlohmann::json values;                 ///< {roles, users, values}: what ${...} looks up
  /// `generate:` (optional): per operation, the schema-valid request the generated tests
  /// start from and a role without the permission (conformance generate; generate/profile.h).
  nlohmann::json generate;
  /// `explore:` (optional): `read: {query, headers, cookies}` added to the read the generate
  /// section gives, for explore's read-backs only (e.g. a flag that lists the user's rooms).
  nlohmann::json explore;
};

struct TargetProfile {
  std::string name;
  std::string base_url;
  bool statuskit_mock = false;
  /// For a mock started with --admin-token: sent as a Bearer token on /__admin calls only.
  std::string admin_token;
  std::map<std::string, VendorProfile> vendors;

  /// Loads and checks a profile. Throws std::invalid_argument "<file>: <pointer>: <reason>".
  static TargetProfile load_file(const std::string& path);
  static TargetProfile from_json(const nlohmann::json& document, const std::string& source);
};

}  // namespace statuskit::conformance
