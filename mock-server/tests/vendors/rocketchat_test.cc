// The Rocket.Chat module case by case, driven directly with the real fixture; every answer is
// also checked against specs/rocketchat-users.yaml.
#include "vendors/rocketchat.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/vendor_harness.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;
using testing::VendorHarness;

struct Credentials {
  const char* id;
  const char* token;
};
constexpr Credentials kAdmin{"rcAdminUser000001", "rc-admin-Hx7Q2wLk9"};
constexpr Credentials kModerator{"rcModerator000001", "rc-mod-P3vN8sDq1"};
constexpr Credentials kPlain{"rcPlainUser000001", "rc-plain-Zr5Tb2Mw6"};
constexpr Credentials kOlga{"rcOwnerUser000001", "rc-olga-Qe4Yc7Jn3"};
constexpr Credentials kPaul{"rcMemberUser00001", "rc-paul-Gm2Wd6Vb4"};
constexpr Credentials kTina{"rcTargetUser00001", "rc-tina-Lu9Fa1Ks8"};
constexpr const char* kTinaPat = "rc-tina-pat-Nx3Rp8Hc5";
constexpr const char* kFederated = "rcFederatedUser01";

class RocketchatTest : public ::testing::Test {
 protected:
  MockResponse set_status(const json& body, Credentials caller = kAdmin) {
    auto request =
        VendorHarness::request("setUserActiveStatus", "POST", "/api/v1/users.setActiveStatus");
    if (caller.id != nullptr) request.headers["x-user-id"] = caller.id;
    if (caller.token != nullptr) request.headers["x-auth-token"] = caller.token;
    VendorHarness::set_json_body(request, body);
    return harness_.run(request);
  }
  MockResponse info(const std::string& user_id, Credentials caller = kAdmin, bool rooms = false) {
    auto request = VendorHarness::request("getUserInfo", "GET", "/api/v1/users.info");
    request.query["userId"] = user_id;
    if (rooms) request.query["includeUserRooms"] = "true";
    request.headers["x-user-id"] = caller.id;
    request.headers["x-auth-token"] = caller.token;
    return harness_.run(request);
  }
  bool active(const std::string& user_id) {
    auto response = info(user_id);
    EXPECT_EQ(response.status, 200) << response.body;
    return VendorHarness::body(response)["user"]["active"].get<bool>();
  }
  json rooms_of(const std::string& user_id) {
    return VendorHarness::body(info(user_id, kAdmin, true))["user"]["rooms"];
  }
  static json body(const MockResponse& response) { return VendorHarness::body(response); }
  static json invalid(const std::string& reason) {
    return {{"success", false},
            {"error", reason + " [invalid-params]"},
            {"errorType", "invalid-params"}};
  }

  VendorHarness harness_{make_rocketchat_module()};
};

TEST_F(RocketchatTest, DeactivateAndReactivate) {
  auto response = set_status({{"userId", kTina.id}, {"activeStatus", false}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response),
            json::parse(R"({"user":{"_id":"rcTargetUser00001","active":false},"success":true})"));
  EXPECT_FALSE(active(kTina.id));
  ASSERT_EQ(set_status({{"userId", kTina.id}, {"activeStatus", true}}).status, 200);
  EXPECT_TRUE(active(kTina.id));
  // Idempotent.
  EXPECT_EQ(set_status({{"userId", kTina.id}, {"activeStatus", true}}).status, 200);
}

TEST_F(RocketchatTest, DeactivationWipesEveryLoginTokenAndReactivationDoesNotRestoreThem) {
  ASSERT_EQ(info(kTina.id, kTina).status, 200);
  ASSERT_EQ(set_status({{"userId", kTina.id}, {"activeStatus", false}}).status, 200);
  EXPECT_EQ(info(kTina.id, kTina).status, 401);
  EXPECT_EQ(info(kTina.id, {kTina.id, kTinaPat}).status, 401);  // personal access tokens too
  ASSERT_EQ(set_status({{"userId", kTina.id}, {"activeStatus", true}}).status, 200);
  EXPECT_EQ(info(kTina.id, kTina).status, 401);
}

