#pragma once
// The optional `generate:` section of a vendor in a target profile (docs/generated-tests.md):
// per operation, the schema-valid request every generated case of it starts from (templates
// as in suites, resolved against the profile), and the credentials of a role that lacks the
// operation's permission.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "scenarios/suite.h"

namespace statuskit::conformance {

struct GenerationRequest {
  Step base;  ///< path, query, headers, cookies and body templates; operation set
  /// `forbidden: {headers, cookies}`: credentials of a role without the permission, replacing
  /// the base's headers and cookies of the same names. Absent: no forbidden-role case.
  std::optional<nlohmann::json> forbidden_headers;
  std::optional<nlohmann::json> forbidden_cookies;
};

struct GenerationProfile {
  std::map<std::string, GenerationRequest> operations;  ///< by operationId

  /// Reads a vendor's `generate` section. Throws std::invalid_argument "<pointer>: <reason>".
  static GenerationProfile from_json(const nlohmann::json& section);
};

}  // namespace statuskit::conformance
