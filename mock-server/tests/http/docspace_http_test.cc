// Every documented DocSpace People response over real HTTP: the pipeline in strict mode (a
// response that does not match specs/onlyoffice-docspace-people.yaml would come back as a 500)
// in front of the DocSpace module, with the real fixture file.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mock_pipeline.h"
#include "support/http_client.h"
#include "transport/http_server.h"
#include "vendors/docspace.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;

// Actors of fixtures/docspace.yaml.
constexpr const char* kOwner = "11111111-1111-4111-8111-000000000001";
constexpr const char* kAdmin = "11111111-1111-4111-8111-000000000002";
constexpr const char* kUser = "11111111-1111-4111-8111-000000000006";
constexpr const char* kUser2 = "11111111-1111-4111-8111-000000000007";
constexpr const char* kLdap = "11111111-1111-4111-8111-000000000008";
constexpr const char* kInvitee = "11111111-1111-4111-8111-000000000009";
constexpr const char* kTerminated = "11111111-1111-4111-8111-00000000000a";
constexpr const char* kRoomAdminToReactivate1 = "11111111-1111-4111-8111-00000000000b";
constexpr const char* kRoomAdminToReactivate2 = "11111111-1111-4111-8111-00000000000c";
constexpr const char* kUnknown = "99999999-9999-4999-8999-999999999999";

constexpr const char* kAdminToken = "ASC-ADMIN-3a9e51c6d0";
constexpr const char* kUserToken = "ASC-USER-2e6a9d03f7";
constexpr const char* kUser2Token = "ASC-USER2-8c3f1e5a62";
constexpr std::size_t kMaxBody = 64 * 1024;

class DocspaceHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::unique_ptr<VendorModule>> modules;
    modules.push_back(make_docspace_module());
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
  }

  // Each test works in its own session so tests never see each other's changes.
  static std::string session_header() {
    return std::string("X-Statuskit-Session: ") +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  HttpResult put_status(const std::string& status, const json& body, const std::string& token) {
    return client_->send_json("PUT", "/api/2.0/people/status/" + status, body,
                              {"Cookie: asc_auth_key=" + token, session_header()});
  }
  HttpResult put_ids(const std::string& status, const std::vector<std::string>& ids,
                     const std::string& token = kAdminToken) {
    return put_status(status, json{{"userIds", ids}}, token);
  }
  HttpResult get_profile(const std::string& id, const std::string& token = kAdminToken) {
    return client_->get("/api/2.0/people/" + id,
                        {"Authorization: Bearer " + token, session_header()});
  }
  int status_of(const std::string& id) {
    const HttpResult result = get_profile(id);
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json().at("response").at("status").get<int>();
  }

  static void expect_error(const HttpResult& result, int status, const std::string& message) {
    ASSERT_EQ(result.status, status) << result.body;
    const json body = result.json();
    EXPECT_EQ(body.at("status"), 1);
    EXPECT_EQ(body.at("statusCode"), status);
    EXPECT_EQ(body.at("error").at("message"), message) << result.body;
  }

  std::unique_ptr<MockPipeline> pipeline_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(DocspaceHttpTest, TerminateByNameAnswersTheEnvelopeAndTheReadBackShowsIt) {
  const HttpResult result = put_ids("Terminated", {kUser});
  ASSERT_EQ(result.status, 200) << result.body;
  const json body = result.json();
  EXPECT_EQ(body.at("status"), 0);
  EXPECT_EQ(body.at("statusCode"), 200);
  EXPECT_EQ(body.at("count"), 1);
  EXPECT_EQ(body.at("links").at(0).at("action"), "PUT");
  EXPECT_EQ(body.at("response").at(0).at("id"), kUser);
  EXPECT_EQ(body.at("response").at(0).at("status"), 2);
  EXPECT_EQ(status_of(kUser), 2);
}

TEST_F(DocspaceHttpTest, StatusByNumberWorksLikeByName) {
  ASSERT_EQ(put_ids("2", {kUser}).status, 200);
  EXPECT_EQ(status_of(kUser), 2);
  ASSERT_EQ(put_ids("1", {kUser}).status, 200);
  EXPECT_EQ(status_of(kUser), 1);
  ASSERT_EQ(put_ids("Terminated", {kUser}).status, 200);
  ASSERT_EQ(put_ids("Active", {kUser}).status, 200);
  EXPECT_EQ(status_of(kUser), 1);
}

// The spec's x-statuskit-accepts: ASP.NET binds the names in any case and flag lists.
TEST_F(DocspaceHttpTest, StatusNamesBindInAnyCaseAndAsFlagLists) {
  ASSERT_EQ(put_ids("terminated", {kUser}).status, 200);
  EXPECT_EQ(status_of(kUser), 2);
  ASSERT_EQ(put_ids("ACTIVE", {kUser}).status, 200);
  EXPECT_EQ(status_of(kUser), 1);
  ASSERT_EQ(put_ids("Terminated,%20terminated", {kUser}).status, 200);
  EXPECT_EQ(status_of(kUser), 2);
  EXPECT_EQ(put_ids("Active,Terminated", {kUser}).status, 400) << "binds to 3: neither status";
}

TEST_F(DocspaceHttpTest, OtherStatusesAre400BeforeThePermissionCheck) {
  for (const char* status : {"Pending", "All", "5", "7", "LeaveOfAbsence", "nonsense"}) {
    // A plain user would get 403 for a valid status; the status check comes first.
    expect_error(put_ids(status, {kUser2}, kUserToken), 400, "Incorrect status");
  }
  EXPECT_EQ(status_of(kUser2), 1);
}

TEST_F(DocspaceHttpTest, PlainUserIs403AccessDenied) {
  expect_error(put_ids("Terminated", {kUser2}, kUserToken), 403, "Access denied");
  EXPECT_EQ(status_of(kUser2), 1);
}

TEST_F(DocspaceHttpTest, AListWithSelfOwnerLdapOrUnknownIs403AndChangesNothing) {
  for (const char* forbidden : {kAdmin, kOwner, kLdap, kUnknown}) {
    expect_error(put_ids("Terminated", {kUser, forbidden}), 403, "Access denied");
    EXPECT_EQ(status_of(kUser), 1) << forbidden;
  }
}

TEST_F(DocspaceHttpTest, ReactivationBeyondTheSeatQuotaIs402WithoutRollback) {
  const HttpResult result = put_ids("Active", {kRoomAdminToReactivate1, kRoomAdminToReactivate2});
  expect_error(result, 402, "The number of admins should not exceed 5");
  EXPECT_EQ(status_of(kRoomAdminToReactivate1), 1);  // processed before the quota ran out
  EXPECT_EQ(status_of(kRoomAdminToReactivate2), 2);
}

TEST_F(DocspaceHttpTest, NeverNamedInviteeComesBackPending) {
  const HttpResult result = put_ids("Active", {kInvitee, kTerminated});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("response").at(0).at("status"), 4);
  EXPECT_EQ(status_of(kInvitee), 4);
  EXPECT_EQ(status_of(kTerminated), 1);
}

