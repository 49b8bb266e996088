#include "vendors/pria.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "json_text.h"
#include "statuskit/openapi/schema_validator.h"
#include "vendors/auth/token_crypto.h"
#include "vendors/pria_alternative.h"
#include "vendors/pria_state.h"
#include "vendors/string_lookup.h"

// Decisions on behaviour Pria does not publish (all [inf] in vendor-behaviors.md §1, recorded in
// specs/pria-admin.yaml as x-statuskit-inferred / x-statuskit-notes):
// - Error bodies are {success:false, message}, the style of Pria's other endpoints.
// - Check order: authentication (401) → body (400) → caller-level permission (403) →
//   per-target authorisation (skips inside a 200). Body before permission mirrors the usual
//   Express route shape (validator middleware, then the handler's RAP check).
// - A caller needs status active and accountType super, or accountType admin with an admin
//   membership holding users.edit somewhere; anyone else gets 403 for the whole call (an admin
//   without users.edit is refused outright rather than getting every id skipped).
// - Skip reasons, in the order they are decided per id: "duplicate" (id seen earlier in the
//   list; the first occurrence is processed), "self" (the caller's own id, never counted),
//   "not_found" (unknown id, not an ObjectId, or status deleted: deleted accounts are not
//   reactivated by a status change), "forbidden" (the caller does not hold users.edit in any
//   institution the target belongs to, or the target is a super account and the caller is not).
// - `updated` counts every target whose status was set, including those that already had it.
// - Inactive targets are fine: that is how reactivation works. Tokens are not revoked.
// Under --inferred alternative each of these is the other plausible choice (pria_alternative.h,
// docs/inferred-choices.md): Joi-style first-problem 400s, permission before body, per-target
// authorisation only, duplicates dropped silently, reason sentences in reverse order, `updated`
// counting real changes, inactive accounts' tokens refused, out-of-reach reads as 404.

