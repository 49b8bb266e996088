#include "statuskit/openapi/schema_validator.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::openapi {
namespace {

using nlohmann::json;

std::vector<std::string> errors_of(const json& schema, const json& instance,
                                   Dialect dialect = Dialect::kOpenApi31) {
  std::vector<std::string> out;
  for (const auto& error : compile_schema(schema, dialect).validate(instance)) {
    out.push_back(error.to_string());
  }
  return out;
}

using Errors = std::vector<std::string>;

/// The SchemaError compiling `schema` gives, or "" when it compiles.
std::string compile_error(const char* schema, Dialect dialect) {
  try {
    compile_schema(json::parse(schema), dialect);
  } catch (const SchemaError& error) {
    return error.what();
  }
  return "";
}

TEST(SchemaValidator, PriaBulkRequestErrorsAreExactAndComplete) {
  const auto schema = json::parse(R"({"type":"object","required":["ids","status"],
    "properties":{"ids":{"type":"array","items":{"type":"string"},"maxItems":500},
                  "status":{"type":"string","enum":["active","inactive"]}}})");
  json ids = json::array();
  for (int i = 0; i < 501; ++i) ids.push_back("u" + std::to_string(i));
  EXPECT_EQ(errors_of(schema, {{"ids", ids}, {"status", "active"}}, Dialect::kOpenApi30),
            Errors{"/ids: 501 items, maximum is 500"});
  EXPECT_EQ(errors_of(schema, {{"ids", {1}}, {"status", "Active"}}, Dialect::kOpenApi30),
            (Errors{"/ids/0: expected string, got integer",
                    "/status: \"Active\" is not one of [\"active\",\"inactive\"]"}));
  EXPECT_EQ(errors_of(schema, json::object(), Dialect::kOpenApi30),
            (Errors{"/: required property 'ids' is missing",
                    "/: required property 'status' is missing"}));
}

TEST(SchemaValidator, ALimitKeepsTheFirstErrorsAndCountsTheRest) {
  const auto validator = compile_schema(
      json::parse(
          R"({"type":"object","properties":{"ids":{"type":"array","items":{"type":"string"}},
                     "pick":{"anyOf":[{"type":"array","items":{"type":"string"}},{"type":"string"}]}}})"),
      Dialect::kOpenApi31);
  const json many_wrong_ids = {{"ids", json(std::vector<int>(1000, 1))}};
  ASSERT_EQ(validator.validate(many_wrong_ids).size(), 1000U);
  const auto report = validator.validate(many_wrong_ids, 3);
  ASSERT_EQ(report.errors.size(), 3U);
  EXPECT_EQ(report.errors[2].to_string(), "/ids/2: expected string, got integer");
  EXPECT_EQ(report.omitted, 997U);
  // A branch's details are capped too: the anyOf message names at most the limit.
  const auto alternatives = validator.validate({{"pick", json(std::vector<int>(1000, 1))}}, 2);
  ASSERT_EQ(alternatives.errors.size(), 1U);
  EXPECT_EQ(alternatives.omitted, 0U);
  EXPECT_EQ(alternatives.errors[0].message,
            "matches none of the 2 anyOf alternatives; closest is #0: /pick/0: expected string, "
            "got integer; /pick/1: expected string, got integer; ... and 998 more");
}

TEST(SchemaValidator, KeywordLocationsPointIntoTheSchema) {
  const auto errors =
      compile_schema(json::parse(R"({"properties":{"a":{"minimum":3}}})"), Dialect::kDraft7)
          .validate(json::parse(R"({"a":1})"));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].instance_pointer, "/a");
  EXPECT_EQ(errors[0].keyword_location, "/properties/a/minimum");
  EXPECT_EQ(errors[0].message, "1 is less than the minimum 3");
}

