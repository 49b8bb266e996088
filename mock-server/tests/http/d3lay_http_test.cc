// Every documented D3lay response over real HTTP, strict mode on.
#include <nlohmann/json.hpp>

#include "http/vendor_http_fixture.h"
#include "statuskit/openapi/document_loader.h"
#include "vendors/d3lay.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

class D3layHttpTest : public VendorHttpTest {
 protected:
  void SetUp() override {
    serve(mock::make_d3lay_module());
    const json fixture =
        openapi::load_document_file(std::string(STATUSKIT_SOURCE_DIR) + "/fixtures/d3lay.yaml");
    for (const auto& entry : fixture.at("tokens")) {
      tokens_[entry.at("name").get<std::string>()] = entry.at("jwt").get<std::string>();
    }
  }
  std::string bearer(const std::string& name) { return "Authorization: Bearer " + tokens_[name]; }
  HttpResult patch(const std::string& key, const json& body, std::vector<std::string> headers) {
    return client_->send_json("PATCH", "/users/" + key, body, with_session(std::move(headers)));
  }
  std::map<std::string, std::string> tokens_;
};

TEST_F(D3layHttpTest, TheSeedPagesRequestAnswersTheUpdatedUser) {
  auto result = patch(
      "ben",
      {{"status", "inactive"}, {"review_comment", "User is suspended due to abuse of the system."}},
      {bearer("admin")});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json()["status"], "inactive");
  EXPECT_EQ(result.json()["identifier"], "ben");
  auto read =
      client_->get("/users/d4add56e-c345-4ac9-b392-7a890a60559a", with_session({bearer("reader")}));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["status"], "inactive");
  EXPECT_EQ(read.json()["review_comment"], "User is suspended due to abuse of the system.");
}

TEST_F(D3layHttpTest, EveryErrorOverHttp) {
  EXPECT_EQ(patch("ben", {{"status", "inactive"}}, {}).status, 401);
  EXPECT_EQ(patch("ben", {{"status", "inactive"}}, {bearer("expired")}).status, 401);
  EXPECT_EQ(patch("ben", {{"status", "inactive"}}, {bearer("reader")}).status, 403);
  EXPECT_EQ(patch("nobody", {{"status", "inactive"}}, {bearer("admin")}).status, 404);
  EXPECT_EQ(patch("ben", {{"status", "paused"}}, {bearer("admin")}).status, 400);
  EXPECT_EQ(patch("ben", {{"status", "inactive"}}, {bearer("admin"), "X-API-Version: v2"}).status,
            400);
  auto result = client_->request("PATCH", "/users/ben",
                                 with_session({bearer("admin"), "Content-Type: text/plain"}),
                                 "status=inactive");
  EXPECT_EQ(result.status, 415) << result.body;
  EXPECT_EQ(result.json()["error"], "unsupported_media_type");
  const std::string big = json{{"status", std::string(kMaxBody, 'a')}}.dump();
  result = client_->request("PATCH", "/users/ben",
                            with_session({bearer("admin"), "Content-Type: application/json"}), big);
  EXPECT_EQ(result.status, 413) << result.body;
  EXPECT_EQ(client_->get("/users/ben", with_session({bearer("admin")})).json()["status"], "active");
}

// D3lay's stack is unknown; like every mainstream parser, a repeated key keeps its last value
// (spec: x-statuskit-request-json, inferred).
TEST_F(D3layHttpTest, ARepeatedKeyKeepsItsLastValue) {
  const auto result = client_->request(
      "PATCH", "/users/ben", with_session({bearer("admin"), "Content-Type: application/json"}),
      R"({"status":"active","status":"suspended"})");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json()["status"], "suspended");
}

}  // namespace
}  // namespace statuskit::testing
