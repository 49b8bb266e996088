// Every documented Pria response over real HTTP: the pipeline in strict mode (a response that
// does not match specs/pria-admin.yaml would come back as a 500) in front of the Pria module.

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "mock_pipeline.h"
#include "support/http_client.h"
#include "transport/http_server.h"
#include "vendors/pria_test_fixture.h"

namespace statuskit::mock::pria_test {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;

constexpr const char* kBulkPath = "/api/admin/users/bulk-status";
constexpr std::size_t kMaxBody = 64 * 1024;

class PriaHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::unique_ptr<VendorModule>> modules;
    modules.push_back(make_pria_module());
    PipelineOptions options;
    options.strict = true;
    options.max_body_bytes = kMaxBody;
    pipeline_ = MockPipeline::load(std::move(modules), std::string(STATUSKIT_SOURCE_DIR) + "/specs",
                                   std::string(STATUSKIT_SOURCE_DIR) + "/fixtures", options);
    HttpServerOptions server_options;
    server_options.port = 0;
    server_options.threads = 2;
    server_options.max_body_bytes = kMaxBody;
    server_options.log_requests = false;
    server_ = std::make_unique<HttpServer>(*pipeline_, server_options);
    server_->start();
    client_ = std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(server_->port()));
    fixture_ = load_fixture_document();
  }

  std::string token(const std::string& name) const {
    for (const auto& entry : fixture_.at("tokens")) {
      if (entry.at("name") == name) return entry.at("jwt").get<std::string>();
    }
    ADD_FAILURE() << "no token " << name;
    return {};
  }

  // Each test works in its own session so tests never see each other's changes.
  std::string session_header() const {
    return std::string("x-statuskit-session: ") +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  HttpResult bulk(const std::vector<std::string>& auth, const json& body) {
    std::vector<std::string> headers = auth;
    headers.push_back(session_header());
    return client_->send_json("PUT", kBulkPath, body, headers);
  }

  HttpResult read_back(const std::string& user_id, const std::string& auth_header) {
    return client_->get("/api/admin/user/" + user_id, {auth_header, session_header()});
  }

  static json error(const std::string& message) {
    return json{{"success", false}, {"message", message}};
  }

  std::unique_ptr<MockPipeline> pipeline_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<HttpClient> client_;
  json fixture_;
};

TEST_F(PriaHttpTest, BulkUpdateThenReadBackWithBothHeaderStyles) {
  auto result = bulk({"x-access-token: " + token("admin_a")},
                     {{"ids", {kUserA1, kUserB1, kAdminA}}, {"status", "inactive"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), (json{{"success", true},
                                 {"status", "inactive"},
                                 {"updated", 1},
                                 {"skipped",
                                  {{{"id", kUserB1}, {"reason", "forbidden"}},
                                   {{"id", kAdminA}, {"reason", "self"}}}}}));
  result = read_back(kUserA1, "Authorization: Bearer " + token("admin_a"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("data").at("status"), "inactive");
  result = read_back(kUserB1, "x-access-token: " + token("super_admin"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("data").at("status"), "active");
}

// Verified tokens are cached (token_crypto.cc), so a token that just worked must still fail on the
// very next request once its key changes or its user is deleted.
TEST_F(PriaHttpTest, AWorkingTokenFailsAtOnceWhenItsKeyChangesOrItsUserIsDeleted) {
  const std::string auth = "x-access-token: " + token("super_admin");
  const json body{{"ids", {kUserA2}}, {"status", "inactive"}};
  ASSERT_EQ(bulk({auth}, body).status, 200);
  auto state_of = [&](const std::function<void(json&)>& change) {
    auto state = client_->get("/__admin/state?vendor=pria", {session_header()});
    EXPECT_EQ(state.status, 200) << state.body;
    json pria = state.json().at("state").at("pria");
    change(pria);
    auto put = client_->send_json("PUT", "/__admin/state?vendor=pria", pria, {session_header()});
    EXPECT_EQ(put.status, 200) << put.body;
  };
  json original;
  state_of([&](json& pria) {
    original = pria;
    pria["jwt_secret"] = "a-rotated-secret";
    pria["tokens"] = json::array();  // the fixture's tokens must verify with the secret
  });
  auto refused = bulk({auth}, body);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.json(), error("Invalid access token invalid signature"));
  state_of([&](json& pria) { pria = original; });
  ASSERT_EQ(bulk({auth}, body).status, 200) << "the old key is back, so is the token";
  state_of([](json& pria) {
    for (auto& user : pria.at("users")) {
      if (user.at("_id") == kSuper) user["status"] = "deleted";
    }
  });
  refused = bulk({auth}, body);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.json(), error("Invalid access token user not found"));
}

TEST_F(PriaHttpTest, SessionsDoNotShareState) {
  ASSERT_EQ(bulk({"x-access-token: " + token("super_admin")},
                 {{"ids", {kUserA2}}, {"status", "inactive"}})
                .status,
            200);
  auto other = client_->get(
      "/api/admin/user/" + std::string(kUserA2),
      {"x-access-token: " + token("super_admin"), "x-statuskit-session: another-session"});
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.json().at("data").at("status"), "active");
}

