#include "commands/spec_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace statuskit::conformance {
namespace {

const std::string kData = std::string(STATUSKIT_SOURCE_DIR) + "/conformance/tests/data/";

TEST(SpecCheck, EveryInvalidExampleIsReportedWithItsPointer) {
  const auto problems = check_spec_file(kData + "bad-examples.yaml");
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].pointer, "/components/responses/Error/content/application~1json/example");
  EXPECT_EQ(problems[0].message, "/: required property 'code' is missing");
  EXPECT_EQ(problems[1].pointer,
            "/paths/~1a/get/responses/200/content/application~1json/examples/bad/value");
  EXPECT_EQ(problems[1].message, "/status: \"enabled\" is not one of [\"ENABLED\",\"DISABLED\"]");
}

TEST(SpecCheck, ParameterExamplesAreCheckedOnceWhereverTheParameterIsDefined) {
  const auto problems = check_spec_file(kData + "bad-parameter-examples.yaml");
  std::vector<std::string> pointers;
  for (const auto& problem : problems) pointers.push_back(problem.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/components/parameters/Version/example",
                                                "/paths/~1users~1{id}/parameters/0/example",
                                                "/paths/~1users~1{id}/get/parameters/0/example"}));
}

TEST(SpecCheck, DanglingRefsAreNamed) {
  const auto problems = check_spec_file(kData + "dangling.yaml");
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].message.find("dangling $ref '#/components/responses/Nope'"),
            std::string::npos)
      << problems[0].message;
}

TEST(SpecCheck, TheProjectsOwnSpecsAreClean) {
  EXPECT_TRUE(
      check_spec_file(std::string(STATUSKIT_SOURCE_DIR) + "/specs/statuskit-admin.yaml").empty());
  EXPECT_TRUE(
      check_spec_file(std::string(STATUSKIT_SOURCE_DIR) + "/openapi/tests/data/refs.yaml").empty());
}

}  // namespace
}  // namespace statuskit::conformance
