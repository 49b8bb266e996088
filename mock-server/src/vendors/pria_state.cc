#include "vendors/pria_state.h"

#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "statuskit/openapi/json_pointer.h"
#include "vendors/auth/token_crypto.h"

namespace statuskit::mock::pria {
namespace {

using nlohmann::json;
using openapi::append_pointer;

[[noreturn]] void fail(const std::string& pointer, const std::string& reason) {
  throw std::invalid_argument((pointer.empty() ? std::string("/") : pointer) + ": " + reason);
}

// `value` must be an object holding exactly `fields`: a fixture typo must not be silently
// ignored, and a missing field must not silently default.
void expect_fields(const json& value, const std::string& pointer,
                   std::initializer_list<std::string_view> fields) {
  if (!value.is_object()) {
    fail(pointer, std::string("expected object, got ") + value.type_name());
  }
  for (const auto& item : value.items()) {
    if (std::find(fields.begin(), fields.end(), item.key()) == fields.end()) {
      fail(append_pointer(pointer, item.key()), "unknown field");
    }
  }
  for (std::string_view field : fields) {
    if (!value.contains(std::string(field))) {
      fail(append_pointer(pointer, field), "required field is missing");
    }
  }
}

std::string read_string(const json& object, std::string_view field, const std::string& pointer) {
  const json& value = object.at(std::string(field));
  if (!value.is_string()) {
    fail(append_pointer(pointer, field), std::string("expected string, got ") + value.type_name());
  }
  return value.get<std::string>();
}

std::string read_non_empty(const json& object, std::string_view field, const std::string& pointer) {
  std::string value = read_string(object, field, pointer);
  if (value.empty()) fail(append_pointer(pointer, field), "must not be empty");
  return value;
}

std::string read_enum(const json& object, std::string_view field, const std::string& pointer,
                      std::initializer_list<std::string_view> allowed) {
  std::string value = read_string(object, field, pointer);
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    std::string list;
    for (std::string_view option : allowed)
      list += (list.empty() ? "" : ", ") + std::string(option);
    fail(append_pointer(pointer, field), "\"" + value + "\" is not one of " + list);
  }
  return value;
}

std::string read_object_id(const json& object, std::string_view field, const std::string& pointer) {
  std::string value = read_string(object, field, pointer);
  if (!is_object_id(value)) {
    fail(append_pointer(pointer, field), "\"" + value + "\" is not a 24-hex ObjectId");
  }
  return value;
}

const json& read_array(const json& object, std::string_view field, const std::string& pointer) {
  const json& value = object.at(std::string(field));
  if (!value.is_array()) {
    fail(append_pointer(pointer, field), std::string("expected array, got ") + value.type_name());
  }
  return value;
}

// Entitlements are verbs "module.action" (docs: /mdx/admin-guide/entitlements).
bool is_entitlement(std::string_view text) {
  const auto dot = text.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < text.size() &&
         text.find('.', dot + 1) == std::string_view::npos;
}

Membership read_membership(const json& value, const std::string& pointer,
                           const std::set<std::string>& institution_ids) {
  expect_fields(value, pointer, {"institution", "role", "entitlements"});
  Membership membership;
  membership.institution = read_object_id(value, "institution", pointer);
  if (!institution_ids.contains(membership.institution)) {
    fail(append_pointer(pointer, "institution"),
         "no institution with _id " + membership.institution);
  }
  membership.role = read_enum(value, "role", pointer, {"admin", "user"});
  const std::string entitlements_pointer = append_pointer(pointer, "entitlements");
  const json& entitlements = read_array(value, "entitlements", pointer);
  for (std::size_t i = 0; i < entitlements.size(); ++i) {
    const std::string item_pointer = append_pointer(entitlements_pointer, i);
    if (!entitlements[i].is_string()) {
      fail(item_pointer, std::string("expected string, got ") + entitlements[i].type_name());
    }
    auto entitlement = entitlements[i].get<std::string>();
    if (!is_entitlement(entitlement)) {
      fail(item_pointer, "\"" + entitlement + "\" is not of the form module.action");
    }
    membership.entitlements.push_back(std::move(entitlement));
  }
  return membership;
}

json membership_to_json(const Membership& membership) {
  return json{{"institution", membership.institution},
              {"role", membership.role},
              {"entitlements", membership.entitlements}};
}

}  // namespace

bool Membership::grants(std::string_view entitlement) const {
  return std::find(entitlements.begin(), entitlements.end(), entitlement) != entitlements.end();
}

