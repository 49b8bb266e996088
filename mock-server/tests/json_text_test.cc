// append_json_string must write exactly what nlohmann's compact dump writes, so answers written
// as text read the same to clients as the documents they replace.
#include "json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::mock {
namespace {

std::string written(std::string_view text) {
  std::string out = "prefix:";
  append_json_string(out, text);
  return out.substr(7);
}

TEST(JsonText, MatchesNlohmannForEveryByteThatNeedsAnEscapeAndForUtf8) {
  std::vector<std::string> samples = {"",
                                      "65f0000000000000000000a1",
                                      "quote \" and backslash \\ inside",
                                      "\"",
                                      "\\\\",
                                      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
                                      "del \x7f stays"};
  for (int c = 0; c < 0x20; ++c) {
    samples.push_back(std::string("a") + static_cast<char>(c) + "b");
    samples.push_back(std::string(1, static_cast<char>(c)));
  }
  for (const auto& sample : samples) {
    EXPECT_EQ(written(sample), nlohmann::json(sample).dump()) << nlohmann::json(sample).dump();
  }
}

// Strings are scanned eight bytes at a time: an escape must be found in any byte of a word, in
// the tail after the last whole word, and next to bytes of multi-byte characters (>= 0x80).
TEST(JsonText, AnEscapeIsFoundAtEveryPositionOfALongString) {
  const std::vector<std::string> fillers = {
      std::string(19, 'x'), std::string(19, '~'),
      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9x"};
  std::vector<char> escaped = {'"', '\\', '\x1f'};
  for (int c = 0; c < 0x20; ++c) escaped.push_back(static_cast<char>(c));
  for (const auto& filler : fillers) {
    EXPECT_EQ(written(filler), nlohmann::json(filler).dump());
    for (std::size_t at = 0; at < filler.size(); ++at) {
      if ((static_cast<unsigned char>(filler[at]) & 0xC0U) == 0x80U) continue;  // mid-character
      for (const char c : escaped) {
        std::string sample = filler;
        sample.insert(at, 1, c);
        EXPECT_EQ(written(sample), nlohmann::json(sample).dump()) << "at " << at;
      }
    }
  }
}

TEST(JsonText, TheTextParsesBackToTheSameString) {
  std::string every_ascii;
  for (int c = 1; c < 0x80; ++c) every_ascii.push_back(static_cast<char>(c));
  every_ascii.push_back('\0');
  EXPECT_EQ(nlohmann::json::parse(written(every_ascii)).get<std::string>(), every_ascii);
}

}  // namespace
}  // namespace statuskit::mock
