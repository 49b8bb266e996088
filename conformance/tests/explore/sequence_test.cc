// The pieces of `conformance explore` without a server: the vocabulary a spec and the mock
// profile give, sequences that a seed fixes, near misses, and the differential comparison.
#include "explore/sequence.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

#include "explore/differential.h"
#include "explore/vocabulary.h"
#include "statuskit/openapi/spec.h"
#include "target/profile.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

Vocabulary mock_vocabulary(const std::string& vendor, const std::string& spec_file) {
  static const TargetProfile profile =
      TargetProfile::load_file(kRoot + "/fixtures/targets/mock.yaml");
  const openapi::Spec spec = openapi::Spec::load_file(kRoot + "/specs/" + spec_file);
  const VendorProfile& entry = profile.vendors.at(vendor);
  return vocabulary_of(spec, vendor, entry.generate, entry.values, entry.values);
}

TEST(ExploreVocabulary, PriaCallersTargetsAndValuesComeFromTheProfileAndTheSpec) {
  const Vocabulary pria = mock_vocabulary("pria", "pria-admin.yaml");
  EXPECT_EQ(pria.operation, "bulkSetUserStatus");
  EXPECT_EQ(pria.template_role, "super_admin");
  EXPECT_TRUE(pria.several_targets);
  std::vector<std::string> callers;
  for (const auto& caller : pria.callers) callers.push_back(caller.label());
  for (const char* expected :
       {"super_admin", "institution_admin", "expired", "no credentials", "garbled super_admin"}) {
    EXPECT_NE(std::find(callers.begin(), callers.end(), expected), callers.end()) << expected;
  }
  bool self_of_super = false;
  for (const auto& user : pria.users) {
    self_of_super =
        self_of_super || (user.reference == "roles.super_admin.id" && user.role == "super_admin");
  }
  EXPECT_TRUE(self_of_super);
  ASSERT_EQ(pria.values.size(), 1u);
  EXPECT_EQ(pria.values[0].place.name, "/status");
  EXPECT_EQ(pria.values[0].valid, (std::vector<json>{"active", "inactive"}));
}

TEST(ExploreVocabulary, ANameOrItsNumberAndOptionalFieldsWithTheirEdges) {
  const Vocabulary docspace = mock_vocabulary("docspace", "onlyoffice-docspace-people.yaml");
  ASSERT_EQ(docspace.values.size(), 1u);
  const auto& valid = docspace.values[0].valid;
  EXPECT_NE(std::find(valid.begin(), valid.end(), json("Active")), valid.end());
  EXPECT_NE(std::find(valid.begin(), valid.end(), json(1)), valid.end());
  const Vocabulary symphony = mock_vocabulary("symphony", "symphony-pod.yaml");
  bool edge = false;
  for (const auto& optional : symphony.optional_fields) {
    if (optional.place.name != "/suspendedUntil") continue;
    for (const auto& value : optional.near_valid) {
      edge = edge || value == json(static_cast<std::uint64_t>(INT64_MAX) + 1);
    }
    EXPECT_EQ(optional.as_template, json(4102444800));
  }
  EXPECT_TRUE(edge) << "2^63, one past int64, is a near-valid suspendedUntil";
}

TEST(ExploreVocabulary, EveryAuthenticationStyleTheSpecAllowsForTheSameCaller) {
  auto labels = [](const Vocabulary& vocabulary) {
    std::vector<std::string> found;
    for (const auto& caller : vocabulary.callers) found.push_back(caller.label());
    return found;
  };
  // DocSpace: the cookie's token also as the raw Authorization header, and with "Bearer ".
  const auto docspace = labels(mock_vocabulary("docspace", "onlyoffice-docspace-people.yaml"));
  for (const char* expected :
       {"admin", "admin (Authorization header)", "admin (Bearer Authorization header)",
        "owner (Authorization header)"}) {
    EXPECT_NE(std::find(docspace.begin(), docspace.end(), expected), docspace.end()) << expected;
  }
  // Rocket.Chat: a role's personal access token in place of its login token.
  const auto rocketchat = labels(mock_vocabulary("rocketchat", "rocketchat-users.yaml"));
  EXPECT_NE(std::find(rocketchat.begin(), rocketchat.end(), "victim (pat)"), rocketchat.end());
  EXPECT_EQ(std::find(rocketchat.begin(), rocketchat.end(), "admin (pat)"), rocketchat.end())
      << "only a role that has a pat";
}

