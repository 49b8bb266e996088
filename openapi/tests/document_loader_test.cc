#include "statuskit/openapi/document_loader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::openapi {
namespace {

using nlohmann::json;

json yaml(const std::string& text) { return parse_yaml_text(text, "test.yaml"); }

TEST(YamlLoader, QuotedScalarsStayStrings) {
  const auto doc = yaml("a: '123'\nb: \"yes\"\nc: 'true'\nd: \"null\"\ne: '1.5'\n");
  EXPECT_EQ(doc["a"], json("123"));
  EXPECT_EQ(doc["b"], json("yes"));
  EXPECT_EQ(doc["c"], json("true"));
  EXPECT_EQ(doc["d"], json("null"));
  EXPECT_EQ(doc["e"], json("1.5"));
}

TEST(YamlLoader, Yaml11BooleansAreStringsUnderTheCoreSchema) {
  const auto doc = yaml("a: yes\nb: on\nc: no\nd: off\ne: y\nf: True\ng: FALSE\n");
  EXPECT_EQ(doc["a"], json("yes"));
  EXPECT_EQ(doc["b"], json("on"));
  EXPECT_EQ(doc["c"], json("no"));
  EXPECT_EQ(doc["d"], json("off"));
  EXPECT_EQ(doc["e"], json("y"));
  EXPECT_EQ(doc["f"], json(true));
  EXPECT_EQ(doc["g"], json(false));
}

TEST(YamlLoader, NullsNumbersAndTags) {
  const auto doc =
      yaml("a: ~\nb: null\nc:\nd: 0x1F\ne: 0o17\nf: -42\ng: 1.5e3\nh: !!str 42\ni: 012\n");
  EXPECT_TRUE(doc["a"].is_null());
  EXPECT_TRUE(doc["b"].is_null());
  EXPECT_TRUE(doc["c"].is_null());
  EXPECT_EQ(doc["d"], json(31));
  EXPECT_EQ(doc["e"], json(15));
  EXPECT_EQ(doc["f"], json(-42));
  EXPECT_EQ(doc["g"], json(1500.0));
  EXPECT_EQ(doc["h"], json("42"));
  EXPECT_EQ(doc["i"], json(12)) << "YAML 1.2: a leading zero is still decimal";
}

TEST(YamlLoader, BigIntegersKeepFullPrecision) {
  const auto doc =
      yaml("max: 18446744073709551615\nmin: -9223372036854775808\nbig: 9007199254740993\n");
  EXPECT_EQ(doc["max"].get<std::uint64_t>(), 18446744073709551615ULL);
  EXPECT_EQ(doc["min"].get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(doc["big"].get<std::int64_t>(), 9007199254740993LL) << "beyond double precision";
}

TEST(YamlLoader, IntegersBeyond64BitsAreErrorsWithPosition) {
  try {
    yaml("a: 1\nb: 18446744073709551616\n");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.line(), 2);
    EXPECT_EQ(error.column(), 4);
    EXPECT_NE(error.reason().find("does not fit in 64 bits"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).rfind("test.yaml:2:4: ", 0), 0U) << error.what();
  }
}

TEST(YamlLoader, InvalidUtf8IsAnErrorAtItsPosition) {
  // JSON cannot carry such bytes, so they must stop here, before any parser sees them.
  for (const char* bad : {"a: ok\nb: x\xC2\xC2\n", "a: ok\nb: x\xED\xA0\x80\n",
                          "a: ok\nb: x\xC0\xAF\n", "a: ok\nb: x\xF5\x80\x80\x80\n"}) {
    try {
      yaml(bad);
      FAIL() << "expected LoadError";
    } catch (const LoadError& error) {
      EXPECT_EQ(error.line(), 2);
      EXPECT_EQ(error.column(), 5);
      EXPECT_EQ(error.reason().rfind("invalid UTF-8 byte 0x", 0), 0U) << error.what();
    }
  }
  EXPECT_EQ(yaml("name: \"caf\xC3\xA9 \xF0\x9F\x98\x80\"\n")["name"],
            "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(YamlLoader, DuplicateKeysAreErrorsAtTheDuplicate) {
  try {
    yaml("paths:\n  /a: 1\n  /b: 2\n  /a: 3\n");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.line(), 4);
    EXPECT_EQ(error.reason(), "duplicate key '/a'");
  }
}

TEST(YamlLoader, MalformedYamlReportsLineAndColumn) {
  try {
    yaml("a: [1, 2\nb: 3\n");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_GT(error.line(), 0);
    EXPECT_GT(error.column(), 0);
    EXPECT_EQ(error.file(), "test.yaml");
  }
}

TEST(YamlLoader, AnchorsExpandAndRecursiveAliasesStop) {
  const auto doc = yaml("base: &b {x: 1}\nuse: *b\n");
  EXPECT_EQ(doc["use"]["x"], json(1));
  EXPECT_THROW(yaml("a: &x [*x]\n"), LoadError);
}

TEST(YamlLoader, InfinityAndNanCannotBecomeJson) {
  EXPECT_THROW(yaml("a: .inf\n"), LoadError);
  EXPECT_THROW(yaml("a: .nan\n"), LoadError);
  EXPECT_EQ(yaml("a: '.inf'\n")["a"], json(".inf"));
}

TEST(JsonLoader, DuplicateKeysAreErrorsNamingThePointer) {
  try {
    parse_json_text(R"({"a":{"b":1,"b":2}})", "body");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.reason(), "duplicate key 'b' in the object at /a");
  }
}

