// The generator's derivation, oracles and shrinking, without a server: which cases a contract
// gives, which mutations the vendor's own parser semantics rule out, and what each oracle
// makes of an answer (each goes red on the answer it exists to catch).
#include "generate/cases.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "commands/spec_check.h"
#include "generate/oracles.h"
#include "generate/shrink.h"
#include "generate/state.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

const openapi::Spec& spec(const std::string& file) {
  static std::map<std::string, openapi::Spec> loaded;
  auto found = loaded.find(file);
  if (found == loaded.end()) {
    found = loaded.emplace(file, openapi::Spec::load_file(kRoot + "/specs/" + file)).first;
  }
  return found->second;
}

std::vector<GeneratedCase> cases_of(const std::string& file, const std::string& operation,
                                    BaseRequest base, std::uint64_t seed = 1) {
  std::mt19937_64 random(seed);
  base.step.operation = operation;
  return derive_cases(spec(file), *spec(file).find_operation(operation), base, random);
}

BaseRequest pria_bulk() {
  BaseRequest base;
  base.step.headers = {{"x-access-token", "T"}};
  base.step.has_body = true;
  base.step.body = {{"status", "inactive"}, {"ids", {"65f0000000000000000000a1"}}};
  base.forbidden_headers = json{{"x-access-token", "PLAIN"}};
  return base;
}

const GeneratedCase* find_case(const std::vector<GeneratedCase>& cases, CaseKind kind,
                               const std::string& keyword, const std::string& in_description) {
  for (const auto& generated : cases) {
    if (generated.kind == kind && generated.keyword == keyword &&
        generated.description.find(in_description) != std::string::npos) {
      return &generated;
    }
  }
  return nullptr;
}

TEST(GenerateCases, PriaBulkGivesEveryBoundaryAndMutation) {
  const auto cases = cases_of("pria-admin.yaml", "bulkSetUserStatus", pria_bulk());
  ASSERT_FALSE(cases.empty());
  EXPECT_EQ(cases.front().kind, CaseKind::kPositive);
  EXPECT_EQ(cases.front().request.body, pria_bulk().step.body);
  const auto* at_max = find_case(cases, CaseKind::kPositive, "maxItems", "/ids");
  ASSERT_NE(at_max, nullptr);
  EXPECT_EQ(at_max->request.body["ids"].size(), 500u);
  const auto* over_max = find_case(cases, CaseKind::kNegative, "maxItems", "/ids");
  ASSERT_NE(over_max, nullptr);
  EXPECT_EQ(over_max->request.body["ids"].size(), 501u);
  EXPECT_EQ(over_max->constraint, "/components/schemas/BulkStatusRequest/properties/ids/maxItems");
  const auto* under_min = find_case(cases, CaseKind::kNegative, "minItems", "/ids");
  ASSERT_NE(under_min, nullptr);
  EXPECT_TRUE(under_min->request.body["ids"].empty());
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "enum", "/status"), nullptr);
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "required", "status"), nullptr);
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "required", "ids"), nullptr);
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "type", "/ids/0"), nullptr);
  EXPECT_NE(find_case(cases, CaseKind::kAuth, "auth-removed", ""), nullptr);
  EXPECT_NE(find_case(cases, CaseKind::kAuth, "auth-garbled", ""), nullptr);
  const auto* forbidden = find_case(cases, CaseKind::kAuth, "auth-forbidden-role", "");
  ASSERT_NE(forbidden, nullptr);
  EXPECT_EQ(forbidden->request.headers, (json{{"x-access-token", "PLAIN"}}));
  // Negative cases accept every documented 4xx, and nothing else.
  EXPECT_EQ(over_max->accepted, (std::vector<int>{400, 401, 403, 413, 415}));
  for (const auto& generated : cases) {
    if (generated.kind != CaseKind::kNegative) continue;
    EXPECT_FALSE(spec("pria-admin.yaml")
                     .find_operation("bulkSetUserStatus")
                     ->request_body.at("application/json")
                     .is_valid(generated.request.body))
        << generated.description;
  }
}