TEST_F(RocketchatTest, AuthNeedsBothHeadersAndAKnownTokenAnd401IsExact) {
  const json expected = json::parse(R"({"success":false,"error":"You must be logged in to do this.",
      "status":"error","message":"You must be logged in to do this."})");
  EXPECT_EQ(body(set_status({{"userId", kTina.id}, {"activeStatus", false}}, {kAdmin.id, nullptr})),
            expected);
  EXPECT_EQ(
      body(set_status({{"userId", kTina.id}, {"activeStatus", false}}, {nullptr, kAdmin.token})),
      expected);
  EXPECT_EQ(
      set_status({{"userId", kTina.id}, {"activeStatus", false}}, {kAdmin.id, "wrong"}).status,
      401);
  EXPECT_EQ(
      set_status({{"userId", kTina.id}, {"activeStatus", false}}, {kPlain.id, kAdmin.token}).status,
      401);  // another user's token
  // Auth comes before validation.
  EXPECT_EQ(set_status(json::object(), {nullptr, nullptr}).status, 401);
  EXPECT_TRUE(active(kTina.id));
}

TEST_F(RocketchatTest, AjvValidationMessagesAndOrder) {
  EXPECT_EQ(body(set_status({{"userId", kTina.id}})),
            invalid("must have required property 'activeStatus'"));
  EXPECT_EQ(body(set_status({{"activeStatus", false}})),
            invalid("must have required property 'userId'"));
  EXPECT_EQ(body(set_status(json::object())),
            invalid("must have required property 'userId'\n must have required property "
                    "'activeStatus'"));
  EXPECT_EQ(body(set_status({{"userId", kTina.id}, {"activeStatus", false}, {"extra", 1}})),
            invalid("must NOT have additional properties"));
  EXPECT_EQ(body(set_status({{"userId", kTina.id}, {"activeStatus", "maybe"}})),
            invalid("must be boolean"));
  EXPECT_EQ(body(set_status({{"userId", json::array()}, {"activeStatus", false}})),
            invalid("must be string"));
  EXPECT_EQ(body(set_status(json::array())), invalid("must be object"));
  EXPECT_TRUE(active(kTina.id));
}

