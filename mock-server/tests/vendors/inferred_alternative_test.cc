// --inferred alternative as a whole, through the real binary: the choice is shown in the banner
// and in /__admin/health, and the errors the pipeline answers itself (a body that is not JSON,
// a body on a read-back, a body too large or malformed) take the other plausible form for every
// vendor. The vendors' own alternatives are in inferred_alternative_<vendor>_test.cc.
#include <nlohmann/json.hpp>

#include "vendors/inferred_alternative_fixture.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

constexpr const char* kPriaAdmin =
    "x-access-token: "
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpZCI6IjY1ZjAwMDAwMDAwMDAwMDAwMDAwMDAwMiIsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
    "nXtv9RCpwIKjBH4YHMjeHzq7QNTTCkaZs2IzlGnSeO4";
constexpr const char* kTextPlain = "Content-Type: text/plain";

class InferredAlternativePipelineTest : public InferredAlternativeTest {
 protected:
  std::string d3lay_admin() {
    return "Authorization: Bearer " + fixture_token(fixture("d3lay.yaml"), "admin");
  }
};

TEST_F(InferredAlternativePipelineTest, TheBannerAndHealthNameTheChoice) {
  EXPECT_NE(server_->output().find("inferred behaviour: alternative"), std::string::npos)
      << server_->output();
  const auto health = client_->get("/__admin/health");
  ASSERT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(health.json().at("inferred"), "alternative");
}

TEST_F(InferredAlternativePipelineTest, WithoutTheFlagTheDefaultChoiceIsMade) {
  MockServerProcess plain(STATUSKIT_MOCK_SERVER_BIN, project_mock_arguments());
  HttpClient client(plain.base_url());
  EXPECT_NE(plain.output().find("inferred behaviour: default"), std::string::npos);
  EXPECT_EQ(client.get("/__admin/health").json().at("inferred"), "default");
  // The same request as below, answered the default way.
  EXPECT_EQ(
      client.request("PUT", "/api/admin/users/bulk-status", {kPriaAdmin, kTextPlain}, "x").status,
      415);
}

// The spec's 415 is inferred everywhere and every one of these operations documents a 400: the
// alternative answers that 400, in the vendor's 400 format.
TEST_F(InferredAlternativePipelineTest, ABodyThatIsNotJsonIsEachVendorsDocumented400) {
  const std::string expected_text = "the body must be sent as application/json, not text/plain";
  auto pria = client_->request("PUT", "/api/admin/users/bulk-status",
                               with_session({kPriaAdmin, kTextPlain}), "ids=1");
  ASSERT_EQ(pria.status, 400) << pria.body;
  EXPECT_EQ(pria.json(), (json{{"success", false}, {"message", expected_text}}));

  auto rocketchat = client_->request("POST", "/api/v1/users.setActiveStatus",
                                     with_session({"X-User-Id: rcAdminUser000001",
                                                   "X-Auth-Token: rc-admin-Hx7Q2wLk9", kTextPlain}),
                                     "userId=x");
  ASSERT_EQ(rocketchat.status, 400) << rocketchat.body;
  EXPECT_EQ(rocketchat.json(), (json{{"success", false}, {"error", expected_text}}));

  auto symphony = client_->request(
      "POST", "/pod/v1/admin/user/13056700580005/status/update",
      with_session({"sessionToken: SYM-SESSION-ADMIN-4f1c9a2b", kTextPlain}), "status=DISABLED");
  ASSERT_EQ(symphony.status, 400) << symphony.body;
  EXPECT_EQ(symphony.json(), (json{{"code", 400}, {"message", expected_text}}));

  auto d3lay = client_->request("PATCH", "/users/ben", with_session({d3lay_admin(), kTextPlain}),
                                "status=inactive");
  ASSERT_EQ(d3lay.status, 400) << d3lay.body;
  EXPECT_EQ(d3lay.json(), (json{{"error", "bad_request"}, {"message", expected_text}}));

  auto docspace = client_->request(
      "PUT", "/api/2.0/people/status/Terminated",
      with_session({"Cookie: asc_auth_key=ASC-ADMIN-3a9e51c6d0", kTextPlain}), "userIds=x");
  ASSERT_EQ(docspace.status, 400) << docspace.body;
  EXPECT_EQ(docspace.json().at("statusCode"), 400);
  EXPECT_EQ(docspace.json().at("error").at("message"), expected_text);
  EXPECT_EQ(docspace.json().at("error").at("type"), "System.Text.Json.JsonException");
}

// A body on an operation that takes none is ignored instead of refused with 415.
TEST_F(InferredAlternativePipelineTest, ABodyOnAReadBackIsIgnored) {
  auto pria = client_->request("GET", "/api/admin/user/65f0000000000000000000a1",
                               with_session({kPriaAdmin, kTextPlain}), "anything");
  EXPECT_EQ(pria.status, 200) << pria.body;
  auto rocketchat = client_->request(
      "GET", "/api/v1/users.info?username=tina.target",
      with_session({"X-User-Id: rcAdminUser000001", "X-Auth-Token: rc-admin-Hx7Q2wLk9",
                    "Content-Type: application/json"}),
      "{not json");
  EXPECT_EQ(rocketchat.status, 200) << rocketchat.body;
  auto docspace = client_->request(
      "GET", "/api/2.0/people/11111111-1111-4111-8111-000000000006",
      with_session({"Cookie: asc_auth_key=ASC-ADMIN-3a9e51c6d0", kTextPlain}), "x");
  EXPECT_EQ(docspace.status, 200) << docspace.body;
}

TEST_F(InferredAlternativePipelineTest, TooLargeAndMalformedBodiesAreWordedDifferently) {
  const std::string big = json{{"ids", {std::string(kMaxBody, 'a')}}, {"status", "active"}}.dump();
  auto too_large =
      client_->request("PUT", "/api/admin/users/bulk-status",
                       with_session({kPriaAdmin, "Content-Type: application/json"}), big);
  ASSERT_EQ(too_large.status, 413) << too_large.body;
  EXPECT_EQ(too_large.json().at("message"), "payload too large: the limit is 65536 bytes");

  auto d3lay_too_large = client_->request(
      "PATCH", "/users/ben", with_session({d3lay_admin(), "Content-Type: application/json"}), big);
  ASSERT_EQ(d3lay_too_large.status, 413) << d3lay_too_large.body;
  EXPECT_EQ(d3lay_too_large.json().at("error"), "request_too_large");

  auto docspace_too_large = client_->request(
      "PUT", "/api/2.0/people/status/Terminated",
      with_session({"Cookie: asc_auth_key=ASC-ADMIN-3a9e51c6d0", "Content-Type: application/json"}),
      big);
  ASSERT_EQ(docspace_too_large.status, 413) << docspace_too_large.body;
  EXPECT_EQ(docspace_too_large.json().at("error").at("type"),
            "Microsoft.AspNetCore.Server.Kestrel.Core.BadHttpRequestException");

  auto malformed =
      client_->request("PUT", "/api/admin/users/bulk-status",
                       with_session({kPriaAdmin, "Content-Type: application/json"}), "{\"ids\":");
  ASSERT_EQ(malformed.status, 400) << malformed.body;
  EXPECT_EQ(malformed.json().at("message").get<std::string>().rfind(
                "invalid JSON in the request body (", 0),
            0u)
      << malformed.body;
}

}  // namespace
}  // namespace statuskit::testing
