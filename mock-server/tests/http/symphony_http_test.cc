// Every documented Symphony response over real HTTP, strict mode on.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "http/vendor_http_fixture.h"
#include "vendors/symphony.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

constexpr const char* kAdmin = "sessionToken: SYM-SESSION-ADMIN-4f1c9a2b";
constexpr const char* kPlain = "sessionToken: SYM-SESSION-PLAIN-8b2e0731";
const std::string kTarget = "/pod/v1/admin/user/13056700580005";
const std::string kKeymanager = "/pod/v1/admin/user/13056700580003";

class SymphonyHttpTest : public VendorHttpTest {
 protected:
  void SetUp() override { serve(mock::make_symphony_module()); }
  HttpResult update(const std::string& user, const json& body, const char* auth = kAdmin) {
    std::vector<std::string> headers;
    if (auth != nullptr) headers.push_back(auth);
    return client_->send_json("POST", user + "/status/update", body, with_session(headers));
  }
  json read(const std::string& user) {
    const auto result = client_->get(user + "/status", with_session({kAdmin}));
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json();
  }
};

TEST_F(SymphonyHttpTest, DisableSuspendAndReadBack) {
  auto result = update(kTarget, {{"status", "DISABLED"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"({"format":"TEXT","message":"OK"})"));
  EXPECT_EQ(read(kTarget), json::parse(R"({"status":"DISABLED","suspended":false})"));
  result = update(kTarget, {{"status", "ENABLED"},
                            {"suspended", true},
                            {"suspendedUntil", 1601546400},
                            {"suspensionReason", "leave"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(read(kTarget), json::parse(R"({"status":"ENABLED","suspended":true,
      "suspendedUntil":1601546400,"suspensionReason":"leave"})"));
}

TEST_F(SymphonyHttpTest, V2UserRecordShowsTheUpdate) {
  const std::string v2_target = "/pod/v2/admin/user/13056700580005";
  auto result = client_->get(v2_target, with_session({kAdmin}));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json()["userAttributes"]["userName"], "target.one");
  EXPECT_EQ(result.json()["userSystemInfo"]["lastUpdatedDate"], 1461508270000);
  ASSERT_EQ(update(kTarget, {{"status", "DISABLED"},
                             {"suspended", true},
                             {"suspendedUntil", 1601546400},
                             {"suspensionReason", "leave"}})
                .status,
            200);
  result = client_->get(v2_target, with_session({kAdmin}));
  ASSERT_EQ(result.status, 200) << result.body;
  const json info = result.json()["userSystemInfo"];
  EXPECT_EQ(info["id"], 13056700580005);
  EXPECT_EQ(info["status"], "DISABLED");
  EXPECT_EQ(info["suspended"], true);
  EXPECT_EQ(info["suspendedUntil"], 1601546400);
  EXPECT_EQ(info["suspensionReason"], "leave");
  EXPECT_GT(info["lastUpdatedDate"].get<std::int64_t>(), 1461508270000);
  EXPECT_EQ(info["deactivatedDate"], info["lastUpdatedDate"]);

  EXPECT_EQ(client_->get(v2_target, with_session({})).status, 401);
  EXPECT_EQ(client_->get(v2_target, with_session({kPlain})).status, 403);
  result = client_->get("/pod/v2/admin/user/abc", with_session({kAdmin}));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.json()["code"], 400);
  result = client_->get("/pod/v2/admin/user/13056700580999", with_session({kAdmin}));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.json()["message"], "User 13056700580999 not found");
}

TEST_F(SymphonyHttpTest, ErrorsCarryCodeAndMessage) {
  auto result = update(kTarget, {{"status", "DISABLED"}}, nullptr);
  EXPECT_EQ(result.status, 401);
  EXPECT_EQ(result.json(), json::parse(R"({"code":401,"message":"Invalid session"})"));
  result = update(kTarget, {{"status", "DISABLED"}}, kPlain);
  EXPECT_EQ(result.status, 403);
  EXPECT_EQ(result.json()["code"], 403);
  result = update("/pod/v1/admin/user/abc", {{"status", "DISABLED"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.json()["message"], "uid must be a decimal int64, got 'abc'");
  result = update(kKeymanager, {{"status", "DISABLED"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.json()["code"], 400);
  EXPECT_EQ(read(kKeymanager)["status"], "ENABLED");
  result = update(kTarget, {{"suspended", true}});
  EXPECT_EQ(result.status, 400);
  result = update("/pod/v1/admin/user/13056700580999", {{"status", "DISABLED"}});
  EXPECT_EQ(result.status, 400);
}

TEST_F(SymphonyHttpTest, PipelineErrorsUseTheErrorSchema) {
  auto result = client_->request("POST", kTarget + "/status/update",
                                 with_session({kAdmin, "Content-Type: text/plain"}), "DISABLED");
  EXPECT_EQ(result.status, 415) << result.body;
  EXPECT_EQ(result.json()["code"], 415);
  result = client_->request("POST", kTarget + "/status/update",
                            with_session({kAdmin, "Content-Type: application/json"}), "{");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.json()["code"], 400);
  const std::string big = json{{"status", std::string(kMaxBody, 'a')}}.dump();
  result = client_->request("POST", kTarget + "/status/update",
                            with_session({kAdmin, "Content-Type: application/json"}), big);
  EXPECT_EQ(result.status, 413) << result.body;
  EXPECT_EQ(result.json()["code"], 413);
}

// Jackson keeps the last value of a repeated key (spec: x-statuskit-request-json).
TEST_F(SymphonyHttpTest, ARepeatedKeyKeepsItsLastValueAsJacksonDoes) {
  const auto result = client_->request("POST", kTarget + "/status/update",
                                       with_session({kAdmin, "Content-Type: application/json"}),
                                       R"({"status":"ENABLED","status":"DISABLED"})");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(read(kTarget)["status"], "DISABLED");
}

// No document refuses suspension details without a suspension: they are dropped (item 4).
TEST_F(SymphonyHttpTest, SuspensionDetailsWithoutASuspensionAreDropped) {
  auto result = update(kTarget, {{"status", "DISABLED"},
                                 {"suspended", false},
                                 {"suspendedUntil", 1601546400},
                                 {"suspensionReason", "x"}});
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(read(kTarget), json::parse(R"({"status":"DISABLED","suspended":false})"));
  result = update(kTarget, {{"suspensionReason", "x"}});
  EXPECT_EQ(result.status, 400) << "nothing left to update";
}

}  // namespace
}  // namespace statuskit::testing
