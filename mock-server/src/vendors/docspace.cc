#include "vendors/docspace.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vendors/docspace_alternative.h"
#include "vendors/docspace_state.h"

// Under --inferred alternative (docspace_alternative.h, docs/inferred-choices.md "ONLYOFFICE
// DocSpace"), where the source leaves the outcome open: 401 carries the ErrorApiResponse the
// published spec describes; the body is bound after the path status and permission checks,
// with System.Text.Json's messages, and a missing userIds binds to an empty list; `count` is 1,
// as SuccessApiResponse counts an IAsyncEnumerable (neither a List nor an IEnumerable); the
// tariff refusal has the seat checker's exception type; the read-back's 404 is worded
// differently.

namespace statuskit::mock {
namespace {

using nlohmann::json;

// .NET HResults of the exceptions the real server serialises into the error envelope.
constexpr long long kHresultSecurity = -2146233078;      // COR_E_SECURITY
constexpr long long kHresultArgument = -2147024809;      // E_INVALIDARG
constexpr long long kHresultArgumentNull = -2147467261;  // E_POINTER
constexpr long long kHresultException = -2146233088;     // COR_E_EXCEPTION

constexpr std::string_view kDefectPartialForbiddenList = "docspace.partial-forbidden-list";
constexpr std::string_view kDefectBareArray = "docspace.bare-array";
constexpr std::string_view kDefectCookiesSurviveReactivation =
    "docspace.cookies-survive-reactivation";
constexpr std::string_view kDefectResponseOnlyChanged = "docspace.response-only-changed";
constexpr std::string_view kDefectResponseBeforeChange = "docspace.response-before-change";
constexpr std::string_view kDefectLinksSayGet = "docspace.links-say-get";
constexpr std::string_view kDefectInviteeActivated = "docspace.invitee-activated";
constexpr std::string_view kDefectPeopleAdminDenied = "docspace.people-admin-denied";
constexpr std::string_view kDefectAdminMayChangeAdmin = "docspace.admin-may-change-admin";
constexpr std::string_view kDefectQuotaRollback = "docspace.quota-rollback";
// Only generated tests catch it (no suite scenario sends a wrong-typed resendAll).
constexpr std::string_view kDefectResendAllUnchecked = "docspace.resend-all-unchecked";

MockResponse error_envelope(int status, const std::string& message, const std::string& type,
                            long long hresult) {
  // ResponseWrapper: {"status":1,"statusCode":N,"error":{message,type,stack,hresult}}. The
  // stack is only filled in debug builds of the server; production sends "".
  return MockResponse::json(
      status,
      json{{"status", 1},
           {"statusCode", status},
           {"error", {{"message", message}, {"type", type}, {"stack", ""}, {"hresult", hresult}}}});
}

MockResponse access_denied() {
  return error_envelope(403, "Access denied", "System.Security.SecurityException",
                        kHresultSecurity);
}

MockResponse bad_argument(const std::string& message) {
  return error_envelope(400, message, "System.ArgumentException", kHresultArgument);
}

// [inf] The authentication challenge of the cookie scheme writes no body (the published spec
// claims an ErrorApiResponse; the handler never produces one). The alternative sends it.
MockResponse unauthorized(const RequestContext& context) {
  if (!context.inferred_alternative()) return MockResponse::empty(401);
  return error_envelope(401, docspace_alternative::kUnauthorizedMessage,
                        docspace_alternative::kUnauthorizedType,
                        docspace_alternative::kUnauthorizedHresult);
}

std::string request_url(const MockRequest& request) {
  const std::string* host = request.header("host");
  return host == nullptr ? request.path : "https://" + *host + request.path;
}

json links(const MockRequest& request, const char* action) {
  return json::array({json{{"href", request_url(request)}, {"action", action}}});
}

// EmployeeFullDto as the server serialises it: camelCase, enums as integers, nulls omitted.
json employee_full_dto(const DocspaceUser& user) {
  std::string display = user.first_name;
  if (!user.last_name.empty()) display += (display.empty() ? "" : " ") + user.last_name;
  if (display.empty()) display = user.email;
  json dto = {{"id", user.id},
              {"displayName", display},
              {"hasAvatar", false},
              {"isAnonim", false},
              {"firstName", user.first_name},
              {"lastName", user.last_name},
              {"userName", user.user_name},
              {"email", user.email},
              {"status", user.status},
              {"activationStatus", user.activation_status},
              {"isAdmin", user.is_docspace_admin()},
              {"isRoomAdmin", user.type == DocspaceUserType::kRoomAdmin},
              {"isLDAP", user.ldap},
              {"isOwner", user.type == DocspaceUserType::kOwner},
              {"isVisitor", user.type == DocspaceUserType::kGuest},
              {"isCollaborator", user.type == DocspaceUserType::kUser},
              {"isSSO", false}};
  if (user.people_module_admin) dto["listAdminModules"] = json::array({"people"});
  return dto;
}

// The LostUser stand-in GetUsersAsync returns for unknown ids (only ever used for checks).
DocspaceUser lost_user() {
  DocspaceUser user;
  user.id = kDocspaceLostUserId;
  user.system = true;
  return user;
}

// CookieAuthHandler: the asc_auth_key cookie first, otherwise the raw Authorization value with
// a "Bearer " prefix stripped. Basic, JWT and "sk-" API keys select other schemes the fixture
// has no credentials for, so they fail authentication here.
std::optional<std::string> presented_token(const MockRequest& request) {
  if (const std::string* cookie = request.cookie("asc_auth_key")) return *cookie;
  const std::string* header = request.header("authorization");
  if (header == nullptr) return std::nullopt;
  std::string value = *header;
  if (value.rfind("Bearer ", 0) == 0) value = value.substr(7);
  return value;
}

const DocspaceUser* authenticate(const DocspaceState& state, const MockRequest& request,
                                 const RequestContext& context) {
  auto token = presented_token(request);
  if (!token || token->empty()) return nullptr;
  if (context.has_defect(kDefectCookiesSurviveReactivation)) {
    // The defect: only the account state is checked, never the cookie index the termination
    // reset, so a terminated user's old cookies work again once it is reactivated.
    for (const auto& issued : state.tokens) {
      if (issued.value != *token) continue;
      const DocspaceUser* user = state.find_user(issued.user_id);
      bool refused = user == nullptr || user->status == kDocspaceTerminated || user->system;
      return refused ? nullptr : user;
    }
    return nullptr;
  }
  return state.authenticate(*token);
}

// ASP.NET binds {status} to the [Flags] EmployeeStatus enum through its TypeConverter: names
// case-insensitively, comma-separated flag lists, and any integer. 0 stands for "did not bind";
// the caller rejects everything but Active/Terminated with "Incorrect status" anyway.
long long bind_employee_status(const std::string& text) {
  auto trim = [](const std::string& part) {
    auto begin = part.find_first_not_of(' ');
    auto end = part.find_last_not_of(' ');
    return begin == std::string::npos ? std::string() : part.substr(begin, end - begin + 1);
  };
  std::string value = trim(text);
  if (value.empty()) return 0;
  bool numeric = (value[0] == '-' || value[0] == '+' ||
                  std::isdigit(static_cast<unsigned char>(value[0])) != 0);
  if (numeric) {
    std::size_t digits_from = (value[0] == '-' || value[0] == '+') ? 1 : 0;
    if (digits_from == value.size() || value.size() > 12) return 0;
    for (std::size_t i = digits_from; i < value.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(value[i]))) return 0;
    }
    return std::stoll(value);
  }
  long long flags = 0;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    std::string name = docspace_lower(
        trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (name == "active") {
      flags |= 1;
    } else if (name == "terminated") {
      flags |= 2;
    } else if (name == "pending") {
      flags |= 4;
    } else if (name == "default") {
      flags |= 5;
    } else if (name == "all") {
      flags |= 7;
    } else {
      return 0;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return flags;
}

bool holds_edit_user_right(const DocspaceUser& caller) {
  return caller.is_docspace_admin() || caller.people_module_admin;
}

struct QuotaFailure {
  std::string message;
  std::string type;
};

int count_active(const DocspaceState& state, bool paid_seat) {
  int count = 0;
  for (const auto& user : state.users) {
    if (user.system || user.status != kDocspaceActive) continue;
    bool paid =
        user.type == DocspaceUserType::kDocSpaceAdmin || user.type == DocspaceUserType::kRoomAdmin;
    if (paid_seat ? paid : user.type == DocspaceUserType::kUser) ++count;
  }
  return count;
}

// TenantQuotaFeatureChecker for the seat a re-enabled user takes. The tariff is checked first:
// a portal whose tariff is worse than Paid cannot take on any seat.
std::optional<QuotaFailure> check_quota(const DocspaceState& state, const DocspaceUser& user,
                                        const RequestContext& context) {
  if (state.quota.tariff_state > DocspaceTariffState::kPaid) {
    // [inf] The exception type of the tariff refusal is not in the source summary.
    return QuotaFailure{"Your pricing plan does not support this option",
                        context.inferred_alternative()
                            ? docspace_alternative::kTariffType
                            : "ASC.Core.Billing.BillingNotFoundException"};
  }
  bool paid =
      user.type == DocspaceUserType::kDocSpaceAdmin || user.type == DocspaceUserType::kRoomAdmin;
  if (paid) {
    if (count_active(state, true) + 1 > state.quota.max_paid_admins) {
      return QuotaFailure{
          "The number of admins should not exceed " + std::to_string(state.quota.max_paid_admins),
          "ASC.Core.Tenants.TenantQuotaException"};
    }
  } else if (user.type == DocspaceUserType::kUser) {
    if (count_active(state, false) + 1 > state.quota.max_users) {
      return QuotaFailure{
          "The number of users should not exceed " + std::to_string(state.quota.max_users),
          "ASC.Core.Tenants.TenantQuotaException"};
    }
  }
  return std::nullopt;
}

// Binds the UpdateMembersRequestDto body the way model binding does, before the action runs:
// wrong JSON types and non-GUID ids are 400 ahead of every check in the action [inf]. A missing
// or null userIds binds fine and leaves `ids` empty; the action fails on it later.
std::optional<MockResponse> bind_body(const MockRequest& request,
                                      std::optional<std::vector<std::string>>& ids,
                                      bool check_resend_all) {
  if (!request.json_body || !request.json_body->is_object()) {
    return bad_argument("The request body must be a JSON object (UpdateMembersRequestDto)");
  }
  const json& body = *request.json_body;
  auto it = body.find("userIds");
  if (it != body.end() && !it->is_null()) {
    if (!it->is_array()) return bad_argument("/userIds: must be an array of GUID strings");
    ids.emplace();
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& id = (*it)[i];
      if (!id.is_string() || !is_docspace_guid(id.get<std::string>())) {
        return bad_argument("/userIds/" + std::to_string(i) + ": must be a GUID string");
      }
      ids->push_back(docspace_lower(id.get<std::string>()));
    }
  }
  // resendAll is accepted and ignored, as by the server; a wrong type is still a binding error.
  auto resend = body.find("resendAll");
  if (check_resend_all && resend != body.end() && !resend->is_boolean() && !resend->is_null()) {
    return bad_argument("/resendAll: must be a boolean");
  }
  return std::nullopt;
}

class DocspaceModule final : public VendorModule {
 public:
  std::string_view name() const override { return "docspace"; }
  std::string_view spec_file() const override { return "onlyoffice-docspace-people.yaml"; }
  std::string_view fixture_file() const override { return "docspace.yaml"; }

