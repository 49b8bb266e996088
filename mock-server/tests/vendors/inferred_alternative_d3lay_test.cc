// D3lay under --inferred alternative (docs/inferred-choices.md, "D3lay"), through the real
// binary: D3lay documents no error at all, so every error and several rules change; the seed
// page's success behaviour is unchanged.
#include <nlohmann/json.hpp>

#include "vendors/inferred_alternative_fixture.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

constexpr const char* kBen = "d4add56e-c345-4ac9-b392-7a890a60559a";

class D3layAlternativeTest : public InferredAlternativeTest {
 protected:
  std::string bearer(const std::string& name) {
    static const json document = fixture("d3lay.yaml");
    return "Authorization: Bearer " + fixture_token(document, name);
  }
  HttpResult patch(const std::string& key, const json& body, std::vector<std::string> headers) {
    return client_->send_json("PATCH", "/users/" + key, body, with_session(std::move(headers)));
  }
  json user(const std::string& key) {
    auto result = client_->get("/users/" + key, with_session({bearer("admin")}));
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json();
  }
  /// The user as the mock keeps it, review_comment included.
  json stored(const std::string& identifier) {
    const json state = client_->get("/__admin/state?vendor=d3lay", with_session({})).json();
    for (const auto& entry : state.at("state").at("d3lay").at("users")) {
      if (entry.at("identifier") == identifier) return entry;
    }
    ADD_FAILURE() << "no user " << identifier;
    return {};
  }
};

TEST_F(D3layAlternativeTest, ReviewCommentIsNeverReturnedAndKeptWhenAbsent) {
  auto result = patch("ben", {{"status", "inactive"}, {"review_comment", "Abuse of the system."}},
                      {bearer("admin")});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_FALSE(result.json().contains("review_comment")) << result.body;
  EXPECT_FALSE(user("ben").contains("review_comment"));
  EXPECT_FALSE(user("rita").contains("review_comment"));  // set in the fixture
  ASSERT_EQ(patch("ben", {{"status", "active"}}, {bearer("admin")}).status, 200);
  EXPECT_EQ(stored("ben").at("review_comment"), "Abuse of the system.");
}

TEST_F(D3layAlternativeTest, AnyApiVersionIsServedAsV1) {
  auto result = patch("ben", {{"status", "inactive"}}, {bearer("admin"), "X-API-Version: v2"});
  EXPECT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(client_->get("/users/ben", with_session({bearer("admin"), "X-API-Version: v9"})).status,
            200);
}

TEST_F(D3layAlternativeTest, TheTokenComesFirstAndAuthErrorsHaveOtherCodes) {
  auto anonymous = patch("ben", {{"status", "inactive"}}, {"X-API-Version: v2"});
  ASSERT_EQ(anonymous.status, 401) << anonymous.body;
  EXPECT_EQ(anonymous.json(), (json{{"error", "unauthenticated"},
                                    {"message", "A valid Bearer access token is required"}}));
  EXPECT_EQ(patch("ben", {{"status", "inactive"}}, {bearer("expired")}).json().at("error"),
            "unauthenticated");
  auto reader = patch("ben", {{"status", "inactive"}}, {bearer("reader")});
  ASSERT_EQ(reader.status, 403) << reader.body;
  EXPECT_EQ(reader.json(),
            (json{{"error", "forbidden"}, {"message", "Missing permission update:users"}}));
}

TEST_F(D3layAlternativeTest, TheUserIsLookedUpBeforeTheBodyIsValidated) {
  auto result = patch("nobody", {{"status", "paused"}}, {bearer("admin")});
  ASSERT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(result.json(),
            (json{{"error", "user_not_found"}, {"message", "User 'nobody' does not exist"}}));
  auto invalid = patch("ben", {{"status", "paused"}}, {bearer("admin")});
  ASSERT_EQ(invalid.status, 400) << invalid.body;
  EXPECT_EQ(invalid.json(),
            (json{{"error", "validation_error"},
                  {"message",
                   "status must be one of: active, onboarding, inactive, suspended, "
                   "risky"}}));
}

TEST_F(D3layAlternativeTest, ChangingOnesOwnStatusIsForbidden) {
  auto result = patch("delay-admin", {{"status", "inactive"}}, {bearer("admin")});
  ASSERT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(result.json().at("message"), "Users cannot change their own status");
}

TEST_F(D3layAlternativeTest, APatchThatChangesNothingLeavesTheMetadata) {
  auto result = patch("theo", {{"status", "active"}}, {bearer("admin")});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("updated_at"), "2024-02-01T12:00:00Z");
}

TEST_F(D3layAlternativeTest, DocumentedBehaviourIsUnchanged) {
  // Seed: the answer is the updated User (not the page's Workspace schema), by identifier or
  // UUID, with the requested status; the read-back agrees.
  auto result = patch("ben", {{"status", "inactive"}}, {bearer("admin")});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("id"), kBen);
  EXPECT_EQ(result.json().at("status"), "inactive");
  EXPECT_EQ(result.json().at("email"), "ben@d3lay.test");
  EXPECT_FALSE(result.json().contains("workspace_type"));
  EXPECT_EQ(user(kBen).at("status"), "inactive");
  ASSERT_EQ(patch(kBen, {{"status", "risky"}}, {bearer("admin")}).status, 200);
  EXPECT_EQ(user("ben").at("status"), "risky");
}

}  // namespace
}  // namespace statuskit::testing
