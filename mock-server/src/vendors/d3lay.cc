#include "vendors/d3lay.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "vendors/auth/token_crypto.h"
#include "vendors/d3lay_alternative.h"
#include "vendors/d3lay_state.h"

// D3lay publishes no error responses for this endpoint (vendor-behaviors.md §4). Decisions,
// recorded in specs/d3lay-identity.yaml as x-statuskit-inferred / x-statuskit-notes:
// - Error body {"error": "<code>", "message": "<text>"}.
// - Check order: X-API-Version (400; absent means the default v1) → Bearer JWT (401) →
//   permissions claim (403: PATCH needs update:user_status, GET needs read:users) → body (400)
//   → user by UUID or identifier (404) → action.
// - The answer is the User (the page's schema is the Workspace's, a documentation defect).
// - `review_comment` is replaced by the request's value (absent clears it) and returned with
//   the user while set; `updated_at` becomes the request time, `updated_by` the caller (`sub`).
// - Callers may change their own status; tokens stay valid (they are stateless JWTs).
// Under --inferred alternative (d3lay_alternative.h, docs/inferred-choices.md "D3lay"): other
// error codes and texts; the token (401) before anything else, any X-API-Version served as v1;
// PATCH needs `update:users`; the user (404) before the body (400); one's own status is a 403;
// `review_comment` is kept when absent and never returned; a PATCH that changes nothing leaves
// `updated_at`/`updated_by` alone.

