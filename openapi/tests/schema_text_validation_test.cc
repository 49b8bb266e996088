// SchemaValidator::validate_text must give exactly the report of parse_json_text + validate
// (same errors, order, messages, keyword locations, omitted count, same LoadError), and its
// one-pass checker must take every valid text it can judge and no invalid one. Checked on
// every request and response schema of every spec in specs/ against the specs' examples and
// deterministic mutations of them, on the official JSON-Schema-Test-Suite, and on the texts
// the readers decline.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "schema_text_checker.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/schema_validator.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::openapi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// A report, or the LoadError's message when the text is not JSON.
struct Outcome {
  std::optional<ValidationReport> report;
  std::string load_error;
};

Outcome through_the_dom(const SchemaValidator& validator, const std::string& text) {
  Outcome outcome;
  try {
    outcome.report = validator.validate(parse_json_text(text, "body"), kMaxListedErrors);
  } catch (const LoadError& error) {
    outcome.load_error = error.what();
  }
  return outcome;
}

Outcome through_the_text(const SchemaValidator& validator, const std::string& text) {
  Outcome outcome;
  try {
    outcome.report = validator.validate_text(text, kMaxListedErrors, "body");
  } catch (const LoadError& error) {
    outcome.load_error = error.what();
  }
  return outcome;
}

/// Counts the comparisons made, so a test can tell it did not pass vacuously.
struct Tally {
  std::size_t texts = 0;
  std::size_t valid = 0;    ///< of them valid (the one-pass checker decided alone)
  std::size_t invalid = 0;  ///< of them with schema errors
};

void expect_same(const SchemaValidator& validator, const std::string& text,
                 const std::string& label, Tally& tally) {
  const Outcome dom = through_the_dom(validator, text);
  const Outcome streamed = through_the_text(validator, text);
  ++tally.texts;
  ASSERT_EQ(streamed.load_error, dom.load_error) << label << "\n" << text;
  const bool certain = detail::text_certainly_valid(detail::root_of(validator), text);
  if (!dom.report) {
    EXPECT_FALSE(certain) << label << "\n" << text;
    return;
  }
  ASSERT_TRUE(streamed.report.has_value()) << label;
  const auto& expected = *dom.report;
  const auto& actual = *streamed.report;
  const bool valid = expected.errors.empty() && expected.omitted == 0;
  (valid ? tally.valid : tally.invalid) += 1;
  EXPECT_EQ(certain, valid) << label << "\n" << text;
  EXPECT_EQ(actual.omitted, expected.omitted) << label << "\n" << text;
  ASSERT_EQ(actual.errors.size(), expected.errors.size()) << label << "\n" << text;
  for (std::size_t i = 0; i < expected.errors.size(); ++i) {
    EXPECT_EQ(actual.errors[i].instance_pointer, expected.errors[i].instance_pointer) << label;
    EXPECT_EQ(actual.errors[i].keyword_location, expected.errors[i].keyword_location) << label;
    EXPECT_EQ(actual.errors[i].message, expected.errors[i].message) << label;
  }
}

/// Every `example` and `examples/*/value` (and 3.1's `examples: [...]`) under `node`.
void collect_examples(const json& node, std::vector<json>& out) {
  if (node.is_array()) {
    for (const auto& element : node) collect_examples(element, out);
    return;
  }
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (it.key() == "example") {
      out.push_back(it.value());
    } else if (it.key() == "examples" && it.value().is_object()) {
      for (const auto& example : it.value()) {
        if (example.is_object() && example.contains("value")) out.push_back(example["value"]);
      }
    } else if (it.key() == "examples" && it.value().is_array()) {
      for (const auto& example : it.value()) out.push_back(example);
    } else {
      collect_examples(it.value(), out);
    }
  }
}

/// The pointers of every value inside `node`, the root ("") included.
void collect_pointers(const json& node, const std::string& pointer, std::vector<std::string>& out) {
  out.push_back(pointer);
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      collect_pointers(it.value(), append_pointer(pointer, it.key()), out);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      collect_pointers(node[i], append_pointer(pointer, i), out);
    }
  }
}

