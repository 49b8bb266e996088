// The D3lay module case by case, driven directly with the real fixture; every answer is also
// checked against specs/d3lay-identity.yaml.
#include "vendors/d3lay.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/vendor_harness.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;
using testing::VendorHarness;

constexpr const char* kAdminId = "98d91cd7-860d-4869-937a-5af32eff2f4a";
constexpr const char* kBen = "d4add56e-c345-4ac9-b392-7a890a60559a";
constexpr const char* kTheo = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

class D3layTest : public ::testing::Test {
 protected:
  D3layTest() {
    // 2026-09-21T14:13:20Z: after every fixture token's iat, before the long-lived ones expire.
    harness_.context().now =
        std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000));
  }

  std::string token(const std::string& name) {
    for (const auto& entry : harness_.fixture().at("tokens")) {
      if (entry.at("name").get<std::string>() == name) return entry.at("jwt").get<std::string>();
    }
    ADD_FAILURE() << "no token " << name;
    return {};
  }
  MockResponse patch(const std::string& key, const json& body,
                     const std::string& token_name = "admin", const char* version = nullptr) {
    auto request = VendorHarness::request("changeUserStatus", "PATCH", "/users/" + key);
    request.path_params["id-or-identifier"] = key;
    if (!token_name.empty()) request.headers["authorization"] = "Bearer " + token(token_name);
    if (version != nullptr) request.headers["x-api-version"] = version;
    VendorHarness::set_json_body(request, body);
    return harness_.run(request);
  }
  MockResponse get(const std::string& key, const std::string& token_name = "admin") {
    auto request = VendorHarness::request("getUser", "GET", "/users/" + key);
    request.path_params["id-or-identifier"] = key;
    if (!token_name.empty()) request.headers["authorization"] = "Bearer " + token(token_name);
    return harness_.run(request);
  }
  json user(const std::string& key) {
    auto response = get(key);
    EXPECT_EQ(response.status, 200) << response.body;
    return VendorHarness::body(response);
  }

  VendorHarness harness_{make_d3lay_module()};
};

TEST_F(D3layTest, EachOfTheFiveStatusesIsAppliedAndAnsweredAsAUser) {
  for (const char* status : {"inactive", "onboarding", "suspended", "risky", "active"}) {
    auto response = patch(kTheo, {{"status", status}});
    ASSERT_EQ(response.status, 200) << response.body;
    const json body = VendorHarness::body(response);
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["id"], kTheo);
    EXPECT_EQ(body["email"], "theo@d3lay.test");  // a User, not a Workspace
    EXPECT_FALSE(body.contains("workspace_type"));
    EXPECT_EQ(user("theo")["status"], status);
  }
}

TEST_F(D3layTest, ByIdentifierAndByUuidReachTheSameUser) {
  ASSERT_EQ(patch("ben", {{"status", "inactive"}}).status, 200);
  EXPECT_EQ(user(kBen)["status"], "inactive");
  ASSERT_EQ(patch("D4ADD56E-C345-4AC9-B392-7A890A60559A", {{"status", "active"}}).status, 200);
  EXPECT_EQ(user("ben")["status"], "active");
}

TEST_F(D3layTest, ReviewCommentUpdatedAtAndUpdatedByChange) {
  auto response = patch("theo", {{"status", "suspended"}, {"review_comment", "abuse"}});
  ASSERT_EQ(response.status, 200);
  const json body = VendorHarness::body(response);
  EXPECT_EQ(body["review_comment"], "abuse");
  EXPECT_EQ(body["updated_at"], "2026-09-21T14:13:20Z");
  EXPECT_EQ(body["updated_by"], kAdminId);
  EXPECT_EQ(user("theo")["review_comment"], "abuse");
  // A change without a comment clears it.
  ASSERT_EQ(patch("theo", {{"status", "active"}}).status, 200);
  EXPECT_FALSE(user("theo").contains("review_comment"));
}

TEST_F(D3layTest, UnknownIdOrIdentifierIs404) {
  for (const char* key : {"nobody", "00000000-0000-4000-8000-000000000000"}) {
    auto response = patch(key, {{"status", "inactive"}});
    EXPECT_EQ(response.status, 404) << key;
    EXPECT_EQ(VendorHarness::body(response)["error"], "not_found");
    EXPECT_EQ(get(key).status, 404);
  }
}