namespace statuskit::mock {
namespace {

using nlohmann::json;
using pria::PriaState;
using pria::User;

constexpr std::string_view kForbidden = "Forbidden - Insufficient permissions";
constexpr std::size_t kMaxIds = 500;
constexpr std::string_view kDefectSelfNotSkipped = "pria.self-not-skipped";
constexpr std::string_view kDefectAccepts501Ids = "pria.accepts-501-ids";
constexpr std::string_view kDefectUpdatedCountsSkipped = "pria.updated-counts-skipped";
constexpr std::string_view kDefectStatusNotEchoed = "pria.status-not-echoed";
constexpr std::string_view kDefectStatusNotPersisted = "pria.status-not-persisted";
// Only generated tests catch it (conformance generate's hostile path values).
constexpr std::string_view kDefectPrototypeId500 = "pria.prototype-id-500";

/// Names an Express handler finds on every plain object's prototype (`users[id]`).
bool is_prototype_name(const std::string& id) {
  return id == "__proto__" || id == "constructor" || id == "hasOwnProperty" || id == "toString";
}

MockResponse error_body(int status, std::string_view message) {
  return MockResponse::json(status, json{{"success", false}, {"message", message}});
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::string_view> access_token_header(const MockRequest& request) {
  if (const std::string* token = request.header("x-access-token")) {
    std::string_view value = trim(*token);
    if (!value.empty()) return value;
  }
  return std::nullopt;
}

// An Authorization header with another scheme than Bearer carries no token.
std::optional<std::string_view> bearer_token(const MockRequest& request) {
  if (const std::string* authorization = request.header("authorization")) {
    std::string_view value = trim(*authorization);
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() > kScheme.size() && iequals(value.substr(0, kScheme.size()), kScheme)) {
      value = trim(value.substr(kScheme.size()));
      if (!value.empty()) return value;
    }
  }
  return std::nullopt;
}

// Pria accepts the JWT in `x-access-token` or as `Authorization: Bearer <jwt>`. When both are
// sent, x-access-token wins [inf]; the alternative lets Authorization win.
std::optional<std::string_view> presented_token(const MockRequest& request,
                                                const RequestContext& context) {
  const auto first =
      context.inferred_alternative() ? bearer_token(request) : access_token_header(request);
  if (first) return first;
  return context.inferred_alternative() ? access_token_header(request) : bearer_token(request);
}

/// The authenticated caller, or the 401 to answer.
struct Authentication {
  const User* caller = nullptr;
  std::optional<MockResponse> rejection;
};

Authentication authenticate(const PriaState& state, const MockRequest& request,
                            const RequestContext& context) {
  Authentication result;
  const bool alternative = context.inferred_alternative();
  const auto token = presented_token(request, context);
  if (!token) {
    result.rejection =
        error_body(401, alternative ? pria_alternative::kNoToken : "No token provided!");
    return result;
  }
  // jsonwebtoken's reasons ("jwt malformed", "invalid signature", "jwt expired") after the
  // documented prefix: a raw `pria_…` API key is not a JWT → "Invalid access token jwt malformed".
  const auto verification = verify_hs256_jwt(*token, state.jwt_secret(), context.now);
  if (!verification.ok()) {
    result.rejection = error_body(401, "Invalid access token " + verification.detail);
    return result;
  }
  const auto id = verification.claims->find("id");
  const User* caller = id != verification.claims->end() && id->is_string()
                           ? state.find_user(id->get<std::string>())
                           : nullptr;
  // A correctly signed token of a user who no longer exists (or is deleted) is refused [inf].
  if (caller == nullptr || caller->status == "deleted") {
    result.rejection = error_body(401, alternative ? pria_alternative::kUnknownAccount
                                                   : "Invalid access token user not found");
    return result;
  }
  // [inf] An inactive caller gets through authentication and is refused with 403 later; the
  // alternative refuses its token here, as a revoked one.
  if (alternative && caller->status != "active") {
    result.rejection = error_body(401, pria_alternative::kInactiveAccount);
    return result;
  }
  result.caller = caller;
  return result;
}

// Whether `caller` acts as an institution admin in `institution` with one of `entitlements`:
// global accountType admin plus an admin-role membership granting the entitlement (docs:
// /mdx/admin-guide/entitlements).
bool holds_in(const User& caller, std::string_view institution,
              std::initializer_list<std::string_view> entitlements) {
  if (caller.account_type != "admin") return false;
  return std::any_of(caller.memberships.begin(), caller.memberships.end(), [&](const auto& m) {
    return m.institution == institution && m.role == "admin" &&
           std::any_of(entitlements.begin(), entitlements.end(),
                       [&](std::string_view entitlement) { return m.grants(entitlement); });
  });
}

// The caller-level gate: active super, or active admin holding one of `entitlements` in at
// least one institution.
bool may_use_endpoint(const User& caller, std::initializer_list<std::string_view> entitlements) {
  if (caller.status != "active") return false;
  if (caller.account_type == "super") return true;
  if (caller.account_type != "admin") return false;
  return std::any_of(caller.memberships.begin(), caller.memberships.end(),
                     [&](const auto& m) { return holds_in(caller, m.institution, entitlements); });
}

// Per-target authorisation. Super bypasses (docs: "super bypasses"); an institution admin
// reaches users that belong to an institution where the admin holds the entitlement.
bool may_act_on(const User& caller, const User& target,
                std::initializer_list<std::string_view> entitlements) {
  if (caller.account_type == "super") return true;
  return std::any_of(target.memberships.begin(), target.memberships.end(),
                     [&](const auto& m) { return holds_in(caller, m.institution, entitlements); });
}

// The problems of a body as "<JSON pointer>: <reason>", the first openapi::kMaxListedErrors of
// them; the rest are only counted, so a megabyte of wrong ids makes a short 400, not 20 MB.
class ProblemList {
 public:
  void add(std::string problem) {
    if (listed_.size() < openapi::kMaxListedErrors) {
      listed_.push_back(std::move(problem));
    } else {
      ++unlisted_;
    }
  }
  bool empty() const { return listed_.empty(); }
  /// "a; b; ... and N more problems".
  std::string joined() const {
    std::string out;
    for (const auto& problem : listed_) {
      if (!out.empty()) out += "; ";
      out += problem;
    }
    if (unlisted_ > 0) out += "; ... and " + std::to_string(unlisted_) + " more problems";
    return out;
  }