/// Deterministic mutations of `example`: every value replaced by values of every type (wrong
/// types, enum misses, bounds, formats), every member removed (required), an extra member in
/// every object (additionalProperties), every array made of 150 copies of a wrong value (more
/// errors than are listed: the omitted count), and deep nesting.
std::vector<json> mutations_of(const json& example) {
  static const std::vector<json> kReplacements = {nullptr,
                                                  true,
                                                  0,
                                                  -1,
                                                  1.5,
                                                  4294967296,
                                                  -9223372036854775807LL - 1,
                                                  "",
                                                  "x",
                                                  "2024-02-30",
                                                  json::array(),
                                                  json::object(),
                                                  json::array({1, "a", nullptr})};
  std::vector<std::string> pointers;
  collect_pointers(example, "", pointers);
  std::vector<json> out;
  for (const auto& pointer : pointers) {
    const json::json_pointer at(pointer);
    const json& original = example.at(at);
    for (const auto& replacement : kReplacements) {
      json mutated = example;
      mutated[at] = replacement;
      out.push_back(std::move(mutated));
    }
    if (!pointer.empty()) {
      json removed = example;
      const json::json_pointer parent = at.parent_pointer();
      if (removed.at(parent).is_object()) {
        removed.at(parent).erase(at.back());
        out.push_back(std::move(removed));
      }
    }
    if (original.is_object()) {
      json extended = example;
      extended[at]["zz_extra"] = 1;
      out.push_back(std::move(extended));
    }
    if (original.is_array()) {
      json crowded = example;
      json many = json::array();
      for (int i = 0; i < 150; ++i) many.push_back(json::object({{"k", i}}));
      crowded[at] = many;
      out.push_back(std::move(crowded));
      json copies = example;
      json same = json::array();
      for (int i = 0; i < 150; ++i) same.push_back(original.empty() ? json(i) : original[0]);
      copies[at] = same;
      out.push_back(std::move(copies));
    }
  }
  json deep = example;
  for (int i = 0; i < 40; ++i) deep = json::object({{"nested", deep}});
  out.push_back(deep);
  return out;
}

struct NamedValidator {
  std::string label;
  const SchemaValidator* validator;
  std::vector<json> own_examples;  ///< the examples written beside it
};

TEST(SchemaTextValidation, EqualsTheDomOnEverySpecSchemaExampleAndMutation) {
  Tally tally;
  std::size_t schemas = 0;
  const fs::path specs = fs::path(STATUSKIT_SOURCE_DIR) / "specs";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(specs)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 5U);
  for (const auto& file : files) {
    const Spec spec = Spec::load_file(file.string());
    std::vector<json> all_examples;
    collect_examples(spec.document(), all_examples);
    std::vector<NamedValidator> validators;
    for (const auto& operation : spec.operations()) {
      for (const auto& [media, validator] : operation.request_body) {
        std::vector<json> own;
        if (const json* body = find_pointer(spec.document(), operation.pointer + "/requestBody")) {
          collect_examples(*body, own);
        }
        validators.push_back(
            {file.filename().string() + " " + operation.operation_id + " request " + media,
             &validator, std::move(own)});
      }
      for (const auto& response : operation.responses) {
        for (const auto& [media, validator] : response.content) {
          std::vector<json> own;
          if (const json* node = find_pointer(spec.document(), response.pointer)) {
            collect_examples(*node, own);
          }
          validators.push_back({file.filename().string() + " " + operation.operation_id + " " +
                                    response.status_key + " " + media,
                                &validator, std::move(own)});
        }
      }
    }
    for (const auto& named : validators) {
      ++schemas;
      for (const auto& example : all_examples) {
        expect_same(*named.validator, example.dump(), named.label, tally);
      }
      for (const auto& example : named.own_examples) {
        expect_same(*named.validator, example.dump(2), named.label + " (indented)", tally);
        for (const auto& mutated : mutations_of(example)) {
          expect_same(*named.validator, mutated.dump(), named.label + " (mutated)", tally);
        }
      }
      if (HasFatalFailure()) return;
    }
  }
  // Not vacuous: both the one-pass path and the DOM path were taken, many times.
  EXPECT_GE(schemas, 50U);
  EXPECT_GE(tally.valid, 500U);
  EXPECT_GE(tally.invalid, 5000U);
  std::cout << schemas << " schemas, " << tally.texts << " texts: " << tally.valid << " valid, "
            << tally.invalid << " invalid\n";
}

/// The suite's draft 4 and draft 7 cases (Debian package json-schema-test-suite), dumped.
TEST(SchemaTextValidation, EqualsTheDomOnTheJsonSchemaTestSuite) {
  const fs::path suite = "/usr/share/json-schema-test-suite/tests";
  if (!fs::is_directory(suite)) GTEST_SKIP() << "no " << suite;
  Tally tally;
  for (const auto& [draft, dialect] :
       {std::pair{"draft4", Dialect::kDraft4}, std::pair{"draft7", Dialect::kDraft7}}) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(suite / draft)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file);
      const auto groups = json::parse(in);
      for (const auto& group : groups) {
        std::optional<SchemaValidator> validator;
        try {
          validator = compile_schema(group["schema"], dialect);
        } catch (const std::exception&) {
          continue;  // the suite runner reports schemas we do not compile
        }
        for (const auto& test : group["tests"]) {
          expect_same(*validator, test["data"].dump(),
                      file.filename().string() + " | " + group["description"].get<std::string>() +
                          " | " + test["description"].get<std::string>(),
                      tally);
          if (HasFatalFailure()) return;
        }
      }
    }
  }
  EXPECT_GE(tally.valid, 300U);
  EXPECT_GE(tally.invalid, 300U);
  std::cout << tally.texts << " suite texts: " << tally.valid << " valid, " << tally.invalid
            << " invalid\n";
}

