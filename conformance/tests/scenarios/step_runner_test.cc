// How a scenario step becomes an HTTP request: the exact URL, headers and body a vendor's
// server receives (and the report's curl command shows). Nothing is sent here.
#include "scenarios/step_runner.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "statuskit/openapi/spec.h"
#include "target/client.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

class StepRunnerBuildTest : public ::testing::Test {
 protected:
  TargetRequest build(const std::string& spec_file, const Step& step, const json& profile,
                      const std::string& session = "", const std::string& base_path = "") {
    spec_ = std::make_unique<openapi::Spec>(
        openapi::Spec::load_file(std::string(STATUSKIT_SOURCE_DIR) + "/specs/" + spec_file));
    const SuiteContext context{options_, client_, *spec_, "http://127.0.0.1:9", base_path, profile};
    StepRunner runner(context, session);
    const openapi::Operation* operation = spec_->find_operation(step.operation);
    EXPECT_NE(operation, nullptr) << step.operation;
    TargetRequest request;
    problem_ = runner.build(step, *operation, request);
    return request;
  }
  static Step step(const std::string& operation) {
    Step step;
    step.operation = operation;
    return step;
  }

  RunOptions options_;
  TargetClient client_{1000, false};
  std::unique_ptr<openapi::Spec> spec_;
  std::optional<std::string> problem_;
};

TEST_F(StepRunnerBuildTest, PathParametersArePercentEncodedAndTyped) {
  Step update = step("changeUserStatus");
  update.path = {{"id-or-identifier", "${users.by_identifier}"}};
  update.has_body = true;
  update.body = {{"status", "active"}, {"ids", "${users.ids}"}};
  const json profile = {{"users", {{"by_identifier", "jane doe/ü?"}, {"ids", {1, 2}}}}};
  const TargetRequest request = build("d3lay-identity.yaml", update, profile);
  ASSERT_FALSE(problem_) << *problem_;
  EXPECT_EQ(request.method, "PATCH");
  EXPECT_EQ(request.url, "http://127.0.0.1:9/users/jane%20doe%2F%C3%BC%3F");
  // A whole-value reference keeps its JSON type: the ids stay an array of numbers.
  EXPECT_EQ(json::parse(request.body), json::parse(R"({"status":"active","ids":[1,2]})"));
  EXPECT_TRUE(request.has_body);
  EXPECT_EQ(request.headers, (Headers{{"Content-Type", "application/json"}}));
}

TEST_F(StepRunnerBuildTest, QueryCookiesSessionAndExtraHeadersInOrder) {
  options_.extra_headers = {{"X-Trace", "ci"}};
  Step read = step("getUserInfo");
  read.query = {{"userId", "a&b=c"}};
  read.headers = {{"X-User-Id", "${roles.admin.user_id}"}};
  read.cookies = {{"a", "1"}, {"b", "two"}};
  const json profile = {{"roles", {{"admin", {{"user_id", 42}}}}}};
  const TargetRequest request = build("rocketchat-users.yaml", read, profile, "s-1");
  ASSERT_FALSE(problem_) << *problem_;
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url, "http://127.0.0.1:9/api/v1/users.info?userId=a%26b%3Dc");
  EXPECT_FALSE(request.has_body);
  // A number in a header is sent as its JSON text.
  EXPECT_EQ(request.headers, (Headers{{"X-Trace", "ci"},
                                      {"X-User-Id", "42"},
                                      {"Cookie", "a=1; b=two"},
                                      {kSessionHeader, "s-1"}}));
}

TEST_F(StepRunnerBuildTest, ACookieValueAHeaderCannotCarryIsNamed) {
  Step read = step("getUserInfo");
  read.query = {{"userId", "u"}};
  read.cookies = {{"asc_auth_key", "a;b"}};
  build("rocketchat-users.yaml", read, json::object());
  EXPECT_EQ(problem_,
            "cookie asc_auth_key: its value contains ';', which a Cookie header cannot carry");
  read.cookies = {{"k", "two words"}};
  build("rocketchat-users.yaml", read, json::object());
  EXPECT_EQ(problem_, "cookie k: its value contains a space, which a Cookie header cannot carry");
  read.cookies = {{"k", "line\nbreak"}};
  build("rocketchat-users.yaml", read, json::object());
  EXPECT_EQ(problem_,
            "cookie k: its value contains a line break, which a Cookie header cannot carry");
  read.cookies = {{"k", "ASC-ADMIN-3a9e51c6d0=="}};  // '=' is fine in a value
  const TargetRequest request = build("rocketchat-users.yaml", read, json::object());
  EXPECT_FALSE(problem_);
  EXPECT_EQ(request.headers, (Headers{{"Cookie", "k=ASC-ADMIN-3a9e51c6d0=="}}));
}

TEST_F(StepRunnerBuildTest, RawBodyDefaultsToTextPlain) {
  Step update = step("updateUserStatus");
  update.path = {{"uid", 7}};
  update.has_raw_body = true;
  update.raw_body = "DISABLED";
  const TargetRequest request = build("symphony-pod.yaml", update, json::object(), "", "/pod");
  ASSERT_FALSE(problem_) << *problem_;
  EXPECT_EQ(request.url, "http://127.0.0.1:9/pod/v1/admin/user/7/status/update");
  EXPECT_EQ(request.body, "DISABLED");
  EXPECT_EQ(request.headers, (Headers{{"Content-Type", "text/plain"}}));
}

TEST_F(StepRunnerBuildTest, MissingValuesAndPathMismatchesAreNamed) {
  Step update = step("updateUserStatus");
  update.path = {{"uid", "${users.target}"}};
  build("symphony-pod.yaml", update, json::object());
  EXPECT_EQ(problem_, "no value for ${users.target}");

  update.path = {{"userId", 7}};
  build("symphony-pod.yaml", update, json::object());
  EXPECT_EQ(problem_, "the path /v1/admin/user/{uid}/status/update has no {userId}");

  update.path = json::object();
  build("symphony-pod.yaml", update, json::object());
  EXPECT_EQ(problem_, "path parameters missing for /v1/admin/user/{uid}/status/update");

  update.path = {{"uid", 7}};
  update.has_body = true;
  update.body = {{"status", "${values.status}"}};
  build("symphony-pod.yaml", update, json::object());
  EXPECT_EQ(problem_, "no value for ${values.status}");
}

}  // namespace
}  // namespace statuskit::conformance
