// Every documented Rocket.Chat response over real HTTP, strict mode on.
#include <nlohmann/json.hpp>

#include "http/vendor_http_fixture.h"
#include "vendors/rocketchat.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kAdmin = {"X-User-Id: rcAdminUser000001",
                                         "X-Auth-Token: rc-admin-Hx7Q2wLk9"};
const std::vector<std::string> kPlain = {"X-User-Id: rcPlainUser000001",
                                         "X-Auth-Token: rc-plain-Zr5Tb2Mw6"};
const std::vector<std::string> kModerator = {"X-User-Id: rcModerator000001",
                                             "X-Auth-Token: rc-mod-P3vN8sDq1"};
const std::vector<std::string> kTina = {"X-User-Id: rcTargetUser00001",
                                        "X-Auth-Token: rc-tina-Lu9Fa1Ks8"};

class RocketchatHttpTest : public VendorHttpTest {
 protected:
  void SetUp() override { serve(mock::make_rocketchat_module()); }
  HttpResult set_status(const json& body, const std::vector<std::string>& auth = kAdmin) {
    return client_->send_json("POST", "/api/v1/users.setActiveStatus", body, with_session(auth));
  }
  HttpResult info(const std::string& query, const std::vector<std::string>& auth = kAdmin) {
    return client_->get("/api/v1/users.info?" + query, with_session(auth));
  }
};

TEST_F(RocketchatHttpTest, DeactivateReadBackAndTheUsersTokenStopsWorking) {
  ASSERT_EQ(info("userId=rcTargetUser00001", kTina).status, 200);
  auto result = set_status({{"userId", "rcTargetUser00001"}, {"activeStatus", false}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(),
            json::parse(R"({"user":{"_id":"rcTargetUser00001","active":false},"success":true})"));
  EXPECT_EQ(info("username=tina.target").json()["user"]["active"], false);
  EXPECT_EQ(info("userId=rcTargetUser00001", kTina).status, 401);
  ASSERT_EQ(set_status({{"userId", "rcTargetUser00001"}, {"activeStatus", "true"}}).status, 200);
  EXPECT_EQ(info("userId=rcTargetUser00001").json()["user"]["active"], true);
}

TEST_F(RocketchatHttpTest, EveryErrorOverHttp) {
  auto result = set_status({{"userId", "rcTargetUser00001"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.json()["error"], "must have required property 'activeStatus' [invalid-params]");
  EXPECT_EQ(
      set_status({{"userId", "rcTargetUser00001"}, {"activeStatus", false}}, {kAdmin[0]}).status,
      401);
  EXPECT_EQ(set_status({{"userId", "rcTargetUser00001"}, {"activeStatus", false}}, kPlain).status,
            403);
  EXPECT_EQ(set_status({{"userId", "rcTargetUser00001"}, {"activeStatus", false}}, kModerator)
                .json()["errorType"],
            "error-not-allowed");
  EXPECT_EQ(set_status({{"userId", "nope"}, {"activeStatus", false}}).json()["error"],
            "User not found");
  EXPECT_EQ(
      set_status({{"userId", "rcAdminUser000001"}, {"activeStatus", false}}).json()["errorType"],
      "error-action-not-allowed");
  result = set_status({{"userId", "rcOwnerUser000001"}, {"activeStatus", false}});
  EXPECT_EQ(result.json()["details"],
            json::parse(R"({"shouldBeRemoved":["olga-notes"],"shouldChangeOwner":["Project X"]})"));
  result = set_status(
      {{"userId", "rcOwnerUser000001"}, {"activeStatus", false}, {"confirmRelinquish", true}});
  EXPECT_EQ(result.status, 200) << result.body;
  const auto paul = info("userId=rcMemberUser00001&includeUserRooms=true").json();
  EXPECT_NE(paul["user"]["rooms"].dump().find(R"("roles":["owner"])"), std::string::npos)
      << paul.dump();
  result = client_->request("POST", "/api/v1/users.setActiveStatus",
                            with_session({kAdmin[0], kAdmin[1], "Content-Type: text/plain"}), "x");
  EXPECT_EQ(result.status, 415) << result.body;
  EXPECT_EQ(result.json()["success"], false);
}

// Rocket.Chat parses bodies with JSON.parse (spec: x-statuskit-request-json): a repeated key
// keeps its last value, so this deactivates.
TEST_F(RocketchatHttpTest, ARepeatedKeyKeepsItsLastValueAsJsonParseDoes) {
  auto headers = with_session({kAdmin[0], kAdmin[1], "Content-Type: application/json"});
  auto result = client_->request("POST", "/api/v1/users.setActiveStatus", headers,
                                 R"({"userId":"rcTargetUser00001","activeStatus":true,)"
                                 R"("activeStatus":false})");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json()["user"]["active"], false);
  EXPECT_EQ(info("userId=rcTargetUser00001").json()["user"]["active"], false);
  result = client_->request("POST", "/api/v1/users.setActiveStatus", headers,
                            R"({"userId":"nobody","userId":"rcTargetUser00001",)"
                            R"("activeStatus":"true"})");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(info("userId=rcTargetUser00001").json()["user"]["active"], true);
}

// includeUserRooms is any string (item 7); only 'true' adds the rooms. The other lookup keys
// the validator allows are answered, not refused as invalid-params.
TEST_F(RocketchatHttpTest, UsersInfoTakesWhatRocketChatsValidatorTakes) {
  auto result = info("userId=rcMemberUser00001&includeUserRooms=yes");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_FALSE(result.json()["user"].contains("rooms"));
  EXPECT_TRUE(
      info("userId=rcMemberUser00001&includeUserRooms=true").json()["user"].contains("rooms"));
  result = info("email=tina.target%40example.com");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.json(), json::parse(R"({"success":false,"error":"User not found."})"));
  EXPECT_EQ(info("userId=").json()["errorType"], "error-user-param-not-provided");
  EXPECT_EQ(info("userId=rcMemberUser00001&username=paul.member").json()["errorType"],
            "invalid-params");
}

}  // namespace
}  // namespace statuskit::testing
