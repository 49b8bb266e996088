// The recursive-descent checker may decline any text (kNotPlain), but "valid" must mean that
// parse_json_text reads the text and the DOM walker finds no error, and a plain text that is
// valid must be found valid. Checked on edge cases and on every one-byte mutation of them
// (deleted, replaced or preceded by each byte of a set chosen for JSON's grammar), under the
// schema {} and under a schema that types every member of them.
#include "schema_text_descent.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "schema_text_checker.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/schema_validator.h"

namespace statuskit::openapi {
namespace {

using detail::DescentVerdict;
using nlohmann::json;

/// Plain: only what the descent reads without a copy (ASCII, no escape, no control byte).
bool is_plain(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\\' || byte >= 0x80 ||
        (byte < 0x20 && c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
      return false;
    }
  }
  return true;
}

/// The DOM's answer: nullopt when parse_json_text refuses the text, else whether it is valid.
std::optional<bool> dom_valid(const SchemaValidator& validator, const std::string& text) {
  try {
    return validator.validate(parse_json_text(text, "text"), kMaxListedErrors).errors.empty();
  } catch (const LoadError&) {
    return std::nullopt;
  }
}

struct Counts {
  std::size_t texts = 0, valid = 0, invalid = 0, not_plain = 0;
};

/// Fails the test when the descent's verdict on `text` contradicts the DOM's.
void expect_agreement(const SchemaValidator& validator, const std::string& text, Counts& counts) {
  const DescentVerdict verdict = detail::descend_plain_text(detail::root_of(validator), text);
  const std::optional<bool> dom = dom_valid(validator, text);
  ++counts.texts;
  switch (verdict) {
    case DescentVerdict::kValid:
      ++counts.valid;
      EXPECT_TRUE(dom.has_value() && *dom)
          << "called valid, but the DOM says " << (dom ? "invalid" : "not JSON") << ": " << text;
      break;
    case DescentVerdict::kInvalid:
      ++counts.invalid;
      EXPECT_FALSE(dom.has_value() && *dom) << "a valid text called invalid: " << text;
      break;
    case DescentVerdict::kNotPlain:
      ++counts.not_plain;
      EXPECT_FALSE(is_plain(text) && dom.has_value())
          << "a plain JSON text declined (it must be judged here): " << text;
      break;
  }
  // Through whichever reader, "certainly valid" is the DOM's "valid" (which a text with bytes
  // no one-pass reader takes, such as a NUL after the value, need not reach).
  const bool certain = detail::text_certainly_valid(detail::root_of(validator), text);
  if (certain || is_plain(text)) {
    EXPECT_EQ(certain, dom.has_value() && *dom) << text;
  }
}

const std::vector<std::string>& edge_cases() {
  static const std::vector<std::string> cases = {
      R"({"ids":["65f0000000000000000000a1","65f0000000000000000000b1"],"status":"active"})",
      R"( {"a" : [1, -2.5e3, 0.5E+2, -0, 1e-2, true, false, null, "x y~\u0041"], "b":{}} )",
      R"([0,{"k":"v"},[[]],-0.0,1E+2,18446744073709551615,-9223372036854775808])",
      R"("a string of more than eight bytes, then some more")",
      "123",
      "\t[\r\n]\n",
      R"({"":""})",
      R"({"skipped":[{"id":"65f000000000000000001000","reason":"not_found"}],"updated":2})",
  };
  return cases;
}

/// Types every member of the edge cases, so mutations meet type, required, enum, pattern,
/// length, bounds and additionalProperties; `x-other` keeps the other texts' members typed.
const SchemaValidator& typed() {
  static const SchemaValidator validator = compile_schema(json::parse(R"({
    "type": ["object", "array", "string", "number"],
    "required": ["ids"],
    "properties": {
      "ids": {"type": "array", "minItems": 1, "maxItems": 2,
              "items": {"type": "string", "pattern": "^[0-9a-f]{24}$", "maxLength": 24}},
      "status": {"enum": ["active", "inactive"]},
      "a": {"type": "array", "prefixItems": [{"type": "integer", "maximum": 1}]},
      "b": {"type": "object", "maxProperties": 0},
      "skipped": {"type": "array", "items": {"type": "object", "required": ["id", "reason"],
                  "properties": {"id": {"type": "string", "minLength": 24},
                                 "reason": {"type": "string"}},
                  "additionalProperties": false}},
      "updated": {"type": "integer", "minimum": 0}
    },
    "additionalProperties": {"type": "string", "minLength": 1},
    "items": {"type": ["integer", "object", "array"]},
    "minLength": 4
  })"),
                                                          Dialect::kOpenApi31);
  return validator;
}

