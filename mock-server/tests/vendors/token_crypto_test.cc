#include "vendors/auth/token_crypto.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::mock {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

TEST(TokenCrypto, Sha256MatchesKnownVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // Rocket.Chat stores base64(sha256(token)).
  EXPECT_EQ(sha256_base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST(TokenCrypto, Base64UrlRoundTrips) {
  for (std::string text : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\xfd"}) {
    auto decoded = base64url_decode(base64url_encode(text));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, text);
  }
  EXPECT_FALSE(base64url_decode("a").has_value());
  EXPECT_FALSE(base64url_decode("ab$d").has_value());
}

TEST(TokenCrypto, SignedJwtVerifiesAndCarriesClaims) {
  const auto now = system_clock::time_point(seconds(1'700'000'000));
  const auto token = sign_hs256_jwt({{"sub", "u1"}, {"exp", 1'700'000'100}}, "secret");
  auto verified = verify_hs256_jwt(token, "secret", now);
  ASSERT_TRUE(verified.ok()) << verified.detail;
  EXPECT_EQ(verified.claims->at("sub").get<std::string>(), "u1");
}

TEST(TokenCrypto, RejectsWrongSecretExpiryAndGarbage) {
  const auto now = system_clock::time_point(seconds(1'700'000'000));
  const auto token = sign_hs256_jwt({{"sub", "u1"}, {"exp", 1'700'000'000}}, "secret");
  EXPECT_EQ(verify_hs256_jwt(token, "other", now).problem, JwtProblem::kBadSignature);
  EXPECT_EQ(verify_hs256_jwt(token, "secret", now).problem, JwtProblem::kExpired);
  EXPECT_EQ(verify_hs256_jwt("pria_0123", "secret", now).problem, JwtProblem::kMalformed);
  EXPECT_EQ(verify_hs256_jwt("a.b.c.d", "secret", now).problem, JwtProblem::kMalformed);
  EXPECT_EQ(verify_hs256_jwt("", "secret", now).problem, JwtProblem::kMalformed);
  // alg "none" must never be accepted.
  const auto unsigned_token =
      base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(R"({"sub":"u1"})") + ".";
  EXPECT_EQ(verify_hs256_jwt(unsigned_token, "secret", now).problem,
            JwtProblem::kUnsupportedAlgorithm);
}

// verify_hs256_jwt keeps tokens whose signature checked out (per thread). Each test below first
// verifies the token successfully, so the second verification is answered from that cache.

TEST(TokenCryptoCache, ACachedTokenStillExpiresOnTime) {
  const auto token = sign_hs256_jwt({{"sub", "cache-1"}, {"exp", 1'700'000'100}}, "secret");
  ASSERT_TRUE(
      verify_hs256_jwt(token, "secret", system_clock::time_point(seconds(1'700'000'099))).ok());
  EXPECT_EQ(
      verify_hs256_jwt(token, "secret", system_clock::time_point(seconds(1'700'000'100))).problem,
      JwtProblem::kExpired);
  // And back: the cache holds the signature, not a verdict.
  EXPECT_TRUE(
      verify_hs256_jwt(token, "secret", system_clock::time_point(seconds(1'700'000'000))).ok());
}

TEST(TokenCryptoCache, ACachedTokenIsRefusedUnderAnotherKey) {
  const auto now = system_clock::time_point(seconds(1'700'000'000));
  const auto token = sign_hs256_jwt({{"sub", "cache-2"}}, "old-secret");
  ASSERT_TRUE(verify_hs256_jwt(token, "old-secret", now).ok());
  EXPECT_EQ(verify_hs256_jwt(token, "new-secret", now).problem, JwtProblem::kBadSignature);
  // A key that is a prefix of another, or shares the separator, names a different entry.
  EXPECT_EQ(verify_hs256_jwt(token, "old-secre", now).problem, JwtProblem::kBadSignature);
}

TEST(TokenCryptoCache, ATamperedCopyOfACachedTokenIsRefused) {
  const auto now = system_clock::time_point(seconds(1'700'000'000));
  const auto token = sign_hs256_jwt({{"sub", "cache-3"}}, "secret");
  ASSERT_TRUE(verify_hs256_jwt(token, "secret", now).ok());
  std::string tampered = token;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify_hs256_jwt(tampered, "secret", now).problem, JwtProblem::kBadSignature);
  const auto forged_payload = base64url_encode(R"({"sub":"admin"})");
  const auto forged =
      token.substr(0, token.find('.') + 1) + forged_payload + token.substr(token.rfind('.'));
  EXPECT_EQ(verify_hs256_jwt(forged, "secret", now).problem, JwtProblem::kBadSignature);
}

TEST(TokenCryptoCache, ManyTokensStayCorrectPastTheCacheSize) {
  const auto now = system_clock::time_point(seconds(1'700'000'000));
  std::vector<std::string> tokens;
  for (int i = 0; i < 3000; ++i) {
    tokens.push_back(sign_hs256_jwt({{"sub", "many-" + std::to_string(i)}}, "secret"));
  }
  for (int round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto verified = verify_hs256_jwt(tokens[i], "secret", now);
      ASSERT_TRUE(verified.ok()) << i;
      ASSERT_EQ(verified.claims->at("sub"), "many-" + std::to_string(i));
    }
  }
}

}  // namespace
}  // namespace statuskit::mock