TEST_F(DocspaceHttpTest, TerminatedUsersCookieStopsWorking) {
  ASSERT_EQ(get_profile(kUser2, kUser2Token).status, 200);
  ASSERT_EQ(put_ids("Terminated", {kUser2}).status, 200);
  const HttpResult after = get_profile(kUser2, kUser2Token);
  EXPECT_EQ(after.status, 401);
  EXPECT_TRUE(after.body.empty());
}

TEST_F(DocspaceHttpTest, MissingOrUnknownCredentialsAre401WithoutABody) {
  const HttpResult no_auth = client_->send_json("PUT", "/api/2.0/people/status/Terminated",
                                                json{{"userIds", {kUser}}}, {session_header()});
  EXPECT_EQ(no_auth.status, 401);
  EXPECT_TRUE(no_auth.body.empty());
  EXPECT_EQ(put_ids("Terminated", {kUser}, "ASC-NOT-A-TOKEN").status, 401);
  EXPECT_EQ(status_of(kUser), 1);
}

TEST_F(DocspaceHttpTest, TheAuthorizationHeaderWorksToo) {
  const HttpResult result =
      client_->send_json("PUT", "/api/2.0/people/status/Terminated", json{{"userIds", {kUser}}},
                         {"Authorization: " + std::string(kAdminToken), session_header()});
  EXPECT_EQ(result.status, 200) << result.body;
}

TEST_F(DocspaceHttpTest, ReadBackOfAnUnknownUserIs404InTheEnvelope) {
  expect_error(get_profile(kUnknown), 404, "User not found");
}

TEST_F(DocspaceHttpTest, PipelineErrorsUseTheEnvelope) {
  HttpResult result = client_->request("PUT", "/api/2.0/people/status/Terminated",
                                       {"Cookie: asc_auth_key=" + std::string(kAdminToken),
                                        "Content-Type: text/plain", session_header()},
                                       "userIds=1");
  EXPECT_EQ(result.status, 415) << result.body;
  EXPECT_EQ(result.json().at("statusCode"), 415);
  // The spec: any other Content-Type is a 415, with or without a body.
  result = client_->request("PUT", "/api/2.0/people/status/Terminated",
                            {"Cookie: asc_auth_key=" + std::string(kAdminToken),
                             "Content-Type: text/plain", session_header()},
                            "");
  EXPECT_EQ(result.status, 415) << result.body;
  EXPECT_EQ(result.json().at("statusCode"), 415);
  // No Content-Type and no body is a missing body: the vendor's own 400. (An empty
  // "Content-Type:" stops libcurl from sending its form type.)
  result = client_->request(
      "PUT", "/api/2.0/people/status/Terminated",
      {"Cookie: asc_auth_key=" + std::string(kAdminToken), "Content-Type:", session_header()}, "");
  EXPECT_EQ(result.status, 400) << result.body;

  result = client_->request("PUT", "/api/2.0/people/status/Terminated",
                            {"Cookie: asc_auth_key=" + std::string(kAdminToken),
                             "Content-Type: application/json", session_header()},
                            "{\"userIds\": [");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json().at("statusCode"), 400);

  const std::string big = json{{"userIds", {std::string(kMaxBody, 'a')}}}.dump();
  result = client_->request("PUT", "/api/2.0/people/status/Terminated",
                            {"Cookie: asc_auth_key=" + std::string(kAdminToken),
                             "Content-Type: application/json", session_header()},
                            big);
  EXPECT_EQ(result.status, 413) << result.body;
  EXPECT_EQ(result.json().at("statusCode"), 413);
}

// System.Text.Json keeps the last value of a repeated property (spec: x-statuskit-request-json).
TEST_F(DocspaceHttpTest, ARepeatedPropertyKeepsItsLastValueAsSystemTextJsonDoes) {
  const std::string body =
      std::string(R"({"userIds":[")") + kUser + R"("],"userIds":[")" + kUser2 + R"("]})";
  const HttpResult result = client_->request("PUT", "/api/2.0/people/status/Terminated",
                                             {"Cookie: asc_auth_key=" + std::string(kAdminToken),
                                              "Content-Type: application/json", session_header()},
                                             body);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(status_of(kUser2), 2);
  EXPECT_EQ(status_of(kUser), 1) << "the first list was replaced, not merged";
}

}  // namespace
}  // namespace statuskit::mock
