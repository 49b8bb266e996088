// Unit tests of the DocSpace People module: check order, error envelopes, state changes seen
// through the read-back, auth by cookie and header. State mirrors fixtures/docspace.yaml.

#include "vendors/docspace.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vendors/docspace_state.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;

constexpr const char* kOwner = "11111111-1111-4111-8111-000000000001";
constexpr const char* kAdmin = "11111111-1111-4111-8111-000000000002";
constexpr const char* kAdmin2 = "11111111-1111-4111-8111-000000000003";
constexpr const char* kPeopleAdmin = "11111111-1111-4111-8111-000000000004";
constexpr const char* kRoomAdmin = "11111111-1111-4111-8111-000000000005";
constexpr const char* kUser = "11111111-1111-4111-8111-000000000006";
constexpr const char* kUser2 = "11111111-1111-4111-8111-000000000007";
constexpr const char* kLdap = "11111111-1111-4111-8111-000000000008";
constexpr const char* kInvitee = "11111111-1111-4111-8111-000000000009";
constexpr const char* kTerminated = "11111111-1111-4111-8111-00000000000a";
constexpr const char* kRa1 = "11111111-1111-4111-8111-00000000000b";
constexpr const char* kRa2 = "11111111-1111-4111-8111-00000000000c";
constexpr const char* kUnknown = "99999999-9999-4999-8999-999999999999";

constexpr const char* kOwnerToken = "ASC-OWNER-7d1f0c2e9b";
constexpr const char* kAdminToken = "ASC-ADMIN-3a9e51c6d0";
constexpr const char* kPeopleAdminToken = "ASC-PEOPLEADMIN-9f2d4a61b3";
constexpr const char* kRoomAdminToken = "ASC-ROOMADMIN-c41e8b27a9";
constexpr const char* kUserToken = "ASC-USER-2e6a9d03f7";
constexpr const char* kUser2Token = "ASC-USER2-8c3f1e5a62";
constexpr const char* kStaleToken = "ASC-TERMINATED-STALE-0a4b";

json user(const char* id, const char* name, const char* first, const char* last, const char* type,
          const char* status) {
  return {{"id", id},
          {"userName", name},
          {"firstName", first},
          {"lastName", last},
          {"email", std::string(name) + "@docspace.example"},
          {"type", type},
          {"status", status},
          {"activationStatus", "Activated"}};
}

// The same actors as fixtures/docspace.yaml (built in code until the YAML loader is merged).
json fixture() {
  json users = json::array();
  users.push_back(user(kOwner, "owner", "Olivia", "Owner", "Owner", "Active"));
  users.push_back(user(kAdmin, "admin", "Adam", "Admin", "DocSpaceAdmin", "Active"));
  users.push_back(user(kAdmin2, "admin2", "Alice", "Admintwo", "DocSpaceAdmin", "Active"));
  json people = user(kPeopleAdmin, "peopleadmin", "Paula", "People", "RoomAdmin", "Active");
  people["peopleModuleAdmin"] = true;
  users.push_back(people);
  users.push_back(user(kRoomAdmin, "roomadmin", "Rita", "Roomadmin", "RoomAdmin", "Active"));
  users.push_back(user(kUser, "user", "Uma", "User", "User", "Active"));
  users.push_back(user(kUser2, "user2", "Ulf", "Usertwo", "User", "Active"));
  json ldap = user(kLdap, "ldapuser", "Lars", "Ldap", "User", "Active");
  ldap["ldap"] = true;
  users.push_back(ldap);
  json invitee = user(kInvitee, "invitee", "", "", "User", "Terminated");
  invitee["activationStatus"] = "Pending";
  invitee["invited"] = true;
  users.push_back(invitee);
  json terminated = user(kTerminated, "terminated", "Tom", "Terminated", "User", "Terminated");
  terminated["cookieIndex"] = 1;
  users.push_back(terminated);
  users.push_back(user(kRa1, "ra1", "Rob", "First", "RoomAdmin", "Terminated"));
  users.push_back(user(kRa2, "ra2", "Rae", "Second", "RoomAdmin", "Terminated"));
  json lost = user(kDocspaceLostUserId, "lost.user", "Unknown", "User", "User", "Terminated");
  lost["system"] = true;
  users.push_back(lost);
  json tokens = json::array();
  auto token = [&](const char* value, const char* id, int index) {
    tokens.push_back({{"value", value}, {"userId", id}, {"cookieIndex", index}});
  };
  token(kOwnerToken, kOwner, 0);
  token(kAdminToken, kAdmin, 0);
  token("ASC-ADMIN2-5b7c02e8f4", kAdmin2, 0);
  token(kPeopleAdminToken, kPeopleAdmin, 0);
  token(kRoomAdminToken, kRoomAdmin, 0);
  token(kUserToken, kUser, 0);
  token(kUser2Token, kUser2, 0);
  token("ASC-LDAP-6d0b7f2c1e", kLdap, 0);
  token(kStaleToken, kTerminated, 0);
  return {{"quota", {{"maxUsers", 10}, {"maxPaidAdmins", 5}, {"tariffState", "Paid"}}},
          {"users", users},
          {"tokens", tokens}};
}

