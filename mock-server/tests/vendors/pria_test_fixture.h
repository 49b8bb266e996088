#pragma once
// Shared set-up for the Pria module tests: the real fixture file, its tokens and the ids of its
// actors, plus request builders.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/response_checker.h"
#include "statuskit/openapi/spec.h"
#include "vendors/pria.h"
#include "vendors/pria_state.h"

namespace statuskit::mock::pria_test {

inline const std::string kFixturePath = std::string(STATUSKIT_SOURCE_DIR) + "/fixtures/pria.yaml";
inline const std::string kSpecPath = std::string(STATUSKIT_SOURCE_DIR) + "/specs/pria-admin.yaml";

// Actor ids in fixtures/pria.yaml.
inline constexpr const char* kSuper = "65f000000000000000000001";
inline constexpr const char* kAdminA = "65f000000000000000000002";
inline constexpr const char* kAdminNoEdit = "65f000000000000000000003";
inline constexpr const char* kPlainUser = "65f000000000000000000004";
inline constexpr const char* kInactiveAdmin = "65f000000000000000000005";
inline constexpr const char* kAdminB = "65f000000000000000000006";
inline constexpr const char* kUserA1 = "65f0000000000000000000a1";
inline constexpr const char* kUserA2 = "65f0000000000000000000a2";
inline constexpr const char* kInactiveA3 = "65f0000000000000000000a3";
inline constexpr const char* kUserB1 = "65f0000000000000000000b1";
inline constexpr const char* kInactiveB2 = "65f0000000000000000000b2";
inline constexpr const char* kUserBoth = "65f0000000000000000000c1";
inline constexpr const char* kDeleted = "65f0000000000000000000d1";
inline constexpr const char* kUnknown = "65f0000000000000000000ff";

/// 2026-09-21: after every fixture token's iat, before the long-lived tokens' exp (2100).
inline std::chrono::system_clock::time_point fixed_now() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000));
}

inline nlohmann::json load_fixture_document() { return openapi::load_document_file(kFixturePath); }

/// The spec, loaded once per test binary.
inline const openapi::Spec& pria_spec() {
  static const openapi::Spec spec = openapi::Spec::load_file(kSpecPath);
  return spec;
}

/// Fails the current test when `response` is not what the spec documents for `operation_id`.
inline void expect_documented(const std::string& operation_id, const MockResponse& response) {
  const openapi::Operation* operation = pria_spec().find_operation(operation_id);
  ASSERT_NE(operation, nullptr) << operation_id;
  openapi::ObservedResponse observed;
  observed.status = response.status;
  observed.content_type = response.content_type;
  for (const auto& [name, value] : response.headers) observed.headers[name] = value;
  observed.body = response.body;
  for (const auto& mismatch : openapi::check_response(*operation, observed, /*strict=*/true)) {
    ADD_FAILURE() << operation_id << " " << response.status << " " << mismatch.kind << ": "
                  << mismatch.message << "\n  body: " << response.body;
  }
}

class PriaModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    module_ = make_pria_module();
    fixture_ = load_fixture_document();
    state_ = module_->load_state(fixture_);
    context_.now = fixed_now();
  }

  std::string token(const std::string& name) const {
    for (const auto& entry : fixture_.at("tokens")) {
      if (entry.at("name").get<std::string>() == name) return entry.at("jwt").get<std::string>();
    }
    ADD_FAILURE() << "no token named " << name << " in the fixture";
    return {};
  }

  /// Runs the module and checks its answer against specs/pria-admin.yaml in strict mode, the
  /// check the pipeline applies to every response, so each test also proves spec conformance.
  MockResponse run(MockRequest request) {
    MockResponse response = module_->handle(*state_, request, context_);
    expect_documented(request.operation_id, response);
    return response;
  }

  /// PUT /api/admin/users/bulk-status with `headers` (lower-case names) and a JSON body.
  MockResponse bulk_with_headers(const nlohmann::json* body,
                                 std::map<std::string, std::string> headers) {
    MockRequest request;
    request.method = "PUT";
    request.path = "/api/admin/users/bulk-status";
    request.operation_id = "bulkSetUserStatus";
    request.headers = std::move(headers);
    request.headers["content-type"] = "application/json";
    if (body != nullptr) {
      request.body = body->dump();
      request.json_body = std::make_shared<const nlohmann::json>(*body);
    }
    return run(std::move(request));
  }

  /// Bulk-status as the fixture token `token_name`, sent in x-access-token.
  MockResponse bulk(const std::string& token_name, const nlohmann::json& body) {
    return bulk_with_headers(&body, {{"x-access-token", token(token_name)}});
  }

  MockResponse get_user_with_headers(const std::string& user_id,
                                     std::map<std::string, std::string> headers) {
    MockRequest request;
    request.method = "GET";
    request.path = "/api/admin/user/" + user_id;
    request.operation_id = "getUserById";
    request.path_params["userId"] = user_id;
    request.headers = std::move(headers);
    return run(std::move(request));
  }

  MockResponse get_user(const std::string& token_name, const std::string& user_id) {
    return get_user_with_headers(user_id, {{"x-access-token", token(token_name)}});
  }

  /// The status the read-back operation reports for `user_id` (read as the super admin).
  std::string status_of(const std::string& user_id) {
    MockResponse response = get_user("super_admin", user_id);
    EXPECT_EQ(response.status, 200) << response.body;
    return body(response).at("data").at("status").get<std::string>();
  }

  static nlohmann::json body(const MockResponse& response) {
    return nlohmann::json::parse(response.body);
  }

  static nlohmann::json error(const std::string& message) {
    return nlohmann::json{{"success", false}, {"message", message}};
  }

  std::unique_ptr<VendorModule> module_;
  nlohmann::json fixture_;
  std::unique_ptr<VendorState> state_;
  RequestContext context_;
};

}  // namespace statuskit::mock::pria_test