TEST_F(RocketchatTest, TypeCoercionAcceptsStringBooleans) {
  auto response = set_status({{"userId", kTina.id}, {"activeStatus", "false"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_FALSE(active(kTina.id));
  ASSERT_EQ(set_status({{"userId", kTina.id}, {"activeStatus", "true"}}).status, 200);
  EXPECT_TRUE(active(kTina.id));
  EXPECT_EQ(
      set_status({{"userId", kTina.id}, {"activeStatus", true}, {"confirmRelinquish", nullptr}})
          .status,
      200);  // nullable
}

TEST_F(RocketchatTest, TypeCoercionAcceptsEveryNumberEqualToOneOrZeroAndNull) {
  // What Rocket.Chat's compiled validator accepts (vendor-behaviors.md §2).
  for (const auto& [value, expected] : std::vector<std::pair<json, bool>>{
           {0, false}, {1.0, true}, {0.0, false}, {1, true}, {nullptr, false}, {true, true}}) {
    auto response = set_status({{"userId", kTina.id}, {"activeStatus", value}});
    ASSERT_EQ(response.status, 200) << value << ": " << response.body;
    EXPECT_EQ(active(kTina.id), expected) << value;
  }
  for (const json& value : {json("yes"), json(2), json(0.5), json::array()}) {
    EXPECT_EQ(body(set_status({{"userId", kTina.id}, {"activeStatus", value}})),
              invalid("must be boolean"))
        << value;
  }
  // A numeric userId is coerced to a string no user has.
  EXPECT_EQ(body(set_status({{"userId", 990000000000001}, {"activeStatus", false}})),
            (json{{"success", false}, {"error", "User not found"}}));
}

TEST_F(RocketchatTest, UsersInfoTakesOneUserKeyAndNoOtherParameters) {
  auto request = VendorHarness::request("getUserInfo", "GET", "/api/v1/users.info");
  request.headers["x-user-id"] = kAdmin.id;
  request.headers["x-auth-token"] = kAdmin.token;
  request.query["userId"] = kTina.id;
  request.query["includeUserRooms"] = "true";
  request.query["fields"] = "{}";
  EXPECT_EQ(harness_.run(request).status, 200);
  request.query["username"] = "tina.target";
  EXPECT_EQ(body(harness_.run(request))["errorType"], "invalid-params");
  request.query.erase("username");
  request.query["statuskitProbe"] = "1";
  EXPECT_EQ(body(harness_.run(request))["errorType"], "invalid-params");
  harness_.context().defects = {"rocketchat.info-query-not-validated"};
  EXPECT_EQ(harness_.run(request).status, 200);
}

// Rocket.Chat's validator has a branch per lookup key; the ones no fixture user carries find
// nobody, and a key given empty passes validation and is then "not provided".
TEST_F(RocketchatTest, UsersInfoTakesEveryLookupKeyTheValidatorAllows) {
  auto query = [&](const std::string& name, const std::string& value) {
    auto request = VendorHarness::request("getUserInfo", "GET", "/api/v1/users.info");
    request.headers["x-user-id"] = kAdmin.id;
    request.headers["x-auth-token"] = kAdmin.token;
    request.query[name] = value;
    return body(harness_.run(request));
  };
  for (const char* key : {"importId", "email", "freeSwitchExtension"}) {
    EXPECT_EQ(query(key, "x1"), (json{{"success", false}, {"error", "User not found."}})) << key;
  }
  EXPECT_EQ(query("userId", "")["errorType"], "error-user-param-not-provided");
  EXPECT_EQ(query("fields", "{}")["errorType"], "invalid-params") << "no lookup key at all";
}

TEST_F(RocketchatTest, AUserWithoutUsernameSkipsTheRoomChecks) {
  // rcNoUsername00001 alone owns #unnamed-notes, yet is deactivated; the room stays.
  EXPECT_EQ(set_status({{"userId", "rcNoUsername00001"}, {"activeStatus", false}}).status, 200);
  EXPECT_EQ(rooms_of("rcNoUsername00001").size(), 1U);
}

TEST_F(RocketchatTest, ARoomTheUserIsAloneInCountsButADirectRoomDoesNot) {
  auto response = set_status({{"userId", "rcLonelyUser00001"}, {"activeStatus", false}});
  ASSERT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(body(response)["details"],
            json::parse(R"({"shouldBeRemoved":["lou-sandbox"],"shouldChangeOwner":[]})"));
}

TEST_F(RocketchatTest, DefectsThatOutlastTheCall) {
  constexpr Credentials kVera{"rcVictimUser00001", "rc-vera-Tk4Hs9Qm2"};
  harness_.context().defects = {"rocketchat.tokens-revived-on-reactivation"};
  ASSERT_EQ(set_status({{"userId", kVera.id}, {"activeStatus", false}}).status, 200);
  EXPECT_EQ(info(kVera.id, kVera).status, 401);
  ASSERT_EQ(set_status({{"userId", kVera.id}, {"activeStatus", true}}).status, 200);
  EXPECT_EQ(info(kVera.id, kVera).status, 200);  // revived: the defect
  harness_.context().defects = {"rocketchat.relinquish-keeps-solo-room",
                                "rocketchat.relinquish-ignores-active"};
  ASSERT_EQ(
      set_status(
          {{"userId", "rcOwnerUser000002"}, {"activeStatus", false}, {"confirmRelinquish", true}})
          .status,
      200);
  EXPECT_EQ(rooms_of("rcOwnerUser000002").size(), 2U);  // #oscar-scratch kept
  EXPECT_EQ(rooms_of("rcInactiveMember1")[1]["roles"], json::array({"owner"}));
  harness_.context().defects = {"rocketchat.success-body-whole-user",
                                "rocketchat.roles-dropped-on-deactivation"};
  auto whole = body(set_status({{"userId", "rcAgentUser000001"}, {"activeStatus", false}}));
  EXPECT_EQ(whole["user"]["username"], "ana.agent");
  EXPECT_EQ(whole["user"]["roles"], json::array());
}

TEST_F(RocketchatTest, ValidationComesBeforeThePermissionCheck) {
  EXPECT_EQ(set_status({{"userId", kTina.id}}, kPlain).status, 400);
  EXPECT_EQ(
      body(set_status({{"userId", kTina.id}, {"activeStatus", false}}, kPlain)),
      json::parse(
          R"({"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"})"));
  EXPECT_TRUE(active(kTina.id));
}

TEST_F(RocketchatTest, ModerationOnlyPermissionIs400NotAllowed) {
  EXPECT_EQ(body(set_status({{"userId", kTina.id}, {"activeStatus", false}}, kModerator)),
            json::parse(R"({"success":false,"error":"Not allowed [error-not-allowed]",
                "errorType":"error-not-allowed","details":{"method":"setUserActiveStatus"}})"));
  EXPECT_TRUE(active(kTina.id));
}

TEST_F(RocketchatTest, UnknownAndFederatedUsers) {
  EXPECT_EQ(body(set_status({{"userId", "nope"}, {"activeStatus", false}})),
            json::parse(R"({"success":false,"error":"User not found"})"));
  EXPECT_EQ(body(set_status({{"userId", kFederated}, {"activeStatus", false}}))["errorType"],
            "error-user-is-federated");
}

TEST_F(RocketchatTest, TheLastActiveAdminCannotBeDeactivatedEvenByThemselves) {
  EXPECT_EQ(body(set_status({{"userId", kAdmin.id}, {"activeStatus", false}})),
            json::parse(R"({"success":false,
                "error":"Leaving the app without an active admin is not allowed [error-action-not-allowed]",
                "errorType":"error-action-not-allowed",
                "details":{"method":"removeUserFromRole","action":"Remove_last_admin"}})"));
  EXPECT_TRUE(active(kAdmin.id));
  // Reactivating the inactive admin makes the first one removable.
  ASSERT_EQ(set_status({{"userId", "rcAdminUser000002"}, {"activeStatus", true}}).status, 200);
  EXPECT_EQ(
      set_status({{"userId", kAdmin.id}, {"activeStatus", false}, {"confirmRelinquish", true}})
          .status,
      200);
}

TEST_F(RocketchatTest, LastOwnerWithoutConfirmRelinquishIs400WithDetails) {
  EXPECT_EQ(
      body(set_status({{"userId", kOlga.id}, {"activeStatus", false}})),
      json::parse(R"({"success":false,"error":"[user-last-owner]","errorType":"user-last-owner",
                "details":{"shouldBeRemoved":["olga-notes"],"shouldChangeOwner":["Project X"]}})"));
  EXPECT_TRUE(active(kOlga.id));
  EXPECT_EQ(rooms_of(kOlga.id).size(), 3U);
}

TEST_F(RocketchatTest,
       ConfirmRelinquishMovesOwnershipToTheEarliestActiveMemberAndDeletesSoloRooms) {
  auto response =
      set_status({{"userId", kOlga.id}, {"activeStatus", false}, {"confirmRelinquish", true}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_FALSE(active(kOlga.id));
  // Ivy joined first but is inactive: Paul, the earliest active member, owns Project X now.
  const json paul_rooms = rooms_of(kPaul.id);
  bool paul_owns_project_x = false;
  for (const auto& room : paul_rooms) {
    if (room["rid"] == "rcRoomProjectX001") {
      paul_owns_project_x = room["roles"] == json::array({"owner"});
    }
  }
  EXPECT_TRUE(paul_owns_project_x) << paul_rooms.dump();
  for (const auto& room : rooms_of(kOlga.id)) EXPECT_NE(room["rid"], "rcRoomOlgaNotes01");
}

TEST_F(RocketchatTest, UsersInfoErrors) {
  EXPECT_EQ(info("nope").status, 400);
  auto request = VendorHarness::request("getUserInfo", "GET", "/api/v1/users.info");
  request.headers["x-user-id"] = kAdmin.id;
  request.headers["x-auth-token"] = kAdmin.token;
  EXPECT_EQ(body(harness_.run(request))["errorType"], "invalid-params");
  request.query["username"] = "pat.plain";
  EXPECT_EQ(body(harness_.run(request))["user"]["_id"], kPlain.id);
}

TEST_F(RocketchatTest, DefectMissingActiveStatusAccepted) {
  harness_.context().defects = {"rocketchat.missing-active-status-accepted"};
  EXPECT_EQ(set_status({{"userId", kTina.id}}).status, 200);
  harness_.context().defects.clear();
  EXPECT_FALSE(active(kTina.id));
}

TEST_F(RocketchatTest, DefectForbiddenBeforeValidation) {
  harness_.context().defects = {"rocketchat.forbidden-before-validation"};
  EXPECT_EQ(set_status({{"userId", kTina.id}}, kPlain).status, 403);
}

TEST_F(RocketchatTest, StateRoundTripsAndBadFixturesNameThePointer) {
  ASSERT_EQ(set_status({{"userId", kOlga.id}, {"activeStatus", false}, {"confirmRelinquish", true}})
                .status,
            200);
  const json saved = harness_.state().to_json();
  EXPECT_EQ(harness_.module().load_state(saved)->to_json(), saved);
  json fixture = harness_.fixture();
  fixture["rooms"][0]["subscriptions"][0]["u"] = "ghost";
  try {
    harness_.module().load_state(fixture);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "/rooms/0/subscriptions/0/u: no user with _id ghost");
  }
}

TEST_F(RocketchatTest, PipelineErrorsUseTheFailureShape) {
  harness_.expect_documented("setUserActiveStatus",
                             harness_.module().error_response(415, "unsupported media type x"));
  harness_.expect_documented("setUserActiveStatus",
                             harness_.module().error_response(400, "malformed JSON: x"));
}

}  // namespace
}  // namespace statuskit::mock
