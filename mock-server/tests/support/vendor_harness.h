#pragma once
// Drives one vendor module directly (no HTTP), with the project's real fixture and spec: every
// answer is checked against the spec in strict mode, the check the pipeline applies, so each
// unit test also proves the module's output conforms.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/response_checker.h"
#include "statuskit/openapi/spec.h"
#include "vendors/vendor_module.h"

namespace statuskit::testing {

class VendorHarness {
 public:
  explicit VendorHarness(std::unique_ptr<mock::VendorModule> module)
      : module_(std::move(module)),
        spec_(openapi::Spec::load_file(std::string(STATUSKIT_SOURCE_DIR) + "/specs/" +
                                       std::string(module_->spec_file()))),
        fixture_(openapi::load_document_file(std::string(STATUSKIT_SOURCE_DIR) + "/fixtures/" +
                                             std::string(module_->fixture_file()))),
        state_(module_->load_state(fixture_)) {}

  mock::VendorModule& module() { return *module_; }
  mock::VendorState& state() { return *state_; }
  const nlohmann::json& fixture() const { return fixture_; }
  const openapi::Spec& spec() const { return spec_; }
  mock::RequestContext& context() { return context_; }

  /// A request for `operation_id` with the spec's method; `path` is informational.
  static mock::MockRequest request(const std::string& operation_id, const std::string& method,
                                   const std::string& path) {
    mock::MockRequest request;
    request.operation_id = operation_id;
    request.method = method;
    request.path = path;
    return request;
  }
  static void set_json_body(mock::MockRequest& request, const nlohmann::json& body) {
    request.headers["content-type"] = "application/json";
    request.body = body.dump();
    request.json_body = std::make_shared<const nlohmann::json>(body);
  }

  /// Runs the module; fails the test when the answer is not what the spec documents (unless a
  /// defect is on: defects deviate on purpose).
  mock::MockResponse run(const mock::MockRequest& request) {
    mock::MockResponse response = module_->handle(*state_, request, context_);
    if (context_.defects.empty()) expect_documented(request.operation_id, response);
    return response;
  }

  void expect_documented(const std::string& operation_id, const mock::MockResponse& response) {
    const openapi::Operation* operation = spec_.find_operation(operation_id);
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

  static nlohmann::json body(const mock::MockResponse& response) {
    return response.body.empty() ? nlohmann::json() : nlohmann::json::parse(response.body);
  }

 private:
  std::unique_ptr<mock::VendorModule> module_;
  openapi::Spec spec_;
  nlohmann::json fixture_;
  std::unique_ptr<mock::VendorState> state_;
  mock::RequestContext context_;
};

}  // namespace statuskit::testing
