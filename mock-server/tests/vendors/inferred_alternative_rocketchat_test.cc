// Rocket.Chat under --inferred alternative (docs/inferred-choices.md, "Rocket.Chat"), through
// the real binary: the inferred choices made the other way, and what the vendor's source and
// e2e tests establish unchanged.
#include <nlohmann/json.hpp>

#include "vendors/inferred_alternative_fixture.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

class RocketchatAlternativeTest : public InferredAlternativeTest {
 protected:
  static std::vector<std::string> as(const std::string& user_id, const std::string& token) {
    return with_session({"X-User-Id: " + user_id, "X-Auth-Token: " + token});
  }
  static std::vector<std::string> admin() { return as("rcAdminUser000001", "rc-admin-Hx7Q2wLk9"); }
  HttpResult set_status(const std::vector<std::string>& caller, const json& body) {
    return client_->send_json("POST", "/api/v1/users.setActiveStatus", body, caller);
  }
};

TEST_F(RocketchatAlternativeTest, UsersInfoWithoutAUserAnswersTheOlderParamNotProvidedError) {
  auto result = client_->get("/api/v1/users.info", admin());
  ASSERT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json(), (json{{"success", false},
                                 {"error",
                                  "The required \"userId\" or \"username\" param was not provided "
                                  "[error-user-param-not-provided]"},
                                 {"errorType", "error-user-param-not-provided"}}));
}

TEST_F(RocketchatAlternativeTest, UsersInfoOfAnUnknownUserAnswersErrorInvalidUser) {
  auto result = client_->get("/api/v1/users.info?userId=nobody", admin());
  ASSERT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json().at("errorType"), "error-invalid-user");
  EXPECT_EQ(result.json().at("error"),
            "The required \"userId\" or \"username\" param provided does not match any users "
            "[error-invalid-user]");
}

TEST_F(RocketchatAlternativeTest, AModeratorAdmittedByTheRouteMayChangeAStatus) {
  auto result = set_status(as("rcModerator000001", "rc-mod-P3vN8sDq1"),
                           {{"userId", "rcTargetUser00001"}, {"activeStatus", false}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("user").at("active"), false);
}

TEST_F(RocketchatAlternativeTest, DocumentedBehaviourIsUnchanged) {
  // Source and e2e tests: the 403 text, the 401 body with its compatibility shim.
  auto forbidden = set_status(as("rcPlainUser000001", "rc-plain-Zr5Tb2Mw6"),
                              {{"userId", "rcTargetUser00001"}, {"activeStatus", false}});
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(forbidden.json().at("error"),
            "User does not have the permissions required for this action [error-unauthorized]");
  auto anonymous = set_status(with_session({}), {{"userId", "x"}, {"activeStatus", false}});
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  EXPECT_EQ(anonymous.json().at("message"), "You must be logged in to do this.");
  // Seed and source: Ajv's invalid-params, before the permission check.
  auto invalid =
      set_status(as("rcPlainUser000001", "rc-plain-Zr5Tb2Mw6"), {{"userId", "rcTargetUser00001"}});
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  EXPECT_EQ(invalid.json().at("error"),
            "must have required property 'activeStatus' [invalid-params]");
  // Source: unknown user, last owner without confirmRelinquish.
  auto unknown = set_status(admin(), {{"userId", "nobody"}, {"activeStatus", false}});
  EXPECT_EQ(unknown.json(), (json{{"success", false}, {"error", "User not found"}}));
  auto last_owner = set_status(admin(), {{"userId", "rcOwnerUser000001"}, {"activeStatus", false}});
  EXPECT_EQ(last_owner.status, 400) << last_owner.body;
  EXPECT_EQ(last_owner.json().at("errorType"), "user-last-owner");
  // Seed: the 200 answer; source: the deactivated user's tokens are gone.
  auto done = set_status(admin(), {{"userId", "rcTargetUser00001"}, {"activeStatus", "false"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json(),
            (json{{"user", {{"_id", "rcTargetUser00001"}, {"active", false}}}, {"success", true}}));
  EXPECT_EQ(client_
                ->get("/api/v1/users.info?username=tina.target",
                      as("rcTargetUser00001", "rc-tina-Lu9Fa1Ks8"))
                .status,
            401);
}

}  // namespace
}  // namespace statuskit::testing
