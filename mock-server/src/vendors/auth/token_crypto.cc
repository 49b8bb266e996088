#include "vendors/auth/token_crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

namespace statuskit::mock {
namespace {

std::array<unsigned char, SHA256_DIGEST_LENGTH> sha256_raw(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return digest;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &out_len);
  return std::string(reinterpret_cast<const char*>(out), out_len);
}

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(std::string_view data, bool url) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto emit = [&](unsigned value) {
    char c = kBase64Alphabet[value & 63U];
    if (url && c == '+') c = '-';
    if (url && c == '/') c = '_';
    out.push_back(c);
  };
  while (i + 2 < data.size()) {
    unsigned n = (static_cast<unsigned char>(data[i]) << 16U) |
                 (static_cast<unsigned char>(data[i + 1]) << 8U) |
                 static_cast<unsigned char>(data[i + 2]);
    emit(n >> 18U), emit(n >> 12U), emit(n >> 6U), emit(n);
    i += 3;
  }
  std::size_t rest = data.size() - i;
  if (rest == 1) {
    unsigned n = static_cast<unsigned char>(data[i]) << 16U;
    emit(n >> 18U), emit(n >> 12U);
    if (!url) out += "==";
  } else if (rest == 2) {
    unsigned n = (static_cast<unsigned char>(data[i]) << 16U) |
                 (static_cast<unsigned char>(data[i + 1]) << 8U);
    emit(n >> 18U), emit(n >> 12U), emit(n >> 6U);
    if (!url) out += "=";
  }
  return out;
}

// Constant-time comparison: signatures must not leak how many bytes matched.
bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : sha256_raw(data)) {
    out.push_back(kHex[byte >> 4U]);
    out.push_back(kHex[byte & 15U]);
  }
  return out;
}

std::string sha256_base64(std::string_view data) {
  auto digest = sha256_raw(data);
  return base64_encode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()), false);
}

std::string base64url_encode(std::string_view data) { return base64_encode(data, true); }

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    unsigned value;
    if (c >= 'A' && c <= 'Z')
      value = static_cast<unsigned>(c - 'A');
    else if (c >= 'a' && c <= 'z')
      value = static_cast<unsigned>(c - 'a' + 26);
    else if (c >= '0' && c <= '9')
      value = static_cast<unsigned>(c - '0' + 52);
    else if (c == '-' || c == '+')
      value = 62;
    else if (c == '_' || c == '/')
      value = 63;
    else
      return std::nullopt;
    buffer = (buffer << 6U) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  return out;
}

std::string sign_hs256_jwt(const nlohmann::json& claims, std::string_view secret) {
  const std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
  const std::string payload = base64url_encode(claims.dump());
  const std::string signing_input = header + "." + payload;
  return signing_input + "." + base64url_encode(hmac_sha256(secret, signing_input));
}

namespace {

/// What a token's signature check found, which depends on the token and the key only.
struct SignedClaims {
  std::shared_ptr<const nlohmann::json> claims;
  /// `exp` when the claims have a numeric one (seconds since epoch).
  std::optional<double> expires_at;
};

/// Checks shape, algorithm and signature; fills `signed_claims` when all hold, else `failure`.
void check_signature(std::string_view token, std::string_view secret, JwtVerification& failure,
                     SignedClaims& signed_claims) {
  auto fail = [&](JwtProblem problem, const char* detail) {
    failure.problem = problem;
    failure.detail = detail;
  };
  const auto first_dot = token.find('.');
  const auto second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    return fail(JwtProblem::kMalformed, "jwt malformed");
  }
  auto header_text = base64url_decode(token.substr(0, first_dot));
  auto payload_text = base64url_decode(token.substr(first_dot + 1, second_dot - first_dot - 1));
  auto signature = base64url_decode(token.substr(second_dot + 1));
  if (!header_text || !payload_text || !signature) {
    return fail(JwtProblem::kMalformed, "jwt malformed");
  }
  auto header = nlohmann::json::parse(*header_text, nullptr, false);
  auto payload = nlohmann::json::parse(*payload_text, nullptr, false);
  if (!header.is_object() || !payload.is_object()) {
    return fail(JwtProblem::kMalformed, "jwt malformed");
  }
  auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string() || alg->get_ref<const std::string&>() != "HS256") {
    return fail(JwtProblem::kUnsupportedAlgorithm, "invalid algorithm");
  }
  const auto signing_input = token.substr(0, second_dot);
  if (!equal_constant_time(hmac_sha256(secret, signing_input), *signature)) {
    return fail(JwtProblem::kBadSignature, "invalid signature");
  }
  auto exp = payload.find("exp");
  if (exp != payload.end()) {
    if (!exp->is_number()) return fail(JwtProblem::kMalformed, "jwt malformed");
    signed_claims.expires_at = exp->get<double>();
  }
  signed_claims.claims = std::make_shared<const nlohmann::json>(std::move(payload));
}

/// Tokens whose signature checked out, per thread (no lock on the request path), keyed by key
/// and token: a token checked under one key is checked again under another, so replacing a
/// vendor's secret takes effect at once. Only the key-and-token part is cached — expiry is
/// judged against the request's time on every use, and whatever a vendor checks after the
/// signature (the user still exists, the token is not revoked) runs on every request as before.
/// Forged or malformed tokens are not kept, so they cannot push good ones out; when full, the
/// cache starts over (cheap, and bounded whatever clients send).
class SignatureCache {
 public:
  static constexpr std::size_t kMaxEntries = 1024;

  const SignedClaims* find(std::string_view secret, std::string_view token) {
    key_.assign(secret).push_back('\n');
    key_.append(token);
    const auto found = entries_.find(key_);
    return found == entries_.end() ? nullptr : &found->second;
  }
  /// Keeps `claims` under the key find() was last called with.
  void keep(SignedClaims claims) {
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.emplace(key_, std::move(claims));
  }

 private:
  std::string key_;  ///< reused between lookups, so a hit allocates nothing
  std::unordered_map<std::string, SignedClaims> entries_;
};

}  // namespace

JwtVerification verify_hs256_jwt(std::string_view token, std::string_view secret,
                                 std::chrono::system_clock::time_point now) {
  // Bounded by what one token may cost: a token longer than any header we accept is checked
  // but never kept (the transport caps a header at --max-header-bytes anyway).
  constexpr std::size_t kLongestCachedToken = 8 * 1024;
  thread_local SignatureCache cache;
  JwtVerification result;
  const SignedClaims* signed_claims =
      token.size() <= kLongestCachedToken ? cache.find(secret, token) : nullptr;
  SignedClaims fresh;
  if (signed_claims == nullptr) {
    check_signature(token, secret, result, fresh);
    if (!result.ok()) return result;
    if (token.size() <= kLongestCachedToken) cache.keep(fresh);
    signed_claims = &fresh;
  }
  result.claims = signed_claims->claims;
  if (signed_claims->expires_at) {
    const auto now_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (*signed_claims->expires_at <= static_cast<double>(now_seconds)) {
      result.problem = JwtProblem::kExpired;
      result.detail = "jwt expired";
    }
  }
  return result;
}

}  // namespace statuskit::mock
