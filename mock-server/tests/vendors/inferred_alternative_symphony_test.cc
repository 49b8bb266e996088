// Symphony under --inferred alternative (docs/inferred-choices.md, "Symphony"), through the real
// binary: the inferred choices made the other way, and the seed page's behaviour unchanged.
#include <nlohmann/json.hpp>

#include "vendors/inferred_alternative_fixture.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

constexpr const char* kAdmin = "sessionToken: SYM-SESSION-ADMIN-4f1c9a2b";
constexpr const char* kPlain = "sessionToken: SYM-SESSION-PLAIN-8b2e0731";
constexpr const char* kDisabledUsersSession = "sessionToken: SYM-SESSION-DISABLED-77aa0e19";
constexpr const char* kTarget = "13056700580005";
constexpr const char* kKeymanager = "13056700580003";
constexpr const char* kSuspendedUser = "13056700580007";

class SymphonyAlternativeTest : public InferredAlternativeTest {
 protected:
  HttpResult update(const std::string& uid, const json& body, const char* session = kAdmin) {
    return client_->send_json("POST", "/pod/v1/admin/user/" + uid + "/status/update", body,
                              with_session({session}));
  }
  json status_of(const std::string& uid) {
    auto result = client_->get("/pod/v1/admin/user/" + uid + "/status", with_session({kAdmin}));
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json();
  }
  json system_info(const std::string& uid) {
    auto result = client_->get("/pod/v2/admin/user/" + uid, with_session({kAdmin}));
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json().at("userSystemInfo");
  }
};

TEST_F(SymphonyAlternativeTest, TheRoleIsCheckedBeforeTheUid) {
  auto result = update("abc", {{"status", "DISABLED"}}, kPlain);
  EXPECT_EQ(result.status, 403) << result.body;
}

TEST_F(SymphonyAlternativeTest, FourHundredsAreWordedDifferently) {
  auto bad_uid = update("abc", {{"status", "DISABLED"}});
  ASSERT_EQ(bad_uid.status, 400) << bad_uid.body;
  EXPECT_EQ(
      bad_uid.json(),
      (json{{"code", 400}, {"message", "Invalid user id 'abc': a numeric user id is expected"}}));
  auto unknown = update("13056700580999", {{"status", "DISABLED"}});
  EXPECT_EQ(unknown.json().at("message"), "No user exists with id 13056700580999");
  auto bad_status = update(kTarget, {{"status", "PAUSED"}});
  EXPECT_EQ(bad_status.json().at("message"),
            "Invalid value for field 'status': \"PAUSED\" (accepted values: [ENABLED, DISABLED])");
}

TEST_F(SymphonyAlternativeTest, AnEmptyBodyIsANoOp) {
  auto result = update(kTarget, json::object());
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(status_of(kTarget), (json{{"status", "ENABLED"}, {"suspended", false}}));
}

TEST_F(SymphonyAlternativeTest, ASuspensionNeedsNeitherAnEndNorAReason) {
  ASSERT_EQ(update(kTarget, {{"suspended", true}}).status, 200);
  EXPECT_EQ(status_of(kTarget), (json{{"status", "ENABLED"}, {"suspended", true}}));
}

TEST_F(SymphonyAlternativeTest, SuspensionDetailsWithoutASuspensionAreDropped) {
  auto result = update(kTarget, {{"suspendedUntil", 1601546400}, {"suspensionReason", "x"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(status_of(kTarget), (json{{"status", "ENABLED"}, {"suspended", false}}));
}

TEST_F(SymphonyAlternativeTest, UnknownPropertiesAreRefused) {
  auto result = update(kTarget, {{"status", "DISABLED"}, {"note", "x"}});
  ASSERT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json().at("message"),
            "Unrecognized field 'note' (known fields: status, suspended, suspendedUntil, "
            "suspensionReason)");
  EXPECT_EQ(status_of(kTarget).at("status"), "ENABLED");
}

TEST_F(SymphonyAlternativeTest, DisablingAProtectedUserIsForbiddenAndSuspendingOneIsAllowed) {
  auto disable = update(kKeymanager, {{"status", "DISABLED"}});
  ASSERT_EQ(disable.status, 403) << disable.body;
  EXPECT_EQ(
      disable.json(),
      (json{{"code", 403},
            {"message", "Disabling the protected service user keymanager is not permitted"}}));
  EXPECT_EQ(status_of(kKeymanager).at("status"), "ENABLED");
  EXPECT_EQ(update(kKeymanager, {{"suspended", true}}).status, 200);
}

TEST_F(SymphonyAlternativeTest, ADisabledUsersSessionStillAuthenticates) {
  // Dan is DISABLED and has no role: 403, not the default's 401.
  auto result = client_->get(std::string("/pod/v1/admin/user/") + kTarget + "/status",
                             with_session({kDisabledUsersSession}));
  EXPECT_EQ(result.status, 403) << result.body;
}

TEST_F(SymphonyAlternativeTest, DisablingLiftsASuspensionAndReenablingClearsTheDeactivation) {
  ASSERT_EQ(update(kSuspendedUser, {{"status", "DISABLED"}}).status, 200);
  json info = system_info(kSuspendedUser);
  EXPECT_EQ(info.at("status"), "DISABLED");
  EXPECT_EQ(info.at("suspended"), false);
  EXPECT_FALSE(info.contains("suspendedUntil"));
  EXPECT_TRUE(info.contains("deactivatedDate"));
  EXPECT_EQ(info.at("lastUpdatedDate"), 1461508270000);  // left to attribute edits

  ASSERT_EQ(update(kSuspendedUser, {{"status", "ENABLED"}}).status, 200);
  info = system_info(kSuspendedUser);
  EXPECT_EQ(info.at("status"), "ENABLED");
  EXPECT_FALSE(info.contains("deactivatedDate"));
}

TEST_F(SymphonyAlternativeTest, DocumentedBehaviourIsUnchanged) {
  // Seed: 401 and 403 bodies, the 200 answer; a DISABLED status reads back.
  auto anonymous =
      client_->send_json("POST", std::string("/pod/v1/admin/user/") + kTarget + "/status/update",
                         {{"status", "DISABLED"}}, with_session({}));
  EXPECT_EQ(anonymous.json(), (json{{"code", 401}, {"message", "Invalid session"}}));
  auto forbidden = update(kTarget, {{"status", "DISABLED"}}, kPlain);
  EXPECT_EQ(
      forbidden.json(),
      (json{{"code", 403},
            {"message", "The user lacks the required entitlement to perform this operation"}}));
  auto done = update(kTarget, {{"status", "DISABLED"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json(), (json{{"format", "TEXT"}, {"message", "OK"}}));
  EXPECT_EQ(status_of(kTarget).at("status"), "DISABLED");
  // Seed: protected service users cannot be disabled (only the status code is inferred).
  EXPECT_NE(update("13056700580004", {{"status", "DISABLED"}}).status, 200);
  EXPECT_EQ(status_of("13056700580004").at("status"), "ENABLED");
}

}  // namespace
}  // namespace statuskit::testing