 private:
  std::vector<std::string> listed_;
  std::size_t unlisted_ = 0;
};

// Every problem of a bulk-status body, in schema order.
ProblemList bulk_body_problems(const json* body, const RequestContext& context) {
  ProblemList problems;
  if (body == nullptr) {
    problems.add("/: request body is required");
    return problems;
  }
  if (!body->is_object()) {
    problems.add(std::string("/: expected object, got ") + body->type_name());
    return problems;
  }
  const auto ids = body->find("ids");
  if (ids == body->end()) {
    problems.add("/ids: required property is missing");
  } else if (!ids->is_array()) {
    problems.add(std::string("/ids: expected array, got ") + ids->type_name());
  } else {
    if (ids->empty()) problems.add("/ids: 0 items, minimum is 1");
    const std::size_t max_ids = context.has_defect(kDefectAccepts501Ids) ? kMaxIds + 1 : kMaxIds;
    if (ids->size() > max_ids) {
      problems.add("/ids: " + std::to_string(ids->size()) + " items, maximum is " +
                   std::to_string(kMaxIds));
    }
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const json& id = (*ids)[i];
      if (!id.is_string()) {
        problems.add("/ids/" + std::to_string(i) + ": expected string, got " + id.type_name());
      }
    }
  }
  const auto status = body->find("status");
  if (status == body->end()) {
    problems.add("/status: required property is missing");
  } else if (!status->is_string()) {
    problems.add(std::string("/status: expected string, got ") + status->type_name());
  } else {
    const auto& value = status->get_ref<const std::string&>();
    // Case-sensitive, like the schema's enum: "Active" is refused.
    if (value != "active" && value != "inactive") {
      problems.add("/status: " + json(value).dump() + " is not one of active, inactive");
    }
  }
  return problems;
}

/// One id the bulk update left alone, and why. Both point into the request and the constants.
struct SkippedId {
  std::string_view id;
  std::string_view reason;
};

/// The bulk answer {"skipped":[{"id","reason"}...],"status","success":true,"updated"}, written
/// as text: it grows with the request (500 skipped ids), and as a document it cost more than
/// the rest of the request together. Same bytes as the document's dump (keys sorted).
MockResponse bulk_answer(std::string_view status, std::size_t updated,
                         const std::vector<SkippedId>& skipped) {
  MockResponse response;
  std::string& text = response.body;
  text.reserve(64 + skipped.size() * 56);
  text += R"({"skipped":[)";
  for (std::size_t i = 0; i < skipped.size(); ++i) {
    text += i == 0 ? R"({"id":)" : R"(,{"id":)";
    append_json_string(text, skipped[i].id);
    text += R"(,"reason":)";
    append_json_string(text, skipped[i].reason);
    text.push_back('}');
  }
  text += R"(],"status":)";
  append_json_string(text, status);
  text += R"(,"success":true,"updated":)";
  text += std::to_string(updated);
  text.push_back('}');
  return response;
}

MockResponse bulk_set_user_status(PriaState& state, const MockRequest& request,
                                  const RequestContext& context) {
  const Authentication auth = authenticate(state, request, context);
  if (auth.rejection) return *auth.rejection;
  const User& caller = *auth.caller;

  const bool alternative = context.inferred_alternative();
  if (alternative) {
    // The permission middleware runs before the validator, and it asks only for an admin or
    // super account: users.edit is checked per target, so an admin without it anywhere gets
    // every id skipped instead of a 403.
    const bool admin_account = caller.account_type == "super" || caller.account_type == "admin";
    if (!admin_account) return error_body(403, kForbidden);
    const std::size_t max_ids = context.has_defect(kDefectAccepts501Ids) ? kMaxIds + 1 : kMaxIds;
    if (auto problem = pria_alternative::bulk_body_problem(request.json_body.get(), max_ids)) {
      return error_body(400, *problem);
    }
  } else {
    const auto problems = bulk_body_problems(request.json_body.get(), context);
    if (!problems.empty()) return error_body(400, problems.joined());
    if (!may_use_endpoint(caller, {"users.edit"})) return error_body(403, kForbidden);
  }

  const json& body = *request.json_body;
  const auto& status = body.at("status").get_ref<const std::string&>();
  const json& ids = body.at("ids");
  // Decide every id first, then apply: the update is all-or-nothing per request.
  SeenStrings seen(ids.size());
  std::vector<User*> targets;
  std::vector<SkippedId> skipped;
  for (const json& entry : ids) {
    const auto& id = entry.get_ref<const std::string&>();
    if (!seen.first_time(id)) {
      // The alternative de-duplicates silently first (`new Set(ids)`).
      if (!alternative) skipped.push_back({id, "duplicate"});
      continue;
    }
    if (id == caller.id && !context.has_defect(kDefectSelfNotSkipped)) {
      skipped.push_back({id, alternative ? pria_alternative::kSkipSelf : "self"});
      continue;
    }
    User* target = state.find_user(id);
    if (target == nullptr || target->status == "deleted") {
      skipped.push_back({id, alternative ? pria_alternative::kSkipNotFound : "not_found"});
      continue;
    }
    const bool protected_super = target->account_type == "super" && caller.account_type != "super";
    if (protected_super || !may_act_on(caller, *target, {"users.edit"})) {
      skipped.push_back({id, alternative ? pria_alternative::kSkipForbidden : "forbidden"});
      continue;
    }
    targets.push_back(target);
  }
  // The default counts every target set (the update is idempotent); the alternative counts the
  // ones that changed, as MongoDB's updateMany reports modifiedCount.
  std::size_t changed = 0;
  for (User* target : targets) {
    if (target->status != status) ++changed;
    target->status = status;
  }
  // The order of `skipped` is not published: the alternative lists them in reverse.
  if (alternative) std::reverse(skipped.begin(), skipped.end());
  return bulk_answer(status, alternative ? changed : targets.size(), skipped);
}

json user_to_json(const PriaState& state, const User& user) {
  std::set<std::string> permissions;
  for (const auto& membership : user.memberships) {
    permissions.insert(membership.entitlements.begin(), membership.entitlements.end());
  }
  json data{{"_id", user.id},
            {"email", user.email},
            {"fname", user.fname},
            {"lname", user.lname},
            {"accountType", user.account_type},
            {"status", user.status},
            {"permissions", std::vector<std::string>(permissions.begin(), permissions.end())}};
  if (!user.memberships.empty()) {
    if (const auto* institution = state.find_institution(user.memberships.front().institution)) {
      data["institution"] = json{
          {"_id", institution->id}, {"name", institution->name}, {"status", institution->status}};
    }
  }
  return data;
}

MockResponse get_user_by_id(const PriaState& state, const MockRequest& request,
                            const RequestContext& context) {
  const Authentication auth = authenticate(state, request, context);
  if (auth.rejection) return *auth.rejection;
  const User& caller = *auth.caller;
  const bool alternative = context.inferred_alternative();
  if (!may_use_endpoint(caller, {"users.list", "users.edit"})) {
    return error_body(403, alternative ? pria_alternative::kReadForbidden : kForbidden);
  }

  const auto param = request.path_params.find("userId");
  const User* target =
      param == request.path_params.end() ? nullptr : state.find_user(param->second);
  if (alternative) {
    // Users the caller may not see, and deleted ones, are indistinguishable from unknown ones.
    const std::string id = param == request.path_params.end() ? "" : param->second;
    if (target == nullptr || target->status == "deleted" ||
        !may_act_on(caller, *target, {"users.list", "users.edit"})) {
      return error_body(404, pria_alternative::user_not_found(id));
    }
  }
  if (target == nullptr) return error_body(404, "User not found");
  if (!may_act_on(caller, *target, {"users.list", "users.edit"})) {
    return error_body(403, kForbidden);
  }
  return MockResponse::json(200, json{{"success", true}, {"data", user_to_json(state, *target)}});
}

// The catalogue's defects of the bulk-status 200 answer and of its lasting effect, applied around
// the handler so that the handler itself stays the documented behaviour.
MockResponse bulk_set_user_status_with_defects(PriaState& state, const MockRequest& request,
                                               const RequestContext& context) {
  // pria.status-not-persisted: the answer counts the targets, but their stored status is put
  // back afterwards, so the read-back still shows the old one.
  std::vector<std::pair<User*, std::string>> before;
  if (context.has_defect(kDefectStatusNotPersisted) && request.json_body &&
      request.json_body->is_object()) {
    const auto ids = request.json_body->find("ids");
    if (ids != request.json_body->end() && ids->is_array()) {
      for (const json& id : *ids) {
        if (!id.is_string()) continue;
        if (User* user = state.find_user(id.get<std::string>())) {
          before.emplace_back(user, user->status);
        }
      }
    }
  }
  MockResponse response = bulk_set_user_status(state, request, context);
  if (response.status != 200) return response;
  for (auto it = before.rbegin(); it != before.rend(); ++it) it->first->status = it->second;
  const bool counts_skipped = context.has_defect(kDefectUpdatedCountsSkipped);
  const bool drops_status = context.has_defect(kDefectStatusNotEchoed);
  if (!counts_skipped && !drops_status) return response;
  json body = json::parse(response.body);
  // pria.updated-counts-skipped: `updated` counts every listed id, skipped ones included.
  if (counts_skipped) body["updated"] = body["updated"].get<std::size_t>() + body["skipped"].size();
  // pria.status-not-echoed: the answer leaves out the status it set.
  if (drops_status) body.erase("status");
  return MockResponse::json(200, body);
}

class PriaModule final : public VendorModule {
 public:
  std::string_view name() const override { return "pria"; }
  std::string_view spec_file() const override { return "pria-admin.yaml"; }
  std::string_view fixture_file() const override { return "pria.yaml"; }