namespace statuskit::mock {
namespace {

using d3lay::D3layState;
using d3lay::User;
using nlohmann::json;

constexpr std::string_view kDefectWorkspaceShape = "d3lay.workspace-shape";
// Defects that break what the page documents (issue 11): the change must last, the changed
// User keeps its own fields, and only a valid token is accepted. (An accepted X-API-Version v2,
// the former d3lay.any-api-version, is not among them: refusing it is inferred, and the
// alternative choice serves it as v1.)
constexpr std::string_view kDefectNotPersisted = "d3lay.status-not-persisted";
constexpr std::string_view kDefectCreatedRewritten = "d3lay.created-rewritten";
constexpr std::string_view kDefectExpiryIgnored = "d3lay.token-expiry-ignored";

MockResponse error_body(int status, std::string_view code, const std::string& message) {
  return MockResponse::json(status, json{{"error", code}, {"message", message}});
}

std::string iso8601(std::chrono::system_clock::time_point now) {
  const auto seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

/// `with_review_comment`: the comment is not a documented User field; only the default
/// returns it.
json user_json(const User& user, bool with_review_comment = true) {
  json out{{"id", user.id},
           {"identifier", user.identifier},
           {"name", user.name},
           {"email", user.email},
           {"user_type", user.user_type},
           {"status", user.status},
           {"created_at", user.created_at},
           {"updated_at", user.updated_at},
           {"created_by", user.created_by},
           {"updated_by", user.updated_by}};
  if (user.review_comment && with_review_comment) out["review_comment"] = *user.review_comment;
  return out;
}

// The shape the documentation page wrongly describes (the defect answers with it).
json workspace_json(const User& user) {
  return {{"id", user.id},
          {"identifier", user.identifier},
          {"name", user.name},
          {"workspace_type", "multi_user"},
          {"created_at", user.created_at},
          {"updated_at", user.updated_at},
          {"owner_id", user.created_by},
          {"domain_name", "d3lay.com"}};
}

struct Caller {
  std::string id;
  std::vector<std::string> permissions;
};

/// Version, token and permission checks shared by both operations.
std::optional<MockResponse> authorize(const D3layState& state, const MockRequest& request,
                                      const RequestContext& context, std::string_view permission,
                                      Caller& caller) {
  const bool alternative = context.inferred_alternative();
  // [inf] Only v1 is served; the alternative serves any version as v1 (the only one there is).
  if (const std::string* version = request.header("x-api-version"); !alternative && version) {
    if (*version != "v1") {
      return error_body(400, "unsupported_api_version",
                        "X-API-Version '" + *version + "' is not supported; use v1");
    }
  }
  const std::string* authorization = request.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization == nullptr || authorization->compare(0, kBearer.size(), kBearer) != 0 ||
      authorization->size() == kBearer.size()) {
    if (alternative) {
      return error_body(401, d3lay_alternative::kUnauthenticatedCode,
                        std::string(d3lay_alternative::kUnauthenticated));
    }
    return error_body(401, "unauthorized", "Missing or malformed Authorization: Bearer token");
  }
  const auto verification = verify_hs256_jwt(
      std::string_view(*authorization).substr(kBearer.size()), state.jwt_secret(), context.now);
  const bool expiry_ignored = verification.problem == JwtProblem::kExpired && verification.claims &&
                              context.has_defect(kDefectExpiryIgnored);
  if (!verification.ok() && !expiry_ignored) {
    if (alternative) {
      return error_body(401, d3lay_alternative::kUnauthenticatedCode,
                        std::string(d3lay_alternative::kUnauthenticated));
    }
    return error_body(401, "invalid_token", "Invalid token: " + verification.detail);
  }
  const json& claims = *verification.claims;
  if (claims.contains("sub") && claims.at("sub").is_string()) {
    caller.id = claims.at("sub").get<std::string>();
  }
  if (claims.contains("permissions") && claims.at("permissions").is_array()) {
    for (const auto& entry : claims.at("permissions")) {
      if (entry.is_string()) caller.permissions.push_back(entry.get<std::string>());
    }
  }
  if (std::find(caller.permissions.begin(), caller.permissions.end(), permission) ==
      caller.permissions.end()) {
    if (alternative) {
      return error_body(403, d3lay_alternative::kForbiddenCode,
                        d3lay_alternative::missing_permission(permission));
    }
    return error_body(403, "insufficient_permissions",
                      "The token's permissions do not include " + std::string(permission));
  }
  return std::nullopt;
}

std::optional<std::string> body_problem(const json* body) {
  if (body == nullptr) return "/: request body is required";
  if (!body->is_object()) return std::string("/: expected object, got ") + body->type_name();
  const auto status = body->find("status");
  if (status == body->end()) return "/status: required property is missing";
  static const std::vector<std::string> kStatuses = {"active", "onboarding", "inactive",
                                                     "suspended", "risky"};
  if (!status->is_string() || std::find(kStatuses.begin(), kStatuses.end(),
                                        status->get<std::string>()) == kStatuses.end()) {
    return "/status: " + status->dump() +
           " is not one of active, onboarding, inactive, suspended, risky";
  }
  if (auto comment = body->find("review_comment");
      comment != body->end() && !comment->is_string()) {
    return std::string("/review_comment: expected string, got ") + comment->type_name();
  }
  return std::nullopt;
}

std::string path_key(const MockRequest& request) {
  const auto key = request.path_params.find("id-or-identifier");
  return key == request.path_params.end() ? "" : key->second;
}

/// The status change under --inferred alternative.
MockResponse change_status_alternative(D3layState& state, const MockRequest& request,
                                       const RequestContext& context) {
  Caller caller;
  if (auto rejection =
          authorize(state, request, context, d3lay_alternative::kPatchPermission, caller)) {
    return *rejection;
  }
  User* user = state.find(path_key(request));
  if (user == nullptr) {
    return error_body(404, d3lay_alternative::kNotFoundCode,
                      d3lay_alternative::user_not_found(path_key(request)));
  }
  if (!caller.id.empty() && caller.id == user->id) {
    return error_body(403, d3lay_alternative::kForbiddenCode,
                      std::string(d3lay_alternative::kOwnStatus));
  }
  if (auto problem = d3lay_alternative::body_problem(request.json_body.get())) {
    return error_body(400, d3lay_alternative::kInvalidCode, *problem);
  }
  const json& body = *request.json_body;
  const std::string status = body.at("status").get<std::string>();
  // PATCH semantics: an absent review_comment keeps the one there is.
  const auto comment = body.contains("review_comment")
                           ? std::optional(body.at("review_comment").get<std::string>())
                           : user->review_comment;
  // A row that does not change is not written, so its metadata stays as it was.
  if (status != user->status || comment != user->review_comment) {
    user->status = status;
    user->review_comment = comment;
    user->updated_at = iso8601(context.now);
    if (!caller.id.empty()) user->updated_by = caller.id;
  }
  if (context.has_defect(kDefectWorkspaceShape)) {
    return MockResponse::json(200, workspace_json(*user));
  }
  return MockResponse::json(200, user_json(*user, /*with_review_comment=*/false));
}

MockResponse change_status(D3layState& state, const MockRequest& request,
                           const RequestContext& context) {
  if (context.inferred_alternative()) return change_status_alternative(state, request, context);
  Caller caller;
  if (auto rejection = authorize(state, request, context, "update:user_status", caller)) {
    return *rejection;
  }
  if (auto problem = body_problem(request.json_body.get())) {
    return error_body(400, "invalid_request", *problem);
  }
  const auto key = request.path_params.find("id-or-identifier");
  User* user = key == request.path_params.end() ? nullptr : state.find(key->second);
  if (user == nullptr) {
    return error_body(404, "not_found",
                      "No user with id or identifier '" +
                          (key == request.path_params.end() ? "" : key->second) + "'");
  }
  const json& body = *request.json_body;
  const std::string previous_status = user->status;
  user->status = body.at("status").get<std::string>();
  user->review_comment = body.contains("review_comment")
                             ? std::optional(body.at("review_comment").get<std::string>())
                             : std::nullopt;
  user->updated_at = iso8601(context.now);
  if (!caller.id.empty()) user->updated_by = caller.id;
  if (context.has_defect(kDefectCreatedRewritten)) {
    user->created_at = user->updated_at;
    user->created_by = user->updated_by;
  }
  MockResponse answer = context.has_defect(kDefectWorkspaceShape)
                            ? MockResponse::json(200, workspace_json(*user))
                            : MockResponse::json(200, user_json(*user));
  // The defect answers the new status but does not keep it.
  if (context.has_defect(kDefectNotPersisted)) user->status = previous_status;
  return answer;
}

MockResponse get_user(D3layState& state, const MockRequest& request,
                      const RequestContext& context) {
  Caller caller;
  if (auto rejection = authorize(state, request, context, "read:users", caller)) {
    return *rejection;
  }
  const User* user = state.find(path_key(request));
  if (user == nullptr && context.inferred_alternative()) {
    return error_body(404, d3lay_alternative::kNotFoundCode,
                      d3lay_alternative::user_not_found(path_key(request)));
  }
  if (user == nullptr) {
    return error_body(404, "not_found",
                      "No user with id or identifier '" + path_key(request) + "'");
  }
  return MockResponse::json(200, user_json(*user, !context.inferred_alternative()));
}

class D3layModule final : public VendorModule {
 public:
  std::string_view name() const override { return "d3lay"; }
  std::string_view spec_file() const override { return "d3lay-identity.yaml"; }
  std::string_view fixture_file() const override { return "d3lay.yaml"; }

