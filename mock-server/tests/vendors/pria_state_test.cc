// Loading fixtures/pria.yaml: strict parsing, exact to_json() round trip, and the fixture's
// pre-minted tokens.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "pria_test_fixture.h"
#include "vendors/auth/token_crypto.h"

namespace statuskit::mock::pria_test {
namespace {

using nlohmann::json;
using pria::PriaState;

TEST(PriaFixture, LoadsTheRealFixture) {
  const json fixture = load_fixture_document();
  const auto state = PriaState::from_json(fixture);
  EXPECT_EQ(state->users().size(), 13U);
  EXPECT_EQ(state->tokens().size(), 8U);
  ASSERT_NE(state->find_user(kSuper), nullptr);
  EXPECT_EQ(state->find_user(kSuper)->account_type, "super");
  ASSERT_NE(state->find_user(kDeleted), nullptr);
  EXPECT_EQ(state->find_user(kDeleted)->status, "deleted");
  ASSERT_NE(state->find_user(kInactiveA3), nullptr);
  EXPECT_EQ(state->find_user(kInactiveA3)->status, "inactive");
  EXPECT_EQ(state->find_user(kUnknown), nullptr);
  ASSERT_NE(state->find_institution("65a0000000000000000000b1"), nullptr);
  EXPECT_EQ(state->find_institution("65a0000000000000000000b1")->name, "South Campus");
}

TEST(PriaFixture, EveryFixtureTokenVerifiesForItsUser) {
  const auto state = PriaState::from_json(load_fixture_document());
  bool saw_expired = false;
  for (const auto& token : state->tokens()) {
    const auto verification = verify_hs256_jwt(token.jwt, state->jwt_secret(), fixed_now());
    if (token.name == "expired") {
      saw_expired = true;
      EXPECT_EQ(verification.problem, JwtProblem::kExpired) << verification.detail;
    } else {
      EXPECT_TRUE(verification.ok()) << token.name << ": " << verification.detail;
      // Long-lived: valid until 2100 so the fixture does not rot.
      EXPECT_TRUE(verify_hs256_jwt(
                      token.jwt, state->jwt_secret(),
                      std::chrono::system_clock::time_point(std::chrono::seconds(4'102'444'799)))
                      .ok())
          << token.name;
    }
    ASSERT_NE(verification.claims, nullptr) << token.name;
    EXPECT_EQ(verification.claims->at("id"), token.user) << token.name;
  }
  EXPECT_TRUE(saw_expired);
}

TEST(PriaFixture, ToJsonRoundTripsExactly) {
  const json fixture = load_fixture_document();
  const auto state = PriaState::from_json(fixture);
  EXPECT_EQ(state->to_json(), fixture);
  EXPECT_EQ(PriaState::from_json(state->to_json())->to_json(), fixture);
}

TEST(PriaFixture, ChangedStateRoundTripsThroughToJson) {
  auto module = make_pria_module();
  auto state = module->load_state(load_fixture_document());
  const json fixture = load_fixture_document();
  std::string super_token;
  for (const auto& token : fixture.at("tokens")) {
    if (token.at("name") == "super_admin") super_token = token.at("jwt").get<std::string>();
  }
  MockRequest request;
  request.operation_id = "bulkSetUserStatus";
  request.headers["x-access-token"] = super_token;
  request.json_body =
      std::make_shared<const json>(json{{"ids", {kUserA1, kInactiveB2}}, {"status", "inactive"}});
  RequestContext context;
  context.now = fixed_now();
  ASSERT_EQ(module->handle(*state, request, context).status, 200);

  const json saved = state->to_json();
  EXPECT_NE(saved, fixture);
  const auto reloaded = module->load_state(saved);
  EXPECT_EQ(reloaded->to_json(), saved);
  const auto& pria_state = dynamic_cast<const PriaState&>(*reloaded);
  EXPECT_EQ(pria_state.find_user(kUserA1)->status, "inactive");

  const auto copy = state->clone();
  EXPECT_EQ(copy->to_json(), saved);
}

// The message of the std::invalid_argument from_json throws for `fixture`.
std::string load_error(const json& fixture) {
  try {
    PriaState::from_json(fixture);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(loaded)";
}

class PriaFixtureErrors : public ::testing::Test {
 protected:
  json fixture_ = load_fixture_document();
};

TEST_F(PriaFixtureErrors, NonObjectDocument) {
  EXPECT_EQ(load_error(json::array()), "/: expected object, got array");
}

TEST_F(PriaFixtureErrors, UnknownFieldIsNamed) {
  fixture_["users"][0]["nickname"] = "sam";
  EXPECT_EQ(load_error(fixture_), "/users/0/nickname: unknown field");
}

TEST_F(PriaFixtureErrors, MissingFieldIsNamed) {
  fixture_["users"][3]["memberships"][0].erase("role");
  EXPECT_EQ(load_error(fixture_), "/users/3/memberships/0/role: required field is missing");
  fixture_.erase("tokens");
  EXPECT_EQ(load_error(fixture_), "/tokens: required field is missing");
}

TEST_F(PriaFixtureErrors, WrongTypesAndValues) {
  json doc = fixture_;
  doc["users"][1]["accountType"] = "owner";
  EXPECT_EQ(load_error(doc), "/users/1/accountType: \"owner\" is not one of user, admin, super");
  doc = fixture_;
  doc["users"][1]["status"] = "Active";
  EXPECT_EQ(load_error(doc), "/users/1/status: \"Active\" is not one of active, inactive, deleted");
  doc = fixture_;
  doc["users"][1]["fname"] = 5;
  EXPECT_EQ(load_error(doc), "/users/1/fname: expected string, got number");
  doc = fixture_;
  doc["users"][1]["_id"] = "u-1";
  EXPECT_EQ(load_error(doc), "/users/1/_id: \"u-1\" is not a 24-hex ObjectId");
  doc = fixture_;
  doc["users"][1]["memberships"][0]["entitlements"][0] = "edit";
  EXPECT_EQ(load_error(doc),
            "/users/1/memberships/0/entitlements/0: \"edit\" is not of the form module.action");
  doc = fixture_;
  doc["jwt_secret"] = "";
  EXPECT_EQ(load_error(doc), "/jwt_secret: must not be empty");
}

TEST_F(PriaFixtureErrors, DanglingAndDuplicateReferences) {
  json doc = fixture_;
  doc["users"][1]["memberships"][0]["institution"] = "65a0000000000000000000c9";
  EXPECT_EQ(load_error(doc),
            "/users/1/memberships/0/institution: no institution with _id 65a0000000000000000000c9");
  doc = fixture_;
  doc["users"][2]["_id"] = doc["users"][1]["_id"];
  EXPECT_EQ(load_error(doc), "/users/2/_id: duplicate user _id 65f000000000000000000002");
  doc = fixture_;
  doc["tokens"][1]["name"] = "super_admin";
  EXPECT_EQ(load_error(doc), "/tokens/1/name: duplicate token name super_admin");
  doc = fixture_;
  doc["tokens"][0]["user"] = kUnknown;
  EXPECT_EQ(load_error(doc), std::string("/tokens/0/user: no user with _id ") + kUnknown);
}

TEST_F(PriaFixtureErrors, TokensMustVerifyAndNameTheirUser) {
  json doc = fixture_;
  doc["jwt_secret"] = "another-secret";
  EXPECT_EQ(load_error(doc), "/tokens/0/jwt: does not verify with jwt_secret: invalid signature");
  doc = fixture_;
  doc["tokens"][0]["user"] = kAdminA;
  EXPECT_EQ(load_error(doc),
            std::string("/tokens/0/jwt: its \"id\" claim does not name user ") + kAdminA);
  doc = fixture_;
  doc["tokens"][0]["jwt"] = "pria_d350d4156bf1ba9b14332240c30b7c7941195ba6";
  EXPECT_EQ(load_error(doc), "/tokens/0/jwt: does not verify with jwt_secret: jwt malformed");
}

TEST_F(PriaFixtureErrors, ModuleLoadStateIsAsStrict) {
  fixture_["extra"] = true;
  EXPECT_THROW(make_pria_module()->load_state(fixture_), std::invalid_argument);
}

}  // namespace
}  // namespace statuskit::mock::pria_test