class DocspaceTest : public ::testing::Test {
 protected:
  std::unique_ptr<VendorModule> module_ = make_docspace_module();
  std::unique_ptr<VendorState> state_ = module_->load_state(fixture());
  RequestContext context_;  // defects are switched on here

  DocspaceState& state() { return static_cast<DocspaceState&>(*state_); }

  MockResponse put_status(const std::string& status, const json& body, const char* token,
                          bool as_cookie = true) {
    MockRequest request;
    request.method = "PUT";
    request.operation_id = "updateUserStatus";
    request.path = "/api/2.0/people/status/" + status;
    request.path_params["status"] = status;
    request.headers["host"] = "portal.onlyoffice.com";
    request.headers["content-type"] = "application/json";
    if (token != nullptr) {
      if (as_cookie) {
        request.cookies["asc_auth_key"] = token;
      } else {
        request.headers["authorization"] = token;
      }
    }
    request.body = body.dump();
    request.json_body = std::make_shared<const json>(body);
    return module_->handle(*state_, request, context_);
  }

  MockResponse put_ids(const std::string& status, std::vector<std::string> ids, const char* token) {
    return put_status(status, json{{"userIds", ids}}, token);
  }

  MockResponse get_user(const std::string& id, const char* token = kOwnerToken) {
    MockRequest request;
    request.method = "GET";
    request.operation_id = "getProfileById";
    request.path = "/api/2.0/people/" + id;
    request.path_params["userid"] = id;
    request.headers["authorization"] = std::string("Bearer ") + token;
    return module_->handle(*state_, request, RequestContext{});
  }

  int status_of(const std::string& id) {
    MockResponse response = get_user(id);
    EXPECT_EQ(response.status, 200) << response.body;
    return json::parse(response.body).at("response").at("status").get<int>();
  }

  static void expect_error(const MockResponse& response, int status, const std::string& message,
                           const std::string& type) {
    ASSERT_EQ(response.status, status) << response.body;
    json body = json::parse(response.body);
    EXPECT_EQ(body.at("status"), 1);
    EXPECT_EQ(body.at("statusCode"), status);
    EXPECT_EQ(body.at("error").at("message"), message);
    EXPECT_EQ(body.at("error").at("type"), type);
    EXPECT_EQ(body.at("error").at("stack"), "");
    EXPECT_TRUE(body.at("error").at("hresult").is_number_integer());
  }
};

TEST_F(DocspaceTest, TerminateByNameReturnsSuccessEnvelope) {
  MockResponse response = put_ids("Terminated", {kUser}, kAdminToken);
  ASSERT_EQ(response.status, 200) << response.body;
  json body = json::parse(response.body);
  EXPECT_EQ(body.at("status"), 0);
  EXPECT_EQ(body.at("statusCode"), 200);
  EXPECT_EQ(body.at("count"), 1);
  EXPECT_EQ(
      body.at("links"),
      json::parse(R"([{"href":"https://portal.onlyoffice.com/api/2.0/people/status/Terminated",
                             "action":"PUT"}])"));
  const json& dto = body.at("response").at(0);
  EXPECT_EQ(dto.at("id"), kUser);
  EXPECT_EQ(dto.at("status"), 2);  // enums are integers
  EXPECT_EQ(dto.at("activationStatus"), 1);
  EXPECT_EQ(dto.at("displayName"), "Uma User");
  EXPECT_FALSE(dto.contains("listAdminModules"));  // nulls omitted
  EXPECT_EQ(status_of(kUser), 2);
}

