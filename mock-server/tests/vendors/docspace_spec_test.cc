// specs/onlyoffice-docspace-people.yaml and fixtures/docspace.yaml checked with the engine: the
// spec loads and documents both operations, every example validates against its schema, every
// response the module produces in a scripted run validates strictly, and the real fixture file
// loads, round-trips and makes the documented cases reachable. Needs the engine (loader, Spec,
// response checker) from the lead's engine branches.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/response_checker.h"
#include "statuskit/openapi/spec.h"
#include "vendors/docspace.h"
#include "vendors/docspace_state.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;

const openapi::Spec& docspace_spec() {
  static const openapi::Spec spec =
      openapi::Spec::load_file(STATUSKIT_SOURCE_DIR "/specs/onlyoffice-docspace-people.yaml");
  return spec;
}

json real_fixture() {
  return openapi::load_document_file(STATUSKIT_SOURCE_DIR "/fixtures/docspace.yaml");
}

TEST(DocspaceSpec, LoadsAndDocumentsBothOperations) {
  const openapi::Spec& spec = docspace_spec();
  EXPECT_EQ(spec.openapi_version(), "3.0.3");
  EXPECT_EQ(spec.server_base_path(), "");
  const auto* update = spec.find_operation("updateUserStatus");
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(update->method, "PUT");
  EXPECT_EQ(update->path_template, "/api/2.0/people/status/{status}");
  for (int status : {200, 400, 401, 402, 403, 413, 415}) {
    EXPECT_NE(update->find_response(status), nullptr) << status;
  }
  const auto* read_back = spec.find_operation("getProfileById");
  ASSERT_NE(read_back, nullptr);
  EXPECT_EQ(read_back->path_template, "/api/2.0/people/{userid}");
  for (int status : {200, 401, 404, 413, 415}) {
    EXPECT_NE(read_back->find_response(status), nullptr) << status;
  }
}

// Every `example`/`examples` under a media type validates against that media type's schema.
void check_examples(const openapi::Spec& spec, const json& node, const std::string& pointer,
                    int& checked) {
  if (node.is_object()) {
    bool media = pointer.find("/content/") != std::string::npos && node.contains("schema");
    if (media) {
      const auto validator = spec.compile_schema_at(pointer + "/schema");
      std::vector<json> examples;
      if (node.contains("example")) examples.push_back(node.at("example"));
      if (node.contains("examples")) {
        for (const auto& entry : node.at("examples").items()) {
          examples.push_back(entry.value().at("value"));
        }
      }
      EXPECT_FALSE(examples.empty()) << pointer << " has no example";
      for (const json& example : examples) {
        for (const auto& problem : validator.validate(example)) {
          ADD_FAILURE() << pointer << ": " << problem.to_string();
        }
        ++checked;
      }
    }
    for (const auto& item : node.items()) {
      check_examples(spec, item.value(), openapi::append_pointer(pointer, item.key()), checked);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      check_examples(spec, node[i], pointer + "/" + std::to_string(i), checked);
    }
  }
}

TEST(DocspaceSpec, EveryExampleValidatesAgainstItsSchema) {
  int checked = 0;
  check_examples(docspace_spec(), docspace_spec().document(), "", checked);
  EXPECT_GE(checked, 13);
}

class DocspaceFixtureRun : public ::testing::Test {
 protected:
  std::unique_ptr<VendorModule> module_ = make_docspace_module();
  std::unique_ptr<VendorState> state_ = module_->load_state(real_fixture());
  std::vector<int> statuses_;

  MockResponse send(const std::string& operation_id, const std::string& param,
                    const std::string& token, const json* body) {
    MockRequest request;
    request.operation_id = operation_id;
    request.method = operation_id == "updateUserStatus" ? "PUT" : "GET";
    request.path_params[operation_id == "updateUserStatus" ? "status" : "userid"] = param;
    request.cookies["asc_auth_key"] = token;
    if (body != nullptr) request.json_body = std::make_shared<const json>(*body);
    MockResponse response = module_->handle(*state_, request, RequestContext{});
    openapi::ObservedResponse observed;
    observed.status = response.status;
    observed.content_type = response.content_type;
    observed.body = response.body;
    for (const auto& problem :
         openapi::check_response(*docspace_spec().find_operation(operation_id), observed, true)) {
      ADD_FAILURE() << operation_id << " " << response.status << ": " << problem.message;
    }
    statuses_.push_back(response.status);
    return response;
  }
  MockResponse put(const std::string& status, const json& body, const std::string& token) {
    return send("updateUserStatus", status, token, &body);
  }
};

TEST_F(DocspaceFixtureRun, RealFixtureRoundTripsAndEveryResponseValidates) {
  json once = state_->to_json();
  EXPECT_EQ(module_->load_state(once)->to_json(), once);

  const std::string admin = "ASC-ADMIN-3a9e51c6d0";
  const std::string ra1 = "11111111-1111-4111-8111-00000000000b";
  const std::string ra2 = "11111111-1111-4111-8111-00000000000c";
  EXPECT_EQ(
      put("Terminated", json{{"userIds", {"11111111-1111-4111-8111-000000000007"}}}, admin).status,
      200);
  EXPECT_EQ(put("Pending", json{{"userIds", json::array()}}, "ASC-USER-2e6a9d03f7").status, 400);
  EXPECT_EQ(put("Active", json::object(), admin).status, 400);
  EXPECT_EQ(put("Active", json{{"userIds", json::array()}}, "ASC-TERMINATED-STALE-0a4b").status,
            401);
  EXPECT_EQ(
      put("Active", json{{"userIds", {"11111111-1111-4111-8111-000000000003"}}}, admin).status,
      403);
  EXPECT_EQ(put("Active", json{{"userIds", {ra1, ra2}}}, admin).status, 402);
  EXPECT_EQ(
      put("Active", json{{"userIds", {"11111111-1111-4111-8111-000000000009"}}}, admin).status,
      200);
  EXPECT_EQ(send("getProfileById", ra1, admin, nullptr).status, 200);
  EXPECT_EQ(send("getProfileById", "99999999-9999-4999-8999-999999999999", admin, nullptr).status,
            404);
  EXPECT_EQ(send("getProfileById", ra1, "nope", nullptr).status, 401);
  EXPECT_EQ(statuses_.size(), 10U);
  for (int status : {413, 415, 400}) {
    MockResponse response = module_->error_response(status, "pipeline");
    openapi::ObservedResponse observed{response.status, response.content_type, {}, response.body};
    for (const auto& problem : openapi::check_response(
             *docspace_spec().find_operation("updateUserStatus"), observed, true)) {
      ADD_FAILURE() << status << ": " << problem.message;
    }
  }
}

}  // namespace
}  // namespace statuskit::mock
