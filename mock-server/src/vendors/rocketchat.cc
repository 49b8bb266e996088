#include "vendors/rocketchat.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vendors/auth/token_crypto.h"
#include "vendors/rocketchat_state.h"

// Rocket.Chat's own behaviour (vendor-behaviors.md §2, from its source): the route wrapper
// checks auth, then validates the body with Ajv (coerceTypes, allErrors), then the route
// permissions (hasAny of edit-other-user-active-status, manage-moderation-actions), then runs
// executeSetUserActiveStatus, which itself needs edit-other-user-active-status. Decisions on
// what the source leaves open are marked [inf] here and x-statuskit-inferred in the spec:
// - users.info: a missing userId/username is a 400 invalid-params and an unknown user a 400
//   "User not found." [inf]; `includeUserRooms=true` lists the user's subscriptions with their
//   roles, which is how a client sees an ownership move. Two of userId/username/importId/email/
//   freeSwitchExtension, or any parameter besides them, includeUserRooms and fields, is a 400
//   invalid-params (the source's isUsersInfoParamsGetProps, checked with its compiled validator;
//   not inferred). importId, email and freeSwitchExtension pass validation but no fixture user
//   has one, so they find nobody; a key given empty passes validation and is then "not provided"
//   (error-user-param-not-provided) [inf].
// - Deactivation wipes every login token (sessions and personal access tokens alike), so the
//   user's next call is a 401; reactivation does not restore them.
// Under --inferred alternative (docs/inferred-choices.md, "Rocket.Chat"): users.info answers
// with the errors of the older getUserFromParams helper (error-user-param-not-provided,
// error-invalid-user), and a caller holding only manage-moderation-actions, which the route
// admits, is not refused again by the action ([inf]: read from the source, never tested).