TEST_F(DocspaceTest, NumericPathStatusBindsLikeNames) {
  ASSERT_EQ(put_ids("2", {kUser}, kAdminToken).status, 200);
  EXPECT_EQ(status_of(kUser), 2);
  ASSERT_EQ(put_ids("1", {kUser}, kAdminToken).status, 200);
  EXPECT_EQ(status_of(kUser), 1);
}

TEST_F(DocspaceTest, PathStatusNamesAreCaseInsensitive) {
  ASSERT_EQ(put_ids("terminated", {kUser}, kAdminToken).status, 200);
  EXPECT_EQ(status_of(kUser), 2);
  ASSERT_EQ(put_ids("ACTIVE", {kUser}, kAdminToken).status, 200);
  EXPECT_EQ(status_of(kUser), 1);
}

TEST_F(DocspaceTest, OtherStatusesAre400BeforePermissionEvenForRegularUser) {
  for (const char* status :
       {"Pending", "All", "Default", "4", "5", "7", "0", "3", "garbage", "Active,Terminated", ""}) {
    expect_error(put_ids(status, {kUser2}, kUserToken), 400, "Incorrect status",
                 "System.ArgumentException");
  }
  EXPECT_EQ(status_of(kUser2), 1);
}

TEST_F(DocspaceTest, RegularUserAndRoomAdminAre403) {
  expect_error(put_ids("Terminated", {kUser2}, kUserToken), 403, "Access denied",
               "System.Security.SecurityException");
  expect_error(put_ids("Terminated", {kUser2}, kRoomAdminToken), 403, "Access denied",
               "System.Security.SecurityException");
  EXPECT_EQ(status_of(kUser2), 1);
}

TEST_F(DocspaceTest, PeopleModuleAdminHoldsEditUserRight) {
  ASSERT_EQ(put_ids("Terminated", {kUser2}, kPeopleAdminToken).status, 200);
  EXPECT_EQ(status_of(kUser2), 2);
}

TEST_F(DocspaceTest, ForbiddenTargetDeniesWholeCallWithoutChange) {
  for (const char* forbidden : {kAdmin /* self */, kOwner, kLdap, kUnknown, kDocspaceLostUserId}) {
    expect_error(put_ids("Terminated", {kUser, kUser2, forbidden}, kAdminToken), 403,
                 "Access denied", "System.Security.SecurityException");
    EXPECT_EQ(status_of(kUser), 1) << forbidden;
    EXPECT_EQ(status_of(kUser2), 1) << forbidden;
  }
}

TEST_F(DocspaceTest, NonOwnerAdminCannotChangeAdminButOwnerCan) {
  expect_error(put_ids("Terminated", {kAdmin2}, kAdminToken), 403, "Access denied",
               "System.Security.SecurityException");
  EXPECT_EQ(status_of(kAdmin2), 1);
  ASSERT_EQ(put_ids("Terminated", {kAdmin2}, kOwnerToken).status, 200);
  EXPECT_EQ(status_of(kAdmin2), 2);
}

TEST_F(DocspaceTest, PaidSeatQuota402KeepsEarlierUsersEnabled) {
  expect_error(put_ids("Active", {kRa1, kRa2}, kAdminToken), 402,
               "The number of admins should not exceed 5", "ASC.Core.Tenants.TenantQuotaException");
  EXPECT_EQ(status_of(kRa1), 1);  // no rollback
  EXPECT_EQ(status_of(kRa2), 2);
}

TEST_F(DocspaceTest, UserSeatQuota402) {
  state().quota.max_users = 3;  // user, user2, ldapuser are active
  expect_error(put_ids("Active", {kTerminated}, kAdminToken), 402,
               "The number of users should not exceed 3", "ASC.Core.Tenants.TenantQuotaException");
  EXPECT_EQ(status_of(kTerminated), 2);
}

TEST_F(DocspaceTest, TariffWorseThanPaidIs402) {
  state().quota.tariff_state = DocspaceTariffState::kNotPaid;
  expect_error(put_ids("Active", {kTerminated}, kAdminToken), 402,
               "Your pricing plan does not support this option",
               "ASC.Core.Billing.BillingNotFoundException");
  EXPECT_EQ(status_of(kTerminated), 2);
}

TEST_F(DocspaceTest, QuotaIsNotCheckedForUsersAlreadyActive) {
  state().quota.tariff_state = DocspaceTariffState::kNotPaid;
  EXPECT_EQ(put_ids("Active", {kUser}, kAdminToken).status, 200);
}

