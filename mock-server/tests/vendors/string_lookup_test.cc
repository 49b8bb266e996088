// SeenStrings de-duplicates a bulk request's ids and StringMap finds users by view: both must
// answer exactly as std::unordered_set / std::map would, however many strings arrive.
#include "vendors/string_lookup.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_set>
#include <vector>

namespace statuskit::mock {
namespace {

TEST(SeenStrings, TheFirstOccurrenceIsNewAndEveryLaterOneIsNot) {
  SeenStrings seen(3);
  EXPECT_TRUE(seen.first_time("a"));
  EXPECT_TRUE(seen.first_time(""));
  EXPECT_FALSE(seen.first_time("a"));
  EXPECT_FALSE(seen.first_time(""));
  EXPECT_TRUE(seen.first_time("b"));
  EXPECT_FALSE(seen.first_time(std::string("b")));
}

TEST(SeenStrings, AgreesWithAnUnorderedSetFarBeyondTheExpectedCount) {
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) texts.push_back("65f" + std::to_string((i * 7919) % 1800));
  SeenStrings seen(4);  // grows many times
  std::unordered_set<std::string> reference;
  for (const auto& text : texts) {
    EXPECT_EQ(seen.first_time(text), reference.insert(text).second) << text;
  }
}

TEST(StringMap, FindsByViewAndBuildsNoKey) {
  StringMap<int> map{{"65f0000000000000000000a1", 1}, {"x", 2}};
  const std::string_view wanted = "65f0000000000000000000a1";
  ASSERT_NE(map.find(wanted), map.end());
  EXPECT_EQ(map.find(wanted)->second, 1);
  EXPECT_EQ(map.find(std::string_view("65f0000000000000000000a")), map.end());
}

}  // namespace
}  // namespace statuskit::mock
