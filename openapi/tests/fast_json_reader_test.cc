// The fast reader must give exactly nlohmann's document (values and number types) for every
// text it takes, and decline every text nlohmann refuses: checked on edge cases of the grammar
// and on many deterministic byte mutations of them (a small differential fuzz).
#include "fast_json_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "json_identical.h"
#include "strict_json_builder.h"

namespace statuskit::openapi {
namespace {

/// What nlohmann's own parser makes of `text` through the same builder, or nullopt.
std::optional<json> read_with_nlohmann(std::string_view text, DuplicateKeys duplicates) {
  StrictJsonBuilder builder(duplicates);
  if (!json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true)) {
    return std::nullopt;
  }
  return std::move(builder.root);
}

/// Fails the test when the fast reader takes `text` and differs from nlohmann, or takes a text
/// nlohmann refuses. (Declining a text nlohmann takes is allowed: the caller falls back.)
void expect_agreement(const std::string& text, DuplicateKeys duplicates) {
  const auto fast = read_json_fast(text, duplicates);
  const auto reference = read_with_nlohmann(text, duplicates);
  if (!fast) return;
  ASSERT_TRUE(reference.has_value()) << "fast reader took what nlohmann refuses: " << text;
  ASSERT_TRUE(identical(*fast, *reference))
      << "for " << text << ": fast " << fast->dump() << ", nlohmann " << reference->dump();
}

const std::vector<std::string>& edge_cases() {
  static const std::vector<std::string> cases = {
      R"({"ids":["65f0000000000000000000a1","65f0000000000000000000b1"],"status":"active"})",
      "0",
      "-0",
      "5",
      "-5",
      "1.0",
      "-1.5e3",
      "1E2",
      "1e-400",
      "1e400",
      "-1e400",
      "0.1",
      "18446744073709551615",
      "18446744073709551616",
      "-9223372036854775808",
      "-9223372036854775809",
      "9223372036854775807",
      "01",
      "1.",
      ".5",
      "-",
      "+1",
      "1e",
      "0x10",
      "NaN",
      "Infinity",
      "true",
      "false",
      "null",
      "tru",
      "nul",
      "[]",
      "{}",
      "[1,]",
      "{\"a\":1,}",
      "[1 2]",
      " \t\r\n[1]\n ",
      "\f[1]",
      "[1]x",
      "[1][2]",
      "",
      " ",
      "\xEF\xBB\xBF{}",
      R"(["\u0000"])",
      R"(["\uD83D\uDE00"])",
      R"(["\uD83D"])",
      R"(["\uDE00"])",
      R"(["\uDE00x"])",
      R"({"\uDE00":1})",
      R"(["\uD83Dx"])",
      R"(["\u00e9\n\t\"\\\/"])",
      R"(["\x"])",
      "[\"caf\xC3\xA9\"]",
      "[\"\xC3\"]",
      "[\"\xED\xA0\x80\"]",
      "[\"\xF4\x90\x80\x80\"]",
      "[\"\xC0\xAF\"]",
      "[\"a\x01\"]",
      "[\"tab\there\"]",
      std::string("[\"\0\"]", 5),
      std::string("[1]\0", 4),
      R"({"a":1,"a":2})",
      R"({"a":{"b":[1,{"c":null}]},"d":"e"})",
      R"({"":1})",
      R"({"a" 1})",
      R"({a:1})",
      "[[[[[[[[[[]]]]]]]]]]",
      "'a'",
      "[\"unterminated",
      std::string(600, '[') + std::string(600, ']'),
      std::string(511, '[') + std::string(511, ']'),
      std::string(512, '[') + std::string(512, ']'),
      std::string(513, '[') + std::string(513, ']')};
  return cases;
}

TEST(FastJsonReader, AgreesWithNlohmannOnTheEdgesOfTheGrammar) {
  for (const auto duplicates : {DuplicateKeys::kReject, DuplicateKeys::kLastWins}) {
    for (const auto& text : edge_cases()) expect_agreement(text, duplicates);
  }
}

TEST(FastJsonReader, TakesPlainDocumentsRatherThanDecliningEverything) {
  // Without this, a reader that declined everything would pass the test above.
  for (const char* text : {R"({"ids":["a","b"],"status":"active"})", "[1,-2,3.5,true,null]",
                           R"({"a":1,"a":2})", R"(["\uD83D\uDE00"])", "18446744073709551615"}) {
    EXPECT_TRUE(read_json_fast(text, DuplicateKeys::kLastWins).has_value()) << text;
  }
  EXPECT_FALSE(read_json_fast(R"({"a":1,"a":2})", DuplicateKeys::kReject).has_value());
  EXPECT_EQ(read_json_fast(R"({"a":1,"a":2})", DuplicateKeys::kLastWins)->at("a"), 2);
}

TEST(FastJsonReader, AgreesWithNlohmannOnTenThousandMutations) {
  std::mt19937 random(20261128);  // fixed: the same texts on every run
  const std::string alphabet = "{}[],:\"\\/ -+.eE0123456789abfnrtu\x01\x7F\xC3\xA9\xED\xA0\xFF";
  const auto& seeds = edge_cases();
  for (int i = 0; i < 10000; ++i) {
    std::string text = seeds[random() % seeds.size()];
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = text.empty() ? 0 : random() % (text.size() + 1);
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        case 1:
          if (at < text.size()) text.erase(at, 1);
          break;
        default:
          if (at < text.size()) text[at] = c;
      }
    }
    expect_agreement(text, i % 2 == 0 ? DuplicateKeys::kReject : DuplicateKeys::kLastWins);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace statuskit::openapi