TEST_F(PriaHttpTest, FiveHundredIdsAreTheLimitThatStillWorks) {
  json ids = json::array();
  for (int i = 0; i < 499; ++i) ids.push_back(kUnknown);
  ids.push_back(kUserA1);
  auto result =
      bulk({"x-access-token: " + token("admin_a")}, {{"ids", ids}, {"status", "inactive"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("updated"), 1);
  EXPECT_EQ(result.json().at("skipped").size(), 499U);
}

TEST_F(PriaHttpTest, BodyErrorsAre400) {
  json ids = json::array();
  for (int i = 0; i < 501; ++i) ids.push_back(kUnknown);
  auto result = bulk({"x-access-token: " + token("admin_a")}, {{"ids", ids}, {"status", "active"}});
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json(), error("/ids: 501 items, maximum is 500"));

  result =
      bulk({"x-access-token: " + token("admin_a")}, {{"ids", {kUserA1}}, {"status", "Active"}});
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json(), error("/status: \"Active\" is not one of active, inactive"));

  result = client_->request(
      "PUT", kBulkPath,
      {"x-access-token: " + token("admin_a"), "Content-Type: application/json", session_header()},
      "{\"ids\": [");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json().at("success"), false);
  EXPECT_EQ(result.json().at("message").get<std::string>().rfind("malformed JSON: ", 0), 0U)
      << result.body;

  // A valid body followed by a NUL byte and more is not JSON (Express's JSON.parse refuses it);
  // it was taken as the body before the NUL, and the update applied.
  result = client_->request(
      "PUT", kBulkPath,
      {"x-access-token: " + token("admin_a"), "Content-Type: application/json", session_header()},
      std::string(R"({"ids":[")") + kUserA1 + R"("],"status":"inactive"})" + std::string(1, '\0') +
          "garbage");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json().at("message").get<std::string>().rfind("malformed JSON: ", 0), 0U)
      << result.body;
  result = read_back(kUserA1, "x-access-token: " + token("admin_a"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("data").at("status"), "active") << "a refused body changes nothing";
}

TEST_F(PriaHttpTest, AuthenticationFailuresAre401) {
  const json body{{"ids", {kUserA1}}, {"status", "inactive"}};
  auto result = bulk({}, body);
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(result.json(), error("No token provided!"));
  result = bulk({"Authorization: Bearer pria_d350d4156bf1ba9b14332240c30b7c7941195ba6"}, body);
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(result.json(), error("Invalid access token jwt malformed"));
  result = bulk({"x-access-token: " + token("expired")}, body);
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(result.json(), error("Invalid access token jwt expired"));
  result = read_back(kUserA1, "x-access-token: " + token("deleted_admin"));
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(result.json(), error("Invalid access token user not found"));
}

TEST_F(PriaHttpTest, PermissionFailuresAre403AndUnknownUserIs404) {
  auto result = bulk({"x-access-token: " + token("admin_no_edit")},
                     {{"ids", {kUserA1}}, {"status", "inactive"}});
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(result.json(), error("Forbidden - Insufficient permissions"));
  result = read_back(kUserB1, "x-access-token: " + token("admin_a"));
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(result.json(), error("Forbidden - Insufficient permissions"));
  result = read_back(kUnknown, "x-access-token: " + token("admin_a"));
  EXPECT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(result.json(), error("User not found"));
}

TEST_F(PriaHttpTest, MediaTypeAndSizeErrorsUseThePriaEnvelope) {
  auto result = client_->request(
      "PUT", kBulkPath,
      {"x-access-token: " + token("admin_a"), "Content-Type: text/plain", session_header()},
      "ids=1");
  EXPECT_EQ(result.status, 415) << result.body;
  EXPECT_EQ(result.json().at("success"), false);

  result = client_->request(
      "GET", "/api/admin/user/" + std::string(kUserA1),
      {"x-access-token: " + token("admin_a"), "Content-Type: application/json", session_header()},
      "{}");
  EXPECT_EQ(result.status, 415) << result.body;
  EXPECT_EQ(result.json().at("success"), false);

  const std::string big = json{{"ids", {std::string(kMaxBody, 'a')}}, {"status", "active"}}.dump();
  result = client_->request(
      "PUT", kBulkPath,
      {"x-access-token: " + token("admin_a"), "Content-Type: application/json", session_header()},
      big);
  EXPECT_EQ(result.status, 413) << result.body;
  EXPECT_EQ(result.json().at("success"), false);
}

// Express reads bodies with JSON.parse: a repeated key keeps its last value (spec:
// x-statuskit-request-json, inferred).
TEST_F(PriaHttpTest, ARepeatedKeyKeepsItsLastValueAsJsonParseDoes) {
  const std::string body = std::string(R"({"ids":["nobody"],"status":"active","ids":[")") +
                           kUserA1 + R"("],"status":"inactive"})";
  auto result = client_->request(
      "PUT", kBulkPath,
      {"x-access-token: " + token("admin_a"), "Content-Type: application/json", session_header()},
      body);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("updated"), 1);
  result = read_back(kUserA1, "x-access-token: " + token("admin_a"));
  EXPECT_EQ(result.json().at("data").at("status"), "inactive");
}

}  // namespace
}  // namespace statuskit::mock::pria_test