// x-statuskit-accepts: Ajv's coercion makes "true", 1, 0 and null booleans, and numbers user
// ids. A value the vendor's parser takes is never a negative case.
TEST(GenerateCases, WhatTheVendorsParserAcceptsIsNoNegativeCase) {
  BaseRequest base;
  base.step.has_body = true;
  base.step.body = {{"userId", "rcTargetUser00001"}, {"activeStatus", false}};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto cases = cases_of("rocketchat-users.yaml", "setUserActiveStatus", base, seed);
    for (const auto& generated : cases) {
      if (generated.kind != CaseKind::kNegative) continue;
      const json& body = generated.request.body;
      if (body.contains("activeStatus")) {
        const json& value = body["activeStatus"];
        EXPECT_FALSE(value == "true" || value == "false" || value == 1 || value == 0 ||
                     value.is_null())
            << generated.description;
      }
      if (body.contains("userId")) {
        EXPECT_FALSE(body["userId"].is_number() || body["userId"].is_boolean() ||
                     body["userId"].is_null())
            << generated.description;
      }
    }
    EXPECT_NE(find_case(cases, CaseKind::kNegative, "additionalProperties", ""), nullptr);
  }
}

// DocSpace binds a status by name in any case, or by number: those are no negative cases,
// while a name outside the enum still is.
TEST(GenerateCases, ParameterMutationsHonourTheParametersAcceptsExtension) {
  BaseRequest base;
  base.step.path = {{"status", "Terminated"}};
  base.step.cookies = {{"asc_auth_key", "C"}};
  base.step.has_body = true;
  base.step.body = {{"userIds", {"11111111-1111-4111-8111-00000000000d"}}};
  const auto cases = cases_of("onlyoffice-docspace-people.yaml", "updateUserStatus", base);
  for (const auto& generated : cases) {
    if (generated.kind != CaseKind::kNegative || !generated.request.path.contains("status")) {
      continue;
    }
    const std::string value = generated.request.path["status"].get<std::string>();
    EXPECT_NE(value, "12") << generated.description;  // an integer binds
    EXPECT_NE(value, "terminated") << generated.description;
  }
  // "null" binds to no status: still a negative case.
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "null", "path parameter status"), nullptr);
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "format", "/userIds/0"), nullptr);
}

TEST(GenerateCases, HostileValuesAndUndocumentedMethods) {
  BaseRequest base;
  base.step.path = {{"uid", "13056700580005"}};
  base.step.headers = {{"sessionToken", "S"}};
  const auto& symphony = spec("symphony-pod.yaml");
  std::mt19937_64 random(1);
  const auto& operation = *symphony.find_operation("getUserStatus");
  const auto cases = derive_cases(symphony, operation, base, random);
  // A uid must be an int64: every hostile string breaks the schema, so each is a negative case.
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "hostile-prototype", "__proto__"), nullptr);
  EXPECT_NE(find_case(cases, CaseKind::kNegative, "hostile-number", "2^64"), nullptr);
  EXPECT_EQ(find_case(cases, CaseKind::kHostile, "hostile-prototype", ""), nullptr);
  const auto methods = derive_method_cases(symphony, operation, base);
  std::vector<std::string> sent;
  for (const auto& generated : methods) sent.push_back(generated.method);
  EXPECT_EQ(sent, (std::vector<std::string>{"PUT", "POST", "PATCH", "DELETE"}));
}

TEST(GenerateCases, ARefusalTheSpecMarksInferredIsAnInferredNegativeCase) {
  BaseRequest base;
  base.step.path = {{"id-or-identifier", "theo"}};
  base.step.headers = {{"Authorization", "Bearer T"}, {"X-API-Version", "v1"}};
  base.step.has_body = true;
  base.step.body = {{"status", "suspended"}};
  const auto cases = cases_of("d3lay-identity.yaml", "changeUserStatus", base);
  const auto* version = find_case(cases, CaseKind::kNegative, "enum", "X-API-Version");
  ASSERT_NE(version, nullptr);
  EXPECT_TRUE(version->refusal_inferred);
  const auto* status = find_case(cases, CaseKind::kNegative, "enum", "/status");
  ASSERT_NE(status, nullptr);
  EXPECT_FALSE(status->refusal_inferred);
}

