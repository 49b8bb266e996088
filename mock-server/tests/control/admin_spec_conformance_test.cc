// Every /__admin/ answer, success and error, holds to specs/statuskit-admin.yaml: the control
// plane is an API users script against, so it gets the same "never drift from the spec" check
// as the vendor APIs (whose answers strict mode validates).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "mock_pipeline.h"
#include "statuskit/openapi/response_checker.h"
#include "statuskit/openapi/spec.h"
#include "support/http_client.h"
#include "support/things_server.h"
#include "transport/http_server.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;

class AdminSpecConformance : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }

  void start(const std::string& admin_token) {
    PipelineOptions options;
    options.strict = true;
    options.admin_token = admin_token;
    options.fault_seed = 11;
    served_ = testing::serve_things(options);
  }

  /// Fails the test unless `result` is what the admin spec documents for `operation_id`.
  void expect_documented(const std::string& operation_id, const HttpResult& result) {
    const openapi::Operation* operation = spec_.find_operation(operation_id);
    ASSERT_NE(operation, nullptr) << operation_id;
    openapi::ObservedResponse observed;
    observed.status = static_cast<int>(result.status);
    observed.headers = result.headers;
    if (const auto* type = result.header("content-type")) observed.content_type = *type;
    observed.body = result.body;
    std::string problems;
    for (const auto& mismatch : openapi::check_response(*operation, observed, true)) {
      problems += mismatch.kind + ": " + mismatch.message + "\n";
    }
    EXPECT_EQ(problems, "") << operation_id << " answered " << result.status << " " << result.body;
  }

  openapi::Spec spec_ =
      openapi::Spec::load_file(std::string(STATUSKIT_SOURCE_DIR) + "/specs/statuskit-admin.yaml");
  testing::ServedThings served_;
};

TEST_F(AdminSpecConformance, EveryEndpointsAnswersMatchTheAdminSpec) {
  const std::vector<std::string> json_type{"Content-Type: application/json"};
  served_.client->get("/things-api/things/a", {"X-Statuskit-Session: s1"});  // something to journal

  expect_documented("getHealth", served_.client->get("/__admin/health"));
  expect_documented("resetState", served_.client->request("POST", "/__admin/reset?session=s1"));
  expect_documented("resetState", served_.client->request("POST", "/__admin/reset"));
  const auto state = served_.client->get("/__admin/state?session=s1&vendor=things");
  expect_documented("getState", state);
  expect_documented("getState", served_.client->get("/__admin/state?vendor=nope"));
  expect_documented("putState",
                    served_.client->request("PUT", "/__admin/state?session=s1&vendor=things",
                                            json_type, state.json()["state"]["things"].dump()));
  expect_documented("putState",
                    served_.client->request("PUT", "/__admin/state?session=s1&vendor=things",
                                            json_type, R"({"things":{"a":"x"}})"));
  expect_documented("getDefects", served_.client->get("/__admin/defects?session=s1"));
  expect_documented("putDefects", served_.client->request("PUT", "/__admin/defects?session=s1",
                                                          json_type, R"({"defects":[]})"));
  expect_documented("putDefects", served_.client->request("PUT", "/__admin/defects?session=s1",
                                                          json_type, R"({"defects":["no.such"]})"));
  const auto added = served_.client->send_json(
      "POST", "/__admin/faults",
      {{"session", "s1"}, {"operationId", "getThing"}, {"status", 503}, {"count", 1}});
  expect_documented("addFault", added);
  EXPECT_EQ(added.json()["seed"],
            served_.client->get("/__admin/faults").json()["faults"][0]["seed"])
      << "the answer is the stored rule, seed included";
  expect_documented("addFault",
                    served_.client->send_json("POST", "/__admin/faults", {{"bogus", 1}}));
  expect_documented("getFaults", served_.client->get("/__admin/faults"));
  expect_documented("clearFaults", served_.client->request("DELETE", "/__admin/faults"));
  expect_documented("getRequests", served_.client->get("/__admin/requests?session=s1"));
  expect_documented("getRequests", served_.client->get("/__admin/requests?limit=x"));
  served_.client->get("/things-api/things/b?q=" + std::string(5000, 'q'));  // cut in the journal
  const auto page = served_.client->get("/__admin/requests?limit=1");
  expect_documented("getRequests", page);
  EXPECT_EQ(page.json()["hasMore"], true) << page.body.substr(0, 300);
  EXPECT_EQ(page.json()["requests"][0]["truncated"], true);
  expect_documented("getRequests", served_.client->get("/__admin/requests?limit=1&before=" +
                                                       page.json()["nextBefore"].dump()));
  expect_documented("getRequests", served_.client->get("/__admin/requests?limit=1001"));
  expect_documented("getRequests", served_.client->get("/__admin/requests?before=0"));
  expect_documented("addFault", served_.client->send_json(
                                    "POST", "/__admin/faults",
                                    {{"status", 503}, {"headers", {{"X-Evil", "a\r\nb: c"}}}}));
  expect_documented("clearRequests", served_.client->request("DELETE", "/__admin/requests"));
}

