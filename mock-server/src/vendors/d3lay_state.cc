#include "vendors/d3lay_state.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "statuskit/openapi/json_pointer.h"
#include "vendors/fixture_reader.h"

namespace statuskit::mock::d3lay {

using nlohmann::json;

bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::unique_ptr<D3layState> D3layState::from_json(const json& fixture) {
  auto state = std::make_unique<D3layState>();
  const FixtureObject root(fixture, "", {"jwt_secret", "users", "tokens"});
  state->jwt_secret_ = root.string("jwt_secret");
  if (state->jwt_secret_.empty()) fixture_error(root.pointer_of("jwt_secret"), "must not be empty");
  std::set<std::string> keys;
  const json& users = root.array("users");
  for (std::size_t i = 0; i < users.size(); ++i) {
    const FixtureObject entry(users[i], openapi::append_pointer("/users", i),
                              {"id", "identifier", "name", "email", "user_type", "status",
                               "created_at", "updated_at", "created_by", "updated_by"},
                              {"review_comment"});
    User user;
    user.id = lower(entry.string("id"));
    if (!is_uuid(user.id)) fixture_error(entry.pointer_of("id"), "not a UUID");
    user.identifier = entry.string("identifier");
    if (user.identifier.empty() || is_uuid(user.identifier)) {
      fixture_error(entry.pointer_of("identifier"), "must be a non-empty name that is not a UUID");
    }
    if (!keys.insert(user.id).second || !keys.insert(user.identifier).second) {
      fixture_error(entry.pointer(), "id or identifier used twice");
    }
    user.name = entry.string("name");
    user.email = entry.string("email");
    user.user_type = entry.one_of("user_type", {"saas_admin", "saas_user", "saas_user_client"});
    user.status =
        entry.one_of("status", {"active", "onboarding", "inactive", "suspended", "risky"});
    user.review_comment = entry.optional_string("review_comment");
    user.created_at = entry.string("created_at");
    user.updated_at = entry.string("updated_at");
    user.created_by = entry.string("created_by");
    user.updated_by = entry.string("updated_by");
    state->users_.push_back(std::move(user));
  }
  const json& tokens = root.array("tokens");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const FixtureObject entry(tokens[i], openapi::append_pointer("/tokens", i), {"name", "jwt"});
    state->tokens_.push_back({entry.string("name"), entry.string("jwt")});
  }
  return state;
}

std::unique_ptr<VendorState> D3layState::clone() const {
  return std::make_unique<D3layState>(*this);
}

json D3layState::to_json() const {
  json users = json::array();
  for (const auto& user : users_) {
    json entry{{"id", user.id},
               {"identifier", user.identifier},
               {"name", user.name},
               {"email", user.email},
               {"user_type", user.user_type},
               {"status", user.status},
               {"created_at", user.created_at},
               {"updated_at", user.updated_at},
               {"created_by", user.created_by},
               {"updated_by", user.updated_by}};
    if (user.review_comment) entry["review_comment"] = *user.review_comment;
    users.push_back(std::move(entry));
  }
  json tokens = json::array();
  for (const auto& token : tokens_) tokens.push_back({{"name", token.name}, {"jwt", token.jwt}});
  return {{"jwt_secret", jwt_secret_}, {"users", users}, {"tokens", tokens}};
}

User* D3layState::find(const std::string& key) {
  const std::string folded = is_uuid(key) ? lower(key) : key;
  auto it = std::find_if(users_.begin(), users_.end(), [&](const User& user) {
    return user.id == folded || user.identifier == key;
  });
  return it == users_.end() ? nullptr : &*it;
}

}  // namespace statuskit::mock::d3lay
