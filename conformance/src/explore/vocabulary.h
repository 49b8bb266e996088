#pragma once
// What `conformance explore` may combine for one vendor (docs/explore.md): the operation that
// changes state (the one with `x-statuskit-state` and a request in the profile's `generate`
// section), the callers, targets and values it varies, and how a user is read back. Everything
// is an abstract name (`roles.admin`, `users.target`) that the target's and the reference's
// profiles both map, so one sequence means the same on both servers.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "generate/state.h"
#include "scenarios/suite.h"

namespace statuskit::openapi {
class Spec;
}

namespace statuskit::conformance {

/// Who makes a call: a role of the profile, nobody (the credentials left out), or a role whose
/// credentials are garbled (one character changed).
struct Caller {
  enum class Kind { kRole, kMissing, kGarbled };
  Kind kind = Kind::kRole;
  std::string role;   ///< kRole and kGarbled
  std::string style;  ///< kRole: "" (as the template sends it) or a CredentialStyle's name

  /// "admin", "admin (Authorization header)", "no credentials", "garbled admin".
  std::string label() const;
  bool operator==(const Caller&) const = default;
};

/// Another way the spec allows the same caller to authenticate: the template's credential in
/// another security scheme's place (DocSpace's cookie token as the Authorization header), or
/// another credential of the same role in the template's place (a Rocket.Chat personal access
/// token instead of the login token).
struct CredentialStyle {
  std::string name;  ///< "Authorization header", "Bearer Authorization header", "pat"
  // Another place: the template's entry `from` (in headers or cookies) moves to `to`.
  std::string from_part, from_name, to_part, to_name, prefix;
  // Another credential: `${roles.R.<key_from>}` becomes `${roles.R.<key_to>}`.
  std::string key_from, key_to;
};

/// A user the profile names: `users.target`, or a role's own id `roles.admin.id`.
struct UserName {
  std::string reference;  ///< what ${...} looks up: "users.target", "roles.admin.id"
  std::string role;       ///< the role whose own id it is; "" for users.*
};

/// A request place whose value the sequence varies, and the values the spec allows there.
struct VariedValue {
  RequestPlace place;
  std::vector<nlohmann::json> valid;  ///< the schema's enum, true/false, integers
  std::vector<nlohmann::json>
      near_valid;  ///< spelled as a lenient parser reads, or just past an edge
  /// The values users were seen with (the state the read-backs show, where `restore` maps it
  /// here): the values that set a state, drawn more often than the rest.
  std::vector<nlohmann::json> seen;
  /// Optional fields: the template's value, or discarded when the template leaves it out.
  nlohmann::json as_template = nlohmann::json(nlohmann::json::value_t::discarded);
};

struct Vocabulary {
  std::string vendor;
  std::string operation;      ///< operationId of the state-changing operation
  Step change;                ///< its request template from the profile (${...} unresolved)
  std::string template_role;  ///< the role the template's credentials name
  Step read;                  ///< the read operation's template (the subject left to fill in)
  StateExtension state;
  /// The subject is an item of an array (`body:/ids/0`): a call may name several users.
  bool several_targets = false;
  std::vector<Caller> callers;
  std::vector<CredentialStyle> styles;
  std::vector<UserName> users;
  /// Where the state is set (the places `restore` writes): every call sets them.
  std::vector<VariedValue> values;
  /// The optional body properties the schema documents (in the template or not): a call sends
  /// the template's value, another valid or near-valid one, or leaves the property out.
  std::vector<VariedValue> optional_fields;
};

/// The vocabulary of one vendor, from its spec and the `generate` section and values of the
/// target's profile (with the `explore` section's additions to the read); only names
/// `reference_values` also has are used. Throws
/// std::invalid_argument when the spec has no operation with `x-statuskit-state` whose request
/// and read the profile's `generate` section gives.
Vocabulary vocabulary_of(const openapi::Spec& spec, const std::string& vendor,
                         const nlohmann::json& generate_section,
                         const nlohmann::json& target_values,
                         const nlohmann::json& reference_values,
                         const nlohmann::json& explore_section = nlohmann::json());

/// Adds what a read of a user answered (its body) to the values seen at the places `restore`
/// maps the state fields to.
void note_state_seen(Vocabulary& vocabulary, const nlohmann::json& read_answer);

/// "users.terminated_paid" for "users.terminated_paid_1": users whose names differ only in a
/// trailing number are siblings (a profile names them for calls on several users alike).
std::string family_of(const std::string& reference);

/// The role a template's credentials name (`${roles.NAME.…}` in a header or cookie), or "".
std::string credential_role_of(const Step& step);

}  // namespace statuskit::conformance
