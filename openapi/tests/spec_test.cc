#include "statuskit/openapi/spec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/response_checker.h"

namespace statuskit::openapi {
namespace {

using nlohmann::json;

const std::string kData = std::string(STATUSKIT_SOURCE_DIR) + "/openapi/tests/data/";

class SpecTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { spec_ = new Spec(Spec::load_file(kData + "refs.yaml")); }
  static void TearDownTestSuite() { delete spec_; }
  static Spec* spec_;
};
Spec* SpecTest::spec_ = nullptr;

TEST_F(SpecTest, ReadsVersionDialectAndServerBasePath) {
  EXPECT_EQ(spec_->openapi_version(), "3.0.3");
  EXPECT_EQ(spec_->dialect(), Dialect::kOpenApi30);
  EXPECT_EQ(spec_->server_base_path(), "/base");
  EXPECT_EQ(spec_->operations().size(), 4U);
}

TEST_F(SpecTest, MergesPathAndOperationParametersThroughRefs) {
  const Operation* get = spec_->find_operation("getItem");
  ASSERT_NE(get, nullptr);
  ASSERT_EQ(get->parameters.size(), 2U);
  EXPECT_EQ(get->parameters[0].name, "id");
  EXPECT_EQ(get->parameters[0].in, "path");
  EXPECT_TRUE(get->parameters[0].required);
  EXPECT_EQ(get->parameters[0].pointer, "/components/parameters/Id");
  EXPECT_EQ(get->parameters[1].name, "verbose");
}

TEST_F(SpecTest, ResolvesRequestBodyAndRecursiveSchemas) {
  const Operation* put = spec_->find_operation("putItem");
  ASSERT_NE(put, nullptr);
  EXPECT_TRUE(put->request_body_required);
  const auto& schema = put->request_body.at("application/json");
  const auto tree = json::parse(R"({"id":"6f1c1c36-8d5e-4c53-9d8c-2a8f3f1b2f11","children":[
      {"id":"6f1c1c36-8d5e-4c53-9d8c-2a8f3f1b2f12","children":[{"id":"x","children":[]}]}]})");
  const auto errors = schema.validate(tree);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].instance_pointer, "/children/0/children/0/id");
  EXPECT_EQ(errors[0].keyword_location, "/components/schemas/Item/properties/id/format");
  EXPECT_EQ(errors[0].message, "\"x\" is not a valid uuid");
}

TEST_F(SpecTest, FindsResponsesByExactRangeAndDefault) {
  const Operation* get = spec_->find_operation("getItem");
  EXPECT_EQ(get->find_response(200)->status_key, "200");
  EXPECT_EQ(get->find_response(404)->status_key, "4XX");
  EXPECT_EQ(get->find_response(503)->status_key, "default");
  const Operation* put = spec_->find_operation("putItem");
  EXPECT_EQ(put->find_response(500), nullptr);
  EXPECT_TRUE(put->find_response(429)->inferred);
  EXPECT_EQ(put->find_response(429)->required_headers, std::vector<std::string>{"Retry-After"});
}

TEST(SpecErrors, DanglingRefIsNamed) {
  auto doc = parse_yaml_text(R"(
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Missing"}
)",
                             "dangling.yaml");
  try {
    Spec::from_json(doc, "dangling.yaml");
    FAIL();
  } catch (const SpecError& error) {
    EXPECT_NE(std::string(error.what()).find("dangling $ref '#/components/schemas/Missing'"),
              std::string::npos)
        << error.what();
  }
}

TEST(SpecErrors, VersionsAndDuplicateOperationIds) {
  EXPECT_THROW(Spec::from_json(json::parse(R"({"swagger":"2.0"})"), "s"), SpecError);
  EXPECT_THROW(Spec::from_json(json::parse(R"({"openapi":"4.0.0"})"), "s"), SpecError);
  const auto duplicate = json::parse(R"({"openapi":"3.0.3","paths":{
      "/a":{"get":{"operationId":"x","responses":{"200":{"description":"ok"}}}},
      "/b":{"get":{"operationId":"x","responses":{"200":{"description":"ok"}}}}}})");
  EXPECT_THROW(Spec::from_json(duplicate, "s"), SpecError);
}