TEST(SchemaValidator, OpenApi30NullableAndBooleanExclusiveBounds) {
  const auto schema = json::parse(R"({"type":"integer","nullable":true,"minimum":0,
                                      "exclusiveMinimum":true})");
  EXPECT_EQ(errors_of(schema, nullptr, Dialect::kOpenApi30), Errors{});
  EXPECT_EQ(errors_of(schema, 0, Dialect::kOpenApi30), Errors{"/: 0 must be greater than 0"});
  EXPECT_EQ(errors_of(json::parse(R"({"type":"string"})"), nullptr, Dialect::kOpenApi30),
            Errors{"/: expected string, got null"});
}

TEST(SchemaValidator, OpenApi31TypeArraysConstAndNumericExclusiveBounds) {
  const auto schema = json::parse(R"({"type":["integer","null"],"exclusiveMaximum":10})");
  EXPECT_EQ(errors_of(schema, nullptr), Errors{});
  EXPECT_EQ(errors_of(schema, 10), Errors{"/: 10 must be less than 10"});
  EXPECT_EQ(errors_of(schema, "x"), Errors{"/: expected one of [integer, null], got string"});
  EXPECT_EQ(errors_of(json::parse(R"({"const":"v1"})"), "v2"), Errors{"/: must be \"v1\""});
}

TEST(SchemaValidator, PrefixItemsDependentRequiredAndContainsBounds) {
  const auto tuple = json::parse(R"({"prefixItems":[{"type":"string"},{"type":"integer"}],
                                     "items":false})");
  EXPECT_EQ(errors_of(tuple, json::parse(R"(["a",1])")), Errors{});
  EXPECT_EQ(errors_of(tuple, json::parse(R"(["a",1,2])")), Errors{"/2: no value is allowed here"});
  const auto dependent = json::parse(R"({"dependentRequired":{"suspended":["suspendedUntil"]}})");
  EXPECT_EQ(errors_of(dependent, json::parse(R"({"suspended":true})")),
            Errors{"/: property 'suspended' requires property 'suspendedUntil'"});
  const auto contains = json::parse(R"({"contains":{"const":1},"minContains":2,"maxContains":3})");
  EXPECT_EQ(errors_of(contains, json::parse("[1,2]")),
            Errors{"/: 1 items match 'contains', minimum is 2"});
  EXPECT_EQ(errors_of(contains, json::parse("[1,1,1,1]")),
            Errors{"/: 4 items match 'contains', maximum is 3"});
}

TEST(SchemaValidator, UnevaluatedPropertiesSeesThroughAllOfAndRef) {
  const auto schema = json::parse(R"({
    "$defs":{"base":{"properties":{"id":{"type":"string"}}}},
    "$ref":"#/$defs/base",
    "allOf":[{"properties":{"name":{"type":"string"}}}],
    "unevaluatedProperties":false})");
  EXPECT_EQ(errors_of(schema, json::parse(R"({"id":"1","name":"n"})")), Errors{});
  EXPECT_EQ(errors_of(schema, json::parse(R"({"id":"1","extra":true})")),
            Errors{"/extra: property 'extra' is not allowed (unevaluatedProperties)"});
}

TEST(SchemaValidator, AdditionalPropertiesFalseNamesTheProperty) {
  const auto schema = json::parse(R"({"properties":{"userId":{}},"additionalProperties":false})");
  EXPECT_EQ(errors_of(schema, json::parse(R"({"userId":"x","extra":1})"), Dialect::kOpenApi30),
            Errors{"/extra: property 'extra' is not allowed"});
}

