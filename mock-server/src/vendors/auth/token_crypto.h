#pragma once
// Token primitives the vendors' auth schemes need: SHA-256 (Rocket.Chat stores hashed login
// tokens) and HS256 JSON Web Tokens (Pria, D3lay). Backed by OpenSSL's libcrypto.

#include <chrono>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace statuskit::mock {

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
/// Base64 (standard alphabet, padded) SHA-256 of `data`, the form Rocket.Chat stores.
std::string sha256_base64(std::string_view data);

std::string base64url_encode(std::string_view data);
/// nullopt when `text` is not valid unpadded/padded base64url.
std::optional<std::string> base64url_decode(std::string_view text);

/// Signs `claims` as an HS256 JWT with `secret`.
std::string sign_hs256_jwt(const nlohmann::json& claims, std::string_view secret);

enum class JwtProblem { kNone, kMalformed, kBadSignature, kExpired, kUnsupportedAlgorithm };

struct JwtVerification {
  JwtProblem problem = JwtProblem::kNone;
  std::string detail;  ///< human-readable reason when problem != kNone, e.g. "jwt malformed"
  /// The claims object; only meaningful when problem == kNone (or kExpired, for diagnostics).
  std::shared_ptr<const nlohmann::json> claims;
  bool ok() const { return problem == JwtProblem::kNone; }
};

/// Verifies signature (HS256 only) and `exp` (seconds since epoch) against `now`.
/// Never throws for any input.
JwtVerification verify_hs256_jwt(std::string_view token, std::string_view secret,
                                 std::chrono::system_clock::time_point now);

}  // namespace statuskit::mock
