// The suite matchers: what passes, what fails, and that the failure says expected vs actual.
#include "scenarios/matchers.h"

#include <gtest/gtest.h>

namespace statuskit::conformance {
namespace {

using nlohmann::json;

std::optional<std::string> check(const json& matcher, const json& actual) {
  return match(matcher, &actual);
}

TEST(Matchers, APlainValueMeansEqual) {
  EXPECT_FALSE(check("inactive", "inactive"));
  const auto problem = check("inactive", "active");
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem, R"(expected "inactive", got "active")");
  EXPECT_EQ(*match(json(1), nullptr), "expected 1, got nothing");
  // 1 and 1.0 are the same JSON number; "1" is not.
  EXPECT_FALSE(check(1, 1.0));
  EXPECT_TRUE(check(1, "1"));
}

TEST(Matchers, EqualsComparesObjectsWholly) {
  EXPECT_FALSE(check({{"equals", {{"a", 1}}}}, {{"a", 1}}));
  EXPECT_TRUE(check({{"equals", {{"a", 1}}}}, {{"a", 1}, {"b", 2}}));
}

TEST(Matchers, AbsentAndPresent) {
  EXPECT_FALSE(match({{"absent", true}}, nullptr));
  EXPECT_EQ(*check({{"absent", true}}, 5), "expected nothing, got 5");
  EXPECT_FALSE(check({{"present", true}}, nullptr));
  EXPECT_EQ(*match({{"present", true}}, nullptr), "expected a value, got nothing");
  EXPECT_FALSE(match({{"present", false}}, nullptr));
}

TEST(Matchers, ContainsAndMatchesOnlyAcceptStrings) {
  EXPECT_FALSE(check({{"contains", "[invalid-params]"}}, "must have ... [invalid-params]"));
  EXPECT_TRUE(check({{"contains", "x"}}, json::array({"x"})));
  EXPECT_FALSE(check({{"matches", "^[0-9]{4}-"}}, "2026-11-23T09:00:00Z"));
  EXPECT_TRUE(check({{"matches", "^z"}}, "abc"));
  EXPECT_EQ(*check({{"matches", "("}}, "abc"), R"(invalid regular expression "(")");
}

TEST(Matchers, LengthCountsArrayItemsObjectMembersAndStringBytes) {
  EXPECT_FALSE(check({{"length", 2}}, json::array({1, 2})));
  EXPECT_FALSE(check({{"length", 0}}, json::array()));
  EXPECT_FALSE(check({{"length", 3}}, "abc"));
  EXPECT_EQ(*check({{"length", 1}}, json::array()), "expected length 1, got 0");
  EXPECT_TRUE(check({{"length", 1}}, 7)) << "a number has no length";
  EXPECT_TRUE(check({{"length", -1}}, json::array()));
  // YAML-loaded integers are signed: they must work the same as unsigned ones.
  EXPECT_FALSE(check({{"length", json(std::int64_t{2})}}, json::array({1, 2})));
}

TEST(Matchers, IncludesMatchesElementsByTheFieldsGiven) {
  const json skipped = json::array({{{"id", "a"}, {"reason", "self"}}, {{"id", "b"}}});
  EXPECT_FALSE(check({{"includes", {{"id", "a"}}}}, skipped));
  EXPECT_FALSE(check({{"includes", {{"id", "a"}, {"reason", "self"}}}}, skipped));
  EXPECT_TRUE(check({{"includes", {{"id", "a"}, {"reason", "forbidden"}}}}, skipped));
  EXPECT_FALSE(check({{"includes", 3}}, json::array({1, 3})));
  EXPECT_TRUE(match({{"includes", 3}}, nullptr));
}

TEST(Matchers, ExcludesNeedsAnArrayWithoutTheElement) {
  EXPECT_FALSE(check({{"excludes", {{"id", "c"}}}}, json::array({{{"id", "a"}}})));
  EXPECT_TRUE(check({{"excludes", {{"id", "a"}}}}, json::array({{{"id", "a"}}})));
  EXPECT_TRUE(match({{"excludes", 1}}, nullptr)) << "nothing there is not an empty array";
}

TEST(Matchers, TypeNamesFollowJsonSchema) {
  EXPECT_FALSE(check({{"type", "string"}}, "x"));
  EXPECT_FALSE(check({{"type", "integer"}}, 3));
  EXPECT_FALSE(check({{"type", "number"}}, 3));
  EXPECT_FALSE(check({{"type", "number"}}, 3.5));
  EXPECT_TRUE(check({{"type", "integer"}}, 3.5));
  EXPECT_FALSE(check({{"type", "array"}}, json::array()));
  EXPECT_FALSE(check({{"type", "object"}}, json::object()));
  EXPECT_FALSE(check({{"type", "boolean"}}, true));
  EXPECT_FALSE(check({{"type", "null"}}, nullptr));
  EXPECT_EQ(*match({{"type", "string"}}, nullptr), R"(expected a "string" value, got nothing)");
}

TEST(Matchers, NotInvertsAnyMatcher) {
  EXPECT_FALSE(check({{"not", "active"}}, "inactive"));
  EXPECT_EQ(*check({{"not", "active"}}, "active"),
            R"(expected anything but "active", got "active")");
  EXPECT_FALSE(check({{"not", {{"contains", "x"}}}}, "abc"));
}

TEST(Matchers, AnObjectWithSeveralKeysIsALiteralNotAMatcher) {
  const json literal = {{"equals", 1}, {"other", 2}};
  EXPECT_FALSE(check(literal, literal));
  EXPECT_TRUE(check(literal, 1));
}

TEST(Matchers, LongActualValuesAreShortenedInMessages) {
  json many = json::array();
  for (int i = 0; i < 500; ++i) many.push_back("65f0000000000000000000a2");
  const auto problem = check({{"length", 1}}, many);
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem, "expected length 1, got 500");
  const auto literal = check("x", many);
  ASSERT_TRUE(literal);
  EXPECT_LT(literal->size(), 400u);
}

}  // namespace
}  // namespace statuskit::conformance