TEST(SchemaTextDescent, JudgesPlainTextsAsTheDomDoes) {
  const SchemaValidator anything;
  Counts counts;
  for (const auto& text : edge_cases()) {
    expect_agreement(anything, text, counts);
    expect_agreement(typed(), text, counts);
    // Only the one with an escape is not plain.
    EXPECT_EQ(detail::descend_plain_text(nullptr, text) == DescentVerdict::kNotPlain,
              text.find('\\') != std::string::npos)
        << text;
  }
  EXPECT_GE(counts.valid, 8U);
  EXPECT_GE(counts.invalid, 2U);
}

TEST(SchemaTextDescent, AgreesWithTheDomOnEveryOneByteMutation) {
  const std::string alphabet =
      std::string("{}[],:\"\\01-+.eEtfnula \n\t\x7f\x80\xc3") + std::string(1, '\0') + "\x01";
  const SchemaValidator anything;
  Counts counts;
  for (const auto& text : edge_cases()) {
    for (std::size_t at = 0; at <= text.size(); ++at) {
      std::vector<std::string> mutations;
      if (at < text.size()) mutations.push_back(std::string(text).erase(at, 1));
      for (char byte : alphabet) {
        mutations.push_back(std::string(text).insert(at, 1, byte));
        if (at < text.size()) {
          std::string replaced = text;
          replaced[at] = byte;
          mutations.push_back(std::move(replaced));
        }
      }
      for (const auto& mutated : mutations) {
        expect_agreement(anything, mutated, counts);
        expect_agreement(typed(), mutated, counts);
        if (HasFailure()) return;
      }
    }
  }
  // Every verdict is reached many times.
  EXPECT_GT(counts.valid, 1000U);
  EXPECT_GT(counts.invalid, 1000U);
  EXPECT_GT(counts.not_plain, 5000U);
  std::cout << counts.texts << " texts: " << counts.valid << " valid, " << counts.invalid
            << " invalid, " << counts.not_plain << " not plain\n";
}

TEST(SchemaTextDescent, DeclinesWhatItDoesNotReadAndRefusesRepeatsAndDepth) {
  for (const std::string text : {"", " ", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "nulll",
                                 "[\"\\n\"]", "[\"\xc3\xa9\"]", "\"abc", "{\"a\" 1}", "[1 2]"}) {
    EXPECT_EQ(detail::descend_plain_text(nullptr, text), DescentVerdict::kNotPlain) << text;
  }
  // A repeated key, among unknown members and among properties.
  EXPECT_EQ(detail::descend_plain_text(nullptr, R"({"a":1,"a":2})"), DescentVerdict::kInvalid);
  EXPECT_EQ(detail::descend_plain_text(
                detail::root_of(typed()),
                R"({"ids":["65f0000000000000000000a1"],"ids":["65f0000000000000000000a1"]})"),
            DescentVerdict::kInvalid);
  // 512 open containers at most, as parse_json_text.
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_EQ(detail::descend_plain_text(nullptr, nested(512)), DescentVerdict::kValid);
  EXPECT_EQ(detail::descend_plain_text(nullptr, nested(513)), DescentVerdict::kInvalid);
}

TEST(SchemaTextDescent, HandsTheDomWalkerWhatItDoesNotJudgeItself) {
  // More properties than bits, a required name only additionalProperties describes, allOf, a
  // $ref beside other keywords (3.1), an enum on an object: each container goes to the DOM
  // walker whole, and the verdict is still the DOM's.
  json wide = json::object();
  for (int i = 0; i < 70; ++i) wide["p" + std::to_string(i)] = json{{"type", "integer"}};
  const SchemaValidator validator = compile_schema(
      json{{"type", "object"},
           {"properties",
            {{"wide", {{"type", "object"}, {"properties", wide}, {"required", {"p3", "p69"}}}},
             {"loose", {{"required", {"x"}}, {"additionalProperties", {{"type", "string"}}}}},
             {"both", {{"allOf", {{{"required", {"a"}}}, {{"maxProperties", 2}}}}}},
             {"beside", {{"$ref", "#/$defs/named"}, {"required", {"b"}}}},
             {"fixed", {{"enum", {{{"k", 1}}}}}}}},
           {"$defs", {{"named", {{"properties", {{"a", {{"type", "string"}}}}}}}}}},
      Dialect::kOpenApi31);
  Counts counts;
  for (const std::string text : {
           R"({"wide":{"p3":1,"p69":2,"p40":3}})",
           R"({"wide":{"p3":1}})",
           R"({"wide":{"p3":1,"p69":"x"}})",
           R"({"loose":{"x":"y","z":"w"}})",
           R"({"loose":{"z":"w"}})",
           R"({"loose":{"x":1}})",
           R"({"both":{"a":1,"b":2}})",
           R"({"both":{"b":1}})",
           R"({"both":{"a":1,"b":2,"c":3}})",
           R"({"beside":{"a":"s","b":null}})",
           R"({"beside":{"a":1,"b":null}})",
           R"({"beside":{"a":"s"}})",
           R"({"fixed":{"k":1}})",
           R"({"fixed":{"k":2}})",
       }) {
    expect_agreement(validator, text, counts);
  }
  EXPECT_EQ(counts.valid, 5U);
  EXPECT_EQ(counts.invalid, 9U);
}

