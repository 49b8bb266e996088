#include "vendors/symphony.h"

#include <charconv>
#include <chrono>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "vendors/symphony_state.h"
#include "vendors/symphony_update.h"

// Decisions on behaviour the pod does not publish (vendor-behaviors.md §3, recorded in
// specs/symphony-pod.yaml as x-statuskit-inferred / x-statuskit-notes):
// - Check order: session (401) → uid is an int64 (400) → User Provisioning role (403) → body
//   (400) → target exists (400: the spec documents no 404) → protected users (400) → action.
// - Sessions of DISABLED users no longer authenticate (401), like a revoked session.
// - `{}` (no field at all) is a 400: there is nothing to update.
// - `suspended: true` needs `suspendedUntil` and `suspensionReason` (as the suspension
//   endpoint documents); those two without `suspended: true` are a 400. `suspended: false`
//   lifts the suspension and clears both.
// - `suspendedUntil` is stored exactly as sent: the spec example is epoch seconds, the official
//   Java BDK sends milliseconds, so the mock does not convert (a value in the past is accepted:
//   the docs say the user stays suspended until they next log on).
// - keymanager and ceservice can be neither disabled nor suspended: 400.
// - Extra body properties are ignored (Jackson's default in the pod).
// - A successful update sets `lastUpdatedDate` (epoch ms); the step to DISABLED sets
//   `deactivatedDate`, which stays as history after re-enabling (the v2 record shows both).
// Under --inferred alternative the other plausible choice is made for each of these but the
// units of `suspendedUntil` (storing as sent is the one choice that serves both conventions;
// docs/inferred-choices.md, "Symphony"): the role (403) is checked before the uid (400); a
// DISABLED user's session still authenticates; the body is read by read_update_alternative
// (symphony_update.h); disabling a protected user is a 403 and suspending one is allowed;
// DISABLED lifts a suspension; re-enabling clears `deactivatedDate`; `lastUpdatedDate` is left
// to attribute edits; and every 400 message is worded differently.

