// The YAML reader (libyaml events built into JSON) on what one YAML parser may read differently
// from another: anchors, tags, block and flow styles, comments, encodings, line breaks, tabs,
// keys, nesting and where errors point.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "statuskit/openapi/document_loader.h"
#include "yaml_document_reader.h"

namespace statuskit::openapi {
namespace {

using nlohmann::json;

json yaml(const std::string& text) { return parse_yaml_text(text, "test.yaml"); }

/// The LoadError `text` raises, as "line:column: reason"; "no error" when it loads.
std::string error_of(const std::string& text) {
  try {
    yaml(text);
  } catch (const LoadError& error) {
    return std::to_string(error.line()) + ":" + std::to_string(error.column()) + ": " +
           error.reason();
  }
  return "no error";
}

TEST(YamlAnchors, AliasesRepeatScalarsAndCollections) {
  const auto doc = yaml(
      "base: &b {x: 1, y: [a, b]}\n"
      "copy: *b\n"
      "n: &n 42\n"
      "q: &q '42'\n"
      "list: [*n, *q, *b]\n");
  EXPECT_EQ(doc["copy"], json::parse(R"({"x":1,"y":["a","b"]})"));
  EXPECT_EQ(doc["list"], json::parse(R"([42,"42",{"x":1,"y":["a","b"]}])"))
      << "an aliased scalar resolves as the anchored one: plain 42 a number, quoted a string";
}

TEST(YamlAnchors, ARedefinedAnchorNamesItsLatestNode) {
  EXPECT_EQ(yaml("a: &x 1\nb: &x [2]\nc: *x\n")["c"], json::parse("[2]"));
}

TEST(YamlAnchors, AnAliasCanBeAKey) {
  EXPECT_EQ(yaml("k: &k name\n*k : 1\n"), json::parse(R"({"k":"name","name":1})"));
  EXPECT_EQ(error_of("a: &k x\nx: 1\n*k : 2\n"), "1:4: duplicate key 'x'")
      << "the key is the anchored node, so the duplicate is reported where it was written";
  EXPECT_EQ(error_of("a: &m {b: 1}\n*m : 2\n"), "1:4: mapping keys must be scalars");
}

TEST(YamlAnchors, AnUndefinedAliasIsAnErrorAtTheAlias) {
  EXPECT_EQ(error_of("a: 1\nb: [1, *nowhere]\n"),
            "2:8: the referenced anchor is not defined: nowhere");
  EXPECT_EQ(error_of("a: *later\nb: &later 1\n"),
            "1:4: the referenced anchor is not defined: later");
}

TEST(YamlAnchors, ARecursiveAliasIsAnError) {
  EXPECT_EQ(error_of("a: &x [1, *x]\n"),
            "1:11: YAML nested deeper than 512 levels (through aliases; a recursive alias?)");
  EXPECT_EQ(error_of("a: &x {b: {c: *x}}\n"),
            "1:15: YAML nested deeper than 512 levels (through aliases; a recursive alias?)");
}

/// "Billion laughs": `levels` anchors, each a list of ten aliases of the one before.
std::string alias_bomb(int levels) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= levels; ++i) {
    const std::string previous = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k == 0 ? "" : ", ") + previous;
    text += "]\n";
  }
  return text;
}

