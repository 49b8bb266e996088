// ONLYOFFICE DocSpace under --inferred alternative (docs/inferred-choices.md, "ONLYOFFICE
// DocSpace"), through the real binary: where the server source leaves the outcome open the
// other choice is made; what the source establishes is unchanged.
#include <nlohmann/json.hpp>

#include "vendors/inferred_alternative_fixture.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

constexpr const char* kAdmin = "Cookie: asc_auth_key=ASC-ADMIN-3a9e51c6d0";
constexpr const char* kPlainUser = "Cookie: asc_auth_key=ASC-USER-2e6a9d03f7";
constexpr const char* kUser = "11111111-1111-4111-8111-000000000006";
constexpr const char* kUser2 = "11111111-1111-4111-8111-000000000007";
constexpr const char* kOwner = "11111111-1111-4111-8111-000000000001";
constexpr const char* kTerminatedUser = "11111111-1111-4111-8111-00000000000a";
constexpr const char* kTerminatedRoomAdmin1 = "11111111-1111-4111-8111-00000000000b";
constexpr const char* kTerminatedRoomAdmin2 = "11111111-1111-4111-8111-00000000000c";

class DocspaceAlternativeTest : public InferredAlternativeTest {
 protected:
  HttpResult set_status(const std::string& status, const json& body,
                        const std::string& credential = kAdmin) {
    return client_->send_json("PUT", "/api/2.0/people/status/" + status, body,
                              with_session({credential}));
  }
  HttpResult profile(const std::string& id, const std::string& credential = kAdmin) {
    return client_->get("/api/2.0/people/" + id, with_session({credential}));
  }
};

TEST_F(DocspaceAlternativeTest, A401CarriesTheErrorEnvelopeThePublishedSpecDescribes) {
  auto result = set_status("Terminated", {{"userIds", {kUser}}}, "X-No-Credentials: 1");
  ASSERT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(result.json(), (json{{"status", 1},
                                 {"statusCode", 401},
                                 {"error",
                                  {{"message", "Unauthorized"},
                                   {"type", "System.UnauthorizedAccessException"},
                                   {"stack", ""},
                                   {"hresult", -2147024891}}}}));
  EXPECT_EQ(profile(kUser, "Cookie: asc_auth_key=nope").json().at("statusCode"), 401);
}

TEST_F(DocspaceAlternativeTest, TheBodyIsBoundAfterTheStatusAndPermissionChecks) {
  const json unbound = {{"userIds", {1}}};
  EXPECT_EQ(set_status("Terminated", unbound, kPlainUser).status, 403);  // the default says 400
  auto wrong_status = set_status("Pending", unbound);
  EXPECT_EQ(wrong_status.json().at("error").at("message"), "Incorrect status");
  auto result = set_status("Terminated", unbound);
  ASSERT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json().at("error").at("message"),
            "The JSON value could not be converted to System.Guid. Path: $.userIds[0].");
  EXPECT_EQ(result.json().at("error").at("type"), "System.Text.Json.JsonException");
}

TEST_F(DocspaceAlternativeTest, AMissingUserIdsIsAnEmptyList) {
  auto result = set_status("Terminated", json::object());
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("response"), json::array());
}

TEST_F(DocspaceAlternativeTest, CountIsOneAsForAnyStreamedList) {
  auto result = set_status("Terminated", {{"userIds", {kUser, kUser2}}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("response").size(), 2u);
  EXPECT_EQ(result.json().at("count"), 1);
}

TEST_F(DocspaceAlternativeTest, TheProfile404IsWordedDifferently) {
  auto result = profile("11111111-1111-4111-8111-0000000000ff");
  ASSERT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(result.json().at("error").at("message"),
            "The user with the specified ID was not found");
}

TEST_F(DocspaceAlternativeTest, TheTariffRefusalHasTheQuotaCheckersExceptionType) {
  auto state = client_->get("/__admin/state?vendor=docspace", with_session({}));
  json docspace = state.json().at("state").at("docspace");
  docspace["quota"]["tariffState"] = "NotPaid";
  ASSERT_EQ(client_->send_json("PUT", "/__admin/state?vendor=docspace", docspace, with_session({}))
                .status,
            200);
  auto result = set_status("Active", {{"userIds", {kTerminatedUser}}});
  ASSERT_EQ(result.status, 402) << result.body;
  EXPECT_EQ(result.json().at("error").at("message"),
            "Your pricing plan does not support this option");
  EXPECT_EQ(result.json().at("error").at("type"), "ASC.Core.Tenants.TenantQuotaException");
}

TEST_F(DocspaceAlternativeTest, DocumentedBehaviourIsUnchanged) {
  // Source: "Incorrect status" before the permission check; one forbidden target denies the
  // whole call; the seat quota refuses with 402 and keeps earlier users enabled.
  auto pending = set_status("Pending", {{"userIds", {kUser}}}, kPlainUser);
  EXPECT_EQ(pending.status, 400) << pending.body;
  EXPECT_EQ(pending.json().at("error").at("message"), "Incorrect status");
  auto with_owner = set_status("Terminated", {{"userIds", {kUser, kOwner}}});
  EXPECT_EQ(with_owner.status, 403) << with_owner.body;
  EXPECT_EQ(with_owner.json().at("error").at("message"), "Access denied");
  EXPECT_EQ(profile(kUser).json().at("response").at("status"), 1);
  auto quota = set_status("Active", {{"userIds", {kTerminatedRoomAdmin1, kTerminatedRoomAdmin2}}});
  EXPECT_EQ(quota.status, 402) << quota.body;
  EXPECT_EQ(quota.json().at("error").at("message"), "The number of admins should not exceed 5");
  EXPECT_EQ(profile(kTerminatedRoomAdmin1).json().at("response").at("status"), 1);
  // Seed and source: the envelope and the new status; the terminated user's cookie stops working.
  auto done = set_status("Terminated", {{"userIds", {kUser}}, {"resendAll", true}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("response").at(0).at("status"), 2);
  EXPECT_EQ(done.json().at("statusCode"), 200);
  EXPECT_EQ(profile(kUser, kPlainUser).status, 401);
}

}  // namespace
}  // namespace statuskit::testing