  std::unique_ptr<VendorState> load_state(const json& fixture) const override {
    return load_docspace_state(fixture);
  }

  MockResponse handle(VendorState& base_state, const MockRequest& request,
                      const RequestContext& context) const override {
    auto& state = static_cast<DocspaceState&>(base_state);
    try {
      if (request.operation_id == "updateUserStatus") {
        return update_status(state, request, context);
      }
      if (request.operation_id == "getProfileById") return get_profile(state, request, context);
      return error_envelope(404, "Unknown operation " + request.operation_id,
                            "System.NotSupportedException", kHresultException);
    } catch (const json::exception& error) {
      // Defensive: wrong JSON types are client errors, never a crash.
      return bad_argument(error.what());
    }
  }

  MockResponse error_response_for(int status, std::string_view message,
                                  const RequestContext& context) const override {
    if (context.inferred_alternative() && status == 413) {
      return error_envelope(status, std::string(message), docspace_alternative::kBodyTooLargeType,
                            kHresultException);
    }
    if (context.inferred_alternative() && status == 400) {
      return error_envelope(status, std::string(message), docspace_alternative::kJsonExceptionType,
                            kHresultException);
    }
    return error_response(status, message);
  }

  MockResponse error_response(int status, std::string_view message) const override {
    const char* type = status == 415   ? "System.NotSupportedException"
                       : status == 413 ? "Microsoft.AspNetCore.Http.BadHttpRequestException"
                                       : "System.ArgumentException";
    long long hresult = status == 400 ? kHresultArgument : kHresultException;
    return error_envelope(status, std::string(message), type, hresult);
  }