namespace statuskit::mock {
namespace {

using nlohmann::json;
using symphony::StatusUpdate;
using symphony::SymphonyState;
using symphony::User;

constexpr std::string_view kDefectDisablesProtected = "symphony.disables-protected-user";
constexpr std::string_view kDefectErrorWithoutCode = "symphony.error-without-code";
constexpr std::string_view kDefectSuccessWithoutMessage = "symphony.success-without-message";
constexpr std::string_view kDefectPastSuspensionLifted = "symphony.past-suspension-lifted";
constexpr std::string_view kDefectLiftKeepsDetails = "symphony.lift-keeps-suspension-details";
// Defects only generated tests catch (conformance generate; no suite scenario sends these).
constexpr std::string_view kDefectSuspendedUntilOffByOne =
    "symphony.suspended-until-int64-off-by-one";
constexpr std::string_view kDefectRefusedBodyApplied = "symphony.refused-body-status-applied";
// Defects only `conformance explore` catches: each needs a combination no scenario makes.
constexpr std::string_view kDefectPaddedUidResolves = "symphony.padded-uid-resolves";
constexpr std::string_view kDefectReenableDropsSuspension = "symphony.reenable-drops-suspension";
constexpr std::string_view kDefectReasonTrimmed = "symphony.suspension-reason-trimmed";
constexpr const char* kProvisioningRole = "USER_PROVISIONING";

MockResponse error_body(int status, const std::string& message, const RequestContext* context) {
  if (context != nullptr && context->has_defect(kDefectErrorWithoutCode)) {
    return MockResponse::json(status, json{{"message", message}});
  }
  return MockResponse::json(status, json{{"code", status}, {"message", message}});
}

/// `lenient`: symphony.padded-uid-resolves, a parser that skips the spaces around the number
/// (a near miss of an id then names the user itself).
std::optional<std::int64_t> parse_uid(const MockRequest& request, bool lenient = false) {
  const auto param = request.path_params.find("uid");
  if (param == request.path_params.end() || param->second.empty()) return std::nullopt;
  std::string text = param->second;
  if (lenient) {
    const auto first = text.find_first_not_of(' ');
    const auto last = text.find_last_not_of(' ');
    text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
    if (text.empty()) return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// The caller behind the sessionToken header, or nullptr. [inf] A DISABLED user's session stops
/// authenticating; the alternative keeps it valid until it expires (disabling revokes nothing).
User* authenticate(SymphonyState& state, const MockRequest& request,
                   const RequestContext& context) {
  const std::string* token = request.header("sessiontoken");
  if (token == nullptr || token->empty()) return nullptr;
  User* caller = state.user_of_session(*token);
  if (caller == nullptr) return nullptr;
  if (caller->status != "ENABLED" && !context.inferred_alternative()) return nullptr;
  return caller;
}

/// Answers the checks every operation shares; sets `target` when they pass. The order of the
/// uid and role checks is inferred: the alternative checks the role first.
std::optional<MockResponse> admin_preamble(SymphonyState& state, const MockRequest& request,
                                           const RequestContext& context, User*& target) {
  const bool alternative = context.inferred_alternative();
  const User* caller = authenticate(state, request, context);
  if (caller == nullptr) return error_body(401, "Invalid session", &context);
  const auto forbidden = [&] {
    return error_body(403, "The user lacks the required entitlement to perform this operation",
                      &context);
  };
  if (alternative && !caller->has_role(kProvisioningRole)) return forbidden();
  const auto uid = parse_uid(request, context.has_defect(kDefectPaddedUidResolves));
  if (!uid) {
    const auto param = request.path_params.find("uid");
    const std::string text = param == request.path_params.end() ? "" : param->second;
    return error_body(400,
                      alternative ? "Invalid user id '" + text + "': a numeric user id is expected"
                                  : "uid must be a decimal int64, got '" + text + "'",
                      &context);
  }
  if (!caller->has_role(kProvisioningRole)) return forbidden();
  target = state.find_user(*uid);
  if (target == nullptr) {
    return error_body(400,
                      alternative ? "No user exists with id " + std::to_string(*uid)
                                  : "User " + std::to_string(*uid) + " not found",
                      &context);
  }
  return std::nullopt;
}

std::int64_t epoch_millis(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

/// The status update under --inferred alternative, after the shared preamble.
MockResponse apply_update_alternative(User& target, const MockRequest& request,
                                      const RequestContext& context) {
  StatusUpdate update;
  if (auto problem = symphony::read_update_alternative(request.json_body.get(), update)) {
    return error_body(400, *problem, &context);
  }
  // The page says protected users cannot be *disabled*: refused as forbidden, while a
  // suspension, which the page does not mention, goes through.
  if (target.protected_service_user && update.status == "DISABLED" &&
      !context.has_defect(kDefectDisablesProtected)) {
    return error_body(
        403, "Disabling the protected service user " + target.username + " is not permitted",
        &context);
  }
  const std::int64_t now_ms = epoch_millis(context.now);
  if (update.status == "DISABLED" && target.status != "DISABLED") {
    target.deactivated_date = now_ms;
    // A disabled account is off anyway: its suspension is lifted, unless this request sets one.
    if (!update.suspended) {
      target.suspended = false;
      target.suspended_until.reset();
      target.suspension_reason.reset();
    }
  }
  // Re-enabling ends the deactivation: nothing keeps its date as history.
  if (update.status == "ENABLED") target.deactivated_date.reset();
  if (update.status) target.status = *update.status;
  if (update.suspended) {
    target.suspended = *update.suspended;
    target.suspended_until = update.suspended_until;
    target.suspension_reason = update.suspension_reason;
  }
  return MockResponse::json(200, json{{"format", "TEXT"}, {"message", "OK"}});
}

MockResponse update_status(SymphonyState& state, const MockRequest& request,
                           const RequestContext& context) {
  User* target = nullptr;
  if (auto rejection = admin_preamble(state, request, context, target)) return *rejection;
  if (context.inferred_alternative()) return apply_update_alternative(*target, request, context);
  StatusUpdate update;
  if (auto problem = symphony::read_update(request.json_body.get(), update)) {
    return error_body(400, *problem, &context);
  }
  const bool disables = update.status == "DISABLED" || update.suspended.value_or(false);
  if (target->protected_service_user && disables && !context.has_defect(kDefectDisablesProtected)) {
    return error_body(400,
                      "User " + target->username +
                          " is a protected service user and cannot be disabled or suspended",
                      &context);
  }
  const std::int64_t now_ms = epoch_millis(context.now);
  if (update.status == "DISABLED" && target->status != "DISABLED") {
    target->deactivated_date = now_ms;
  }
  target->last_updated_date = now_ms;
  if (update.status) target->status = *update.status;
  if (update.suspended) {
    target->suspended = *update.suspended;
    target->suspended_until = *update.suspended ? update.suspended_until : std::nullopt;
    target->suspension_reason = *update.suspended ? update.suspension_reason : std::nullopt;
  }
  return MockResponse::json(200, json{{"format", "TEXT"}, {"message", "OK"}});
}

/// UserStatus: the status and the suspension fields, as both read-backs show them.
json status_fields(const User& user) {
  json fields{{"status", user.status}, {"suspended", user.suspended}};
  if (user.suspended_until) fields["suspendedUntil"] = *user.suspended_until;
  if (user.suspension_reason) fields["suspensionReason"] = *user.suspension_reason;
  return fields;
}

MockResponse get_status(SymphonyState& state, const MockRequest& request,
                        const RequestContext& context) {
  User* target = nullptr;
  if (auto rejection = admin_preamble(state, request, context, target)) return *rejection;
  return MockResponse::json(200, status_fields(*target));
}

/// GET /v2/admin/user/{uid}: the V2UserDetail record, with only the fields the pod knows.
MockResponse get_user_v2(SymphonyState& state, const MockRequest& request,
                         const RequestContext& context) {
  User* target = nullptr;
  if (auto rejection = admin_preamble(state, request, context, target)) return *rejection;
  json attributes{{"userName", target->username},
                  {"displayName", target->display_name},
                  {"accountType", target->account_type}};
  if (target->email_address) attributes["emailAddress"] = *target->email_address;
  if (target->first_name) attributes["firstName"] = *target->first_name;
  if (target->last_name) attributes["lastName"] = *target->last_name;
  json system_info = status_fields(*target);
  system_info["id"] = target->id;
  if (target->created_date) system_info["createdDate"] = *target->created_date;
  if (target->created_by) system_info["createdBy"] = *target->created_by;
  if (target->last_updated_date) system_info["lastUpdatedDate"] = *target->last_updated_date;
  if (target->deactivated_date) system_info["deactivatedDate"] = *target->deactivated_date;
  return MockResponse::json(200, json{{"userAttributes", std::move(attributes)},
                                      {"userSystemInfo", std::move(system_info)},
                                      {"roles", target->roles}});
}

// The catalogue's defects of the success answer and of the suspension's lasting effect, applied
// around the handlers so that the handlers themselves stay the documented behaviour.

/// symphony.suspended-until-int64-off-by-one: the int64 range check admits 2^63, which the
/// handler then reads wrapped around to -2^63 (a `<=` where `<` was meant).
std::optional<MockRequest> with_int64_off_by_one(const MockRequest& request) {
  const json* body = request.json_body.get();
  if (body == nullptr || !body->is_object()) return std::nullopt;
  const auto until = body->find("suspendedUntil");
  if (until == body->end() || !until->is_number_unsigned() ||
      until->get<std::uint64_t>() != std::uint64_t{1} << 63) {
    return std::nullopt;
  }
  MockRequest wrapped = request;
  json changed = *body;
  changed["suspendedUntil"] = std::numeric_limits<std::int64_t>::min();
  wrapped.json_body = std::make_shared<const json>(std::move(changed));
  return wrapped;
}

/// symphony.refused-body-status-applied: a body refused for a wrong-typed suspension field has
/// its valid `status` applied before the refusal.
void apply_status_of_refused_body(SymphonyState& state, const MockRequest& request) {
  const json* body = request.json_body.get();
  if (body == nullptr || !body->is_object()) return;
  const auto status = body->find("status");
  if (status == body->end() || (*status != "ENABLED" && *status != "DISABLED")) return;
  const auto until = body->find("suspendedUntil");
  const auto reason = body->find("suspensionReason");
  const auto suspended = body->find("suspended");
  const bool wrong_typed = (until != body->end() && !until->is_number_integer()) ||
                           (reason != body->end() && !reason->is_string()) ||
                           (suspended != body->end() && !suspended->is_boolean());
  if (!wrong_typed) return;
  const auto uid = parse_uid(request);
  User* target = uid ? state.find_user(*uid) : nullptr;
  if (target != nullptr && !target->protected_service_user) {
    target->status = status->get<std::string>();
  }
}

/// After a successful update: symphony.reenable-drops-suspension (enabling a DISABLED user
/// drops the suspension the same call sets: the status change × the status before) and
/// symphony.suspension-reason-trimmed (the stored reason loses its surrounding spaces, so it
/// reads back different from what was sent).
void apply_explore_only_defects(SymphonyState& state, const MockRequest& request,
                                const RequestContext& context, const std::string& status_before) {
  const auto uid = parse_uid(request, context.has_defect(kDefectPaddedUidResolves));
  User* target = uid ? state.find_user(*uid) : nullptr;
  if (target == nullptr) return;
  if (context.has_defect(kDefectReenableDropsSuspension) && status_before == "DISABLED" &&
      target->status == "ENABLED" && target->suspended) {
    target->suspended = false;
    target->suspended_until.reset();
    target->suspension_reason.reset();
  }
  if (context.has_defect(kDefectReasonTrimmed) && target->suspension_reason) {
    std::string& text = *target->suspension_reason;
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
  }
}

MockResponse update_status_with_defects(SymphonyState& state, const MockRequest& given,
                                        const RequestContext& context) {
  std::optional<MockRequest> wrapped;
  if (context.has_defect(kDefectSuspendedUntilOffByOne)) wrapped = with_int64_off_by_one(given);
  const MockRequest& request = wrapped ? *wrapped : given;
  // symphony.lift-keeps-suspension-details: what a lift clears is put back afterwards.
  User* target = nullptr;
  if (context.has_defect(kDefectLiftKeepsDetails)) {
    if (const auto uid = parse_uid(request)) target = state.find_user(*uid);
  }
  const auto until = target != nullptr ? target->suspended_until : std::nullopt;
  const auto reason = target != nullptr ? target->suspension_reason : std::nullopt;
  std::string status_before;
  if (const auto uid = parse_uid(request, context.has_defect(kDefectPaddedUidResolves))) {
    if (const User* named = state.find_user(*uid)) status_before = named->status;
  }
  MockResponse response = update_status(state, request, context);
  if (response.status == 400 && context.has_defect(kDefectRefusedBodyApplied)) {
    apply_status_of_refused_body(state, request);
  }
  if (response.status != 200) return response;
  if (target != nullptr && !target->suspended) {
    if (!target->suspended_until) target->suspended_until = until;
    if (!target->suspension_reason) target->suspension_reason = reason;
  }
  apply_explore_only_defects(state, request, context, status_before);
  // symphony.success-without-message: the 200 answer carries no `message`.
  if (!context.has_defect(kDefectSuccessWithoutMessage)) return response;
  json body = json::parse(response.body);
  body.erase("message");
  return MockResponse::json(200, body);
}

/// symphony.past-suspension-lifted: a suspension whose suspendedUntil has passed reads as lifted
/// (the vendor documents that it lasts until the user next logs on).
void lift_ended_suspension(json& fields, const RequestContext& context) {
  const auto until = fields.find("suspendedUntil");
  if (!fields.value("suspended", false) || until == fields.end() || !until->is_number_integer()) {
    return;
  }
  std::int64_t until_ms = until->get<std::int64_t>();
  if (until_ms < 100000000000) until_ms *= 1000;  // stored as sent: seconds below 1e11
  if (until_ms >= epoch_millis(context.now)) return;
  fields["suspended"] = false;
  fields.erase("suspendedUntil");
  fields.erase("suspensionReason");
}

MockResponse read_with_defects(MockResponse response, bool v2, const RequestContext& context) {
  if (response.status != 200 || !context.has_defect(kDefectPastSuspensionLifted)) return response;
  json body = json::parse(response.body);
  lift_ended_suspension(v2 ? body["userSystemInfo"] : body, context);
  return MockResponse::json(200, body);
}

class SymphonyModule final : public VendorModule {
 public:
  std::string_view name() const override { return "symphony"; }
  std::string_view spec_file() const override { return "symphony-pod.yaml"; }
  std::string_view fixture_file() const override { return "symphony.yaml"; }

  std::unique_ptr<VendorState> load_state(const json& fixture) const override {
    return SymphonyState::from_json(fixture);
  }

  MockResponse handle(VendorState& state, const MockRequest& request,
                      const RequestContext& context) const override {
    auto& symphony_state = static_cast<SymphonyState&>(state);
    try {
      if (request.operation_id == "updateUserStatus") {
        return update_status_with_defects(symphony_state, request, context);
      }
      if (request.operation_id == "getUserStatus") {
        return read_with_defects(get_status(symphony_state, request, context), false, context);
      }
      if (request.operation_id == "getUserV2") {
        return read_with_defects(get_user_v2(symphony_state, request, context), true, context);
      }
    } catch (const json::exception& error) {
      return error_body(400, std::string("/: ") + error.what(), &context);
    }
    return error_body(500, "operation " + request.operation_id + " is not served by symphony",
                      &context);
  }

  MockResponse error_response(int status, std::string_view message) const override {
    return error_body(status, std::string(message), nullptr);
  }

  std::vector<DefectDescription> defects() const override {
    return {{std::string(kDefectDisablesProtected),
             "the protected service users keymanager and ceservice can be disabled"},
            {std::string(kDefectErrorWithoutCode),
             "error bodies carry only `message`, without the documented `code`"},
            {std::string(kDefectSuccessWithoutMessage),
             "a successful status update answers without the `message` of SuccessResponse"},
            {std::string(kDefectPastSuspensionLifted),
             "a suspension whose suspendedUntil has passed reads back as lifted"},
            {std::string(kDefectLiftKeepsDetails),
             "suspended: false keeps suspendedUntil and suspensionReason in the user record"},
            {std::string(kDefectSuspendedUntilOffByOne),
             "suspendedUntil 2^63 (one past int64) is accepted and stored wrapped to -2^63"},
            {std::string(kDefectRefusedBodyApplied),
             "a body refused for a wrong-typed suspension field still applies its status"},
            {std::string(kDefectPaddedUidResolves),
             "a uid with spaces around it (\"13056700580005 \") names the user instead of a 400"},
            {std::string(kDefectReenableDropsSuspension),
             "enabling a DISABLED user drops the suspension the same call sets"},
            {std::string(kDefectReasonTrimmed),
             "the stored suspensionReason loses its surrounding spaces (it reads back changed)"}};
  }
};

}  // namespace

std::unique_ptr<VendorModule> make_symphony_module() { return std::make_unique<SymphonyModule>(); }

}  // namespace statuskit::mock
