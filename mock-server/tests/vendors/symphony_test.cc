// The Symphony module case by case, driven directly with the real fixture; every answer is
// also checked against specs/symphony-pod.yaml.
#include "vendors/symphony.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "support/vendor_harness.h"
#include "vendors/symphony_state.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;
using testing::VendorHarness;

constexpr const char* kAdminSession = "SYM-SESSION-ADMIN-4f1c9a2b";
constexpr const char* kPlainSession = "SYM-SESSION-PLAIN-8b2e0731";
constexpr const char* kTargetSession = "SYM-SESSION-TARGET-1d6f3c55";
constexpr const char* kDisabledSession = "SYM-SESSION-DISABLED-77aa0e19";
constexpr const char* kKeymanager = "13056700580003";
constexpr const char* kCeservice = "13056700580004";
constexpr const char* kTarget = "13056700580005";
constexpr const char* kSuspended = "13056700580007";
constexpr const char* kDisabled = "13056700580008";

class SymphonyTest : public ::testing::Test {
 protected:
  VendorHarness harness_{make_symphony_module()};

  MockResponse update(const std::string& uid, const json& body,
                      const char* session = kAdminSession) {
    auto request = VendorHarness::request("updateUserStatus", "POST",
                                          "/pod/v1/admin/user/" + uid + "/status/update");
    request.path_params["uid"] = uid;
    if (session != nullptr) request.headers["sessiontoken"] = session;
    VendorHarness::set_json_body(request, body);
    return harness_.run(request);
  }
  MockResponse read(const std::string& uid, const char* session = kAdminSession) {
    auto request =
        VendorHarness::request("getUserStatus", "GET", "/pod/v1/admin/user/" + uid + "/status");
    request.path_params["uid"] = uid;
    if (session != nullptr) request.headers["sessiontoken"] = session;
    return harness_.run(request);
  }
  MockResponse read_v2(const std::string& uid, const char* session = kAdminSession) {
    auto request = VendorHarness::request("getUserV2", "GET", "/pod/v2/admin/user/" + uid);
    request.path_params["uid"] = uid;
    if (session != nullptr) request.headers["sessiontoken"] = session;
    return harness_.run(request);
  }
  json user_v2(const std::string& uid) {
    auto response = read_v2(uid);
    EXPECT_EQ(response.status, 200) << response.body;
    return VendorHarness::body(response);
  }
  json status_of(const std::string& uid) {
    auto response = read(uid);
    EXPECT_EQ(response.status, 200) << response.body;
    return VendorHarness::body(response);
  }
  static json error(int code, const std::string& message) {
    return {{"code", code}, {"message", message}};
  }
};