TEST_F(DocspaceTest, ReenabledNeverNamedInviteeBecomesPending) {
  MockResponse response = put_ids("Active", {kInvitee, kTerminated}, kAdminToken);
  ASSERT_EQ(response.status, 200) << response.body;
  json body = json::parse(response.body);
  EXPECT_EQ(body.at("response").at(0).at("status"), 4);
  EXPECT_EQ(body.at("response").at(1).at("status"), 1);
  EXPECT_EQ(status_of(kInvitee), 4);
}

TEST_F(DocspaceTest, AlreadyActiveIsUnchangedButReturned) {
  MockResponse response = put_ids("Active", {kUser, kTerminated}, kAdminToken);
  ASSERT_EQ(response.status, 200) << response.body;
  json body = json::parse(response.body);
  ASSERT_EQ(body.at("count"), 2);
  EXPECT_EQ(body.at("response").at(0).at("id"), kUser);
  EXPECT_EQ(body.at("response").at(0).at("status"), 1);
  EXPECT_EQ(body.at("response").at(1).at("id"), kTerminated);
}

TEST_F(DocspaceTest, TerminatedUsersTokensStopAuthenticating) {
  ASSERT_EQ(put_ids("Terminated", {kUser2}, kAdminToken).status, 200);
  EXPECT_EQ(put_ids("Terminated", {kUser}, kUser2Token).status, 401);
  EXPECT_EQ(get_user(kUser2, kUser2Token).status, 401);
  // Re-enabling does not revive the old token: the cookie index moved on.
  ASSERT_EQ(put_ids("Active", {kUser2}, kAdminToken).status, 200);
  EXPECT_EQ(get_user(kUser2, kUser2Token).status, 401);
  EXPECT_EQ(state().find_user(kUser2)->cookie_index, 1);
}

TEST_F(DocspaceTest, AuthFailuresAre401WithoutBody) {
  for (const char* token : {static_cast<const char*>(nullptr), "", "nope", kStaleToken}) {
    MockResponse response = put_ids("Pending", {kUser}, token);  // 401 before the 400
    EXPECT_EQ(response.status, 401);
    EXPECT_TRUE(response.body.empty());
  }
}

TEST_F(DocspaceTest, AuthorizationHeaderRawOrBearerAndCookieWins) {
  EXPECT_EQ(put_status("Active", json{{"userIds", json::array()}}, kAdminToken, false).status, 200);
  EXPECT_EQ(put_status("Active", json{{"userIds", json::array()}},
                       (std::string("Bearer ") + kAdminToken).c_str(), false)
                .status,
            200);
  EXPECT_EQ(
      put_status("Active", json{{"userIds", json::array()}}, "Basic YWRtaW46eA==", false).status,
      401);
  // Cookie first: a valid cookie with a junk Authorization header still authenticates.
  MockRequest request;
  request.operation_id = "getProfileById";
  request.path_params["userid"] = kUser;
  request.cookies["asc_auth_key"] = kUserToken;
  request.headers["authorization"] = "junk";
  EXPECT_EQ(module_->handle(*state_, request, RequestContext{}).status, 200);
}

TEST_F(DocspaceTest, BodyEdgeCases) {
  expect_error(put_status("Active", json{{"resendAll", true}}, kAdminToken), 400,
               "Value cannot be null. (Parameter 'source')", "System.ArgumentNullException");
  MockResponse empty = put_status("Active", json{{"userIds", json::array()}}, kAdminToken);
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(json::parse(empty.body).at("response"), json::array());
  EXPECT_EQ(json::parse(empty.body).at("count"), 0);
  EXPECT_EQ(put_status("Active", json{{"userIds", "x"}}, kAdminToken).status, 400);
  EXPECT_EQ(put_status("Active", json{{"userIds", {"not-a-guid"}}}, kAdminToken).status, 400);
  EXPECT_EQ(put_status("Active", json{{"userIds", {1}}}, kAdminToken).status, 400);
  EXPECT_EQ(put_status("Active", json::array(), kAdminToken).status, 400);
  EXPECT_EQ(
      put_status("Active", json{{"userIds", json::array()}, {"resendAll", "yes"}}, kAdminToken)
          .status,
      400);
}

TEST_F(DocspaceTest, BodyBindingPrecedesStatusAndPermissionButNullUserIdsFollows) {
  // Model binding runs before the action: a wrong type is 400 even for Pending from a user.
  MockResponse binding = put_status("Pending", json{{"userIds", "x"}}, kUserToken);
  ASSERT_EQ(binding.status, 400);
  EXPECT_EQ(json::parse(binding.body).at("error").at("message"),
            "/userIds: must be an array of GUID strings");
  // A missing userIds binds; the regular user is refused before the ArgumentNullException.
  expect_error(put_status("Active", json::object(), kUserToken), 403, "Access denied",
               "System.Security.SecurityException");
}