TEST(SpecRequestJson, TheVendorsParserSemanticsComeFromTheExtensionWithTheirSource) {
  auto document = json::parse(R"({"openapi":"3.0.3","paths":{}})");
  EXPECT_EQ(Spec::from_json(document, "s").request_json_parsing().duplicate_keys,
            DuplicateKeys::kReject)
      << "without the extension, the strict default";
  document["x-statuskit-request-json"] = {{"duplicate-keys", "last-wins"},
                                          {"source", "src: JSON.parse"}};
  const Spec spec = Spec::from_json(document, "s");
  EXPECT_EQ(spec.request_json_parsing().duplicate_keys, DuplicateKeys::kLastWins);
  EXPECT_EQ(spec.request_json_parsing().source, "src: JSON.parse");

  auto fails_with = [&](const json& extension, const std::string& expected) {
    document["x-statuskit-request-json"] = extension;
    try {
      Spec::from_json(document, "s");
      ADD_FAILURE() << "accepted " << extension.dump();
    } catch (const SpecError& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    }
  };
  fails_with({{"duplicate-keys", "first-wins"}, {"source", "x"}},
             "/x-statuskit-request-json/duplicate-keys: must be 'reject' or 'last-wins'");
  fails_with({{"duplicate-keys", "last-wins"}}, "/x-statuskit-request-json/source: required");
  fails_with({{"duplicate-keys", "reject"}, {"source", "x"}, {"numbers", "double"}},
             "/x-statuskit-request-json/numbers: unknown field");
}

TEST(SpecErrors, SchemaTypeArraysAreRejectedIn30ButAcceptedIn31) {
  const std::string paths = R"("paths":{"/a":{"get":{"responses":{"200":{"description":"ok",
      "content":{"application/json":{"schema":{"type":["string","null"]}}}}}}}})";
  EXPECT_THROW(Spec::from_json(json::parse(R"({"openapi":"3.0.3",)" + paths + "}"), "s"),
               SpecError);
  auto spec = Spec::from_json(json::parse(R"({"openapi":"3.1.0",)" + paths + "}"), "s");
  const auto& schema = spec.operations()[0].responses[0].content.at("application/json");
  EXPECT_TRUE(schema.is_valid(json(nullptr)));
  EXPECT_FALSE(schema.is_valid(json(1)));
  EXPECT_EQ(spec.operations()[0].operation_id, "GET /a") << "synthesised when missing";
}

class OperationIndexTest : public SpecTest {
 protected:
  void SetUp() override { index_.add(*spec_, spec_->server_base_path()); }
  OperationIndex index_;
};

TEST_F(OperationIndexTest, MatchesTemplatesAndDecodesParameters) {
  auto match = index_.match("GET", "/base/items/a%20b%2Fc?verbose=true");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.operation->operation_id, "getItem");
  EXPECT_EQ(match.path_params.at("id"), "a b/c") << "%2F stays inside its segment";
}

TEST_F(OperationIndexTest, LiteralSegmentsBeatTemplates) {
  EXPECT_EQ(index_.match("GET", "/base/items/me").operation->operation_id, "getMyItem");
  // PUT exists only on the templated path, so it still matches there.
  EXPECT_EQ(index_.match("PUT", "/base/items/me").operation->operation_id, "putItem");
}

TEST_F(OperationIndexTest, PartialSegmentTemplates) {
  auto match = index_.match("GET", "/base/files/report.json");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.path_params.at("name"), "report");
  EXPECT_EQ(index_.match("GET", "/base/files/.json").kind, RouteMatch::Kind::kPathNotFound);
}

TEST_F(OperationIndexTest, TellsNotFoundFromMethodNotAllowed) {
  EXPECT_EQ(index_.match("GET", "/items/x").kind, RouteMatch::Kind::kPathNotFound)
      << "the server base path is part of the route";
  EXPECT_EQ(index_.match("GET", "/base/items/x/").kind, RouteMatch::Kind::kPathNotFound);
  EXPECT_EQ(index_.match("GET", "/base/items/%zz").kind, RouteMatch::Kind::kPathNotFound);
  auto wrong = index_.match("DELETE", "/base/items/x");
  ASSERT_EQ(wrong.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"GET", "PUT"}));
}