TEST(SchemaTextValidation, TextsTheReadersDeclineGetTheSameErrors) {
  const auto validator = compile_schema(
      json::parse(R"({"type":"object","properties":{"a":{"type":"array","items":{}}}})"),
      Dialect::kOpenApi30);
  const SchemaValidator anything;
  // StrictJsonBuilder takes kMaxNestingDepth (512) levels, the object being one of them.
  auto nested = [](int arrays) {
    return R"({"a":)" + std::string(static_cast<std::size_t>(arrays), '[') +
           std::string(static_cast<std::size_t>(arrays), ']') + "}";
  };
  const std::string deep_enough = nested(511), just_too_deep = nested(512), too_deep = nested(600);
  const std::vector<std::string> texts = {
      R"({"a":[1],"a":[2]})",                 // duplicate key
      R"({"a":[{"b":1,"c":2,"b":3}]})",       // duplicate key deeper
      R"({"a":[18446744073709551616]})",      // beyond 64 bits
      R"({"a":[-9223372036854775809]})",      // beyond 64 bits
      R"({"a":[1e400]})",                     // out of range
      R"({"a":["\udc00"]})",                  // lone surrogate
      R"({"a":["\ud83d\ude00"], "é": "ü"})",  // a pair, non-ASCII
      std::string("{\"a\":[\"x\0y\"]}", 13),  // NUL byte
      R"({"a":[1,]})",                        // syntax error
      R"({"a":[1]} x)",                       // trailing garbage
      "",                                     // nothing
      "\xff",                                 // not UTF-8
      "{\"a\":\"\xc3\x28\"}",                 // not UTF-8 in a string
      too_deep,
      deep_enough,
      just_too_deep,
      R"({"a":[1.0, 1, -0, 0.5e1, 123456789012345678901234567890.0]})",
  };
  Tally tally;
  for (const auto& text : texts) {
    expect_same(validator, text, "typed", tally);
    expect_same(anything, text, "{}", tally);
  }
  EXPECT_GE(tally.valid, 4U);
}

TEST(SchemaTextValidation, CapturedKeywordsAreJudgedWithTheirWholeValue) {
  // Keywords the one-pass checker hands to the DOM walker with the value captured, inside
  // containers it checks itself: both outcomes of each.
  const auto validator = compile_schema(json::parse(R"({
    "type": "object", "required": ["list"],
    "properties": {
      "list": {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "object",
               "required": ["x"], "properties": {"x": {"enum": [[1], {"a": 2}]}}}]},
               "uniqueItems": true, "maxItems": 3},
      "pair": {"allOf": [{"$ref": "#/$defs/named"}, {"required": ["b"]}]},
      "map": {"type": "object", "patternProperties": {"^n": {"type": "integer"}},
              "additionalProperties": false, "propertyNames": {"maxLength": 3}},
      "text": {"type": "string", "minLength": 2, "pattern": "^[a-z@.]+$", "format": "email"},
      "n": {"type": "integer", "minimum": 0, "multipleOf": 2, "format": "int32"},
      "flag": {"not": {"const": false}}
    },
    "$defs": {"named": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}}
  })"),
                                        Dialect::kOpenApi31);
  const std::vector<std::string> texts = {
      R"({"list":[]})",
      R"({"list":["a",{"x":[1]},{"x":{"a":2}}]})",
      R"({"list":["a","a"]})",
      R"({"list":["a",{"x":[2]}]})",
      R"({"list":[1,2,3,4]})",
      R"({"list":[],"pair":{"a":"s","b":null}})",
      R"({"list":[],"pair":{"a":1}})",
      R"({"list":[],"map":{"n1":1,"n2":2}})",
      R"({"list":[],"map":{"n1":1.5,"zz":2,"long":3}})",
      R"({"list":[],"text":"a@b.c"})",
      R"({"list":[],"text":"ab"})",
      R"({"list":[],"text":"a"})",
      R"({"list":[],"n":4,"flag":true})",
      R"({"list":[],"n":3,"flag":false})",
      R"({"list":[],"n":4294967296})",
  };
  Tally tally;
  for (const auto& text : texts) expect_same(validator, text, "captured", tally);
  EXPECT_GE(tally.valid, 5U);
  EXPECT_GE(tally.invalid, 5U);
}

}  // namespace
}  // namespace statuskit::openapi