TEST_F(D3layTest, InvalidBodiesAre400WithAPointer) {
  EXPECT_EQ(VendorHarness::body(patch("theo", {{"status", "paused"}}))["message"],
            "/status: \"paused\" is not one of active, onboarding, inactive, suspended, risky");
  EXPECT_EQ(VendorHarness::body(patch("theo", {{"status", "Active"}})).value("error", ""),
            "invalid_request");
  EXPECT_EQ(VendorHarness::body(patch("theo", {{"review_comment", "x"}}))["message"],
            "/status: required property is missing");
  EXPECT_EQ(VendorHarness::body(
                patch("theo", {{"status", "inactive"}, {"review_comment", 3}}))["message"],
            "/review_comment: expected string, got number");
  EXPECT_EQ(user("theo")["status"], "active");
}

TEST_F(D3layTest, OnlyApiVersionV1IsAccepted) {
  auto response = patch("theo", {{"status", "inactive"}}, "admin", "v2");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(VendorHarness::body(response)["error"], "unsupported_api_version");
  EXPECT_EQ(patch("theo", {{"status", "inactive"}}, "admin", "v1").status, 200);
}

TEST_F(D3layTest, MissingBadOrExpiredTokensAre401) {
  EXPECT_EQ(patch("theo", {{"status", "inactive"}}, "").status, 401);
  EXPECT_EQ(patch("theo", {{"status", "inactive"}}, "expired").status, 401);
  auto request = VendorHarness::request("changeUserStatus", "PATCH", "/users/theo");
  request.path_params["id-or-identifier"] = "theo";
  request.headers["authorization"] = "Bearer not.a.jwt";
  VendorHarness::set_json_body(request, {{"status", "inactive"}});
  EXPECT_EQ(harness_.run(request).status, 401);
  EXPECT_EQ(user("theo")["status"], "active");
}

TEST_F(D3layTest, MissingPermissionIs403) {
  auto response = patch("theo", {{"status", "inactive"}}, "reader");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(VendorHarness::body(response)["message"],
            "The token's permissions do not include update:user_status");
  EXPECT_EQ(get("theo", "reader").status, 200);  // reading is allowed
  EXPECT_EQ(get("theo", "no_permissions").status, 403);
}

TEST_F(D3layTest, DefectWorkspaceShape) {
  harness_.context().defects = {"d3lay.workspace-shape"};
  const json body = VendorHarness::body(patch("theo", {{"status", "inactive"}}));
  EXPECT_EQ(body["workspace_type"], "multi_user");
  EXPECT_FALSE(body.contains("email"));
}

TEST_F(D3layTest, DefectStatusNotPersisted) {
  harness_.context().defects = {"d3lay.status-not-persisted"};
  EXPECT_EQ(VendorHarness::body(patch("theo", {{"status", "inactive"}}))["status"], "inactive");
  EXPECT_EQ(user(kTheo)["status"], "active");
}

TEST_F(D3layTest, DefectCreatedRewritten) {
  harness_.context().defects = {"d3lay.created-rewritten"};
  const json body = VendorHarness::body(patch("theo", {{"status", "inactive"}}));
  EXPECT_EQ(body["created_at"], body["updated_at"]);
  EXPECT_EQ(body["created_by"], kAdminId);
  EXPECT_NE(user(kTheo)["created_at"], "2024-02-01T12:00:00Z");
}

TEST_F(D3layTest, DefectTokenExpiryIgnored) {
  EXPECT_EQ(patch("theo", {{"status", "inactive"}}, "expired").status, 401);
  harness_.context().defects = {"d3lay.token-expiry-ignored"};
  EXPECT_EQ(patch("theo", {{"status", "inactive"}}, "expired").status, 200);
  // A badly signed or malformed token is still refused.
  auto request = VendorHarness::request("getUser", "GET", "/users/theo");
  request.path_params["id-or-identifier"] = "theo";
  request.headers["authorization"] = "Bearer not-a-jwt";
  EXPECT_EQ(harness_.run(request).status, 401);
}

TEST_F(D3layTest, StateRoundTripsAndBadFixturesNameThePointer) {
  ASSERT_EQ(patch("theo", {{"status", "risky"}, {"review_comment", "r"}}).status, 200);
  const json saved = harness_.state().to_json();
  EXPECT_EQ(harness_.module().load_state(saved)->to_json(), saved);
  json fixture = harness_.fixture();
  fixture["users"][1]["status"] = "gone";
  try {
    harness_.module().load_state(fixture);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "/users/1/status: \"gone\" is not one of active, onboarding, inactive, "
                 "suspended, risky");
  }
}

TEST_F(D3layTest, PipelineErrorsUseTheErrorSchema) {
  harness_.expect_documented("changeUserStatus",
                             harness_.module().error_response(415, "unsupported media type x"));
  harness_.expect_documented("getUser", harness_.module().error_response(413, "too large"));
}

}  // namespace
}  // namespace statuskit::mock