  std::unique_ptr<VendorState> load_state(const json& fixture) const override {
    return D3layState::from_json(fixture);
  }

  MockResponse handle(VendorState& state, const MockRequest& request,
                      const RequestContext& context) const override {
    auto& d3lay_state = static_cast<D3layState&>(state);
    try {
      if (request.operation_id == "changeUserStatus") {
        return change_status(d3lay_state, request, context);
      }
      if (request.operation_id == "getUser") return get_user(d3lay_state, request, context);
    } catch (const json::exception& error) {
      return error_body(400, "invalid_request", std::string("/: ") + error.what());
    }
    return error_body(500, "internal_error",
                      "operation " + request.operation_id + " is not served by d3lay");
  }

  MockResponse error_response_for(int status, std::string_view message,
                                  const RequestContext& context) const override {
    if (!context.inferred_alternative()) return error_response(status, message);
    return error_body(status, d3lay_alternative::pipeline_error_code(status), std::string(message));
  }

  MockResponse error_response(int status, std::string_view message) const override {
    const char* code = status == 413   ? "payload_too_large"
                       : status == 415 ? "unsupported_media_type"
                                       : "invalid_request";
    return error_body(status, code, std::string(message));
  }

  std::vector<DefectDescription> defects() const override {
    return {
        {std::string(kDefectWorkspaceShape),
         "the status change answers with the Workspace shape the docs show, not the User"},
        {std::string(kDefectNotPersisted),
         "the 200 shows the new status, but the user keeps the old one (the read-back shows it)"},
        {std::string(kDefectCreatedRewritten),
         "the change overwrites the user's created_at and created_by with the update's"},
        {std::string(kDefectExpiryIgnored),
         "a correctly signed but expired Bearer token is accepted"}};
  }
};

}  // namespace

std::unique_ptr<VendorModule> make_d3lay_module() { return std::make_unique<D3layModule>(); }

}  // namespace statuskit::mock
