// specs/pria-admin.yaml itself: it loads with the engine, documents both operations, and every
// example in it validates against its schema. (That every response the module produces
// validates is checked in PriaModuleTest::run for each test.)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pria_test_fixture.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::mock::pria_test {
namespace {

using nlohmann::json;

TEST(PriaSpec, LoadsAndDocumentsBothOperations) {
  const openapi::Spec& spec = pria_spec();
  EXPECT_EQ(spec.openapi_version(), "3.0.3");
  EXPECT_EQ(spec.server_base_path(), "");
  const auto* bulk = spec.find_operation("bulkSetUserStatus");
  ASSERT_NE(bulk, nullptr);
  EXPECT_EQ(bulk->method, "PUT");
  EXPECT_EQ(bulk->path_template, "/api/admin/users/bulk-status");
  EXPECT_TRUE(bulk->request_body_required);
  for (int status : {200, 400, 401, 403, 413, 415}) {
    EXPECT_NE(bulk->find_response(status), nullptr) << status;
  }
  EXPECT_EQ(bulk->find_response(404), nullptr);
  const auto* read_back = spec.find_operation("getUserById");
  ASSERT_NE(read_back, nullptr);
  EXPECT_EQ(read_back->method, "GET");
  EXPECT_EQ(read_back->path_template, "/api/admin/user/{userId}");
  for (int status : {200, 401, 403, 404, 413, 415}) {
    EXPECT_NE(read_back->find_response(status), nullptr) << status;
  }
}

TEST(PriaSpec, RequestSchemaEncodesTheDocumentedLimits) {
  const auto validator = pria_spec().compile_schema_at("/components/schemas/BulkStatusRequest");
  json ids = json::array();
  for (int i = 0; i < 500; ++i) ids.push_back(kUnknown);
  EXPECT_TRUE(validator.is_valid(json{{"ids", ids}, {"status", "active"}}));
  ids.push_back(kUnknown);
  EXPECT_FALSE(validator.is_valid(json{{"ids", ids}, {"status", "active"}}));
  EXPECT_FALSE(validator.is_valid(json{{"ids", json::array()}, {"status", "active"}}));
  EXPECT_FALSE(validator.is_valid(json{{"ids", {kUserA1}}, {"status", "Active"}}));
  EXPECT_FALSE(validator.is_valid(json{{"ids", {kUserA1}}}));
  EXPECT_FALSE(validator.is_valid(json{{"ids", {1}}, {"status", "active"}}));
}

// Follows a local "$ref" (responses may be references to components/responses).
std::string resolved_pointer(const json& document, std::string pointer) {
  for (int hops = 0; hops < 8; ++hops) {
    const json* node = openapi::find_pointer(document, pointer);
    if (node == nullptr || !node->is_object() || !node->contains("$ref")) return pointer;
    pointer = node->at("$ref").get<std::string>().substr(1);  // "#/a/b" → "/a/b"
  }
  return pointer;
}

TEST(PriaSpec, EveryExampleValidatesAgainstItsSchema) {
  const openapi::Spec& spec = pria_spec();
  const json& document = spec.document();
  int checked = 0;
  auto check_media = [&](const std::string& media_pointer) {
    const json& media = *openapi::find_pointer(document, media_pointer);
    ASSERT_TRUE(media.contains("schema")) << media_pointer;
    const auto validator = spec.compile_schema_at(openapi::append_pointer(media_pointer, "schema"));
    std::vector<json> examples;
    if (media.contains("example")) examples.push_back(media.at("example"));
    if (media.contains("examples")) {
      for (const auto& entry : media.at("examples").items()) {
        examples.push_back(entry.value().at("value"));
      }
    }
    EXPECT_FALSE(examples.empty()) << media_pointer << " has no example";
    for (const json& example : examples) {
      for (const auto& problem : validator.validate(example)) {
        ADD_FAILURE() << media_pointer << ": " << problem.to_string();
      }
      ++checked;
    }
  };
  for (const auto& path : document.at("paths").items()) {
    const std::string path_pointer = openapi::append_pointer("/paths", path.key());
    for (const auto& operation : path.value().items()) {
      if (operation.key() == "parameters") continue;
      const std::string op_pointer = openapi::append_pointer(path_pointer, operation.key());
      if (operation.value().contains("requestBody")) {
        const std::string body = resolved_pointer(document, op_pointer + "/requestBody");
        for (const auto& media : document.at(json::json_pointer(body)).at("content").items()) {
          check_media(openapi::append_pointer(body + "/content", media.key()));
        }
      }
      for (const auto& response : operation.value().at("responses").items()) {
        const std::string pointer = resolved_pointer(
            document, openapi::append_pointer(op_pointer + "/responses", response.key()));
        const json& resolved = document.at(json::json_pointer(pointer));
        if (!resolved.contains("content")) continue;
        for (const auto& media : resolved.at("content").items()) {
          check_media(openapi::append_pointer(pointer + "/content", media.key()));
        }
      }
    }
  }
  EXPECT_GE(checked, 20);
}

}  // namespace
}  // namespace statuskit::mock::pria_test
