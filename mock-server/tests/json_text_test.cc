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

TEST(JsonText, TheTextParsesBackToTheSameString) {
  std::string every_ascii;
  for (int c = 1; c < 0x80; ++c) every_ascii.push_back(static_cast<char>(c));
  every_ascii.push_back('\0');
  EXPECT_EQ(nlohmann::json::parse(written(every_ascii)).get<std::string>(), every_ascii);
}

}  // namespace
}  // namespace statuskit::mock