TEST(SchemaValidator, OneOfAndAnyOfSummariseTheClosestBranch) {
  const auto schema = json::parse(R"({"oneOf":[{"type":"string","enum":["Active","Terminated"]},
                                               {"type":"integer","enum":[1,2]}]})");
  EXPECT_EQ(errors_of(schema, "Active"), Errors{});
  EXPECT_EQ(errors_of(schema, 2), Errors{});
  EXPECT_EQ(errors_of(schema, 7),
            Errors{"/: matches none of the 2 oneOf alternatives; closest is #1: /: 7 is not one "
                   "of [1,2]"});
  const auto both = json::parse(R"({"oneOf":[{"type":"integer"},{"minimum":0}]})");
  EXPECT_EQ(errors_of(both, 5),
            Errors{"/: matches 2 oneOf alternatives (#0 and #1), exactly one is required"});
}

TEST(SchemaValidator, RecursiveSchemasTerminate) {
  const auto schema = json::parse(R"({"$defs":{"node":{"type":"object","properties":{
      "child":{"$ref":"#/$defs/node"},"v":{"type":"integer"}}}},"$ref":"#/$defs/node"})");
  EXPECT_EQ(errors_of(schema, json::parse(R"({"child":{"child":{"v":"x"}}})")),
            Errors{"/child/child/v: expected integer, got string"});
}

TEST(SchemaValidator, FormatsAssertOnlyOnTheirTypes) {
  auto format = [](const char* name) { return json{{"format", name}}; };
  EXPECT_EQ(errors_of(format("int32"), 2147483648LL),
            Errors{"/: value 2147483648 does not fit format int32"});
  EXPECT_EQ(errors_of(format("int32"), -2147483648LL), Errors{});
  EXPECT_EQ(errors_of(format("int64"), 18446744073709551615ULL),
            Errors{"/: value 18446744073709551615 does not fit format int64"});
  EXPECT_EQ(errors_of(format("uuid"), "d4add56e-c345-4ac9-b392-7a890a60559a"), Errors{});
  EXPECT_EQ(errors_of(format("uuid"), "d4add56e"), Errors{"/: \"d4add56e\" is not a valid uuid"});
  EXPECT_EQ(errors_of(format("date-time"), "2023-05-06T00:00:00Z"), Errors{});
  EXPECT_EQ(errors_of(format("date-time"), "2023-02-29T00:00:00Z").size(), 1U);
  EXPECT_EQ(errors_of(format("date"), "2024-02-29"), Errors{});
  EXPECT_EQ(errors_of(format("email"), "ben@d3lay.com"), Errors{});
  EXPECT_EQ(errors_of(format("email"), "ben@@d3lay").size(), 1U);
  EXPECT_EQ(errors_of(format("uri"), "https://example.com/api?x=1"), Errors{});
  EXPECT_EQ(errors_of(format("uri"), "/relative").size(), 1U);
  EXPECT_EQ(errors_of(format("ipv4"), "127.0.0.1"), Errors{});
  EXPECT_EQ(errors_of(format("ipv4"), "127.0.0.01").size(), 1U);
  EXPECT_EQ(errors_of(format("ipv6"), "::1"), Errors{});
  EXPECT_EQ(errors_of(format("ipv6"), "::1%eth0").size(), 1U);
  EXPECT_EQ(errors_of(format("email"), 42), Errors{}) << "format applies to strings only";
  EXPECT_EQ(errors_of(format("date-span"), "anything"), Errors{}) << "unknown: annotation";
}

TEST(SchemaValidator, StringLengthCountsCodePoints) {
  EXPECT_EQ(errors_of(json::parse(R"({"maxLength":2})"), "\xC3\xA9\xC3\xA9"), Errors{});
  EXPECT_EQ(errors_of(json::parse(R"({"maxLength":1})"), "\xC3\xA9\xC3\xA9"),
            Errors{"/: 2 characters, maximum is 1"});
}

TEST(SchemaValidator, BigIntegersCompareExactly) {
  const auto schema = json::parse(R"({"maximum":9007199254740992})");
  EXPECT_EQ(errors_of(schema, 9007199254740993LL).size(), 1U) << "beyond double precision";
  EXPECT_EQ(errors_of(json::parse(R"({"multipleOf":3})"), 9007199254740993LL), Errors{});
}