TEST_F(AdminSpecConformance, RefusedSessionNamesAndUnsavedStateMatchTheAdminSpec) {
  const std::vector<std::string> json_type{"Content-Type: application/json"};
  const std::vector<std::string> bad_header{"X-Statuskit-Session: two words",
                                            "Content-Type: application/json"};
  auto client = [&]() -> HttpClient& { return *served_.client; };
  auto expect_refused = [&](const std::string& operation_id, const HttpResult& result) {
    EXPECT_EQ(result.status, 400) << operation_id << ": " << result.body;
    expect_documented(operation_id, result);
  };
  expect_refused("resetState", client().request("POST", "/__admin/reset?session="));
  expect_refused("getState", client().get("/__admin/state?session=a%2Fb"));
  expect_refused("putState", client().request("PUT", "/__admin/state?vendor=things", bad_header,
                                              R"({"things":{"a":5}})"));
  expect_refused("getDefects", client().get("/__admin/defects", bad_header));
  expect_refused("putDefects", client().request("PUT", "/__admin/defects?session=caf%C3%28",
                                                json_type, R"({"defects":[]})"));
  expect_refused("getFaults", client().get("/__admin/faults?session=" + std::string(129, 'x')));
  expect_refused("addFault", client().request("POST", "/__admin/faults", bad_header,
                                              R"({"operationId":"getThing","status":503})"));
  expect_refused("clearFaults", client().request("DELETE", "/__admin/faults?session=%00"));
  expect_refused("getRequests", client().get("/__admin/requests?session=a%20b"));
  expect_refused("clearRequests", client().request("DELETE", "/__admin/requests", bad_header));

  // A state file that cannot be written: health says so, and admin writes are not made.
  PipelineOptions options;
  options.strict = true;
  options.state_file =
      (std::filesystem::temp_directory_path() /
       ("statuskit-admin-spec-no-such-folder-" + std::to_string(::getpid())) / "state.json")
          .string();
  served_ = testing::serve_things(options);
  const auto put = client().request("PUT", "/__admin/state?session=s1&vendor=things", json_type,
                                    R"({"things":{"a":5}})");
  EXPECT_EQ(put.status, 500) << put.body;
  expect_documented("putState", put);
  const auto reset = client().request("POST", "/__admin/reset");
  EXPECT_EQ(reset.status, 500) << reset.body;
  expect_documented("resetState", reset);
  const auto health = client().get("/__admin/health");
  expect_documented("getHealth", health);
  EXPECT_EQ(health.json()["persistence"]["ok"], false) << health.body;
  EXPECT_EQ(health.json()["persistence"]["failedSaves"], 2) << health.body;
}

TEST_F(AdminSpecConformance, UnauthorizedAnswersMatchTheAdminSpec) {
  start("s3cret");
  for (const char* operation : {"getHealth", "getFaults", "getRequests"}) {
    const std::string path = std::string(operation) == "getHealth"   ? "/__admin/health"
                             : std::string(operation) == "getFaults" ? "/__admin/faults"
                                                                     : "/__admin/requests";
    const auto denied = served_.client->get(path);
    EXPECT_EQ(denied.status, 401);
    expect_documented(operation, denied);
    const auto allowed = served_.client->get(path, {"Authorization: Bearer s3cret"});
    EXPECT_EQ(allowed.status, 200);
    expect_documented(operation, allowed);
  }
}

}  // namespace
}  // namespace statuskit::mock
