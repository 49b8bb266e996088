// The control plane under /__admin/ over real HTTP, with the test vendor "things".
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mock_pipeline.h"
#include "support/http_client.h"
#include "support/things_module.h"
#include "support/things_server.h"
#include "transport/http_server.h"

namespace statuskit::mock {
namespace {

using testing::HttpClient;

class AdminApiHttpTest : public ::testing::Test {
 protected:
  void start(const PipelineOptions& options) { served_ = testing::serve_things(options); }
  void SetUp() override {
    PipelineOptions options;
    options.strict = true;
    options.journal_capacity = 3;
    start(options);
  }

  testing::ServedThings served_;
};

TEST_F(AdminApiHttpTest, HealthListsVendorsOperationsAndJournal) {
  auto result = served_.client->get("/__admin/health");
  ASSERT_EQ(result.status, 200);
  const auto body = result.json();
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["vendors"], nlohmann::json::parse(R"(["things"])"));
  EXPECT_EQ(body["operations"].size(), 2U);
  EXPECT_EQ(body["journal"]["capacity"], 3);
}

TEST_F(AdminApiHttpTest, StateCanBeReadAndReplacedPerSession) {
  auto state = served_.client->get("/__admin/state?vendor=things&session=s1");
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(state.json()["state"]["things"]["things"]["a"], 1);
  auto put = served_.client->request("PUT", "/__admin/state?vendor=things&session=s1",
                                     {"Content-Type: application/json"}, R"({"things":{"a":42}})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(
      served_.client->get("/things-api/things/a", {"X-Statuskit-Session: s1"}).json()["value"], 42);
  EXPECT_EQ(served_.client->get("/things-api/things/a").json()["value"], 1);
}

TEST_F(AdminApiHttpTest, AnInvalidStateDocumentIs400AndChangesNothing) {
  auto put = served_.client->request("PUT", "/__admin/state?vendor=things",
                                     {"Content-Type: application/json"},
                                     R"({"things":{"a":"not a number"}})");
  EXPECT_EQ(put.status, 400);
  EXPECT_EQ(put.json()["error"], "invalid_state");
  auto malformed = served_.client->request("PUT", "/__admin/state?vendor=things",
                                           {"Content-Type: application/json"}, R"({"things":)");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(served_.client->get("/things-api/things/a").json()["value"], 1);
  EXPECT_EQ(served_.client->request("PUT", "/__admin/state?vendor=nope", {}, "{}").status, 404);
  EXPECT_EQ(served_.client->request("PUT", "/__admin/state", {}, "{}").status, 400);
}

TEST_F(AdminApiHttpTest, ResetOneSessionOrAll) {
  const std::vector<std::string> s1{"X-Statuskit-Session: s1"};
  const std::vector<std::string> s2{"X-Statuskit-Session: s2"};
  served_.client->send_json("PUT", "/things-api/things/a", {{"value", 5}}, s1);
  served_.client->send_json("PUT", "/things-api/things/a", {{"value", 6}}, s2);
  ASSERT_EQ(served_.client->request("POST", "/__admin/reset?session=s1").json()["reset"], "s1");
  EXPECT_EQ(served_.client->get("/things-api/things/a", s1).json()["value"], 1);
  EXPECT_EQ(served_.client->get("/things-api/things/a", s2).json()["value"], 6);
  ASSERT_EQ(served_.client->request("POST", "/__admin/reset").json()["reset"], "all");
  EXPECT_EQ(served_.client->get("/things-api/things/a", s2).json()["value"], 1);
}

TEST_F(AdminApiHttpTest, JournalIsBoundedFilterableAndClearable) {
  served_.client->get("/things-api/things/a", {"X-Statuskit-Session: j1"});
  served_.client->send_json("PUT", "/things-api/things/b", {{"value", 9}},
                            {"X-Statuskit-Session: j2"});
  served_.client->get("/nowhere");
  served_.client->get("/things-api/things/b", {"X-Statuskit-Session: j2"});
  auto all = served_.client->get("/__admin/requests").json();
  ASSERT_EQ(all["count"], 3) << "capacity 3 keeps the newest three";
  EXPECT_EQ(all["requests"][0]["operationId"], "putThing");
  EXPECT_EQ(all["requests"][0]["body"], R"({"value":9})");
  EXPECT_EQ(all["requests"][0]["status"], 200);
  EXPECT_EQ(all["requests"][0]["vendor"], "things");
  EXPECT_EQ(all["requests"][1]["status"], 404);
  auto j2 = served_.client->get("/__admin/requests?session=j2&operationId=getThing").json();
  ASSERT_EQ(j2["count"], 1);
  EXPECT_EQ(j2["requests"][0]["path"], "/things-api/things/b");
  EXPECT_EQ(served_.client->request("DELETE", "/__admin/requests?session=j2").json()["removed"], 2);
  EXPECT_EQ(served_.client->get("/__admin/requests").json()["count"], 1);
  EXPECT_EQ(served_.client->get("/__admin/requests?limit=x").status, 400);
}

TEST_F(AdminApiHttpTest, JournalKeepsBodiesUpTo64KiBAndSaysWhenItCutOne) {
  const std::string large = R"({"value":")" + std::string(100 * 1024, 'x') + R"("})";
  served_.client->request("PUT", "/things-api/things/b", {"Content-Type: application/json"}, large);
  const auto entry = served_.client->get("/__admin/requests").json()["requests"][0];
  EXPECT_EQ(entry["bodySize"], large.size());
  EXPECT_EQ(entry["bodyTruncated"], true);
  EXPECT_EQ(entry["body"].get<std::string>(), large.substr(0, 64 * 1024));
}

TEST_F(AdminApiHttpTest, BodiesThatAreNotUtf8AreA400AndTheJournalStaysReadable) {
  const std::string invalid = "{\"value\":\"\xff\xfe\"}";
  const auto answer = served_.client->request("PUT", "/things-api/things/b",
                                              {"Content-Type: application/json"}, invalid);
  EXPECT_EQ(answer.status, 400) << answer.body;
  EXPECT_NO_THROW(answer.json()) << answer.body;
  const auto journal = served_.client->get("/__admin/requests");
  ASSERT_EQ(journal.status, 200) << journal.body;
  const auto entry = journal.json()["requests"][0];
  EXPECT_EQ(entry["bodySize"], invalid.size());
  EXPECT_NE(entry["body"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos)
      << "invalid bytes are shown as U+FFFD";
}

TEST_F(AdminApiHttpTest, UnknownAdminEndpointsAndMethods) {
  EXPECT_EQ(served_.client->get("/__admin/nope").status, 404);
  auto wrong = served_.client->request("DELETE", "/__admin/state");
  EXPECT_EQ(wrong.status, 405) << wrong.body;
  ASSERT_NE(wrong.header("allow"), nullptr);
  EXPECT_EQ(*wrong.header("allow"), "GET, PUT");
}

TEST_F(AdminApiHttpTest, AdminTokenIsEnforcedWhenSet) {
  served_.stop();
  PipelineOptions options;
  options.admin_token = "s3cret";
  start(options);
  EXPECT_EQ(served_.client->get("/__admin/health").status, 401);
  EXPECT_EQ(served_.client->get("/__admin/health", {"Authorization: Bearer wrong"}).status, 401);
  EXPECT_EQ(served_.client->get("/__admin/health", {"Authorization: Bearer s3cret"}).status, 200);
}

TEST_F(AdminApiHttpTest, AdminCanBeDisabled) {
  served_.stop();
  PipelineOptions options;
  options.admin_enabled = false;
  start(options);
  EXPECT_EQ(served_.client->get("/__admin/health").status, 404);
}

TEST_F(AdminApiHttpTest, DefectsAreSwitchedOnPerSessionAndBypassStrictMode) {
  const auto catalogue = served_.client->get("/__admin/defects?session=d1");
  ASSERT_EQ(catalogue.status, 200) << catalogue.body;
  EXPECT_EQ(catalogue.json()["catalogue"][0]["name"], "things.value-as-string");
  EXPECT_TRUE(catalogue.json()["active"].empty());

  auto put = served_.client->request("PUT", "/__admin/defects?session=d1",
                                     {"Content-Type: application/json"},
                                     R"({"defects":["things.value-as-string"]})");
  ASSERT_EQ(put.status, 200) << put.body;
  // The defect deviates from the spec on purpose, so strict mode lets it through...
  const auto defective = served_.client->get("/things-api/things/a", {"X-Statuskit-Session: d1"});
  ASSERT_EQ(defective.status, 200) << defective.body;
  EXPECT_EQ(defective.json()["value"], "1");
  // ...only in that session.
  EXPECT_EQ(
      served_.client->get("/things-api/things/a", {"X-Statuskit-Session: d2"}).json()["value"], 1);
  // A reset switches the session's defects off again.
  ASSERT_EQ(served_.client->request("POST", "/__admin/reset?session=d1").status, 200);
  EXPECT_EQ(
      served_.client->get("/things-api/things/a", {"X-Statuskit-Session: d1"}).json()["value"], 1);
}

TEST_F(AdminApiHttpTest, UnknownOrMalformedDefectsAreRejectedAndChangeNothing) {
  auto unknown = served_.client->request("PUT", "/__admin/defects?session=d1",
                                         {"Content-Type: application/json"},
                                         R"({"defects":["things.value-as-string","nope"]})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["error"], "unknown_defect");
  EXPECT_NE(unknown.json()["message"].get<std::string>().find("'nope'"), std::string::npos);
  auto malformed =
      served_.client->request("PUT", "/__admin/defects?session=d1",
                              {"Content-Type: application/json"}, R"({"defects":[1]})");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.json()["message"], "/defects/0: expected a defect name string");
  EXPECT_TRUE(served_.client->get("/__admin/defects?session=d1").json()["active"].empty());
}

TEST_F(AdminApiHttpTest, ServerWideDefectsApplyToEverySession) {
  served_.stop();
  PipelineOptions options;
  options.strict = true;
  options.defects = {"things.value-as-string"};
  start(options);
  EXPECT_EQ(
      served_.client->get("/things-api/things/a", {"X-Statuskit-Session: any"}).json()["value"],
      "1");
  EXPECT_EQ(served_.client->get("/__admin/defects").json()["server"][0], "things.value-as-string");
}

TEST(MockPipelineDefects, UnknownServerDefectIsAnInvalidArgument) {
  std::vector<std::unique_ptr<VendorModule>> modules;
  modules.push_back(testing::make_things_module());
  const std::string data = std::string(STATUSKIT_SOURCE_DIR) + "/mock-server/tests/data";
  PipelineOptions options;
  options.defects = {"things.nope"};
  EXPECT_THROW(MockPipeline::load(std::move(modules), data, data, options), std::invalid_argument);
}

}  // namespace
}  // namespace statuskit::mock