TEST_F(SymphonyTest, DisableThenEnableShowsInTheReadBack) {
  auto response = update(kTarget, {{"status", "DISABLED"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(VendorHarness::body(response), json::parse(R"({"format":"TEXT","message":"OK"})"));
  EXPECT_EQ(status_of(kTarget), json::parse(R"({"status":"DISABLED","suspended":false})"));
  ASSERT_EQ(update(kTarget, {{"status", "ENABLED"}}).status, 200);
  EXPECT_EQ(status_of(kTarget)["status"], "ENABLED");
}

TEST_F(SymphonyTest, SuspensionWithItsFieldsIsStoredAsSentAndLiftedByFalse) {
  const json suspend = {
      {"suspended", true}, {"suspendedUntil", 1601546400}, {"suspensionReason", "mandatory leave"}};
  ASSERT_EQ(update(kTarget, suspend).status, 200);
  EXPECT_EQ(status_of(kTarget), json::parse(R"({"status":"ENABLED","suspended":true,
      "suspendedUntil":1601546400,"suspensionReason":"mandatory leave"})"));
  // Milliseconds (what the Java BDK sends) are stored as sent too.
  ASSERT_EQ(
      update(kTarget,
             {{"suspended", true}, {"suspendedUntil", 4102444800000}, {"suspensionReason", "x"}})
          .status,
      200);
  EXPECT_EQ(status_of(kTarget)["suspendedUntil"], 4102444800000);
  ASSERT_EQ(update(kSuspended, {{"suspended", false}}).status, 200);
  EXPECT_EQ(status_of(kSuspended), json::parse(R"({"status":"ENABLED","suspended":false})"));
}

TEST_F(SymphonyTest, StatusAndSuspensionTogether) {
  ASSERT_EQ(update(kTarget, {{"status", "DISABLED"},
                             {"suspended", true},
                             {"suspendedUntil", 1},
                             {"suspensionReason", "r"}})
                .status,
            200);
  const json status = status_of(kTarget);
  EXPECT_EQ(status["status"], "DISABLED");
  EXPECT_EQ(status["suspended"], true);
}

TEST_F(SymphonyTest, SuspensionWithoutItsFieldsIs400AndChangesNothing) {
  auto response = update(kTarget, {{"suspended", true}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(VendorHarness::body(response),
            error(400, "/suspendedUntil: required when suspended is true"));
  response = update(kTarget, {{"suspended", true}, {"suspendedUntil", 1}});
  EXPECT_EQ(VendorHarness::body(response),
            error(400, "/suspensionReason: required when suspended is true"));
  EXPECT_EQ(status_of(kTarget)["suspended"], false);
}

// No document refuses the details without a suspension: the suspension endpoint calls them
// optional with suspended: false. They are dropped; alone they leave nothing to update.
TEST_F(SymphonyTest, SuspensionDetailsWithoutASuspensionAreDropped) {
  auto response =
      update(kTarget, {{"suspended", false}, {"suspendedUntil", 1}, {"suspensionReason", "x"}});
  EXPECT_EQ(response.status, 200) << VendorHarness::body(response).dump();
  response = update(kTarget, {{"status", "DISABLED"}, {"suspendedUntil", 1}});
  EXPECT_EQ(response.status, 200) << VendorHarness::body(response).dump();
  EXPECT_EQ(status_of(kTarget), json::parse(R"({"status":"DISABLED","suspended":false})"));
  response = update(kTarget, {{"suspendedUntil", 1}});
  EXPECT_EQ(VendorHarness::body(response),
            error(400,
                  "/: nothing to update: suspendedUntil and suspensionReason count only with "
                  "suspended: true"));
}

TEST_F(SymphonyTest, ProtectedServiceUsersCannotBeDisabledOrSuspended) {
  for (const char* uid : {kKeymanager, kCeservice}) {
    auto response = update(uid, {{"status", "DISABLED"}});
    EXPECT_EQ(response.status, 400) << uid;
    EXPECT_NE(VendorHarness::body(response)["message"].get<std::string>().find(
                  "is a protected service user"),
              std::string::npos);
    response = update(uid, {{"suspended", true}, {"suspendedUntil", 1}, {"suspensionReason", "r"}});
    EXPECT_EQ(response.status, 400) << uid;
    EXPECT_EQ(status_of(uid), json::parse(R"({"status":"ENABLED","suspended":false})"));
    // Enabling one is harmless and allowed.
    EXPECT_EQ(update(uid, {{"status", "ENABLED"}}).status, 200);
  }
}

TEST_F(SymphonyTest, SessionIsCheckedFirst) {
  EXPECT_EQ(VendorHarness::body(update(kTarget, {{"status", "DISABLED"}}, nullptr)),
            error(401, "Invalid session"));
  EXPECT_EQ(update("not-a-number", json::array(), "SYM-NOPE").status, 401);
  EXPECT_EQ(read(kTarget, kDisabledSession).status, 401);  // a disabled user's session
  EXPECT_EQ(status_of(kTarget)["status"], "ENABLED");
}

TEST_F(SymphonyTest, ADisabledUsersSessionStopsWorking) {
  ASSERT_EQ(read(kTarget, kTargetSession).status, 403);  // authenticates, lacks the role
  ASSERT_EQ(update(kTarget, {{"status", "DISABLED"}}).status, 200);
  EXPECT_EQ(read(kTarget, kTargetSession).status, 401);
}

TEST_F(SymphonyTest, NonNumericUidIs400BeforeThePermissionCheck) {
  for (const char* uid : {"abc", "12x", "", "99999999999999999999", "1.5"}) {
    auto response = update(uid, {{"status", "DISABLED"}}, kPlainSession);
    EXPECT_EQ(response.status, 400) << uid;
    EXPECT_EQ(VendorHarness::body(response)["message"],
              "uid must be a decimal int64, got '" + std::string(uid) + "'");
  }
}

TEST_F(SymphonyTest, CallerWithoutTheProvisioningRoleIs403) {
  const json forbidden =
      error(403, "The user lacks the required entitlement to perform this operation");
  EXPECT_EQ(VendorHarness::body(update(kTarget, {{"status", "DISABLED"}}, kPlainSession)),
            forbidden);
  EXPECT_EQ(VendorHarness::body(read(kTarget, kPlainSession)), forbidden);
  EXPECT_EQ(status_of(kTarget)["status"], "ENABLED");
}

TEST_F(SymphonyTest, UnknownUidIs400) {
  EXPECT_EQ(VendorHarness::body(update("13056700580999", {{"status", "DISABLED"}})),
            error(400, "User 13056700580999 not found"));
  EXPECT_EQ(read("13056700580999").status, 400);
}

TEST_F(SymphonyTest, BodyProblemsAre400WithAPointer) {
  EXPECT_EQ(VendorHarness::body(update(kTarget, {{"status", "PAUSED"}})),
            error(400, "/status: \"PAUSED\" is not one of ENABLED, DISABLED"));
  EXPECT_EQ(VendorHarness::body(update(kTarget, json::object())),
            error(400, "/: nothing to update: give status and/or suspended"));
  EXPECT_EQ(VendorHarness::body(update(kTarget, json::array())),
            error(400, "/: expected object, got array"));
  EXPECT_EQ(VendorHarness::body(update(kTarget, {{"suspended", "yes"}})),
            error(400, "/suspended: expected boolean, got string"));
  EXPECT_EQ(VendorHarness::body(update(kTarget, {{"status", "ENABLED"}, {"extra", 1}})),
            json::parse(R"({"format":"TEXT","message":"OK"})"));  // extras are ignored
}

TEST_F(SymphonyTest, AlreadyDisabledUserCanBeReEnabled) {
  EXPECT_EQ(status_of(kDisabled)["status"], "DISABLED");
  ASSERT_EQ(update(kDisabled, {{"status", "ENABLED"}}).status, 200);
  EXPECT_EQ(status_of(kDisabled)["status"], "ENABLED");
}

TEST_F(SymphonyTest, V2RecordShowsTheFixtureUser) {
  EXPECT_EQ(user_v2(kTarget), json::parse(R"({
      "userAttributes": {"userName": "target.one", "displayName": "Tara Target",
                         "emailAddress": "tara.target@pod.example.com", "firstName": "Tara",
                         "lastName": "Target", "accountType": "NORMAL"},
      "userSystemInfo": {"id": 13056700580005, "status": "ENABLED", "suspended": false,
                         "createdDate": 1461508270000, "createdBy": "13056700580001",
                         "lastUpdatedDate": 1461508270000},
      "roles": ["INDIVIDUAL"]})"));
  EXPECT_EQ(user_v2(kKeymanager)["userAttributes"]["accountType"], "SYSTEM");
  const json disabled = user_v2(kDisabled)["userSystemInfo"];
  EXPECT_EQ(disabled["status"], "DISABLED");
  EXPECT_EQ(disabled["deactivatedDate"], 1461508270000);
}

TEST_F(SymphonyTest, V2RecordFollowsStatusUpdatesWithTheirDates) {
  harness_.context().now =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000000123));
  ASSERT_EQ(update(kTarget, {{"status", "DISABLED"},
                             {"suspended", true},
                             {"suspendedUntil", 4102444800000},
                             {"suspensionReason", "leave"}})
                .status,
            200);
  json info = user_v2(kTarget)["userSystemInfo"];
  EXPECT_EQ(info["status"], "DISABLED");
  EXPECT_EQ(info["suspended"], true);
  EXPECT_EQ(info["suspendedUntil"], 4102444800000);
  EXPECT_EQ(info["suspensionReason"], "leave");
  EXPECT_EQ(info["lastUpdatedDate"], 1700000000123);
  EXPECT_EQ(info["deactivatedDate"], 1700000000123);

  // Re-enabling later moves lastUpdatedDate and keeps deactivatedDate as history.
  harness_.context().now =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(1700000999000));
  ASSERT_EQ(update(kTarget, {{"status", "ENABLED"}, {"suspended", false}}).status, 200);
  info = user_v2(kTarget)["userSystemInfo"];
  EXPECT_EQ(info["status"], "ENABLED");
  EXPECT_EQ(info["suspended"], false);
  EXPECT_FALSE(info.contains("suspendedUntil"));
  EXPECT_FALSE(info.contains("suspensionReason"));
  EXPECT_EQ(info["lastUpdatedDate"], 1700000999000);
  EXPECT_EQ(info["deactivatedDate"], 1700000000123);

  // Disabling an already disabled user does not move its deactivatedDate.
  EXPECT_EQ(user_v2(kDisabled)["userSystemInfo"]["deactivatedDate"], 1461508270000);
  ASSERT_EQ(update(kDisabled, {{"status", "DISABLED"}}).status, 200);
  EXPECT_EQ(user_v2(kDisabled)["userSystemInfo"]["deactivatedDate"], 1461508270000);
}

TEST_F(SymphonyTest, V2RecordIsUnchangedByARejectedUpdate) {
  const json before = user_v2(kKeymanager);
  ASSERT_EQ(update(kKeymanager, {{"status", "DISABLED"}}).status, 400);
  ASSERT_EQ(update(kTarget, {{"suspended", true}}).status, 400);
  EXPECT_EQ(user_v2(kKeymanager), before);
  EXPECT_EQ(user_v2(kTarget)["userSystemInfo"]["lastUpdatedDate"], 1461508270000);
}

TEST_F(SymphonyTest, V2RecordHasTheSameChecksAsTheStatusReadBack) {
  EXPECT_EQ(VendorHarness::body(read_v2(kTarget, nullptr)), error(401, "Invalid session"));
  EXPECT_EQ(read_v2(kTarget, kDisabledSession).status, 401);
  EXPECT_EQ(VendorHarness::body(read_v2("abc", kPlainSession)),
            error(400, "uid must be a decimal int64, got 'abc'"));
  EXPECT_EQ(VendorHarness::body(read_v2(kTarget, kPlainSession)),
            error(403, "The user lacks the required entitlement to perform this operation"));
  EXPECT_EQ(VendorHarness::body(read_v2("13056700580999")),
            error(400, "User 13056700580999 not found"));
}

TEST_F(SymphonyTest, DefectDisablesProtectedUser) {
  harness_.context().defects = {"symphony.disables-protected-user"};
  EXPECT_EQ(update(kKeymanager, {{"status", "DISABLED"}}).status, 200);
  harness_.context().defects.clear();
  EXPECT_EQ(status_of(kKeymanager)["status"], "DISABLED");
}

TEST_F(SymphonyTest, DefectErrorWithoutCode) {
  harness_.context().defects = {"symphony.error-without-code"};
  auto response = update(kTarget, {{"status", "DISABLED"}}, nullptr);
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(VendorHarness::body(response), json::parse(R"({"message":"Invalid session"})"));
}

TEST_F(SymphonyTest, PipelineErrorsUseTheErrorSchema) {
  const auto response = harness_.module().error_response(415, "unsupported media type text/plain");
  harness_.expect_documented("updateUserStatus", response);
  EXPECT_EQ(VendorHarness::body(response)["code"], 415);
}

TEST_F(SymphonyTest, StateRoundTripsThroughItsFixtureForm) {
  ASSERT_EQ(update(kTarget, {{"suspended", true}, {"suspendedUntil", 5}, {"suspensionReason", "r"}})
                .status,
            200);
  ASSERT_EQ(update(kTarget, {{"status", "DISABLED"}}).status, 200);
  const json saved = harness_.state().to_json();
  EXPECT_EQ(harness_.module().load_state(saved)->to_json(), saved);
  // The fixture itself round-trips too: no attribute is dropped on save.
  EXPECT_EQ(harness_.module().load_state(harness_.fixture())->to_json(), harness_.fixture());
}

TEST_F(SymphonyTest, StateWithoutTheV2AttributesStillLoads) {
  // State files saved before the v2 record existed carry none of its attributes.
  json fixture = harness_.fixture();
  for (auto& user : fixture["users"]) {
    for (const char* key : {"emailAddress", "firstName", "lastName", "accountType", "createdDate",
                            "createdBy", "lastUpdatedDate", "deactivatedDate"}) {
      user.erase(key);
    }
  }
  harness_.module().load_state(fixture);
  fixture["users"][0]["accountType"] = "ROBOT";
  EXPECT_THROW(harness_.module().load_state(fixture), std::invalid_argument);
}

TEST_F(SymphonyTest, BadFixturesNameThePointer) {
  json fixture = harness_.fixture();
  fixture["users"][2]["status"] = "PAUSED";
  try {
    harness_.module().load_state(fixture);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "/users/2/status: \"PAUSED\" is not one of ENABLED, DISABLED");
  }
  fixture = harness_.fixture();
  fixture["sessions"][0]["userId"] = 1;
  EXPECT_THROW(harness_.module().load_state(fixture), std::invalid_argument);
  fixture = harness_.fixture();
  fixture["users"][0]["nickname"] = "x";
  EXPECT_THROW(harness_.module().load_state(fixture), std::invalid_argument);
}

}  // namespace
}  // namespace statuskit::mock
