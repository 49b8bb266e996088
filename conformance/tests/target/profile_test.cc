// Target profiles: the project's own loads; bad ones are rejected with file, pointer and reason.
#include "target/profile.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace statuskit::conformance {
namespace {

using nlohmann::json;

std::string error_of(const json& document) {
  try {
    TargetProfile::from_json(document, "bad.yaml");
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(TargetProfile, TheBundledMockProfileCoversEveryVendor) {
  const auto profile =
      TargetProfile::load_file(std::string(STATUSKIT_SOURCE_DIR) + "/fixtures/targets/mock.yaml");
  EXPECT_TRUE(profile.statuskit_mock);
  EXPECT_EQ(profile.base_url, "http://127.0.0.1:8080");
  for (const char* vendor : {"pria", "rocketchat", "symphony", "d3lay", "docspace"}) {
    ASSERT_TRUE(profile.vendors.count(vendor)) << vendor;
    EXPECT_TRUE(profile.vendors.at(vendor).values.contains("roles")) << vendor;
  }
  EXPECT_EQ(profile.vendors.at("pria").values["users"]["unknown"], "65f0000000000000000000ff");
}

TEST(TargetProfile, AMinimalProfileLoads) {
  const auto profile = TargetProfile::from_json(
      {{"base_url", "https://staging.example"},
       {"vendors", {{"pria", {{"base_path", "/v2"}, {"values", {{"n", 1}}}}}}}},
      "p.yaml");
  EXPECT_FALSE(profile.statuskit_mock) << "a real server unless the profile says otherwise";
  EXPECT_EQ(profile.vendors.at("pria").base_path.value(), "/v2");
  EXPECT_EQ(profile.vendors.at("pria").values["values"]["n"], 1);
}

TEST(TargetProfile, EnvironmentVariablesStandInForSecrets) {
  ::setenv("STATUSKIT_PROFILE_TEST_TOKEN", "tok-from-env-123", 1);
  ::setenv("STATUSKIT_PROFILE_TEST_HOST", "127.0.0.1:9", 1);
  const auto profile = TargetProfile::from_json(
      {{"base_url", "http://${env:STATUSKIT_PROFILE_TEST_HOST}/"},
       {"admin_token", "${env:STATUSKIT_PROFILE_TEST_TOKEN}"},
       {"vendors",
        {{"pria",
          {{"roles", {{"admin", {{"token", "Bearer ${env:STATUSKIT_PROFILE_TEST_TOKEN}"}}}}}}}}}},
      "env.yaml");
  EXPECT_EQ(profile.base_url, "http://127.0.0.1:9/");
  EXPECT_EQ(profile.admin_token, "tok-from-env-123");
  EXPECT_EQ(profile.vendors.at("pria").values["roles"]["admin"]["token"],
            "Bearer tok-from-env-123");
  ::unsetenv("STATUSKIT_PROFILE_TEST_UNSET");
  EXPECT_EQ(
      error_of(
          {{"vendors",
            {{"pria",
              {{"roles", {{"admin", {{"token", "${env:STATUSKIT_PROFILE_TEST_UNSET}"}}}}}}}}}}),
      "bad.yaml: /vendors/pria/roles/admin/token: the environment variable "
      "STATUSKIT_PROFILE_TEST_UNSET (named by ${env:STATUSKIT_PROFILE_TEST_UNSET}) is not set");
  EXPECT_EQ(error_of({{"admin_token", "${env:OPEN"}}),
            "bad.yaml: /admin_token: '${env:' without a closing '}'");
}

TEST(TargetProfile, BadProfilesNameThePlaceAndTheReason) {
  EXPECT_EQ(error_of(json::array()), "bad.yaml: /: expected a profile object");
  EXPECT_EQ(error_of({{"base_url", 8080}}), "bad.yaml: /base_url: expected a string");
  EXPECT_EQ(error_of({{"statuskit_mock", "yes"}}), "bad.yaml: /statuskit_mock: expected a boolean");
  EXPECT_EQ(error_of({{"vendor", json::object()}}),
            "bad.yaml: /vendor: unknown field (did you mean vendors?) (allowed: name, base_url, "
            "statuskit_mock, admin_token, vendors)");
  EXPECT_EQ(error_of({{"colour", "red"}}),
            "bad.yaml: /colour: unknown field (allowed: name, base_url, statuskit_mock, "
            "admin_token, vendors)")
      << "no suggestion when nothing is close";
  EXPECT_EQ(
      error_of({{"vendors", {{"pria", {{"role", json::object()}}}}}}),
      "bad.yaml: /vendors/pria/role: unknown field (did you mean roles?) (allowed: base_path, "
      "roles, users, values, generate, explore)");
  EXPECT_EQ(error_of({{"vendors", {{"pria", {{"roles", {{"admin", {{"token", nullptr}}}}}}}}}}),
            "bad.yaml: /vendors/pria/roles/admin/token: expected a string, number, boolean or "
            "object, got null");
  EXPECT_EQ(error_of({{"vendors", {{"pria", {{"users", {{"ids", {1, 2}}}}}}}}}),
            "bad.yaml: /vendors/pria/users/ids: expected a string, number, boolean or object, "
            "got array");
  EXPECT_EQ(error_of({{"vendors", {{"pria", "x"}}}}),
            "bad.yaml: /vendors/pria: expected an object");
}

TEST(TargetProfile, UnreadableOrMalformedFilesAreClearErrors) {
  EXPECT_THROW(TargetProfile::load_file("/nonexistent/profile.yaml"), std::invalid_argument);
  const std::string path = ::testing::TempDir() + "/malformed-profile.yaml";
  std::ofstream(path) << "base_url: [unclosed\n";
  try {
    TargetProfile::load_file(path);
    FAIL() << "a malformed profile loaded";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("malformed-profile.yaml"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace statuskit::conformance
