// Pria under --inferred alternative (docs/inferred-choices.md, "Pria"), through the real binary:
// each inferred choice made the other way, and spot checks that the documented behaviour
// (seed page and Pria's docs) is what it always is.
#include <nlohmann/json.hpp>

#include "vendors/inferred_alternative_fixture.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

constexpr const char* kBulk = "/api/admin/users/bulk-status";
constexpr const char* kAdminA = "65f000000000000000000002";
constexpr const char* kInA = "65f0000000000000000000a1";
constexpr const char* kInactiveInA = "65f0000000000000000000a3";
constexpr const char* kInB = "65f0000000000000000000b1";
constexpr const char* kDeleted = "65f0000000000000000000d1";
constexpr const char* kUnknown = "65f0000000000000000000ff";

class PriaAlternativeTest : public InferredAlternativeTest {
 protected:
  std::string token(const std::string& name) {
    static const json document = fixture("pria.yaml");
    return "x-access-token: " + fixture_token(document, name);
  }
  HttpResult bulk(const std::string& token_name, const json& body) {
    return client_->send_json("PUT", kBulk, body, with_session({token(token_name)}));
  }
  HttpResult read(const std::string& token_name, const std::string& id) {
    return client_->get("/api/admin/user/" + id, with_session({token(token_name)}));
  }
  std::string message(const HttpResult& result) {
    return result.json().at("message").get<std::string>();
  }
};