namespace statuskit::mock {
namespace {

using nlohmann::json;
using rocketchat::RocketchatState;
using rocketchat::Room;
using rocketchat::User;

constexpr std::string_view kDefectMissingActiveStatus = "rocketchat.missing-active-status-accepted";
constexpr std::string_view kDefectForbiddenFirst = "rocketchat.forbidden-before-validation";
// Defects that break what outlasts the call or what its answer carries (issue 11).
constexpr std::string_view kDefectWholeUser = "rocketchat.success-body-whole-user";
constexpr std::string_view kDefectTokensKept = "rocketchat.tokens-kept-on-deactivation";
constexpr std::string_view kDefectTokensRevived = "rocketchat.tokens-revived-on-reactivation";
constexpr std::string_view kDefectRolesDropped = "rocketchat.roles-dropped-on-deactivation";
constexpr std::string_view kDefectKeepsSoloRoom = "rocketchat.relinquish-keeps-solo-room";
constexpr std::string_view kDefectInactiveOwner = "rocketchat.relinquish-ignores-active";
constexpr std::string_view kDefectAloneNotFlagged = "rocketchat.alone-room-not-flagged";
constexpr std::string_view kDefectDmScanned = "rocketchat.dm-rooms-scanned";
constexpr std::string_view kDefectChecksWithoutUsername = "rocketchat.room-checks-without-username";
constexpr std::string_view kDefectInfoQueryUnchecked = "rocketchat.info-query-not-validated";
constexpr std::string_view kDefectStrictBooleans = "rocketchat.strict-booleans";
constexpr std::string_view kDefectRepeatRefused = "rocketchat.repeat-change-refused";
constexpr const char* kEditPermission = "edit-other-user-active-status";
constexpr const char* kModerationPermission = "manage-moderation-actions";
constexpr const char* kNotLoggedIn = "You must be logged in to do this.";

MockResponse failure(const json& body) { return MockResponse::json(400, body); }

/// Meteor.Error as the REST layer serialises it: "<reason> [<error>]" plus errorType.
json meteor_error(const std::string& error_type, const std::string& reason,
                  const std::optional<json>& details = std::nullopt) {
  json body{{"success", false},
            {"error", reason.empty() ? "[" + error_type + "]" : reason + " [" + error_type + "]"},
            {"errorType", error_type}};
  if (details) body["details"] = *details;
  return body;
}

MockResponse unauthorized() {
  // The extra status/message keys are the compatibility shim the server sends until 8.0.
  return MockResponse::json(401, json{{"success", false},
                                      {"error", kNotLoggedIn},
                                      {"status", "error"},
                                      {"message", kNotLoggedIn}});
}

MockResponse forbidden() {
  return MockResponse::json(403,
                            json{{"success", false},
                                 {"error",
                                  "User does not have the permissions required for this action "
                                  "[error-unauthorized]"}});
}

/// The user X-User-Id + X-Auth-Token identify, or nullptr. The token is compared as its sha256
/// hash, the only form the server stores.
User* authenticate(RocketchatState& state, const MockRequest& request,
                   const RequestContext& context) {
  const std::string* user_id = request.header("x-user-id");
  const std::string* token = request.header("x-auth-token");
  if (user_id == nullptr || token == nullptr || user_id->empty() || token->empty()) return nullptr;
  User* user = state.find_user(*user_id);
  if (user == nullptr) return nullptr;
  const std::string hashed = sha256_base64(*token);
  const bool known = std::find(user->login_tokens.begin(), user->login_tokens.end(), hashed) !=
                     user->login_tokens.end();
  // The defect keeps a deactivated user's tokens and only refuses them while it is inactive.
  if (known && !user->active && context.has_defect(kDefectTokensRevived)) return nullptr;
  return known ? user : nullptr;
}

// ---- Ajv-like body validation (coerceTypes: true, allErrors: true) ------------------------

/// What Ajv's coerceTypes accepts for a boolean (checked against Rocket.Chat's own compiled
/// validator): true/false, "true"/"false", every number equal to 1 or 0 (1, 1.0, 1e0...), null.
std::optional<bool> coerce_boolean(const json& value, const RequestContext& context) {
  if (value.is_boolean()) return value.get<bool>();
  if (context.has_defect(kDefectStrictBooleans)) return std::nullopt;
  if (value.is_number_float()) {
    if (value.get<double>() == 1.0) return true;
    if (value.get<double>() == 0.0) return false;
  }
  if (value.is_string()) {
    if (value == "true") return true;
    if (value == "false") return false;
  }
  if (value.is_number_integer() || value.is_number_unsigned()) {
    if (value.get<std::int64_t>() == 1) return true;
    if (value.get<std::int64_t>() == 0) return false;
  }
  if (value.is_null()) return false;
  return std::nullopt;
}

std::optional<std::string> coerce_string(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  if (value.is_null()) return std::string();
  return std::nullopt;
}

struct SetActiveStatusParams {
  std::string user_id;
  bool active_status = false;
  bool confirm_relinquish = false;
};

/// Ajv's messages, in its keyword order (required, additionalProperties, properties), or the
/// coerced parameters.
std::vector<std::string> validate_params(const json* body, SetActiveStatusParams& params,
                                         const RequestContext& context) {
  std::vector<std::string> errors;
  if (body == nullptr || !body->is_object()) {
    errors.emplace_back("must be object");
    return errors;
  }
  const bool lenient = context.has_defect(kDefectMissingActiveStatus);
  for (const char* required : {"userId", "activeStatus"}) {
    if (!body->contains(required) && !(lenient && std::string_view(required) == "activeStatus")) {
      errors.push_back(std::string("must have required property '") + required + "'");
    }
  }
  for (const auto& item : body->items()) {
    if (item.key() != "userId" && item.key() != "activeStatus" &&
        item.key() != "confirmRelinquish") {
      errors.emplace_back("must NOT have additional properties");
    }
  }
  if (auto it = body->find("userId"); it != body->end()) {
    if (auto value = coerce_string(*it)) {
      params.user_id = *value;
    } else {
      errors.emplace_back("must be string");
    }
  }
  if (auto it = body->find("activeStatus"); it != body->end()) {
    if (auto value = coerce_boolean(*it, context)) {
      params.active_status = *value;
    } else {
      errors.emplace_back("must be boolean");
    }
  }
  // Nullable: Ajv's coercion to null also turns "" into null.
  auto is_nullish = [&](const json& value) {
    return value.is_null() || (value == "" && !context.has_defect(kDefectStrictBooleans));
  };
  if (auto it = body->find("confirmRelinquish"); it != body->end() && !is_nullish(*it)) {
    if (auto value = coerce_boolean(*it, context)) {
      params.confirm_relinquish = *value;
    } else {
      errors.emplace_back("must be boolean");
    }
  }
  return errors;
}

MockResponse invalid_params(const std::vector<std::string>& errors) {
  std::string reason;
  for (const auto& error : errors) reason += (reason.empty() ? "" : "\n ") + error;
  return failure(meteor_error("invalid-params", reason));
}

// ---- the action ---------------------------------------------------------------------------

struct RelinquishPlan {
  std::vector<std::pair<Room*, std::string>> change_owner;  ///< room, new owner's _id
  std::vector<std::string> remove;                          ///< room ids
  json should_be_removed = json::array();
  json should_change_owner = json::array();
  bool empty() const { return change_owner.empty() && remove.empty(); }
};

/// getUserSingleOwnedRooms: rooms the user alone owns (a new owner is the earliest-joined
/// other active subscriber, else the room goes), and non-DM rooms the user is alone in.
RelinquishPlan plan_relinquish(RocketchatState& state, const User& user,
                               const RequestContext& context) {
  RelinquishPlan plan;
  for (Room& room : state.rooms()) {
    if (room.type == "d" && !context.has_defect(kDefectDmScanned)) continue;
    const auto own = std::find_if(room.subscriptions.begin(), room.subscriptions.end(),
                                  [&](const auto& sub) { return sub.user == user.id; });
    if (own == room.subscriptions.end()) continue;
    const bool other_owner =
        std::any_of(room.subscriptions.begin(), room.subscriptions.end(),
                    [&](const auto& sub) { return sub.user != user.id && sub.is_owner(); });
    if (own->is_owner() && !other_owner) {
      std::vector<const rocketchat::Subscription*> candidates;
      for (const auto& sub : room.subscriptions) {
        const User* member = state.find_user(sub.user);
        const bool eligible =
            member != nullptr && (member->active || context.has_defect(kDefectInactiveOwner));
        if (sub.user != user.id && eligible) candidates.push_back(&sub);
      }
      std::sort(candidates.begin(), candidates.end(),
                [](const auto* a, const auto* b) { return a->ts < b->ts; });
      if (candidates.empty()) {
        plan.remove.push_back(room.id);
        plan.should_be_removed.push_back(room.display_name());
      } else {
        plan.change_owner.emplace_back(&room, candidates.front()->user);
        plan.should_change_owner.push_back(room.display_name());
      }
    } else if (room.subscriptions.size() == 1 && !context.has_defect(kDefectAloneNotFlagged)) {
      plan.remove.push_back(room.id);
      plan.should_be_removed.push_back(room.display_name());
    }
  }
  return plan;
}

bool is_last_active_admin(RocketchatState& state, const User& user) {
  if (!user.has_role("admin") || !user.active) return false;
  return std::none_of(state.users().begin(), state.users().end(), [&](const User& other) {
    return other.id != user.id && other.active && other.has_role("admin");
  });
}

MockResponse set_active_status(RocketchatState& state, const MockRequest& request,
                               const RequestContext& context) {
  User* caller = authenticate(state, request, context);
  if (caller == nullptr) return unauthorized();
  const bool route_permission = state.has_permission(*caller, kEditPermission) ||
                                state.has_permission(*caller, kModerationPermission);
  if (context.has_defect(kDefectForbiddenFirst) && !route_permission) return forbidden();
  SetActiveStatusParams params;
  if (auto errors = validate_params(request.json_body.get(), params, context); !errors.empty()) {
    return invalid_params(errors);
  }
  if (!route_permission) return forbidden();
  if (!state.has_permission(*caller, kEditPermission) && !context.inferred_alternative()) {
    return failure(
        meteor_error("error-not-allowed", "Not allowed", json{{"method", "setUserActiveStatus"}}));
  }
  User* target = state.find_user(params.user_id);
  if (target == nullptr) return failure(json{{"success", false}, {"error", "User not found"}});
  if (target->federated) {
    return failure(meteor_error("error-user-is-federated", "Cannot change federated users status",
                                json{{"method", "setUserActiveStatus"}}));
  }
  if (target->active == params.active_status && context.has_defect(kDefectRepeatRefused)) {
    return failure(json{{"success", false}, {"error", "Nothing to change"}});
  }
  const bool has_username =
      !target->username.empty() || context.has_defect(kDefectChecksWithoutUsername);
  if (!params.active_status && has_username) {
    if (is_last_active_admin(state, *target)) {
      return failure(meteor_error(
          "error-action-not-allowed", "Leaving the app without an active admin is not allowed",
          json{{"method", "removeUserFromRole"}, {"action", "Remove_last_admin"}}));
    }
    RelinquishPlan plan = plan_relinquish(state, *target, context);
    if (!plan.empty() && !params.confirm_relinquish) {
      return failure(meteor_error("user-last-owner", "",
                                  json{{"shouldBeRemoved", plan.should_be_removed},
                                       {"shouldChangeOwner", plan.should_change_owner}}));
    }
    for (auto& [room, new_owner] : plan.change_owner) {
      for (auto& sub : room->subscriptions) {
        if (sub.user == new_owner && !sub.is_owner()) sub.roles.emplace_back("owner");
      }
    }
    if (!context.has_defect(kDefectKeepsSoloRoom)) {
      std::erase_if(state.rooms(), [&](const Room& room) {
        return std::find(plan.remove.begin(), plan.remove.end(), room.id) != plan.remove.end();
      });
    }
  }
  target->active = params.active_status;
  // Users.unsetLoginTokens: every session and personal access token goes, for good.
  const bool keep_tokens =
      context.has_defect(kDefectTokensKept) || context.has_defect(kDefectTokensRevived);
  if (!params.active_status && !keep_tokens) target->login_tokens.clear();
  if (!params.active_status && context.has_defect(kDefectRolesDropped)) target->roles.clear();
  if (context.has_defect(kDefectWholeUser)) {
    return MockResponse::json(200, json{{"user",
                                         {{"_id", target->id},
                                          {"username", target->username},
                                          {"name", target->name},
                                          {"roles", target->roles},
                                          {"active", target->active}}},
                                        {"success", true}});
  }
  // The route answers Users.findOneById(userId, {projection: {active: 1}}): _id and active only.
  return MockResponse::json(
      200, json{{"user", {{"_id", target->id}, {"active", target->active}}}, {"success", true}});
}

/// The lookup keys of isUsersInfoParamsGetProps, one per branch of its anyOf.
bool is_user_lookup_key(const std::string& name) {
  return name == "userId" || name == "username" || name == "importId" || name == "email" ||
         name == "freeSwitchExtension";
}

/// isUsersInfoParamsGetProps: an anyOf of {userId}, {username}, {importId}, {email},
/// {freeSwitchExtension}, each branch also allowing includeUserRooms and fields and nothing
/// else. Two of the keys together, or any other parameter, match no branch: 400 invalid-params.
std::optional<MockResponse> info_query_problem(const MockRequest& request,
                                               const RequestContext& context) {
  if (context.has_defect(kDefectInfoQueryUnchecked)) return std::nullopt;
  int keys = 0;
  bool unknown = false;
  for (const auto& [name, unused] : request.query) {
    if (is_user_lookup_key(name)) {
      ++keys;
    } else if (name != "includeUserRooms" && name != "fields") {
      unknown = true;
    }
  }
  if (keys <= 1 && !unknown) return std::nullopt;
  return failure(meteor_error(
      "invalid-params", "must NOT have additional properties\n must match a schema in anyOf"));
}

MockResponse users_info(RocketchatState& state, const MockRequest& request,
                        const RequestContext& context) {
  if (authenticate(state, request, context) == nullptr) return unauthorized();
  if (auto invalid = info_query_problem(request, context)) return *invalid;
  const bool alternative = context.inferred_alternative();
  const auto user_id = request.query.find("userId");
  const auto username = request.query.find("username");
  User* user = nullptr;
  if (user_id != request.query.end() && !user_id->second.empty()) {
    user = state.find_user(user_id->second);
  } else if (username != request.query.end() && !username->second.empty()) {
    user = state.find_user_by_username(username->second);
  } else if (std::any_of(request.query.begin(), request.query.end(), [](const auto& param) {
               return is_user_lookup_key(param.first) && param.first != "userId" &&
                      param.first != "username" && !param.second.empty();
             })) {
    user = nullptr;  // importId, email, freeSwitchExtension: no fixture user has one
  } else if (alternative ||
             std::any_of(request.query.begin(), request.query.end(),
                         [](const auto& param) { return is_user_lookup_key(param.first); })) {
    // Under the alternative always; by default when a key passed validation but is empty.
    return failure(meteor_error("error-user-param-not-provided",
                                "The required \"userId\" or \"username\" param was not provided"));
  } else {
    return failure(meteor_error("invalid-params",
                                "must have required property 'userId'\n must have required "
                                "property 'username'\n must match exactly one schema in oneOf"));
  }
  if (user == nullptr && alternative) {
    return failure(meteor_error(
        "error-invalid-user",
        "The required \"userId\" or \"username\" param provided does not match any users"));
  }
  if (user == nullptr) return failure(json{{"success", false}, {"error", "User not found."}});
  json info{{"_id", user->id},    {"username", user->username}, {"name", user->name},
            {"type", "user"},     {"active", user->active},     {"roles", user->roles},
            {"status", "offline"}};
  const auto include_rooms = request.query.find("includeUserRooms");
  if (include_rooms != request.query.end() && include_rooms->second == "true") {
    json rooms = json::array();
    for (const Room& room : state.rooms()) {
      for (const auto& sub : room.subscriptions) {
        if (sub.user != user->id) continue;
        json entry{{"rid", room.id}, {"name", room.name}, {"t", room.type}, {"roles", sub.roles}};
        if (!room.fname.empty()) entry["fname"] = room.fname;
        rooms.push_back(std::move(entry));
      }
    }
    info["rooms"] = rooms;
  }
  return MockResponse::json(200, json{{"user", info}, {"success", true}});
}

class RocketchatModule final : public VendorModule {
 public:
  std::string_view name() const override { return "rocketchat"; }
  std::string_view spec_file() const override { return "rocketchat-users.yaml"; }
  std::string_view fixture_file() const override { return "rocketchat.yaml"; }