TEST(JsonLoader, LastWinsKeepsTheLastValueOfARepeatedKeyAsTheVendorsParsersDo) {
  const auto body = parse_json_text(R"({"activeStatus":true,"userId":"u","activeStatus":false})",
                                    "body", DuplicateKeys::kLastWins);
  EXPECT_EQ(body, json({{"activeStatus", false}, {"userId", "u"}}));
  // A repeated key whose values are containers: the later container replaces the earlier one
  // whole (JSON.parse does not merge), and the pointers of later problems stay right.
  EXPECT_EQ(parse_json_text(R"({"a":{"x":1},"a":[2,{"y":3}]})", "body", DuplicateKeys::kLastWins),
            json::parse(R"({"a":[2,{"y":3}]})"));
  try {
    parse_json_text(R"({"a":{"b":1},"a":{"c":[18446744073709551616]}})", "body",
                    DuplicateKeys::kLastWins);
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.reason(), "integer 18446744073709551616 at /a/c does not fit in 64 bits");
  }
  EXPECT_THROW(parse_json_text(R"({"a":1,"a":2})", "body"), LoadError) << "kReject is the default";
}

TEST(JsonLoader, BigIntegersAreErrorsNotRoundedDoubles) {
  EXPECT_EQ(parse_json_text("[18446744073709551615]", "x")[0].get<std::uint64_t>(),
            18446744073709551615ULL);
  EXPECT_THROW(parse_json_text("[18446744073709551616]", "x"), LoadError);
  EXPECT_THROW(parse_json_text("[1e400]", "x"), LoadError) << "a double overflow is not infinity";
}

TEST(JsonLoader, SyntaxErrorsCarryLineAndColumn) {
  try {
    parse_json_text("{\n  \"a\": ,\n}", "doc.json");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.line(), 2);
    EXPECT_GT(error.column(), 1);
  }
}

TEST(JsonLoader, ANulByteIsNeverTheEndOfTheText) {
  // nlohmann's lexer stops at a NUL byte (as at the end of a C string): a value followed by NUL
  // and anything was taken as that value alone.
  for (const std::string& text : {std::string("{\"a\":1}\0garbage", 15),
                                  std::string("{\"a\":1}\0", 8), std::string("[1]\n\0", 5)}) {
    try {
      parse_json_text(text, "body");
      ADD_FAILURE() << "took a text with a NUL byte: " << json(text).dump();
    } catch (const LoadError& error) {
      EXPECT_EQ(error.reason(), "syntax error after the JSON value - unexpected NUL byte at byte " +
                                    std::to_string(text.find('\0') + 1));
    }
  }
  try {
    parse_json_text(std::string("[1]\n\0", 5), "body");
  } catch (const LoadError& error) {
    EXPECT_EQ(error.line(), 2);
    EXPECT_EQ(error.column(), 1);
  }
  // Inside a value, nlohmann's own message stays.
  EXPECT_THROW(parse_json_text(std::string("{\"a\":\0}", 7), "body"), LoadError);
  EXPECT_THROW(parse_json_text(std::string("[\"a\0b\"]", 7), "body"), LoadError);
}

