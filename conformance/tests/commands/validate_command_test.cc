// `conformance validate` through the real binary, as a vendor runs it by hand.
#include <gtest/gtest.h>

#include <string>

#include "support/command_runner.h"

namespace {

statuskit::testing::CommandResult run(const std::string& arguments) {
  return statuskit::testing::run_conformance(arguments);
}

const std::string kSpec = std::string(STATUSKIT_SOURCE_DIR) + "/openapi/tests/data/refs.yaml";
const std::string kData = std::string(STATUSKIT_SOURCE_DIR) + "/conformance/tests/data/";

TEST(ValidateCommand, ValidDocumentAgainstASpecResponseExitsZero) {
  auto result = run("validate --spec " + kSpec + " --operation getItem --status 200 " + kData +
                    "item-valid.json");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("valid against getItem 200 response"), std::string::npos);
}

TEST(ValidateCommand, InvalidDocumentPrintsEachErrorWithPointersAndExitsOne) {
  auto result = run("validate --schema " + kSpec + " --pointer /components/schemas/Item " + kData +
                    "item-invalid.json");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("/id: \"nope\" is not a valid uuid  (schema: "
                               "/components/schemas/Item/properties/id/format)"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("/children/0/id: expected string, got integer"), std::string::npos);
  EXPECT_NE(result.output.find("/children/0: required property 'children' is missing"),
            std::string::npos);
  EXPECT_NE(result.output.find("3 errors"), std::string::npos) << result.output;
}

TEST(ValidateCommand, RequestBodiesToo) {
  auto result = run("validate --spec " + kSpec + " --operation putItem --request " + kData +
                    "item-invalid.json");
  EXPECT_EQ(result.exit_code, 1) << result.output;
}

TEST(ValidateCommand, UsageAndUnreadableInputExitTwo) {
  EXPECT_EQ(run("validate " + kData + "item-valid.json").exit_code, 2) << "no schema or spec";
  EXPECT_EQ(run("validate --spec " + kSpec + " --operation getItem " + kData + "item-valid.json")
                .exit_code,
            2)
      << "no status";
  EXPECT_EQ(run("validate --spec " + kSpec + " --operation nope --status 200 " + kData +
                "item-valid.json")
                .exit_code,
            2);
  EXPECT_EQ(run("validate --spec " + kSpec + " --operation putItem --status 418 " + kData +
                "item-valid.json")
                .exit_code,
            2);
  auto broken = run("validate --schema " + kSpec + " --pointer /components/schemas/Item " + kData +
                    "broken.json");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.output.find("broken.json:1:"), std::string::npos) << broken.output;
  EXPECT_EQ(run("validate --schema /no/such.yaml " + kData + "item-valid.json").exit_code, 2);
  EXPECT_EQ(run("validate --dialect draft9 --schema " + kSpec + " x.json").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
}

}  // namespace