TEST_F(DocspaceTest, DuplicatesProcessedTwiceAndResendAllIgnored) {
  MockResponse response =
      put_status("Terminated", json{{"userIds", {kUser, kUser}}, {"resendAll", true}}, kAdminToken);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json::parse(response.body).at("count"), 2);
  EXPECT_EQ(state().find_user(kUser)->cookie_index, 2);  // terminated twice
}

TEST_F(DocspaceTest, UppercaseGuidsResolve) {
  std::string upper = "11111111-1111-4111-8111-00000000000A";
  ASSERT_EQ(put_ids("Active", {upper}, kAdminToken).status, 200);
  EXPECT_EQ(status_of(kTerminated), 1);
}

TEST_F(DocspaceTest, ReadBackShapeAndNotFound) {
  MockResponse response = get_user(kPeopleAdmin);
  ASSERT_EQ(response.status, 200);
  json body = json::parse(response.body);
  EXPECT_EQ(body.at("statusCode"), 200);
  EXPECT_EQ(body.at("response").at("listAdminModules"), json::array({"people"}));
  EXPECT_EQ(body.at("response").at("isRoomAdmin"), true);
  EXPECT_EQ(body.at("links").at(0).at("action"), "GET");
  EXPECT_EQ(get_user(kUnknown).status, 404);
  EXPECT_EQ(get_user("not-a-guid").status, 404);
  EXPECT_EQ(get_user(kDocspaceLostUserId).status, 404);
}

TEST_F(DocspaceTest, PipelineErrorsUseTheEnvelope) {
  expect_error(module_->error_response(415, "Unsupported media type"), 415,
               "Unsupported media type", "System.NotSupportedException");
  expect_error(module_->error_response(400, "/: malformed JSON"), 400, "/: malformed JSON",
               "System.ArgumentException");
}

TEST(DocspaceState, RoundTripsExactly) {
  auto module = make_docspace_module();
  auto state = module->load_state(fixture());
  json once = state->to_json();
  EXPECT_EQ(module->load_state(once)->to_json(), once);
  auto copy = state->clone();
  EXPECT_EQ(copy->to_json(), once);
}

TEST(DocspaceState, RejectsBadFixturesNamingThePointer) {
  auto module = make_docspace_module();
  auto expect_rejects = [&](json document, const std::string& pointer) {
    try {
      module->load_state(document);
      ADD_FAILURE() << "accepted " << pointer;
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find(pointer), std::string::npos) << error.what();
    }
  };
  json bad = fixture();
  bad["users"][0]["colour"] = "red";
  expect_rejects(bad, "/users/0/colour");
  bad = fixture();
  bad["users"][1].erase("email");
  expect_rejects(bad, "/users/1/email");
  bad = fixture();
  bad["users"][2]["type"] = "Boss";
  expect_rejects(bad, "/users/2/type");
  bad = fixture();
  bad["tokens"][0]["userId"] = kUnknown;
  expect_rejects(bad, "/tokens/0/userId");
  bad = fixture();
  bad["quota"].erase("tariffState");
  expect_rejects(bad, "/quota/tariffState");
  bad = fixture();
  bad["users"][3]["id"] = kOwner;
  expect_rejects(bad, "/users/3/id");
}

}  // namespace
}  // namespace statuskit::mock

