// Behaviour of the Pria module, driven directly: PUT /api/admin/users/bulk-status and the
// read-back GET /api/admin/user/{userId}, against the real fixtures/pria.yaml.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pria_test_fixture.h"
#include "vendors/auth/token_crypto.h"

namespace statuskit::mock::pria_test {
namespace {

using nlohmann::json;

constexpr const char* kForbidden = "Forbidden - Insufficient permissions";

json skip(const std::string& id, const std::string& reason) {
  return json{{"id", id}, {"reason", reason}};
}

json ok(const std::string& status, int updated, json skipped) {
  return json{{"success", true}, {"status", status}, {"updated", updated}, {"skipped", skipped}};
}

// ---- successful updates ----------------------------------------------------------------------

TEST_F(PriaModuleTest, SuperUpdatesUsersOfEveryInstitution) {
  auto response = bulk("super_admin", {{"ids", {kUserA1, kUserB1}}, {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(body(response), ok("inactive", 2, json::array()));
  EXPECT_EQ(status_of(kUserA1), "inactive");
  EXPECT_EQ(status_of(kUserB1), "inactive");
  EXPECT_EQ(status_of(kUserA2), "active") << "users outside the list are untouched";
}

TEST_F(PriaModuleTest, InstitutionAdminUpdatesOnlyOwnInstitutionAndReportsEverySkip) {
  auto response = bulk(
      "admin_a",
      {{"ids", {kUserA1, kUserB1, kUserBoth, kSuper, kAdminA, kUnknown, kDeleted, kInactiveB2}},
       {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response),
            ok("inactive", 2,
               json::array({skip(kUserB1, "forbidden"), skip(kSuper, "forbidden"),
                            skip(kAdminA, "self"), skip(kUnknown, "not_found"),
                            skip(kDeleted, "not_found"), skip(kInactiveB2, "forbidden")})));
  EXPECT_EQ(status_of(kUserA1), "inactive");
  EXPECT_EQ(status_of(kUserBoth), "inactive") << "a member of A and B is reachable from A";
  EXPECT_EQ(status_of(kUserB1), "active");
  EXPECT_EQ(status_of(kSuper), "active");
  EXPECT_EQ(status_of(kAdminA), "active");
}

TEST_F(PriaModuleTest, InstitutionAdminOfBMirrorsAdminOfA) {
  auto response = bulk("admin_b", {{"ids", {kUserA1, kUserB1, kUserBoth}}, {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response), ok("inactive", 2, json::array({skip(kUserA1, "forbidden")})));
  EXPECT_EQ(status_of(kUserA1), "active");
  EXPECT_EQ(status_of(kUserB1), "inactive");
}

TEST_F(PriaModuleTest, CallersOwnIdIsSkippedAndNeverCounted) {
  for (const char* status : {"inactive", "active"}) {
    auto response = bulk("super_admin", {{"ids", {kSuper}}, {"status", status}});
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(body(response), ok(status, 0, json::array({skip(kSuper, "self")})));
    EXPECT_EQ(status_of(kSuper), "active");
  }
}

TEST_F(PriaModuleTest, DuplicateIdsAreProcessedOnceAndReported) {
  auto response =
      bulk("admin_a", {{"ids", {kUserA1, kUserA1, kUserA2, kUserA1}}, {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(
      body(response),
      ok("inactive", 2, json::array({skip(kUserA1, "duplicate"), skip(kUserA1, "duplicate")})));
  EXPECT_EQ(status_of(kUserA1), "inactive");
  EXPECT_EQ(status_of(kUserA2), "inactive");
}

TEST_F(PriaModuleTest, DuplicateOfOwnIdIsSelfThenDuplicate) {
  auto response = bulk("admin_a", {{"ids", {kAdminA, kAdminA}}, {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response),
            ok("inactive", 0, json::array({skip(kAdminA, "self"), skip(kAdminA, "duplicate")})));
}

TEST_F(PriaModuleTest, InactiveUserCanBeReactivated) {
  ASSERT_EQ(status_of(kInactiveA3), "inactive");
  auto response = bulk("admin_a", {{"ids", {kInactiveA3}}, {"status", "active"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response), ok("active", 1, json::array()));
  EXPECT_EQ(status_of(kInactiveA3), "active");
}

TEST_F(PriaModuleTest, TargetAlreadyInRequestedStatusCountsAsUpdated) {
  auto response = bulk("admin_a", {{"ids", {kUserA1, kInactiveA3}}, {"status", "active"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response), ok("active", 2, json::array()));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, DeletedUserIsNotFoundAndStaysDeleted) {
  auto response = bulk("super_admin", {{"ids", {kDeleted}}, {"status", "active"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response), ok("active", 0, json::array({skip(kDeleted, "not_found")})));
  EXPECT_EQ(status_of(kDeleted), "deleted");
}

TEST_F(PriaModuleTest, IdsThatAreNotObjectIdsAreNotFound) {
  auto response = bulk("super_admin", {{"ids", {"not-an-id", "", "65F0000000000000000000A1"}},
                                       {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response), ok("inactive", 0,
                               json::array({skip("not-an-id", "not_found"), skip("", "not_found"),
                                            skip("65F0000000000000000000A1", "not_found")})));
  EXPECT_EQ(status_of(kUserA1), "active") << "ids are matched exactly, not case-folded";
}

TEST_F(PriaModuleTest, ExtraBodyPropertiesAreIgnored) {
  auto response =
      bulk("admin_a", {{"ids", {kUserA1}}, {"status", "inactive"}, {"reason", "offboarding"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response), ok("inactive", 1, json::array()));
}

// ---- id count limits -------------------------------------------------------------------------

json ids_of_size(std::size_t count) {
  json ids = json::array();
  for (std::size_t i = 0; i < count; ++i) {
    char id[25];
    std::snprintf(id, sizeof id, "%024zx", 0xE00000 + i);  // ObjectIds no fixture user has
    ids.push_back(id);
  }
  return ids;
}

TEST_F(PriaModuleTest, FiveHundredIdsAreAccepted) {
  json ids = ids_of_size(499);
  ids.push_back(kUserA1);
  auto response = bulk("admin_a", {{"ids", ids}, {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const json result = body(response);
  EXPECT_EQ(result.at("updated"), 1);
  EXPECT_EQ(result.at("skipped").size(), 499U);
  EXPECT_EQ(result.at("skipped").at(0), skip(ids.at(0).get<std::string>(), "not_found"));
  EXPECT_EQ(status_of(kUserA1), "inactive");
}

TEST_F(PriaModuleTest, FiveHundredAndOneIdsAreRejectedWithoutAnyChange) {
  json ids = ids_of_size(500);
  ids.push_back(kUserA1);
  auto response = bulk("admin_a", {{"ids", ids}, {"status", "inactive"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/ids: 501 items, maximum is 500"));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, EmptyIdsAreRejected) {
  auto response = bulk("admin_a", {{"ids", json::array()}, {"status", "inactive"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/ids: 0 items, minimum is 1"));
}

// ---- body validation -------------------------------------------------------------------------

TEST_F(PriaModuleTest, MissingStatusIsRejected) {
  auto response = bulk("admin_a", {{"ids", {kUserA1}}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/status: required property is missing"));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, MissingIdsIsRejected) {
  auto response = bulk("admin_a", {{"status", "inactive"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/ids: required property is missing"));
}

TEST_F(PriaModuleTest, StatusIsCaseSensitiveAndLimitedToActiveInactive) {
  for (const char* status : {"Active", "INACTIVE", "suspended", "deleted", ""}) {
    auto response = bulk("admin_a", {{"ids", {kUserA1}}, {"status", status}});
    EXPECT_EQ(response.status, 400) << status;
    EXPECT_EQ(body(response),
              error("/status: " + json(status).dump() + " is not one of active, inactive"));
  }
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, WrongJsonTypesAreRejectedWithPointers) {
  auto response = bulk("admin_a", {{"ids", {kUserA1, 42, nullptr}}, {"status", true}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/ids/1: expected string, got number; "
                                  "/ids/2: expected string, got null; "
                                  "/status: expected string, got boolean"));

  response = bulk("admin_a", {{"ids", kUserA1}, {"status", "active"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/ids: expected array, got string"));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, NonObjectOrAbsentBodyIsRejected) {
  const json array_body = json::array({kUserA1});
  auto response = bulk_with_headers(&array_body, {{"x-access-token", token("admin_a")}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/: expected object, got array"));

  const json string_body = "inactive";
  response = bulk_with_headers(&string_body, {{"x-access-token", token("admin_a")}});
  EXPECT_EQ(body(response), error("/: expected object, got string"));

  response = bulk_with_headers(nullptr, {{"x-access-token", token("admin_a")}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/: request body is required"));
}

TEST_F(PriaModuleTest, EveryBodyProblemIsReportedInSchemaOrder) {
  auto response = bulk("admin_a", {{"ids", json::array()}, {"status", "Active"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(
      body(response),
      error("/ids: 0 items, minimum is 1; /status: \"Active\" is not one of active, inactive"));
}

TEST_F(PriaModuleTest, AThousandWrongIdsListTheFirstHundredProblemsAndCountTheRest) {
  auto response = bulk("admin_a", {{"ids", json(std::vector<int>(1000, 1))}, {"status", 7}});
  EXPECT_EQ(response.status, 400);
  const auto message = body(response).at("message").get<std::string>();
  EXPECT_EQ(
      message.rfind("/ids: 1000 items, maximum is 500; /ids/0: expected string, got number; ", 0),
      0U)
      << message.substr(0, 200);
  EXPECT_NE(message.find("; /ids/98: expected string, got number; ... and 902 more problems"),
            std::string::npos)
      << "1 + 1000 + 1 problems, 100 listed";
  EXPECT_EQ(message.find("/ids/99:"), std::string::npos);
  EXPECT_EQ(message.find("/status"), std::string::npos) << "counted, not listed";
}

TEST_F(PriaModuleTest, OddBodiesAreAnsweredNeverThrown) {
  const std::vector<json> bodies = {
      json(nullptr),
      json(3.5),
      json::object(),
      json{{"ids", nullptr}, {"status", nullptr}},
      json{{"ids", json::object()}, {"status", "active"}},
      json{{"ids", {{kUserA1}}}, {"status", "active"}},
      json{{"ids", {json::object()}}, {"status", {"active"}}},
      json{{"ids", {std::string(10000, 'a')}}, {"status", "inactive"}},
      json{{"ids", {"\u00e9\u4e2d\U0001f600"}}, {"status", "inactive"}},
      json{{"IDS", {kUserA1}}, {"Status", "inactive"}},
  };
  for (const json& request_body : bodies) {
    MockResponse response;
    ASSERT_NO_THROW(response =
                        bulk_with_headers(&request_body, {{"x-access-token", token("admin_a")}}))
        << request_body.dump();
    EXPECT_TRUE(response.status == 200 || response.status == 400) << request_body.dump();
    const json answer = body(response);
    EXPECT_EQ(answer.at("success"), response.status == 200) << request_body.dump();
  }
  EXPECT_EQ(status_of(kUserA1), "active");
}

// ---- caller-level permission (403) -----------------------------------------------------------

TEST_F(PriaModuleTest, AdminWithoutUsersEditIsForbiddenForTheWholeCall) {
  auto response = bulk("admin_no_edit", {{"ids", {kUserA1}}, {"status", "inactive"}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body(response), error(kForbidden));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, PlainUserIsForbidden) {
  auto response = bulk("plain_user", {{"ids", {kUserA1}}, {"status", "inactive"}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body(response), error(kForbidden));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, InactiveAdminIsForbiddenEvenWithUsersEdit) {
  auto response =
      bulk("inactive_admin", {{"ids", {kInactiveAdmin, kUserA1}}, {"status", "active"}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body(response), error(kForbidden));
  EXPECT_EQ(status_of(kInactiveAdmin), "inactive");
}

TEST_F(PriaModuleTest, BodyIsValidatedBeforePermission) {
  auto response = bulk("plain_user", {{"ids", json::array()}, {"status", "inactive"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response), error("/ids: 0 items, minimum is 1"));
}

// ---- authentication (401) --------------------------------------------------------------------

TEST_F(PriaModuleTest, MissingTokenIsUnauthorized) {
  const json request_body{{"ids", {kUserA1}}, {"status", "inactive"}};
  auto response = bulk_with_headers(&request_body, {});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("No token provided!"));

  // Another Authorization scheme, an empty Bearer and an empty x-access-token carry no token.
  for (const auto& headers : std::vector<std::map<std::string, std::string>>{
           {{"authorization", "Basic YWRtaW46YWRtaW4="}},
           {{"authorization", "Bearer "}},
           {{"x-access-token", ""}}}) {
    response = bulk_with_headers(&request_body, headers);
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(body(response), error("No token provided!"));
  }
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, RawApiKeyAsBearerIsAMalformedJwt) {
  const json request_body{{"ids", {kUserA1}}, {"status", "inactive"}};
  auto response = bulk_with_headers(
      &request_body, {{"authorization", "Bearer pria_d350d4156bf1ba9b14332240c30b7c7941195ba6"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("Invalid access token jwt malformed"));
}

TEST_F(PriaModuleTest, GarbageAndForgedTokensAreUnauthorized) {
  const json request_body{{"ids", {kUserA1}}, {"status", "inactive"}};
  auto response = bulk_with_headers(&request_body, {{"x-access-token", "not.a.jwt"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("Invalid access token jwt malformed"));

  const std::string forged = sign_hs256_jwt(json{{"id", kSuper}, {"exp", 4102444800}}, "guess");
  response = bulk_with_headers(&request_body, {{"x-access-token", forged}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("Invalid access token invalid signature"));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, ExpiredTokenIsUnauthorized) {
  auto response = bulk("expired", {{"ids", {kUserA1}}, {"status", "inactive"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("Invalid access token jwt expired"));
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, TokenOfDeletedOrUnknownUserIsUnauthorized) {
  auto response = bulk("deleted_admin", {{"ids", {kUserA1}}, {"status", "inactive"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("Invalid access token user not found"));

  const std::string secret = fixture_.at("jwt_secret").get<std::string>();
  const json request_body{{"ids", {kUserA1}}, {"status", "inactive"}};
  for (const json& claims : {json{{"id", kUnknown}}, json{{"sub", kSuper}}, json{{"id", 7}}}) {
    response =
        bulk_with_headers(&request_body, {{"x-access-token", sign_hs256_jwt(claims, secret)}});
    EXPECT_EQ(response.status, 401) << claims.dump();
    EXPECT_EQ(body(response), error("Invalid access token user not found"));
  }
  EXPECT_EQ(status_of(kUserA1), "active");
}

TEST_F(PriaModuleTest, AuthenticationIsCheckedBeforeTheBody) {
  const json bad_body{{"ids", json::array()}};
  auto response = bulk_with_headers(&bad_body, {});
  EXPECT_EQ(response.status, 401);
  response = bulk_with_headers(&bad_body, {{"x-access-token", token("expired")}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("Invalid access token jwt expired"));
}

TEST_F(PriaModuleTest, BothHeaderStylesAuthenticate) {
  const json deactivate{{"ids", {kUserA1}}, {"status", "inactive"}};
  auto response = bulk_with_headers(&deactivate, {{"authorization", "Bearer " + token("admin_a")}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(status_of(kUserA1), "inactive");

  // The scheme name is case-insensitive (RFC 7235).
  const json reactivate{{"ids", {kUserA1}}, {"status", "active"}};
  response = bulk_with_headers(&reactivate, {{"authorization", "bearer " + token("admin_a")}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(status_of(kUserA1), "active");

  response = bulk_with_headers(&deactivate, {{"x-access-token", token("admin_a")}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(status_of(kUserA1), "inactive");
}

TEST_F(PriaModuleTest, XAccessTokenWinsOverAuthorization) {
  const json request_body{{"ids", {kUserA1}}, {"status", "inactive"}};
  auto response = bulk_with_headers(
      &request_body,
      {{"x-access-token", token("plain_user")}, {"authorization", "Bearer " + token("admin_a")}});
  EXPECT_EQ(response.status, 403);
}

// ---- read-back -------------------------------------------------------------------------------

TEST_F(PriaModuleTest, ReadBackReturnsTheUser) {
  auto response = get_user("admin_a", kUserBoth);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response), (json{{"success", true},
                                  {"data",
                                   {{"_id", kUserBoth},
                                    {"email", "carol.both@pria.test"},
                                    {"fname", "Carol"},
                                    {"lname", "Both"},
                                    {"accountType", "user"},
                                    {"status", "active"},
                                    {"permissions", json::array()},
                                    {"institution",
                                     {{"_id", "65a0000000000000000000a1"},
                                      {"name", "North Campus"},
                                      {"status", "active"}}}}}}));

  response = get_user("super_admin", kAdminA);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response).at("data").at("permissions"), json({"users.edit", "users.list"}));
}

TEST_F(PriaModuleTest, ReadBackShowsTheNewStatus) {
  ASSERT_EQ(bulk("admin_a", {{"ids", {kUserA2}}, {"status", "inactive"}}).status, 200);
  auto response = get_user("admin_a", kUserA2);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response).at("data").at("status"), "inactive");
}

TEST_F(PriaModuleTest, ReadBackAllowsUsersListWithoutUsersEdit) {
  auto response = get_user("admin_no_edit", kUserA1);
  EXPECT_EQ(response.status, 200) << response.body;
}

TEST_F(PriaModuleTest, ReadBackOfUnknownUserIsNotFound) {
  for (const char* id : {kUnknown, "not-an-id"}) {
    auto response = get_user("admin_a", id);
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(body(response), error("User not found"));
  }
}

TEST_F(PriaModuleTest, ReadBackOutsideOwnInstitutionsIsForbidden) {
  auto response = get_user("admin_a", kUserB1);
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body(response), error(kForbidden));
  response = get_user("plain_user", kUserA1);
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body(response), error(kForbidden));
  response = get_user("inactive_admin", kUserA1);
  EXPECT_EQ(response.status, 403);
}

TEST_F(PriaModuleTest, ReadBackRequiresAValidToken) {
  auto response = get_user_with_headers(kUserA1, {});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("No token provided!"));
  response = get_user("expired", kUserA1);
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), error("Invalid access token jwt expired"));
  response = get_user_with_headers(kUserA1, {{"authorization", "Bearer " + token("admin_a")}});
  EXPECT_EQ(response.status, 200);
}

// ---- module surface --------------------------------------------------------------------------

TEST_F(PriaModuleTest, PipelineErrorsUseThePriaEnvelope) {
  for (int status : {400, 413, 415}) {
    auto response = module_->error_response(status, "request entity too large");
    EXPECT_EQ(response.status, status);
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(body(response), error("request entity too large"));
    expect_documented("bulkSetUserStatus", response);
    if (status != 400) expect_documented("getUserById", response);
  }
}

TEST_F(PriaModuleTest, NamesItsSpecAndFixture) {
  EXPECT_EQ(module_->name(), "pria");
  EXPECT_EQ(module_->spec_file(), "pria-admin.yaml");
  EXPECT_EQ(module_->fixture_file(), "pria.yaml");
}

}  // namespace
}  // namespace statuskit::mock::pria_test

namespace statuskit::mock::pria_test {
namespace {

TEST_F(PriaModuleTest, DefectSelfNotSkippedUpdatesTheCaller) {
  context_.defects = {"pria.self-not-skipped"};
  auto response = bulk("admin_a", {{"ids", {kAdminA}}, {"status", "inactive"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body(response).at("updated"), 1);
  EXPECT_TRUE(body(response).at("skipped").empty());
  context_.defects.clear();
  EXPECT_EQ(status_of(kAdminA), "inactive");
}

TEST_F(PriaModuleTest, DefectAccepts501IdsLetsTheOversizeListThrough) {
  context_.defects = {"pria.accepts-501-ids"};
  json ids = ids_of_size(500);
  ids.push_back(kUserA1);
  auto accepted = bulk("admin_a", {{"ids", ids}, {"status", "inactive"}});
  EXPECT_EQ(accepted.status, 200) << accepted.body;
  ids.push_back(kUserA2);
  EXPECT_EQ(bulk("admin_a", {{"ids", ids}, {"status", "inactive"}}).status,
            400);  // 502 still fails
}

}  // namespace
}  // namespace statuskit::mock::pria_test