TEST(GenerateCases, SamplingKeepsTheProfilesRequestAndTheOrder) {
  const auto all = cases_of("pria-admin.yaml", "bulkSetUserStatus", pria_bulk());
  std::mt19937_64 first_random(3);
  std::mt19937_64 second_random(3);
  const auto first = sample_cases(all, 5, first_random);
  const auto second = sample_cases(all, 5, second_random);
  ASSERT_EQ(first.size(), 5u);
  EXPECT_EQ(first.front().description, "the profile's request");
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].description, second[i].description);
  }
  std::vector<std::size_t> positions;
  for (const auto& kept : first) {
    positions.push_back(static_cast<std::size_t>(
        std::find_if(all.begin(), all.end(),
                     [&](const GeneratedCase& c) { return c.description == kept.description; }) -
        all.begin()));
  }
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
}

TEST(GenerateCases, AnInvalidProfileRequestIsRefused) {
  BaseRequest base = pria_bulk();
  base.step.body["status"] = "sleeping";
  EXPECT_THROW(cases_of("pria-admin.yaml", "bulkSetUserStatus", base), std::invalid_argument);
}

StepResult answered(long status) {
  StepResult answer;
  answer.status = status;
  return answer;
}

TEST(GenerateOracles, EachStatusOracleFailsOnWhatItExistsToCatch) {
  GeneratedCase negative;
  negative.kind = CaseKind::kNegative;
  negative.accepted = {400, 401, 403};
  negative.constraint = "/components/schemas/X/maxItems";
  negative.keyword = "maxItems";
  for (long status : {200L, 500L}) {
    auto answer = answered(status);
    judge_status(negative, answer, false);
    ASSERT_EQ(answer.failures.size(), 1u) << status;
    EXPECT_EQ(answer.failures[0].pointer, "/components/schemas/X/maxItems");
    EXPECT_EQ(answer.failures[0].keyword, "maxItems");
  }
  for (long status : {400L, 403L}) {
    auto answer = answered(status);
    judge_status(negative, answer, false);
    EXPECT_TRUE(answer.failures.empty() && answer.warnings.empty()) << status;
  }
  auto undocumented = answered(404);
  judge_status(negative, undocumented, false);
  EXPECT_EQ(undocumented.failures.size(), 1u);
  // Every 4xx inferred: another 4xx only warns (fails with --strict), but a 2xx still breaks
  // the schema the vendor documents and fails.
  negative.inferred = true;
  auto inferred_miss = answered(404);
  judge_status(negative, inferred_miss, false);
  EXPECT_TRUE(inferred_miss.failures.empty());
  EXPECT_EQ(inferred_miss.warnings.size(), 1u);
  auto strict_miss = answered(404);
  judge_status(negative, strict_miss, true);
  EXPECT_EQ(strict_miss.failures.size(), 1u);
  auto accepted_anyway = answered(200);
  judge_status(negative, accepted_anyway, false);
  EXPECT_EQ(accepted_anyway.failures.size(), 1u);
  // The spec marks the refusal itself inferred (D3lay's X-API-Version): a 2xx only warns.
  negative.refusal_inferred = true;
  auto refusal_inferred = answered(200);
  judge_status(negative, refusal_inferred, false);
  EXPECT_TRUE(refusal_inferred.failures.empty());
  EXPECT_EQ(refusal_inferred.warnings.size(), 1u);

  GeneratedCase positive;
  positive.kind = CaseKind::kPositive;
  for (long status : {400L, 422L, 500L}) {
    auto answer = answered(status);
    judge_status(positive, answer, false);
    EXPECT_EQ(answer.failures.size(), 1u) << status;
  }
  for (long status : {200L, 403L, 404L}) {
    auto answer = answered(status);
    judge_status(positive, answer, false);
    EXPECT_TRUE(answer.failures.empty()) << status;
  }

  GeneratedCase method;
  method.kind = CaseKind::kMethod;
  auto accepted = answered(200);
  judge_status(method, accepted, false);
  EXPECT_EQ(accepted.failures.size(), 1u);
  auto not_405 = answered(404);
  judge_status(method, not_405, false);
  EXPECT_TRUE(not_405.failures.empty());
  EXPECT_EQ(not_405.warnings.size(), 1u);  // 405 is RFC 9110's, not the vendor's word

  GeneratedCase hostile;
  hostile.kind = CaseKind::kHostile;
  auto crashed = answered(502);
  judge_status(hostile, crashed, false);
  EXPECT_EQ(crashed.failures.size(), 1u);
  auto refused = answered(404);
  judge_status(hostile, refused, false);
  EXPECT_TRUE(refused.failures.empty());
}