TEST(YamlAnchors, AnAliasBombStopsAtTheNodeBudgetAtTheAliasThatPassesIt) {
  // The real budget (10 million) takes seconds to reach in a Debug build; the reader's own entry
  // point takes a smaller one. The root, a0 and a1 are 123 values, a2's list one more, and each
  // alias in it 111: over 1000 at its eighth alias.
  const auto error_with_budget = [](const std::string& text, std::size_t budget) {
    try {
      detail::read_first_yaml_document(text, "test.yaml", budget);
    } catch (const LoadError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_with_budget(alias_bomb(9), 1000),
            "test.yaml:3:45: document expands to more than 1000 nodes");
  EXPECT_EQ(error_with_budget(alias_bomb(2), 1234), "no error") << "exactly the budget is fine";
  EXPECT_EQ(error_with_budget(alias_bomb(2), 1233),
            "test.yaml:3:55: document expands to more than 1233 nodes");
  EXPECT_EQ(detail::kMaxYamlNodes, 10'000'000U);
  EXPECT_EQ(yaml(alias_bomb(3))["a3"][9][9][9][9], json("x"));
}

TEST(YamlTags, ExplicitTagsDecideTheType) {
  const auto doc = yaml(
      "s: !!str 42\ni: !!int '42'\nf: !!float '1.5'\nb: !!bool 'true'\nn: !!null x\n"
      "plain: ! 42\nverbatim: !<tag:yaml.org,2002:str> 7\nempty: !!str\nseq: !!seq [1]\n");
  EXPECT_EQ(doc["s"], json("42"));
  EXPECT_EQ(doc["i"], json(42));
  EXPECT_EQ(doc["f"], json(1.5));
  EXPECT_EQ(doc["b"], json(true));
  EXPECT_TRUE(doc["n"].is_null());
  EXPECT_EQ(doc["plain"], json("42")) << "the non-specific tag ! makes a string";
  EXPECT_EQ(doc["verbatim"], json("7"));
  EXPECT_EQ(doc["empty"], json("")) << "a tagged empty node is an empty string, not null";
  EXPECT_EQ(doc["seq"], json::parse("[1]")) << "tags on collections are not checked";
}

TEST(YamlTags, ATagTheTextDoesNotSatisfyIsAnErrorAtTheNode) {
  EXPECT_EQ(error_of("a: 1\nb: !!int x1\n"), "2:4: 'x1' is not an integer");
  EXPECT_EQ(error_of("b: !!bool yes\n"), "1:4: 'yes' is not a boolean");
  EXPECT_EQ(error_of("b: !!float abc\n"), "1:4: 'abc' is not a number");
  EXPECT_EQ(error_of("b: !custom x\n"), "1:4: unsupported tag '!custom'");
  EXPECT_EQ(error_of("%TAG !e! tag:example.com,2000:\n---\nb: !e!thing x\n"),
            "3:4: unsupported tag 'tag:example.com,2000:thing'");
}

TEST(YamlScalars, BlockScalarsAreAlwaysStrings) {
  const auto doc = yaml(
      "literal: |\n  123\n  true\nfolded: >\n  one\n  two\n\n  three\nstrip: |-\n  42\n"
      "keep: |+\n  x\n\nnumber: >-\n  12\n");
  EXPECT_EQ(doc["literal"], json("123\ntrue\n"));
  EXPECT_EQ(doc["folded"], json("one two\nthree\n"));
  EXPECT_EQ(doc["strip"], json("42"));
  EXPECT_EQ(doc["keep"], json("x\n\n"));
  EXPECT_EQ(doc["number"], json("12")) << "a block scalar is never a number";
}

TEST(YamlScalars, PlainScalarsFollowTheCoreSchema) {
  const auto doc = yaml(
      "- 1.\n- .5\n- -.5e+3\n- +12\n- 0x\n- 0o8\n- 1_000\n- 1e\n- .\n- 0xFf\n- NULL\n"
      "- nULL\n- TRUE\n- tRUE\n- -.iNF\n- 9223372036854775808\n- 0o777\n- 1e400x\n");
  EXPECT_EQ(doc, json::parse(R"([1.0, 0.5, -500.0, 12, "0x", "0o8", "1_000", "1e", ".", 255,
                                 null, "nULL", true, "tRUE", "-.iNF", 9223372036854775808, 511,
                                 "1e400x"])"));
  EXPECT_EQ(error_of("a: -.INF\n"), "1:4: '-.INF' (infinity or NaN) cannot be represented in JSON");
  EXPECT_EQ(error_of("a: 1e400\n"), "1:4: number 1e400 is out of range");
  EXPECT_EQ(error_of("a: -9223372036854775809\n"),
            "1:4: integer -9223372036854775809 does not fit in 64 bits");
}

TEST(YamlCollections, FlowCollectionsNestAndQuoteLikeBlockOnes) {
  const auto doc =
      yaml("a: {b: [1, 'two', {c: null}], \"d e\": [], f: {}}\nlist: [a: 1, [x, y]]\n");
  EXPECT_EQ(doc, json::parse(R"({"a":{"b":[1,"two",{"c":null}],"d e":[],"f":{}},
                                 "list":[{"a":1},["x","y"]]})"));
}

TEST(YamlCollections, CommentsAreNotContent) {
  const auto doc = yaml(
      "# heading\na: 1 # trailing\nb: 'x # y'\nc: x#y\nd: [1, # inside\n  2]\ne: |\n  # kept\n");
  EXPECT_EQ(doc, json::parse(R"({"a":1,"b":"x # y","c":"x#y","d":[1,2],"e":"# kept\n"})"));
}

TEST(YamlKeys, KeysAreTheirTextWhateverTheyLookLike) {
  const auto doc = yaml("1: a\ntrue: b\n1.5: c\n'null': d\n!!int 7: e\n0x1F: f\n");
  EXPECT_EQ(doc, json::parse(R"({"1":"a","true":"b","1.5":"c","null":"d","7":"e","0x1F":"f"})"));
}

TEST(YamlKeys, NullAndCollectionKeysAreErrors) {
  EXPECT_EQ(error_of("a: 1\nnull: 2\n"), "2:1: mapping keys must be scalars");
  EXPECT_EQ(error_of("a: 1\n~: 2\n"), "2:1: mapping keys must be scalars");
  EXPECT_EQ(error_of("a: 1\n?\n: 2\n"), "2:2: mapping keys must be scalars")
      << "an empty key is null";
  EXPECT_EQ(error_of("a: 1\n? [x]\n: 2\n"), "2:3: mapping keys must be scalars");
  EXPECT_EQ(error_of("{[1]: 2}"), "1:2: mapping keys must be scalars");
  EXPECT_EQ(yaml("'': 1\n"), json::parse(R"({"":1})"));
  EXPECT_EQ(yaml("!!str : 1\n"), json::parse(R"({"":1})")) << "tagged, an empty key is \"\"";
}

TEST(YamlKeys, DuplicateKeysInFlowMappingsAndAfterNestedValues) {
  EXPECT_EQ(error_of("{a: 1, b: 2, a: 3}"), "1:14: duplicate key 'a'");
  EXPECT_EQ(error_of("a:\n  x: [1, {y: 2}]\nb: 1\na: 2\n"), "4:1: duplicate key 'a'");
  EXPECT_EQ(error_of("a: 1\n'a': 2\n"), "2:1: duplicate key 'a'") << "quoting does not matter";
}

TEST(YamlErrors, SyntaxErrorsPointAtTheProblem) {
  EXPECT_EQ(error_of("a: [1, 2\nb: 3\n"),
            "2:2: did not find expected ',' or ']' (while parsing a flow sequence that starts at "
            "1:4)");
  EXPECT_EQ(error_of("a: 'x\nb: 1\n"),
            "3:1: found unexpected end of stream (while scanning a quoted scalar that starts at "
            "1:4)");
  EXPECT_EQ(error_of("a:\n  - b\n - c\n"),
            "3:2: did not find expected key (while parsing a block mapping that starts at 1:1)");
}

TEST(YamlErrors, ASyntaxErrorComesBeforeAProblemInTheValuesAboveIt) {
  // The whole document is parsed before its values are judged.
  EXPECT_EQ(error_of("a: 1\na: 2\nb: [\n"),
            "4:1: did not find expected node content (while parsing a flow node that starts at "
            "4:1)");
  EXPECT_EQ(error_of("a: 1\na: 2\nb: !!int x\n"), "2:1: duplicate key 'a'")
      << "between problems in the values, the first one";
}

TEST(YamlText, CrLfLineBreaksReadAsLf) {
  const auto doc = yaml("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: \"p\r\n  q\"\r\n");
  EXPECT_EQ(doc, json::parse(R"({"a":1,"b":"x\ny\n","c":"p q"})"));
  EXPECT_EQ(error_of("a: 1\r\nb: 2\r\na: 3\r\n"), "3:1: duplicate key 'a'");
}

TEST(YamlText, TabsSeparateButDoNotIndent) {
  EXPECT_EQ(yaml("a:\tb\nc: [1,\t2]\nd: 'x\ty'\n"),
            json::parse(R"({"a":"b","c":[1,2],"d":"x\ty"})"));
  EXPECT_EQ(error_of("a:\n\tb: 1\n"),
            "2:1: found character that cannot start any token (while scanning for the next token "
            "that starts at 2:1)");
}

TEST(YamlText, AByteOrderMarkIsSkippedAndUtf16And32AreRead) {
  EXPECT_EQ(yaml("\xEF\xBB\xBF"
                 "a: 1\n"),
            json::parse(R"({"a":1})"));
  const std::string ascii = "a: [1, \"\xC3\xA9\"]\n";
  const json expected = json::parse("{\"a\":[1,\"\xC3\xA9\"]}");
  // U+00E9 (é) in each encoding; the UTF-8 form is above.
  std::string utf16le = "\xFF\xFE", utf16be, utf32le = std::string("\xFF\xFE\0\0", 4), utf32be;
  for (const char c : std::string("a: [1, \"\xE9\"]\n")) {
    const char byte = c;
    utf16le += std::string{byte, '\0'};
    utf16be += std::string{'\0', byte};
    utf32le += std::string{byte, '\0', '\0', '\0'};
    utf32be += std::string{'\0', '\0', '\0', byte};
  }
  EXPECT_EQ(yaml(utf16le), expected) << "UTF-16LE with a byte order mark";
  EXPECT_EQ(yaml(utf16be), expected) << "UTF-16BE told by its zero bytes";
  EXPECT_EQ(yaml(utf32le), expected) << "UTF-32LE with a byte order mark";
  EXPECT_EQ(yaml(utf32be), expected) << "UTF-32BE told by its zero bytes";
  EXPECT_EQ(yaml(ascii), expected);
}

TEST(YamlText, ControlCharactersAreErrorsAtTheirByte) {
  EXPECT_EQ(error_of("a: ok\nb: x\x01y\n"), "2:5: control characters are not allowed (U+0001)");
  EXPECT_EQ(yaml("a: \"x\\u0001y\"\n")["a"], json("x\x01y")) << "escaped, they are fine";
}

std::string nested_sequences(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += std::string(2 * i, ' ') + "-\n";
  return text + std::string(2 * depth, ' ') + "x\n";
}

TEST(YamlNesting, ExactlyTheLimitIsAcceptedAndOneMoreIsAnErrorAtThatNode) {
  const std::string flow_limit =
      std::string(kMaxNestingDepth, '[') + std::string(kMaxNestingDepth, ']');
  EXPECT_TRUE(yaml(flow_limit).is_array());
  EXPECT_EQ(error_of("a: " + std::string(kMaxNestingDepth, '[') + "[]" +
                     std::string(kMaxNestingDepth, ']')),
            "1:515: YAML nested deeper than 512 levels")
      << "the mapping is level 1; the 512th [ opens level 513";
  EXPECT_TRUE(yaml(nested_sequences(kMaxNestingDepth)).is_array());
  EXPECT_EQ(error_of(nested_sequences(kMaxNestingDepth + 1)),
            "513:1025: YAML nested deeper than 512 levels")
      << "block style counts the same";
}

TEST(YamlDocuments, OnlyTheFirstDocumentIsReadAndAnEmptyOneIsNull) {
  EXPECT_EQ(yaml("a: 1\n---\nb: 2\n"), json::parse(R"({"a":1})"));
  EXPECT_EQ(yaml("---\na: 1\n...\n--- [unclosed\n"), json::parse(R"({"a":1})"))
      << "a later document is not parsed";
  EXPECT_TRUE(yaml("").is_null());
  EXPECT_TRUE(yaml("# only a comment\n").is_null());
  EXPECT_TRUE(yaml("---\n").is_null());
  EXPECT_TRUE(yaml("---\n...\n---\na: 1\n").is_null());
  EXPECT_EQ(yaml("just text"), json("just text"));
  EXPECT_EQ(yaml("%YAML 1.2\n---\n- 1\n"), json::parse("[1]"));
}

}  // namespace
}  // namespace statuskit::openapi