TEST(JsonLoader, ErrorPointersNameArrayIndexesAndEscapedKeys) {
  try {
    parse_json_text(R"({"x":[0,{"a/b":[{"k":1,"k":2}]}]})", "body");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.reason(), "duplicate key 'k' in the object at /x/1/a~1b/0");
  }
  try {
    parse_json_text(R"({"a":{"b":[1,2]},"c":[[],[18446744073709551616]]})", "body");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.reason(), "integer 18446744073709551616 at /c/1 does not fit in 64 bits")
        << "a closed sibling leaves no trace";
  }
}

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonLoader, NestingOf512LevelsIsAccepted) {
  EXPECT_TRUE(parse_json_text(nested_arrays(kMaxNestingDepth), "body").is_array());
  std::string objects;
  for (std::size_t i = 0; i < kMaxNestingDepth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(kMaxNestingDepth, '}');
  EXPECT_TRUE(parse_json_text(objects, "body").is_object());
}

TEST(JsonLoader, NestingDeeperThan512LevelsIsAnErrorNamingTheByte) {
  try {
    parse_json_text(" " + nested_arrays(kMaxNestingDepth + 1), "body");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    // The 513th "[" is byte 514 of the text (after one blank).
    EXPECT_EQ(error.reason(), "JSON nested deeper than 512 levels at byte 514");
    EXPECT_EQ(error.line(), 1);
    EXPECT_EQ(error.column(), 514);
  }
  try {
    parse_json_text("{\"a\\\"[\":\n" + nested_arrays(kMaxNestingDepth), "body");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    // Brackets inside strings do not count; the 512th "[" is level 513 under the object.
    EXPECT_EQ(error.reason(), "JSON nested deeper than 512 levels at byte 521");
    EXPECT_EQ(error.line(), 2);
    EXPECT_EQ(error.column(), 512);
  }
}

TEST(JsonLoader, AHundredThousandLevelsAreRejectedAtTheLimit) {
  // The attack shape: tiny text, huge depth. It must stop at level 513, not build the rest.
  try {
    parse_json_text(nested_arrays(100'000), "body");
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.reason(), "JSON nested deeper than 512 levels at byte 513");
  }
}

TEST(YamlLoader, DeepNestingIsAnErrorNotACrash) {
  EXPECT_TRUE(yaml(nested_arrays(400)).is_array());
  // The text itself: a limit on the parser's nesting, not only on the tree built.
  for (std::size_t depth : {kMaxNestingDepth + 1, std::size_t{100'000}}) {
    try {
      yaml(nested_arrays(depth));
      FAIL() << "expected LoadError";
    } catch (const LoadError& error) {
      EXPECT_EQ(error.reason().rfind("YAML nested deeper than ", 0), 0U) << error.what();
    }
  }
}

TEST(YamlLoader, AliasesCannotBuildATreeDeeperThan512Levels) {
  // Each anchor nests the previous one 100 levels deeper: small text, 600 levels once expanded.
  std::string text = "a0: &a0 " + nested_arrays(100) + "\n";
  for (int i = 1; i <= 5; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " " + std::string(100, '[') +
            "*a" + std::to_string(i - 1) + std::string(100, ']') + "\n";
  }
  try {
    yaml(text);
    FAIL() << "expected LoadError";
  } catch (const LoadError& error) {
    EXPECT_EQ(error.reason().rfind("YAML nested deeper than 512 levels", 0), 0U) << error.what();
  }
}

TEST(DocumentFile, UnreadableFileIsALoadError) {
  try {
    load_document_file("/no/such/file.yaml");
    FAIL();
  } catch (const LoadError& error) {
    EXPECT_EQ(error.line(), 0);
    EXPECT_EQ(error.reason(), "cannot read file");
  }
}

}  // namespace
}  // namespace statuskit::openapi