TEST(GenerateOracles, ARefusedRequestMustLeaveTheStateAsItWas) {
  const auto& pria = spec("pria-admin.yaml");
  const auto state = state_extension_of(pria, *pria.find_operation("bulkSetUserStatus"));
  ASSERT_TRUE(state);
  EXPECT_EQ(state->fields, (std::vector<std::string>{"/data/status"}));
  GeneratedCase negative;
  negative.kind = CaseKind::kNegative;
  const json before = {{"/data/status", "active"}};
  const json changed = {{"/data/status", "inactive"}};
  auto refused = answered(400);
  judge_state(negative, *state, before, changed, refused, false);
  ASSERT_EQ(refused.failures.size(), 1u);
  EXPECT_EQ(refused.failures[0].keyword, "state");
  auto unchanged = answered(400);
  judge_state(negative, *state, before, before, unchanged, false);
  EXPECT_TRUE(unchanged.failures.empty());
  auto applied = answered(200);  // a 2xx may change state
  judge_state(negative, *state, before, changed, applied, false);
  EXPECT_TRUE(applied.failures.empty());
  // Read back through an inferred operation (D3lay's GET): a change only warns.
  const auto& d3lay = spec("d3lay-identity.yaml");
  const auto inferred = state_extension_of(d3lay, *d3lay.find_operation("changeUserStatus"));
  ASSERT_TRUE(inferred);
  auto warned = answered(400);
  judge_state(negative, *inferred, json{{"/status", "active"}}, json{{"/status", "risky"}}, warned,
              false);
  EXPECT_TRUE(warned.failures.empty());
  EXPECT_EQ(warned.warnings.size(), 1u);
}

TEST(GenerateState, AnExtensionNamingWhatTheSpecLacksIsRefused) {
  json document = spec("pria-admin.yaml").document();
  auto& extension = document["paths"]["/api/admin/users/bulk-status"]["put"]["x-statuskit-state"];
  extension["read"]["operation"] = "getNobody";
  const auto broken = openapi::Spec::from_json(document, "broken.yaml");
  try {
    state_extension_of(broken, *broken.find_operation("bulkSetUserStatus"));
    FAIL() << "accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("x-statuskit-state/read/operation"), std::string::npos)
        << error.what();
  }
  // check-spec (and so tools/lint-specs) reports it with its place.
  const std::string file = ::testing::TempDir() + "/broken-state.json";
  {
    std::ofstream out(file);
    out << document.dump();
  }
  const auto problems = check_spec_file(file);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer,
            "/paths/~1api~1admin~1users~1bulk-status/put/x-statuskit-state/read/operation");
  extension["read"]["operation"] = "getUserById";
  extension["subject"] = "body";
  const auto no_place = openapi::Spec::from_json(document, "broken.yaml");
  EXPECT_THROW(state_extension_of(no_place, *no_place.find_operation("bulkSetUserStatus")),
               std::invalid_argument);
}

TEST(GenerateShrink, LeavesOutWhatTheFailureDoesNotNeed) {
  GeneratedCase failing;
  failing.request.has_body = true;
  failing.request.body = {{"status", "x"}, {"note", "n"}, {"flag", true}};
  failing.droppable = {"/note", "/flag"};
  // The failure needs `flag`, not `note`.
  const auto shrunk = shrink_case(
      failing, [](const GeneratedCase& smaller) { return smaller.request.body.contains("flag"); });
  EXPECT_EQ(shrunk.left_out, (std::vector<std::string>{"/note"}));
  EXPECT_EQ(shrunk.smallest.request.body, (json{{"status", "x"}, {"flag", true}}));
}

}  // namespace
}  // namespace statuskit::conformance