bool is_object_id(std::string_view text) {
  return text.size() == 24 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::unique_ptr<PriaState> PriaState::from_json(const json& fixture) {
  std::unique_ptr<PriaState> state(new PriaState());
  expect_fields(fixture, "", {"jwt_secret", "institutions", "users", "tokens"});
  state->jwt_secret_ = read_non_empty(fixture, "jwt_secret", "");

  std::set<std::string> institution_ids;
  const json& institutions = read_array(fixture, "institutions", "");
  for (std::size_t i = 0; i < institutions.size(); ++i) {
    const std::string pointer = append_pointer("/institutions", i);
    expect_fields(institutions[i], pointer, {"_id", "name", "status"});
    Institution institution;
    institution.id = read_object_id(institutions[i], "_id", pointer);
    institution.name = read_non_empty(institutions[i], "name", pointer);
    institution.status = read_enum(institutions[i], "status", pointer, {"active", "inactive"});
    if (!institution_ids.insert(institution.id).second) {
      fail(append_pointer(pointer, "_id"), "duplicate institution _id " + institution.id);
    }
    state->institutions_.push_back(std::move(institution));
  }

  const json& users = read_array(fixture, "users", "");
  for (std::size_t i = 0; i < users.size(); ++i) {
    const std::string pointer = append_pointer("/users", i);
    expect_fields(users[i], pointer,
                  {"_id", "email", "fname", "lname", "accountType", "status", "memberships"});
    User user;
    user.id = read_object_id(users[i], "_id", pointer);
    user.email = read_non_empty(users[i], "email", pointer);
    user.fname = read_string(users[i], "fname", pointer);
    user.lname = read_string(users[i], "lname", pointer);
    user.account_type = read_enum(users[i], "accountType", pointer, {"user", "admin", "super"});
    user.status = read_enum(users[i], "status", pointer, {"active", "inactive", "deleted"});
    const std::string memberships_pointer = append_pointer(pointer, "memberships");
    const json& memberships = read_array(users[i], "memberships", pointer);
    std::set<std::string> member_of;
    for (std::size_t m = 0; m < memberships.size(); ++m) {
      const std::string membership_pointer = append_pointer(memberships_pointer, m);
      Membership membership = read_membership(memberships[m], membership_pointer, institution_ids);
      if (!member_of.insert(membership.institution).second) {
        fail(append_pointer(membership_pointer, "institution"),
             "second membership of the same institution " + membership.institution);
      }
      user.memberships.push_back(std::move(membership));
    }
    if (!state->user_index_.emplace(user.id, state->users_.size()).second) {
      fail(append_pointer(pointer, "_id"), "duplicate user _id " + user.id);
    }
    state->users_.push_back(std::move(user));
  }

  std::set<std::string> token_names;
  const json& tokens = read_array(fixture, "tokens", "");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string pointer = append_pointer("/tokens", i);
    expect_fields(tokens[i], pointer, {"name", "user", "jwt"});
    FixtureToken token;
    token.name = read_non_empty(tokens[i], "name", pointer);
    if (!token_names.insert(token.name).second) {
      fail(append_pointer(pointer, "name"), "duplicate token name " + token.name);
    }
    token.user = read_object_id(tokens[i], "user", pointer);
    if (state->find_user(token.user) == nullptr) {
      fail(append_pointer(pointer, "user"), "no user with _id " + token.user);
    }
    token.jwt = read_non_empty(tokens[i], "jwt", pointer);
    // Verified at the epoch so that a deliberately expired token still loads: the fixture must
    // hold tokens the mock accepts (right secret, right user), whatever their expiry.
    const auto verification =
        verify_hs256_jwt(token.jwt, state->jwt_secret_, std::chrono::system_clock::time_point{});
    if (!verification.ok()) {
      fail(append_pointer(pointer, "jwt"),
           "does not verify with jwt_secret: " + verification.detail);
    }
    const auto id = verification.claims->find("id");
    if (id == verification.claims->end() || !id->is_string() ||
        id->get<std::string>() != token.user) {
      fail(append_pointer(pointer, "jwt"), "its \"id\" claim does not name user " + token.user);
    }
    state->tokens_.push_back(std::move(token));
  }
  return state;
}

std::unique_ptr<VendorState> PriaState::clone() const {
  return std::unique_ptr<VendorState>(new PriaState(*this));
}

json PriaState::to_json() const {
  json institutions = json::array();
  for (const Institution& institution : institutions_) {
    institutions.push_back(
        {{"_id", institution.id}, {"name", institution.name}, {"status", institution.status}});
  }
  json users = json::array();
  for (const User& user : users_) {
    json memberships = json::array();
    for (const Membership& membership : user.memberships) {
      memberships.push_back(membership_to_json(membership));
    }
    users.push_back({{"_id", user.id},
                     {"email", user.email},
                     {"fname", user.fname},
                     {"lname", user.lname},
                     {"accountType", user.account_type},
                     {"status", user.status},
                     {"memberships", std::move(memberships)}});
  }
  json tokens = json::array();
  for (const FixtureToken& token : tokens_) {
    tokens.push_back({{"name", token.name}, {"user", token.user}, {"jwt", token.jwt}});
  }
  return json{{"jwt_secret", jwt_secret_},
              {"institutions", std::move(institutions)},
              {"users", std::move(users)},
              {"tokens", std::move(tokens)}};
}

const Institution* PriaState::find_institution(std::string_view id) const {
  auto it = std::find_if(institutions_.begin(), institutions_.end(),
                         [&](const Institution& institution) { return institution.id == id; });
  return it == institutions_.end() ? nullptr : &*it;
}

const User* PriaState::find_user(std::string_view id) const {
  auto it = user_index_.find(id);
  return it == user_index_.end() ? nullptr : &users_[it->second];
}

User* PriaState::find_user(std::string_view id) {
  auto it = user_index_.find(id);
  return it == user_index_.end() ? nullptr : &users_[it->second];
}

}  // namespace statuskit::mock::pria