  std::unique_ptr<VendorState> load_state(const json& fixture) const override {
    return RocketchatState::from_json(fixture);
  }

  MockResponse handle(VendorState& state, const MockRequest& request,
                      const RequestContext& context) const override {
    auto& rc_state = static_cast<RocketchatState&>(state);
    try {
      if (request.operation_id == "setUserActiveStatus") {
        return set_active_status(rc_state, request, context);
      }
      if (request.operation_id == "getUserInfo") return users_info(rc_state, request, context);
    } catch (const json::exception& error) {
      return failure(meteor_error("invalid-params", error.what()));
    }
    return MockResponse::json(
        404, json{{"success", false}, {"error", "operation " + request.operation_id + " unknown"}});
  }

  MockResponse error_response(int status, std::string_view message) const override {
    return MockResponse::json(status, json{{"success", false}, {"error", std::string(message)}});
  }

  std::vector<DefectDescription> defects() const override {
    return {{std::string(kDefectMissingActiveStatus),
             "a body without activeStatus is accepted and treated as false"},
            {std::string(kDefectForbiddenFirst),
             "the permission check (403) runs before body validation (400)"},
            {std::string(kDefectWholeUser),
             "the 200 answer carries the whole user, not only {_id, active} (projection ignored)"},
            {std::string(kDefectTokensKept),
             "deactivation keeps the user's login tokens and personal access tokens"},
            {std::string(kDefectTokensRevived),
             "deactivation only blocks the user's tokens, so reactivation makes them work again"},
            {std::string(kDefectRolesDropped), "deactivation removes the user's roles"},
            {std::string(kDefectKeepsSoloRoom),
             "confirmRelinquish moves ownership but keeps the rooms that should be removed"},
            {std::string(kDefectInactiveOwner),
             "the new owner is the earliest member even if inactive, not the earliest active one"},
            {std::string(kDefectAloneNotFlagged),
             "a room the user is alone in without owning it is not flagged shouldBeRemoved"},
            {std::string(kDefectDmScanned),
             "direct-message rooms are scanned by the last-owner check like other rooms"},
            {std::string(kDefectChecksWithoutUsername),
             "the last-admin and room checks also run for a user without a username"},
            {std::string(kDefectInfoQueryUnchecked),
             "users.info takes userId and username together, and unknown query parameters"},
            {std::string(kDefectStrictBooleans),
             "no Ajv type coercion: \"false\", 0 or null for a boolean is invalid-params"},
            {std::string(kDefectRepeatRefused),
             "a call that does not change the active flag is a 400 instead of an idempotent 200"}};
  }
};

}  // namespace

std::unique_ptr<VendorModule> make_rocketchat_module() {
  return std::make_unique<RocketchatModule>();
}

}  // namespace statuskit::mock
