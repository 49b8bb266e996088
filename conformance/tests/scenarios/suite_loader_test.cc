// Suite files: the bundled ones load and reference real operations; bad ones are rejected with
// file, pointer and reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <stdexcept>

#include "scenarios/suite.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

std::string error_of(const json& document) {
  try {
    Suite::from_json(document, "bad.yaml");
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(no error)";
}

json minimal_suite(json step) {
  return {
      {"suite", "pria"},
      {"spec", "pria-admin.yaml"},
      {"scenarios", {{{"id", "a"}, {"requirement", "r"}, {"source", "seed"}, {"steps", {step}}}}}};
}

TEST(SuiteLoader, EveryBundledSuiteLoadsAndNamesOperationsOfItsSpec) {
  const std::string root = STATUSKIT_SOURCE_DIR;
  std::set<std::string> suites;
  for (const auto& entry : std::filesystem::directory_iterator(root + "/conformance/suites")) {
    const Suite suite = Suite::load_file(entry.path().string());
    suites.insert(suite.name);
    const auto spec = openapi::Spec::load_file(root + "/specs/" + suite.spec);
    EXPECT_GE(suite.scenarios.size(), 10u) << suite.name;
    for (const auto& scenario : suite.scenarios) {
      EXPECT_EQ(scenario.id.rfind(suite.name + ".", 0), 0u) << scenario.id;
      EXPECT_FALSE(scenario.requirement.empty()) << scenario.id;
      for (const auto* steps : {&scenario.setup, &scenario.steps, &scenario.cleanup}) {
        for (const auto& step : *steps) {
          EXPECT_NE(spec.find_operation(step.operation), nullptr)
              << scenario.id << ": no operation " << step.operation << " in " << suite.spec;
        }
      }
    }
  }
  EXPECT_EQ(suites, (std::set<std::string>{"d3lay", "docspace", "pria", "rocketchat", "symphony"}));
}

// Responses no scenario can provoke on purpose, and why. Everything else a spec documents must
// be expected by at least one step of its suite.
const std::set<std::string> kUnprovokableResponses = {
    // A GET carries no body, so the body limit (413) and media type (415) checks the mock
    // applies to every operation cannot be reached through a read-back.
    "pria getUserById 413", "pria getUserById 415", "rocketchat getUserInfo 413",
    "rocketchat getUserInfo 415", "symphony getUserStatus 413", "symphony getUserStatus 415",
    "symphony getUserV2 413", "symphony getUserV2 415", "d3lay getUser 413", "d3lay getUser 415",
    "docspace getProfileById 413", "docspace getProfileById 415",
    // Symphony documents 500 for its own failures; no valid or invalid request causes one.
    "symphony updateUserStatus 500", "symphony getUserStatus 500", "symphony getUserV2 500"};

TEST(SuiteCoverage, EveryDocumentedResponseIsExpectedBySomeScenario) {
  const std::string root = STATUSKIT_SOURCE_DIR;
  std::string uncovered;
  for (const auto& entry : std::filesystem::directory_iterator(root + "/conformance/suites")) {
    const Suite suite = Suite::load_file(entry.path().string());
    const auto spec = openapi::Spec::load_file(root + "/specs/" + suite.spec);
    std::set<std::string> expected;
    for (const auto& scenario : suite.scenarios) {
      for (const auto* steps : {&scenario.setup, &scenario.steps, &scenario.cleanup}) {
        for (const auto& step : *steps) {
          for (const auto& expectation : step.expect) {
            for (int status : expectation.statuses) {
              expected.insert(step.operation + " " + std::to_string(status));
            }
          }
        }
      }
    }
    for (const auto& operation : spec.operations()) {
      for (const auto& response : operation.responses) {
        const std::string key = operation.operation_id + " " + response.status_key;
        if (!expected.count(key) && !kUnprovokableResponses.count(suite.name + " " + key)) {
          uncovered += suite.name + " " + key + "\n";
        }
      }
    }
  }
  EXPECT_EQ(uncovered, "") << "documented responses no scenario expects";
}

TEST(SuiteLoader, ReadsStepsExpectationsAndCaptures) {
  const Suite suite =
      Suite::from_json(minimal_suite({{"operation", "bulkSetUserStatus"},
                                      {"headers", {{"x-access-token", "${roles.a.token}"}}},
                                      {"body", {{"ids", {{"$repeat", 2}, {"item", "x"}}}}},
                                      {"expect",
                                       {{"status", {200, 207}},
                                        {"body", {{"/updated", 1}}},
                                        {"headers", {{"Content-Type", {{"contains", "json"}}}}}}},
                                      {"capture", {{"first", "/skipped/0/id"}}}}),
                       "ok.yaml");
  const Step& step = suite.scenarios.at(0).steps.at(0);
  EXPECT_TRUE(step.has_body);
  ASSERT_EQ(step.expect.size(), 1u);
  EXPECT_EQ(step.expect[0].statuses, (std::vector<int>{200, 207}));
  EXPECT_TRUE(step.expect[0].headers.contains("content-type")) << "header names are lower-cased";
  EXPECT_EQ(step.capture.at("first"), "/skipped/0/id");
}

TEST(SuiteLoader, BadSuitesNameThePlaceAndTheReason) {
  EXPECT_EQ(error_of({{"spec", "x.yaml"}, {"scenarios", json::array()}}),
            "bad.yaml: /suite: required field is missing");
  EXPECT_EQ(error_of({{"suite", "p"}, {"spec", "x"}, {"scenarios", json::array()}, {"extra", 1}}),
            "bad.yaml: /extra: unknown field");
  EXPECT_EQ(error_of({{"suite", "p"}, {"spec", "x"}}),
            "bad.yaml: /scenarios: expected a list of scenarios");
  EXPECT_EQ(error_of(minimal_suite({{"expect", {{"status", 200}}}})),
            "bad.yaml: /scenarios/0/steps/0/operation: required field is missing");
  EXPECT_EQ(error_of(minimal_suite({{"operation", "o"}, {"expect", {{"status", "200"}}}})),
            "bad.yaml: /scenarios/0/steps/0/expect/status: expected a status code or a list of "
            "them");
  EXPECT_EQ(error_of(minimal_suite({{"operation", "o"}, {"expect", {{"body", {{"success", 1}}}}}})),
            "bad.yaml: /scenarios/0/steps/0/expect/body/success: keys are JSON pointers and start "
            "with /");
  EXPECT_EQ(error_of(minimal_suite({{"operation", "o"}, {"body", 1}, {"raw_body", "x"}})),
            "bad.yaml: /scenarios/0/steps/0: body and raw_body exclude each other");
  EXPECT_EQ(error_of(minimal_suite({{"operation", "o"}, {"capture", {{"id", 3}}}})),
            "bad.yaml: /scenarios/0/steps/0/capture/id: expected a JSON pointer");
  EXPECT_EQ(error_of(minimal_suite({{"operation", "o"}, {"expect", {{"stauts", 200}}}})),
            "bad.yaml: /scenarios/0/steps/0/expect/stauts: unknown field");
}

TEST(SuiteLoader, MalformedTemplatesAreFoundAtLoadTime) {
  EXPECT_EQ(error_of(minimal_suite(
                {{"operation", "o"}, {"body", {{"ids", {{"$repeat", -1}, {"item", 1}}}}}})),
            "bad.yaml: /scenarios/0/steps/0/body/ids: $repeat needs {$repeat: N (0 to 100000) or "
            "\"${key}\", item: V}");
  EXPECT_EQ(error_of(minimal_suite({{"operation", "o"}, {"headers", {{"x-token", "${roles.a"}}}})),
            "bad.yaml: /scenarios/0/steps/0/headers/x-token: unclosed ${ in \"${roles.a\"");
  EXPECT_EQ(
      error_of(minimal_suite({{"operation", "o"}, {"expect", {{"body", {{"/id", "${users.x"}}}}}})),
      "bad.yaml: /scenarios/0/steps/0/expect/body/~1id: unclosed ${ in \"${users.x\"");
}

TEST(SuiteLoader, DuplicateScenarioIdsAreRejected) {
  json document = minimal_suite({{"operation", "o"}});
  document["scenarios"].push_back(document["scenarios"][0]);
  EXPECT_EQ(error_of(document), "bad.yaml: /scenarios/1/id: duplicate scenario id a");
}

TEST(SuiteLoader, AScenarioNeedsSteps) {
  json document = minimal_suite({{"operation", "o"}});
  document["scenarios"][0]["steps"] = json::array();
  EXPECT_EQ(error_of(document), "bad.yaml: /scenarios/0/steps: expected a non-empty list of steps");
}

}  // namespace
}  // namespace statuskit::conformance