  std::vector<DefectDescription> defects() const override {
    return {{std::string(kDefectPartialForbiddenList),
             "a list with a forbidden id (self, owner, LDAP, unknown) still changes the allowed "
             "ids before answering 403"},
            {std::string(kDefectBareArray),
             "a successful status change answers a bare array of users without the envelope"},
            {std::string(kDefectCookiesSurviveReactivation),
             "authentication checks only that the account is not Terminated, not the cookie index "
             "termination reset: a terminated user's old cookies work again once reactivated"},
            {std::string(kDefectResponseOnlyChanged),
             "the success answer lists only the users whose status changed, leaving out requested "
             "users that already had it"},
            {std::string(kDefectResponseBeforeChange),
             "the success answer shows every user as it was before the change (a terminated user "
             "still Active)"},
            {std::string(kDefectLinksSayGet),
             "the success envelope's link names the action GET instead of the request's PUT"},
            {std::string(kDefectInviteeActivated),
             "re-enabling an invited user who never set a name makes them Active instead of "
             "Pending"},
            {std::string(kDefectPeopleAdminDenied),
             "a People-module admin who is not a DocSpace admin is refused the edit-user right "
             "(403)"},
            {std::string(kDefectAdminMayChangeAdmin),
             "a DocSpace admin who is not the owner may change another DocSpace admin"},
            {std::string(kDefectQuotaRollback),
             "a 402 for a full seat quota rolls back the users enabled earlier in the same call"},
            {std::string(kDefectResendAllUnchecked),
             "resendAll is not bound: a body whose resendAll is not a boolean is accepted"}};
  }