TEST_F(PriaAlternativeTest, SkipReasonsAreSentencesInReverseOrderAndDuplicatesAreDropped) {
  auto result =
      bulk("admin_a", {{"ids", {kInA, kInB, kAdminA, kInA, kUnknown}}, {"status", "inactive"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("skipped"),
            (json{{{"id", kUnknown}, {"reason", "user not found"}},
                  {{"id", kAdminA}, {"reason", "cannot change your own status"}},
                  {{"id", kInB}, {"reason", "not authorized to edit this user"}}}));
  EXPECT_EQ(result.json().at("updated"), 1);
}

TEST_F(PriaAlternativeTest, UpdatedCountsOnlyTheTargetsThatChanged) {
  auto result = bulk("super_admin", {{"ids", {kInA, kInactiveInA}}, {"status", "active"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("updated"), 1);  // kInA was active already
  EXPECT_EQ(read("super_admin", kInactiveInA).json().at("data").at("status"), "active");
}

TEST_F(PriaAlternativeTest, BodyErrorsAreJoiStyleFirstProblemOnly) {
  EXPECT_EQ(message(bulk("admin_a", json::object())), "\"ids\" is required");
  EXPECT_EQ(message(bulk("admin_a", {{"ids", json::array()}, {"status", "active"}})),
            "\"ids\" must contain at least 1 items");
  EXPECT_EQ(message(bulk("admin_a",
                         {{"ids", std::vector<std::string>(501, kInA)}, {"status", "active"}})),
            "\"ids\" must contain less than or equal to 500 items");
  EXPECT_EQ(message(bulk("admin_a", {{"ids", {kInA}}, {"status", "Active"}})),
            "\"status\" must be one of [active, inactive]");
  EXPECT_EQ(message(bulk("admin_a", {{"ids", {kInA}}, {"status", "active"}, {"note", 1}})),
            "\"note\" is not allowed");
  auto not_an_id = bulk("admin_a", {{"ids", {"abc"}}, {"status", "active"}});
  EXPECT_EQ(not_an_id.status, 400) << not_an_id.body;
  EXPECT_EQ(message(not_an_id),
            "\"ids[0]\" with value \"abc\" fails to match the required pattern: "
            "/^[0-9a-fA-F]{24}$/");
}

TEST_F(PriaAlternativeTest, PermissionIsCheckedBeforeTheBody) {
  auto result = bulk("plain_user", json::object());
  EXPECT_EQ(result.status, 403) << result.body;
}

TEST_F(PriaAlternativeTest, AnAdminWithoutUsersEditGetsEveryIdSkippedNotA403) {
  auto result = bulk("admin_no_edit", {{"ids", {kInA}}, {"status", "inactive"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("updated"), 0);
  EXPECT_EQ(result.json().at("skipped"),
            (json{{{"id", kInA}, {"reason", "not authorized to edit this user"}}}));
  EXPECT_EQ(read("super_admin", kInA).json().at("data").at("status"), "active");
}

TEST_F(PriaAlternativeTest, TokensOfInactiveAndUnknownAccountsAreRefusedDifferently) {
  auto inactive = bulk("inactive_admin", {{"ids", {kInA}}, {"status", "inactive"}});
  EXPECT_EQ(inactive.status, 401) << inactive.body;
  EXPECT_EQ(message(inactive), "Invalid access token account inactive");
  auto deleted = bulk("deleted_admin", {{"ids", {kInA}}, {"status", "inactive"}});
  EXPECT_EQ(deleted.status, 401) << deleted.body;
  EXPECT_EQ(message(deleted), "Invalid access token account not found");
  auto missing =
      client_->send_json("PUT", kBulk, {{"ids", {kInA}}, {"status", "inactive"}}, with_session({}));
  EXPECT_EQ(missing.status, 401) << missing.body;
  EXPECT_EQ(message(missing), "Unauthorized - access token required");
}

TEST_F(PriaAlternativeTest, AuthorizationBearerWinsOverXAccessToken) {
  std::string bearer = token("super_admin");
  bearer.replace(0, std::string("x-access-token: ").size(), "Authorization: Bearer ");
  auto result = client_->send_json("PUT", kBulk, {{"ids", {kInB}}, {"status", "inactive"}},
                                   with_session({token("plain_user"), bearer}));
  EXPECT_EQ(result.status, 200) << result.body;  // as the super admin, not the plain user
}

TEST_F(PriaAlternativeTest, ReadBacksOutOfReachAreA404LikeUnknownUsers) {
  for (const char* id : {kInB, kDeleted, kUnknown}) {
    auto result = read("admin_a", id);
    EXPECT_EQ(result.status, 404) << id << " " << result.body;
    EXPECT_EQ(message(result), std::string("User not found: ") + id);
  }
  auto forbidden = read("plain_user", kInA);
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(message(forbidden), "Access denied - users.list or users.edit required");
}

TEST_F(PriaAlternativeTest, DocumentedBehaviourIsUnchanged) {
  // Seed: 403 text; the caller's own id is always skipped and not counted.
  auto forbidden = bulk("plain_user", {{"ids", {kInA}}, {"status", "inactive"}});
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(forbidden.json(),
            (json{{"success", false}, {"message", "Forbidden - Insufficient permissions"}}));
  auto self = bulk("admin_a", {{"ids", {kAdminA}}, {"status", "inactive"}});
  ASSERT_EQ(self.status, 200) << self.body;
  EXPECT_EQ(self.json().at("updated"), 0);
  EXPECT_EQ(self.json().at("skipped").size(), 1u);
  EXPECT_EQ(self.json().at("status"), "inactive");
  // Seed: invalid status, empty or oversize ids are 400.
  EXPECT_EQ(bulk("admin_a", {{"ids", {kInA}}, {"status", "suspended"}}).status, 400);
  // Docs: a raw API key sent as Bearer fails as a malformed JWT.
  auto raw_key = client_->send_json(
      "PUT", kBulk, {{"ids", {kInA}}, {"status", "inactive"}},
      with_session({"Authorization: Bearer pria_d350d4156bf1ba9b14332240c30b7c7941195ba6"}));
  EXPECT_EQ(raw_key.status, 401) << raw_key.body;
  EXPECT_EQ(message(raw_key), "Invalid access token jwt malformed");
  // Docs: the read-back shows the new status.
  ASSERT_EQ(bulk("super_admin", {{"ids", {kInB}}, {"status", "inactive"}}).status, 200);
  EXPECT_EQ(read("super_admin", kInB).json().at("data").at("status"), "inactive");
}

}  // namespace
}  // namespace statuskit::testing