namespace statuskit::mock {
namespace {

TEST_F(DocspaceTest, DefectPartialForbiddenListChangesTheAllowedIdsBeforeThe403) {
  context_.defects = {"docspace.partial-forbidden-list"};
  expect_error(put_ids("Terminated", {kUser, kOwner}, kAdminToken), 403, "Access denied",
               "System.Security.SecurityException");
  EXPECT_EQ(status_of(kUser), 2);  // the real server changes nothing
  EXPECT_EQ(status_of(kOwner), 1);
}

TEST_F(DocspaceTest, DefectBareArrayDropsTheEnvelope) {
  context_.defects = {"docspace.bare-array"};
  MockResponse response = put_ids("Terminated", {kUser}, kAdminToken);
  ASSERT_EQ(response.status, 200);
  const json body = json::parse(response.body);
  ASSERT_TRUE(body.is_array()) << response.body;
  EXPECT_EQ(body.at(0).at("id"), kUser);
}

TEST_F(DocspaceTest, DefectCookiesSurviveReactivationRevivesOldCookies) {
  context_.defects = {"docspace.cookies-survive-reactivation"};
  ASSERT_EQ(put_ids("Terminated", {kUser2}, kAdminToken).status, 200);
  EXPECT_EQ(put_ids("Pending", {kUser2}, kUser2Token).status, 401);  // disabled account
  ASSERT_EQ(put_ids("Active", {kUser2}, kAdminToken).status, 200);
  // The real server keeps the reset cookie dead (401); the defect lets it in again (400).
  EXPECT_EQ(put_ids("Pending", {kUser2}, kUser2Token).status, 400);
  ASSERT_EQ(put_ids("Active", {kTerminated}, kAdminToken).status, 200);
  EXPECT_EQ(put_ids("Pending", {kTerminated}, kStaleToken).status, 400);
}

TEST_F(DocspaceTest, DefectResponseOnlyChangedLeavesOutUnchangedUsers) {
  context_.defects = {"docspace.response-only-changed"};
  MockResponse response = put_ids("Active", {kTerminated, kUser}, kAdminToken);
  ASSERT_EQ(response.status, 200) << response.body;
  const json list = json::parse(response.body).at("response");
  ASSERT_EQ(list.size(), 1U);  // the real server answers both
  EXPECT_EQ(list.at(0).at("id"), kTerminated);
}

TEST_F(DocspaceTest, DefectResponseBeforeChangeShowsTheOldStatus) {
  context_.defects = {"docspace.response-before-change"};
  MockResponse response = put_ids("Terminated", {kUser}, kAdminToken);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json::parse(response.body).at("response").at(0).at("status"), 1);
  EXPECT_EQ(status_of(kUser), 2);  // the change itself happened
}

TEST_F(DocspaceTest, DefectLinksSayGetNamesTheWrongMethod) {
  context_.defects = {"docspace.links-say-get"};
  MockResponse response = put_ids("Terminated", {kUser}, kAdminToken);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json::parse(response.body).at("links").at(0).at("action"), "GET");
}

TEST_F(DocspaceTest, DefectInviteeActivatedSkipsPending) {
  context_.defects = {"docspace.invitee-activated"};
  ASSERT_EQ(put_ids("Active", {kInvitee}, kAdminToken).status, 200);
  EXPECT_EQ(status_of(kInvitee), 1);  // the real server makes them Pending (4)
}

TEST_F(DocspaceTest, DefectPeopleAdminDeniedRefusesTheRight) {
  context_.defects = {"docspace.people-admin-denied"};
  expect_error(put_ids("Terminated", {kUser}, kPeopleAdminToken), 403, "Access denied",
               "System.Security.SecurityException");
  EXPECT_EQ(status_of(kUser), 1);
  EXPECT_EQ(put_ids("Terminated", {kUser}, kAdminToken).status, 200);  // admins still hold it
}

TEST_F(DocspaceTest, DefectAdminMayChangeAdminLetsANonOwnerAdminThrough) {
  context_.defects = {"docspace.admin-may-change-admin"};
  ASSERT_EQ(put_ids("Terminated", {kAdmin2}, kAdminToken).status, 200);
  EXPECT_EQ(status_of(kAdmin2), 2);
  EXPECT_EQ(put_ids("Terminated", {kOwner}, kAdminToken).status, 403);  // the owner still is not
}

TEST_F(DocspaceTest, DefectQuotaRollbackUndoesTheEarlierUsers) {
  context_.defects = {"docspace.quota-rollback"};
  EXPECT_EQ(put_ids("Active", {kRa1, kRa2}, kAdminToken).status, 402);
  EXPECT_EQ(status_of(kRa1), 2);  // the real server keeps the first one enabled
  EXPECT_EQ(status_of(kRa2), 2);
}

TEST_F(DocspaceTest, EveryDefectIsNamedForTheVendorAndDescribed) {
  const auto defects = module_->defects();
  ASSERT_EQ(defects.size(), 11U);  // docspace.resend-all-unchecked: generated tests only
  for (const auto& defect : defects) {
    EXPECT_EQ(defect.name.rfind("docspace.", 0), 0U) << defect.name;
    EXPECT_FALSE(defect.description.empty());
  }
}

}  // namespace
}  // namespace statuskit::mock