// A schema that applies itself to the same value (through $ref, allOf, not, if...) never reads
// into the value, so validating would recurse until the stack ran out: the first instance
// checked against such a spec crashed the process. It is refused when compiled, naming the
// cycle; recursion through properties or items reads deeper each step and stays allowed.
TEST(SchemaValidator, ASchemaThatAppliesItselfToTheSameValueIsRefused) {
  EXPECT_EQ(compile_error(R"({"definitions":{"a":{"$ref":"#/definitions/a"}},
                              "properties":{"x":{"$ref":"#/definitions/a"}}})",
                          Dialect::kDraft7),
            "schema /definitions/a: applies itself to the same value without reading into it "
            "(/definitions/a -> /definitions/a): validating would never end");
  EXPECT_EQ(compile_error(R"({"type":"object","allOf":[{"$ref":"#"}]})", Dialect::kOpenApi31),
            "schema /: applies itself to the same value without reading into it "
            "(/ -> /allOf/0 -> /): validating would never end");
  EXPECT_NE(compile_error(R"({"$defs":{"a":{"not":{"$ref":"#/$defs/b"}},
                                       "b":{"if":{"$ref":"#/$defs/a"}}},
                              "$ref":"#/$defs/a"})",
                          Dialect::kOpenApi31),
            "");
  // Recursion that reads into the value is fine, and validates to any depth given.
  const auto tree = compile_schema(
      json::parse(R"({"type":"object","properties":{"child":{"$ref":"#"},"n":{"type":"integer"}},
                      "items":{"$ref":"#"}})"),
      Dialect::kOpenApi31);
  EXPECT_TRUE(tree.validate(json::parse(R"({"child":{"child":{"n":1}}})")).empty());
  EXPECT_EQ(tree.validate(json::parse(R"({"child":{"child":{"n":"x"}}})")).size(), 1U);
}

TEST(SchemaValidator, UnsupportedOrMalformedSchemasFailAtCompileTime) {
  EXPECT_EQ(compile_error(R"({"$dynamicRef":"#x"})", Dialect::kOpenApi31),
            "schema /$dynamicRef: $dynamicRef is not supported");
  EXPECT_EQ(compile_error(R"({"$ref":"#/$defs/none"})", Dialect::kOpenApi31),
            "schema /: dangling $ref '#/$defs/none'");
  EXPECT_EQ(compile_error(R"({"$ref":"https://example.com/s.json"})", Dialect::kOpenApi31),
            "schema /: unsupported remote $ref 'https://example.com/s.json' (only references "
            "inside the document are supported)");
  EXPECT_EQ(compile_error(R"({"pattern":"(?<=a)b"})", Dialect::kDraft7)
                .rfind("schema /pattern: unsupported or invalid regular expression", 0),
            0U);
  EXPECT_EQ(compile_error(R"({"type":"null"})", Dialect::kOpenApi30),
            "schema /type: type 'null' does not exist in OpenAPI 3.0 (use nullable: true)");
  EXPECT_EQ(compile_error(R"({"items":[{}]})", Dialect::kOpenApi31),
            "schema /items: array-form items is prefixItems in 2020-12");
  EXPECT_EQ(compile_error(R"({"maxItems":-1})", Dialect::kDraft7),
            "schema /maxItems: must be a non-negative integer");
}

TEST(SchemaValidator, IsValidAgreesWithValidate) {
  const auto schema = compile_schema(
      json::parse(R"({"type":"object","properties":{"a":{"pattern":"^x+$"}},"required":["a"]})"),
      Dialect::kDraft7);
  for (const char* text : {R"({"a":"xx"})", R"({"a":"xy"})", R"({})", "[]"}) {
    const auto instance = json::parse(text);
    EXPECT_EQ(schema.is_valid(instance), schema.validate(instance).empty()) << text;
  }
}

}  // namespace
}  // namespace statuskit::openapi
