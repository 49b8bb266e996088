// ${...} references and $repeat blocks in suite templates.
#include "scenarios/substitution.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace statuskit::conformance {
namespace {

using nlohmann::json;

Bindings sample_bindings() {
  Bindings bindings;
  bindings.profile = {{"roles", {{"admin", {{"token", "t0k"}, {"uid", 13056700580001}}}}},
                      {"users", {{"plain", "65f0a1"}}}};
  bindings.captured = {{"roomId", "GENERAL"}};
  return bindings;
}

json resolved(const json& template_value) {
  json out;
  const auto missing = resolve(template_value, sample_bindings(), out);
  EXPECT_FALSE(missing) << "missing " << (missing ? missing->key : "");
  return out;
}

TEST(Substitution, AWholeReferenceKeepsTheValuesType) {
  EXPECT_EQ(resolved("${roles.admin.uid}"), json(13056700580001));
  EXPECT_EQ(resolved("${roles.admin.token}"), json("t0k"));
  EXPECT_EQ(resolved("${roles.admin}"), json({{"token", "t0k"}, {"uid", 13056700580001}}));
}

TEST(Substitution, ReferencesInsideTextAreSubstitutedAsText) {
  EXPECT_EQ(resolved("Bearer ${roles.admin.token}"), json("Bearer t0k"));
  EXPECT_EQ(resolved("${users.plain}/${roles.admin.uid}"), json("65f0a1/13056700580001"));
  EXPECT_EQ(resolved("no references"), json("no references"));
}

TEST(Substitution, CapturedValuesAreVisibleUnderCaptured) {
  EXPECT_EQ(resolved("${captured.roomId}"), json("GENERAL"));
}

TEST(Substitution, ArraysAndObjectsAreResolvedDeeply) {
  EXPECT_EQ(resolved({{"ids", {"${users.plain}", "x"}}, {"n", 1}}),
            json({{"ids", {"65f0a1", "x"}}, {"n", 1}}));
}

TEST(Substitution, TheFirstMissingKeyIsNamed) {
  json out;
  const auto missing =
      resolve({{"a", "${users.plain}"}, {"b", "x ${users.ldap} y"}}, sample_bindings(), out);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->key, "users.ldap");
  const auto below_a_scalar = resolve("${users.plain.deeper}", sample_bindings(), out);
  ASSERT_TRUE(below_a_scalar);
  EXPECT_EQ(below_a_scalar->key, "users.plain.deeper");
}

TEST(Substitution, RepeatMakesNCopiesOfTheResolvedItem) {
  const json ids = resolved({{"$repeat", 3}, {"item", "${users.plain}"}});
  EXPECT_EQ(ids, json({"65f0a1", "65f0a1", "65f0a1"}));
  EXPECT_EQ(resolved({{"$repeat", 0}, {"item", 1}}), json::array());
  EXPECT_EQ(resolved({{"$repeat", 501}, {"item", 1}}).size(), 501u);
}

TEST(Substitution, RepeatCountsMayComeFromTheProfile) {
  Bindings bindings = sample_bindings();
  bindings.profile["values"] = {{"oversize", 4}, {"text", "many"}};
  json out;
  EXPECT_FALSE(resolve({{"$repeat", "${values.oversize}"}, {"item", "x"}}, bindings, out));
  EXPECT_EQ(out, json({"x", "x", "x", "x"}));
  const auto missing = resolve({{"$repeat", "${values.absent}"}, {"item", "x"}}, bindings, out);
  ASSERT_TRUE(missing) << "a count the profile lacks skips the scenario";
  EXPECT_EQ(missing->key, "values.absent");
  try {
    resolve({{"$repeat", "${values.text}"}, {"item", "x"}}, bindings, out);
    FAIL() << "a non-numeric count was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "$repeat: ${values.text} is \"many\", not an integer from 0 to 100000");
  }
  EXPECT_TRUE(template_problem({{"$repeat", "prefix ${values.oversize}"}, {"item", 1}}));
}

TEST(Substitution, MalformedTemplatesAreErrorsNotSilentText) {
  json out;
  EXPECT_THROW(resolve("a ${users.plain", sample_bindings(), out), std::invalid_argument);
  EXPECT_THROW(resolve({{"$repeat", -1}, {"item", 1}}, sample_bindings(), out),
               std::invalid_argument);
  EXPECT_THROW(resolve({{"$repeat", 2}}, sample_bindings(), out), std::invalid_argument);
  EXPECT_THROW(resolve({{"$repeat", "2"}, {"item", 1}}, sample_bindings(), out),
               std::invalid_argument);
  EXPECT_THROW(resolve({{"$repeat", 100001}, {"item", 1}}, sample_bindings(), out),
               std::invalid_argument);
}

TEST(Substitution, TemplateProblemPointsIntoTheTemplate) {
  EXPECT_FALSE(template_problem({{"ids", {{"$repeat", 2}, {"item", "${users.plain}"}}}}));
  EXPECT_EQ(template_problem({{"ids", {"ok", "${open"}}}).value(),
            "/ids/1: unclosed ${ in \"${open\"");
  EXPECT_EQ(template_problem({{"/a/b", {{"$repeat", 1}}}}).value(),
            "/~1a~1b: $repeat needs {$repeat: N (0 to 100000) or \"${key}\", item: V}");
  EXPECT_EQ(template_problem({{"$repeat", 1}, {"item", "${x"}}).value(),
            "/item: unclosed ${ in \"${x\"");
}

TEST(Substitution, AsTextWritesNonStringsAsJson) {
  EXPECT_EQ(as_text("abc"), "abc");
  EXPECT_EQ(as_text(13056700580001), "13056700580001");
  EXPECT_EQ(as_text(true), "true");
}

}  // namespace
}  // namespace statuskit::conformance