 private:
  MockResponse update_status(DocspaceState& state, const MockRequest& request,
                             const RequestContext& context) const {
    const DocspaceUser* caller = authenticate(state, request, context);
    if (caller == nullptr) return unauthorized(context);
    const std::string caller_id = caller->id;
    const bool caller_is_owner = caller->type == DocspaceUserType::kOwner;
    const bool alternative = context.inferred_alternative();

    std::optional<std::vector<std::string>> bound_ids;
    if (!alternative) {
      // docspace.resend-all-unchecked: the binding of resendAll is switched off.
      const bool check_resend_all = !context.has_defect(kDefectResendAllUnchecked);
      if (auto failure = bind_body(request, bound_ids, check_resend_all)) return *failure;
    }

    // L2077-2080: validated before the permission demand, so non-admins see 400 too.
    auto path_status = request.path_params.find("status");
    long long status =
        path_status == request.path_params.end() ? 0 : bind_employee_status(path_status->second);
    if (status != kDocspaceActive && status != kDocspaceTerminated) {
      return bad_argument("Incorrect status");
    }
    bool has_right = holds_edit_user_right(*caller);
    if (context.has_defect(kDefectPeopleAdminDenied)) has_right = caller->is_docspace_admin();
    if (!has_right) return access_denied();
    if (alternative) {
      // The body is bound when the action first needs the ids: after the checks above.
      std::vector<std::string> ids;
      if (auto problem = docspace_alternative::bind_body(request.json_body.get(), ids)) {
        return error_envelope(400, *problem, docspace_alternative::kJsonExceptionType,
                              kHresultException);
      }
      bound_ids = std::move(ids);
    }

    if (!bound_ids) {
      // [inf] GetUsersAsync(inDto.UserIds.ToAsyncEnumerable()) with null throws
      // ArgumentNullException after the permission demand.
      return error_envelope(400, "Value cannot be null. (Parameter 'source')",
                            "System.ArgumentNullException", kHresultArgumentNull);
    }
    const std::vector<std::string>& ids = *bound_ids;

    // L2091-2100: every target is resolved first; one forbidden target denies the whole call.
    const DocspaceUser lost = lost_user();
    auto forbidden = [&](const std::string& id) {
      const DocspaceUser* target = state.find_user(id);
      if (target == nullptr) target = &lost;
      return target->system || target->ldap || target->type == DocspaceUserType::kOwner ||
             target->id == caller_id ||
             (!caller_is_owner && target->is_docspace_admin() &&
              !context.has_defect(kDefectAdminMayChangeAdmin));
    };
    const bool any_forbidden = std::any_of(ids.begin(), ids.end(), forbidden);
    if (any_forbidden && !context.has_defect(kDefectPartialForbiddenList)) return access_denied();

    // The users as they were before the loop (for the response-before-change defect), the ids
    // whose status changed (response-only-changed) and the ones enabled so far (quota-rollback).
    json before = json::array();
    if (context.has_defect(kDefectResponseBeforeChange)) {
      for (const auto& id : ids) {
        if (const DocspaceUser* user = state.find_user(id)) {
          before.push_back(employee_full_dto(*user));
        }
      }
    }
    std::vector<std::string> changed;
    for (const auto& id : ids) {
      if (forbidden(id)) continue;  // only reachable with the partial-forbidden-list defect
      DocspaceUser& user = *state.find_user(id);
      if (status == kDocspaceActive) {
        if (user.status != kDocspaceTerminated) continue;  // Active/Pending: returned unchanged
        // No rollback: users enabled earlier in this loop stay enabled.
        if (auto failure = check_quota(state, user, context)) {
          if (context.has_defect(kDefectQuotaRollback)) {
            for (const auto& enabled : changed) {
              state.find_user(enabled)->status = kDocspaceTerminated;
            }
          }
          return error_envelope(402, failure->message, failure->type, kHresultException);
        }
        bool never_named = user.first_name.empty() && user.last_name.empty();
        bool pending = never_named && user.invited && !context.has_defect(kDefectInviteeActivated);
        user.status = pending ? kDocspacePending : kDocspaceActive;
        changed.push_back(id);
      } else {
        if (user.status != kDocspaceTerminated) changed.push_back(id);
        user.status = kDocspaceTerminated;
        // ResetUserCookieAsync: every asc_auth_key issued before now stops authenticating.
        ++user.cookie_index;
      }
    }

    if (any_forbidden) return access_denied();

    json list = json::array();
    for (const auto& id : ids) {
      if (context.has_defect(kDefectResponseOnlyChanged) &&
          std::find(changed.begin(), changed.end(), id) == changed.end()) {
        continue;
      }
      list.push_back(employee_full_dto(*state.find_user(id)));
    }
    if (context.has_defect(kDefectResponseBeforeChange)) list = before;
    const char* link_action = context.has_defect(kDefectLinksSayGet) ? "GET" : "PUT";
    if (context.has_defect(kDefectBareArray)) return MockResponse::json(200, list);
    // [inf] count for the streamed IAsyncEnumerable: the number of items returned.
    // [inf] `count` of the streamed list: the default counts the items; the alternative is
    // SuccessApiResponse's answer for an IAsyncEnumerable, which is no List or IEnumerable: 1.
    const std::size_t count = alternative ? 1 : list.size();
    json envelope = {{"response", list},
                     {"count", count},
                     {"links", links(request, link_action)},
                     {"status", 0},
                     {"statusCode", 200}};
    return MockResponse::json(200, envelope);
  }

  MockResponse get_profile(const DocspaceState& state, const MockRequest& request,
                           const RequestContext& context) const {
    if (authenticate(state, request, context) == nullptr) return unauthorized(context);
    auto param = request.path_params.find("userid");
    const DocspaceUser* user = nullptr;
    if (param != request.path_params.end() && is_docspace_guid(param->second)) {
      user = state.find_user(param->second);
    }
    if (user == nullptr || user->system) {
      // [inf] ItemNotFoundException("User not found") → 404 through the same envelope.
      return error_envelope(404,
                            context.inferred_alternative() ? docspace_alternative::kProfileNotFound
                                                           : "User not found",
                            "System.Collections.Generic.KeyNotFoundException", kHresultException);
    }
    json envelope = {{"response", employee_full_dto(*user)},
                     {"count", 1},
                     {"links", links(request, "GET")},
                     {"status", 0},
                     {"statusCode", 200}};
    return MockResponse::json(200, envelope);
  }
};

}  // namespace

std::unique_ptr<VendorModule> make_docspace_module() { return std::make_unique<DocspaceModule>(); }

}  // namespace statuskit::mock