TEST_F(SpecTest, ResponseCheckerReportsEachKindOfMismatch) {
  const Operation& get = *spec_->find_operation("getItem");
  const Operation& put = *spec_->find_operation("putItem");
  auto check = [](const Operation& op, int status, std::string type, std::string body,
                  bool strict = false) {
    ObservedResponse response;
    response.status = status;
    response.content_type = std::move(type);
    response.body = std::move(body);
    return check_response(op, response, strict);
  };
  EXPECT_TRUE(check(get, 200, "application/json; charset=utf-8",
                    R"({"id":"6f1c1c36-8d5e-4c53-9d8c-2a8f3f1b2f11","children":[],"note":null})")
                  .empty());
  auto undocumented = check(put, 500, "application/json", "{}");
  ASSERT_EQ(undocumented.size(), 1U);
  EXPECT_EQ(undocumented[0].message, "undocumented status 500 (documented: 204, 429)");
  auto wrong_type = check(get, 200, "text/html", "<p>");
  ASSERT_EQ(wrong_type.size(), 1U);
  EXPECT_EQ(wrong_type[0].kind, "content-type");
  auto not_json = check(get, 200, "application/json", "{oops");
  ASSERT_EQ(not_json.size(), 1U);
  EXPECT_EQ(not_json[0].kind, "body-json");
  auto schema = check(get, 404, "application/json", R"({"code":"E1"})");
  ASSERT_EQ(schema.size(), 1U);
  EXPECT_EQ(schema[0].kind, "body-schema");
  EXPECT_EQ(schema[0].message, "/code: expected integer, got string");
  auto unexpected_body = check(put, 204, "application/json", "{}");
  ASSERT_EQ(unexpected_body.size(), 1U);
  EXPECT_EQ(unexpected_body[0].kind, "content-type");
}

TEST_F(SpecTest, ResponseCheckerListsAtMostTheCapOfSchemaErrors) {
  json children = json::array();
  for (int i = 0; i < 1000; ++i)
    children.push_back({{"id", "not-a-uuid"}, {"children", json::array()}});
  ObservedResponse response;
  response.status = 200;
  response.content_type = "application/json";
  response.body =
      json{{"id", "6f1c1c36-8d5e-4c53-9d8c-2a8f3f1b2f11"}, {"children", children}}.dump();
  const auto mismatches = check_response(*spec_->find_operation("getItem"), response, true);
  ASSERT_EQ(mismatches.size(), kMaxListedErrors + 1);
  EXPECT_EQ(mismatches[0].message.rfind("/children/0/id: ", 0), 0U) << mismatches[0].message;
  EXPECT_EQ(mismatches.back().kind, "body-schema");
  EXPECT_EQ(mismatches.back().message, "... and 900 more schema errors");
}

TEST_F(SpecTest, AnUndocumentedStatusWarnsOnlyWhereItsWholeClassIsInferred) {
  const Operation& put = *spec_->find_operation("putItem");  // 204, and an inferred 429
  ObservedResponse response;
  response.status = 422;
  auto other_client_error = check_response(put, response, false);
  ASSERT_EQ(other_client_error.size(), 1U);
  EXPECT_EQ(other_client_error[0].kind, "undocumented-status");
  EXPECT_EQ(other_client_error[0].severity, ResponseMismatch::Severity::kWarning)
      << "the 4xx list is our guess: another 4xx is a plausible choice";
  EXPECT_EQ(check_response(put, response, true).at(0).severity, ResponseMismatch::Severity::kError);
  response.status = 500;
  EXPECT_EQ(check_response(put, response, false).at(0).severity, ResponseMismatch::Severity::kError)
      << "no 5xx is documented at all";
  response.status = 201;
  EXPECT_EQ(check_response(put, response, false).at(0).severity, ResponseMismatch::Severity::kError)
      << "the documented 204 is not inferred";
}

TEST_F(SpecTest, InferredResponsesWarnUnlessStrict) {
  const Operation& put = *spec_->find_operation("putItem");
  ObservedResponse response;
  response.status = 429;
  response.content_type = "application/json";
  response.body = R"({"code":"slow"})";
  auto lenient = check_response(put, response, false);
  ASSERT_EQ(lenient.size(), 2U) << "missing Retry-After and a schema error";
  for (const auto& mismatch : lenient) {
    EXPECT_EQ(mismatch.severity, ResponseMismatch::Severity::kWarning);
  }
  EXPECT_EQ(lenient[0].message, "required header Retry-After is missing");
  for (const auto& mismatch : check_response(put, response, true)) {
    EXPECT_EQ(mismatch.severity, ResponseMismatch::Severity::kError);
  }
}

}  // namespace
}  // namespace statuskit::openapi