  std::unique_ptr<VendorState> load_state(const json& fixture) const override {
    return PriaState::from_json(fixture);
  }

  MockResponse handle(VendorState& state, const MockRequest& request,
                      const RequestContext& context) const override {
    auto& pria_state = dynamic_cast<PriaState&>(state);
    try {
      if (request.operation_id == "bulkSetUserStatus") {
        return bulk_set_user_status_with_defects(pria_state, request, context);
      }
      if (request.operation_id == "getUserById") {
        // pria.prototype-id-500: the id is looked up in a plain object and the prototype's
        // member it finds crashes the handler.
        const auto id = request.path_params.find("userId");
        if (context.has_defect(kDefectPrototypeId500) && id != request.path_params.end() &&
            is_prototype_name(id->second)) {
          return error_body(500, "Cannot read properties of undefined (reading 'institution')");
        }
        return get_user_by_id(pria_state, request, context);
      }
    } catch (const json::exception& e) {
      // Every JSON access above is type-checked first; this only keeps a missed case from
      // escaping as an exception (the module must never throw for client input).
      return error_body(400, std::string("/: ") + e.what());
    }
    return error_body(500, "operation " + request.operation_id + " is not served by pria");
  }

  MockResponse error_response(int status, std::string_view message) const override {
    return error_body(status, message);
  }

  std::vector<DefectDescription> defects() const override {
    return {{std::string(kDefectSelfNotSkipped),
             "the caller's own id is updated like any other target instead of being skipped"},
            {std::string(kDefectAccepts501Ids),
             "a bulk request with 501 ids is accepted (the limit is off by one)"},
            {std::string(kDefectUpdatedCountsSkipped),
             "`updated` in the bulk answer counts the skipped ids too"},
            {std::string(kDefectStatusNotEchoed),
             "the bulk answer leaves out the documented `status` field"},
            {std::string(kDefectStatusNotPersisted),
             "the bulk answer counts the targets, but their stored status does not change"},
            {std::string(kDefectPrototypeId500),
             "GET /api/admin/user/{userId} with __proto__, constructor, hasOwnProperty or "
             "toString as the id is a 500"}};
  }
};

}  // namespace

std::unique_ptr<VendorModule> make_pria_module() { return std::make_unique<PriaModule>(); }

}  // namespace statuskit::mock