TEST(ExploreSequence, TheSameSeedGivesTheSameSequenceOnEveryMachine) {
  const Vocabulary pria = mock_vocabulary("pria", "pria-admin.yaml");
  const auto first = draw_sequence(pria, sequence_seed(1, "pria", 0), 6);
  const auto again = draw_sequence(pria, sequence_seed(1, "pria", 0), 6);
  ASSERT_EQ(first.calls.size(), again.calls.size());
  for (std::size_t i = 0; i < first.calls.size(); ++i) {
    EXPECT_EQ(describe(pria, first.calls[i]), describe(pria, again.calls[i]));
  }
  // Pinned: the standard's mt19937_64 and plain arithmetic give this everywhere. A change to
  // how sequences are drawn changes it (and what old seeds replay): say so in the changelog.
  EXPECT_EQ(sequence_seed(1, "pria", 0), sequence_seed(1, "pria", 0));
  EXPECT_NE(sequence_seed(1, "pria", 0), sequence_seed(1, "pria", 1));
  EXPECT_NE(sequence_seed(1, "pria", 0), sequence_seed(1, "docspace", 0));
  std::size_t different = 0;
  for (std::size_t index = 1; index < 20; ++index) {
    const auto other = draw_sequence(pria, sequence_seed(1, "pria", index), 6);
    different += describe(pria, other.calls.front()) != describe(pria, first.calls.front());
  }
  EXPECT_GT(different, 10u);
}

TEST(ExploreSequence, CallsStayWithinTheBudgetAndNameKnownUsers) {
  const Vocabulary rocketchat = mock_vocabulary("rocketchat", "rocketchat-users.yaml");
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const auto sequence = draw_sequence(rocketchat, seed, 4);
    ASSERT_GE(sequence.calls.size(), 1u);
    ASSERT_LE(sequence.calls.size(), 4u);
    for (const auto& call : sequence.calls) {
      ASSERT_EQ(call.values.size(), rocketchat.values.size());
      ASSERT_EQ(call.optional.size(), rocketchat.optional_fields.size());
      for (const auto& aim : call.targets) ASSERT_LT(aim.user, rocketchat.users.size());
    }
  }
}

TEST(ExploreSequence, NearMissesAreCloseButNotEqual) {
  EXPECT_EQ(near_miss_of("abc1", "prefix"), "abc");
  EXPECT_EQ(near_miss_of("abc1", "extension"), "abc10");
  EXPECT_EQ(near_miss_of("abc1", "upper case"), "ABC1");
  EXPECT_EQ(near_miss_of("ABC1", "upper case"), "abc1");
  EXPECT_EQ(near_miss_of("abc1", "padded"), "abc1 ");
  EXPECT_EQ(near_miss_of("abc1", "encoded"), "%61bc1");
  for (const auto& kind : near_miss_kinds())
    EXPECT_NE(near_miss_of("65f0a1", kind), "65f0a1") << kind;
}

TEST(ExploreDifferential, ProfileValuesHostAndTheServersClockAreSetAside) {
  const json values = {{"users", {{"target", "65f0000000000000000000a1"}}},
                       {"roles", {{"admin", {{"token", "secret-token"}}}}}};
  const Normalizer normalizer(values, "http://127.0.0.1:4010");
  char now[32];
  const auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &utc);
  const json body =
      normalizer.body(json({{"id", "65f0000000000000000000a1"},
                            {"link", "https://127.0.0.1:4010/u/65f0000000000000000000a1"},
                            {"updated", now},
                            {"created", "2024-02-01T12:00:00Z"},
                            {"count", 2}})
                          .dump());
  EXPECT_EQ(body["id"], "«users.target»");
  EXPECT_EQ(body["link"], "https://«host»/u/«users.target»");
  EXPECT_EQ(body["updated"], "«time»");
  EXPECT_EQ(body["created"], "2024-02-01T12:00:00Z") << "a stored date is compared";
  EXPECT_EQ(body["count"], 2);
  EXPECT_EQ(normalizer.body("not json"), json("not json"));
}

TEST(ExploreDifferential, OneDifferencePerPlaceOutermostFirst) {
  const json model = {{"updated", 1},
                      {"status", "inactive"},
                      {"skipped", json::array({1, 2})},
                      {"user", {{"_id", "x"}, {"active", false}}}};
  const json server = {{"updated", 2},
                       {"skipped", json::array({1})},
                       {"user", {{"_id", "x"}, {"active", false}, {"roles", json::array()}}}};
  const auto found = differences(model, server);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].pointer, "/skipped");
  EXPECT_EQ(found[1].pointer, "/status");
  EXPECT_FALSE(found[1].server.has_value());
  EXPECT_EQ(found[1].describe("the target"),
            "/status: missing on the target (the model answered \"inactive\")");
  EXPECT_EQ(found[2].pointer, "/updated");
  EXPECT_EQ(found[3].pointer, "/user/roles");
  EXPECT_FALSE(found[3].model.has_value());
  EXPECT_TRUE(differences(model, model).empty());
  EXPECT_EQ(differences(json(1), json(1.0)).size(), 0u);
}

}  // namespace
}  // namespace statuskit::conformance