TEST(SchemaTextDescent, JudgesEachDialectsArrayItemsNullableRefsAndWideObjectsAsTheDomDoes) {
  // Each schema meets the keyword reading it differs on: draft 4's array-form items with
  // additionalItems (ignored beside a schema-form items in draft 7), OpenAPI 3.0's nullable,
  // $refs to `true`/`false`, more properties than the scan (binary search) with "" among them and
  // a repeated required name, min/maxProperties counting unknown members, and numbers
  // nlohmann reads as integers, floats or not at all.
  json wide = json::object();
  for (int i = 0; i < 10; ++i) wide["p" + std::to_string(i)] = json{{"type", "integer"}};
  wide[""] = json{{"type", "string"}};
  struct Case {
    Dialect dialect;
    json schema;
    std::vector<std::string> valid, invalid;
  };
  const std::vector<Case> cases = {
      {Dialect::kDraft4,
       json::parse(R"({"items": [{"type": "integer"}], "additionalItems": false})"),
       {"[]", "[1]", "[1.0]"},
       {"[1,2]", "[\"x\"]", "[1,[]]"}},
      {Dialect::kDraft7,
       json::parse(R"({"items": {"type": "integer"}, "additionalItems": false})"),
       {"[1,2,3]", "[]"},
       {"[1,\"x\"]"}},
      {Dialect::kOpenApi30,
       json::parse(R"({"type": "object", "nullable": true,
                       "properties": {"a": {"type": "string", "nullable": true, "format": "date"}}})"),
       {"null", R"({"a":null})", R"({"a":"2024-02-29"})"},
       {R"({"a":1})", R"({"a":"2023-02-29"})", "[]"}},
      {Dialect::kDraft7,
       json::parse(R"({"definitions": {"t": true, "f": false, "to_t": {"$ref": "#/definitions/t"}},
                       "properties": {"a": {"$ref": "#/definitions/to_t"},
                                      "b": {"$ref": "#/definitions/f"}}})"),
       {R"({"a":[{"x":"y"}]})", "{}"},
       {R"({"b":1})", R"({"a":1,"b":null})"}},
      {Dialect::kOpenApi31,
       json{{"properties", wide}, {"required", {"", "p9", "p9"}}, {"additionalProperties", false}},
       {R"({"":"s","p9":2})", R"({"p0":1,"":"","p9":-0})"},
       {R"({"p9":2})", R"({"":"s","p9":2,"q":3})", R"({"":1,"p9":2})", R"({"":"s","p9":2.5})",
        R"({"":"s","p9":2,"p9":2})"}},
      {Dialect::kOpenApi31,
       json::parse(R"({"minProperties": 2, "maxProperties": 2, "properties": {"a": {}}})"),
       {R"({"a":1,"b":2})", R"({"b":1,"c":2})"},
       {R"({"a":1})", R"({"b":1,"c":2,"d":3})", R"({"b":1,"b":2})"}},
      {Dialect::kOpenApi31,
       json::parse(R"({"type": "integer", "format": "int32", "maximum": 2147483647})"),
       {"-0", "1.0", "2147483647", "1e2"},
       {"2147483648", "1.5", "9223372036854775808", "1e400", "18446744073709551616"}},
  };
  for (const auto& [dialect, schema, valid, invalid] : cases) {
    const SchemaValidator validator = compile_schema(schema, dialect);
    Counts counts;
    for (const auto& text : valid) expect_agreement(validator, text, counts);
    EXPECT_EQ(counts.valid, valid.size()) << schema.dump();
    for (const auto& text : invalid) expect_agreement(validator, text, counts);
    EXPECT_EQ(counts.invalid, invalid.size()) << schema.dump();
  }
}

}  // namespace
}  // namespace statuskit::openapi
