#include "explore/vocabulary.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <regex>
#include <set>
#include <stdexcept>

#include "generate/mutations.h"
#include "generate/profile.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;
using openapi::append_pointer;
using openapi::find_pointer;

const std::regex& role_reference() {
  static const std::regex pattern(R"(\$\{roles\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\})");
  return pattern;
}

/// Every (role, key) the credential templates (headers and cookies) reference.
std::vector<std::pair<std::string, std::string>> credential_references(const Step& step) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const json* part : {&step.headers, &step.cookies}) {
    for (const auto& [name, value] : part->items()) {
      if (!value.is_string()) continue;
      const std::string text = value.get<std::string>();
      for (std::sregex_iterator match(text.begin(), text.end(), role_reference()), end;
           match != end; ++match) {
        found.emplace_back((*match)[1].str(), (*match)[2].str());
      }
    }
  }
  return found;
}

/// The schema (keywords, $refs followed) at a request place, or nullptr.
const json* schema_of(const openapi::Spec& spec, const openapi::Operation& operation,
                      const RequestPlace& place) {
  const json& document = spec.document();
  std::string pointer;
  if (place.in == "body") {
    pointer =
        append_pointer(append_pointer(append_pointer(operation.pointer, "requestBody"), "content"),
                       "application/json");
    pointer = resolve_schema_pointer(document, append_pointer(pointer, "schema"));
    for (const auto& token : openapi::split_pointer(place.name)) {
      if (pointer.empty()) return nullptr;
      const json* schema = find_pointer(document, pointer);
      if (schema == nullptr) return nullptr;
      const bool is_index = !token.empty() && std::all_of(token.begin(), token.end(), ::isdigit);
      pointer = is_index && schema->contains("items")
                    ? append_pointer(pointer, "items")
                    : append_pointer(append_pointer(pointer, "properties"), token);
      pointer = resolve_schema_pointer(document, pointer);
    }
  } else {
    for (const auto& parameter : operation.parameters) {
      if (parameter.in == place.in && parameter.name == place.name) {
        pointer = resolve_schema_pointer(document, append_pointer(parameter.pointer, "schema"));
      }
    }
  }
  return pointer.empty() ? nullptr : find_pointer(document, pointer);
}

/// Another spelling of a valid value that a lenient parser might take for it.
std::vector<json> near_valid_of(const json& value) {
  if (value.is_boolean()) {
    return {json(value.get<bool>() ? "true" : "false"), json(value.get<bool>() ? 1 : 0)};
  }
  if (value.is_number_integer()) return {json(std::to_string(value.get<long long>()))};
  if (!value.is_string()) return {};
  std::string text = value.get<std::string>();
  std::string upper = text;
  std::string flipped = text;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  std::vector<json> variants;
  if (!flipped.empty()) {
    flipped[0] = static_cast<char>(std::isupper(static_cast<unsigned char>(flipped[0]))
                                       ? std::tolower(static_cast<unsigned char>(flipped[0]))
                                       : std::toupper(static_cast<unsigned char>(flipped[0])));
  }
  for (const auto& variant : {upper, flipped, " " + text}) {
    if (variant != text) variants.emplace_back(variant);
  }
  return variants;
}

VariedValue varied_value(const openapi::Spec& spec, const openapi::Operation& operation,
                         const RequestPlace& place, const Step& change) {
  VariedValue varied;
  varied.place = place;
  const json* schema = schema_of(spec, operation, place);
  // The enum, or the enums of every branch of a oneOf/anyOf (a name or its number).
  std::vector<const json*> branches = {schema};
  for (const char* keyword : {"oneOf", "anyOf"}) {
    if (schema == nullptr || !schema->contains(keyword) || !(*schema)[keyword].is_array()) continue;
    for (const auto& branch : (*schema)[keyword]) branches.push_back(&branch);
  }
  for (const json* branch : branches) {
    if (branch == nullptr || !branch->contains("enum") || !(*branch)["enum"].is_array()) continue;
    for (const auto& value : (*branch)["enum"]) {
      if (!value.is_null()) varied.valid.push_back(value);
    }
  }
  if (!varied.valid.empty()) {
  } else if (schema != nullptr && schema->value("type", json()) == "boolean") {
    varied.valid = {json(true), json(false)};
  }
  if (varied.valid.empty()) {
    if (auto given = place.read(change)) varied.valid.push_back(*given);
  }
  if (schema != nullptr && schema->value("type", json()) == "integer") {
    // Integers: the template's, and a small one (a time long past, a count of one); for int64
    // the largest value and the one just past it.
    if (varied.valid.empty() || varied.valid.front() != json(1)) varied.valid.emplace_back(1);
    if (schema->value("format", json()) == "int64") {
      varied.valid.emplace_back(INT64_MAX);
      varied.near_valid.emplace_back(static_cast<std::uint64_t>(INT64_MAX) + 1);
    }
  }
  std::set<std::string> valid_texts;
  for (const auto& value : varied.valid) valid_texts.insert(value.dump());
  for (const auto& value : varied.valid) {
    for (auto& variant : near_valid_of(value)) {
      if (valid_texts.insert(variant.dump()).second) varied.near_valid.push_back(variant);
    }
  }
  return varied;
}

const json* named(const json& values, const std::string& section, const std::string& name) {
  const auto part = values.find(section);
  if (part == values.end() || !part->is_object()) return nullptr;
  const auto found = part->find(name);
  return found == part->end() ? nullptr : &*found;
}

bool is_identifier(const json* value) {
  return value != nullptr && (value->is_string() || value->is_number_integer());
}

/// The other ways the operation's security allows: each single-scheme alternative whose place
/// is not the template's (apiKey in a header or cookie; for an Authorization header also with a
/// "Bearer " prefix where the scheme says it is stripped), and each other credential key a
/// profile role has besides the template's ("pat" beside "token").
std::vector<CredentialStyle> credential_styles(const openapi::Spec& spec,
                                               const openapi::Operation& operation,
                                               const Step& change,
                                               const std::set<std::string>& credential_keys,
                                               const json& roles) {
  std::vector<CredentialStyle> styles;
  const json& document = spec.document();
  const json* security = find_pointer(document, append_pointer(operation.pointer, "security"));
  if (security == nullptr) security = find_pointer(document, "/security");
  const json* schemes = find_pointer(document, "/components/securitySchemes");
  // The template's one credential entry (a single-scheme template) and its place.
  std::vector<std::pair<std::string, std::string>> used;
  for (const auto& [part, entries] :
       {std::pair<std::string, const json*>{"headers", &change.headers},
        std::pair<std::string, const json*>{"cookies", &change.cookies}}) {
    for (const auto& [name, value] : entries->items()) {
      if (value.is_string() && value.get<std::string>().find("${roles.") != std::string::npos) {
        used.emplace_back(part, name);
      }
    }
  }
  if (security != nullptr && security->is_array() && schemes != nullptr && used.size() == 1) {
    for (const auto& requirement : *security) {
      if (!requirement.is_object() || requirement.size() != 1) continue;
      const auto scheme = schemes->find(requirement.begin().key());
      if (scheme == schemes->end() || scheme->value("type", "") != "apiKey") continue;
      const std::string in = scheme->value("in", "");
      const std::string name = scheme->value("name", "");
      const std::string part = in == "header" ? "headers" : in == "cookie" ? "cookies" : "";
      if (part.empty() || name.empty() || (part == used[0].first && name == used[0].second))
        continue;
      styles.push_back({name + " " + in, used[0].first, used[0].second, part, name, "", "", ""});
      const std::string description = scheme->value("description", "");
      if (name == "Authorization" && description.find("Bearer") != std::string::npos) {
        styles.push_back({"Bearer " + name + " " + in, used[0].first, used[0].second, part, name,
                          "Bearer ", "", ""});
      }
    }
  }
  // Another credential of the role in the template's secret's place.
  std::vector<std::string> secrets;
  for (const auto& key : credential_keys) {
    if (key != "id" && key != "user_id") secrets.push_back(key);
  }
  if (secrets.size() == 1) {
    std::set<std::string> others;
    for (const auto& [role, fields] : roles.items()) {
      if (!fields.is_object()) continue;
      for (const auto& [key, value] : fields.items()) {
        if (value.is_string() && !credential_keys.contains(key) && key != "id" &&
            key != "user_id") {
          others.insert(key);
        }
      }
    }
    for (const auto& key : others) styles.push_back({key, "", "", "", "", "", secrets[0], key});
  }
  return styles;
}

}  // namespace

std::string Caller::label() const {
  switch (kind) {
    case Kind::kRole:
      return style.empty() ? role : role + " (" + style + ")";
    case Kind::kMissing:
      return "no credentials";
    case Kind::kGarbled:
      return "garbled " + role;
  }
  return role;
}

void note_state_seen(Vocabulary& vocabulary, const json& read_answer) {
  for (const auto& [from, to] : vocabulary.state.restore) {
    const json* value = find_pointer(read_answer, from);
    if (value == nullptr || value->is_null()) continue;
    for (auto& varied : vocabulary.values) {
      if (varied.place.in != to.in || varied.place.name != to.name) continue;
      if (std::find(varied.seen.begin(), varied.seen.end(), *value) == varied.seen.end()) {
        varied.seen.push_back(*value);
      }
    }
  }
}

std::string family_of(const std::string& reference) {
  std::string stem = reference;
  while (!stem.empty() && std::isdigit(static_cast<unsigned char>(stem.back()))) stem.pop_back();
  while (!stem.empty() && (stem.back() == '_' || stem.back() == '-')) stem.pop_back();
  return stem;
}

std::string credential_role_of(const Step& step) {
  const auto references = credential_references(step);
  return references.empty() ? "" : references.front().first;
}

Vocabulary vocabulary_of(const openapi::Spec& spec, const std::string& vendor,
                         const json& generate_section, const json& target_values,
                         const json& reference_values, const json& explore_section) {
  const GenerationProfile profile = GenerationProfile::from_json(generate_section);
  Vocabulary vocabulary;
  vocabulary.vendor = vendor;
  const openapi::Operation* changing = nullptr;
  for (const auto& operation : spec.operations()) {
    const auto state = state_extension_of(spec, operation);
    if (!state || !profile.operations.contains(operation.operation_id)) continue;
    changing = &operation;
    vocabulary.state = *state;
    break;
  }
  if (changing == nullptr) {
    throw std::invalid_argument("vendors." + vendor +
                                ".generate: no operation with x-statuskit-state has a request "
                                "there, so explore has nothing to call");
  }
  vocabulary.operation = changing->operation_id;
  vocabulary.change = profile.operations.at(changing->operation_id).base;
  const auto read = profile.operations.find(vocabulary.state.read_operation);
  if (read == profile.operations.end()) {
    throw std::invalid_argument("vendors." + vendor + ".generate: explore reads users back with " +
                                vocabulary.state.read_operation + ", which has no request there");
  }
  vocabulary.read = read->second.base;
  if (!explore_section.is_null()) {
    for (const auto& [key, value] : explore_section.items()) {
      if (key != "read") {
        throw std::invalid_argument("vendors." + vendor + ".explore/" + key +
                                    ": unknown field (allowed: read)");
      }
      if (!value.is_object())
        throw std::invalid_argument("vendors." + vendor + ".explore/read: expected an object");
      for (const auto& [part, entries] : value.items()) {
        json* into = part == "query"     ? &vocabulary.read.query
                     : part == "headers" ? &vocabulary.read.headers
                     : part == "cookies" ? &vocabulary.read.cookies
                                         : nullptr;
        if (into == nullptr || !entries.is_object()) {
          throw std::invalid_argument("vendors." + vendor + ".explore/read/" + part +
                                      ": expected query, headers or cookies, each an object");
        }
        into->update(entries);
      }
    }
  }
  vocabulary.template_role = credential_role_of(vocabulary.change);
  if (vocabulary.template_role.empty()) {
    throw std::invalid_argument("vendors." + vendor + ".generate.operations." +
                                vocabulary.operation +
                                ": its headers or cookies name no ${roles.NAME.KEY}, so explore "
                                "cannot vary the caller");
  }
  std::set<std::string> credential_keys;
  for (const auto& [role, key] : credential_references(vocabulary.change)) {
    if (role == vocabulary.template_role) credential_keys.insert(key);
  }
  const json roles = target_values.value("roles", json::object());
  for (const auto& entry : roles.items()) {
    const std::string& role = entry.key();
    const json& fields = entry.value();
    const json* theirs = named(reference_values, "roles", role);
    if (!fields.is_object() || theirs == nullptr || !theirs->is_object()) continue;
    const bool has_credentials = std::all_of(
        credential_keys.begin(), credential_keys.end(),
        [&](const std::string& key) { return fields.contains(key) && theirs->contains(key); });
    if (has_credentials) vocabulary.callers.push_back({Caller::Kind::kRole, role, ""});
    for (const char* key : {"id", "user_id"}) {
      if (is_identifier(fields.contains(key) ? &fields[key] : nullptr) &&
          is_identifier(theirs->contains(key) ? &(*theirs)[key] : nullptr)) {
        vocabulary.users.push_back({"roles." + role + "." + key, role});
        break;
      }
    }
  }
  vocabulary.styles = credential_styles(spec, *changing, vocabulary.change, credential_keys, roles);
  const std::size_t plain_callers = vocabulary.callers.size();
  for (std::size_t i = 0; i < plain_callers; ++i) {
    const std::string role = vocabulary.callers[i].role;
    const json* fields = named(target_values, "roles", role);
    const json* theirs = named(reference_values, "roles", role);
    for (const auto& style : vocabulary.styles) {
      const bool has_key =
          style.key_to.empty() || (fields != nullptr && fields->contains(style.key_to) &&
                                   theirs != nullptr && theirs->contains(style.key_to));
      if (has_key) vocabulary.callers.push_back({Caller::Kind::kRole, role, style.name});
    }
  }
  vocabulary.callers.push_back({Caller::Kind::kMissing, "", ""});
  vocabulary.callers.push_back({Caller::Kind::kGarbled, vocabulary.template_role, ""});
  const json users = target_values.value("users", json::object());
  for (const auto& [name, value] : users.items()) {
    if (is_identifier(&value) && is_identifier(named(reference_values, "users", name))) {
      vocabulary.users.push_back({"users." + name, ""});
    }
  }
  if (vocabulary.users.empty()) {
    throw std::invalid_argument("vendors." + vendor +
                                ": no user or role id that both profiles name, so explore has "
                                "no one to change");
  }
  const RequestPlace& subject = vocabulary.state.subject;
  vocabulary.several_targets = subject.in == "body" && subject.name.size() > 2 &&
                               subject.name.substr(subject.name.size() - 2) == "/0";
  std::set<std::string> varied_top;
  for (const auto& restored : vocabulary.state.restore) {
    const RequestPlace& to = restored.second;
    if (std::any_of(vocabulary.values.begin(), vocabulary.values.end(), [&](const VariedValue& v) {
          return v.place.in == to.in && v.place.name == to.name;
        }))
      continue;
    vocabulary.values.push_back(varied_value(spec, *changing, to, vocabulary.change));
    if (to.in == "body") varied_top.insert(openapi::split_pointer(to.name).front());
  }
  if (vocabulary.change.has_body && vocabulary.change.body.is_object()) {
    if (subject.in == "body") varied_top.insert(openapi::split_pointer(subject.name).front());
    const json* schema = schema_of(spec, *changing, RequestPlace{"body", ""});
    const json required =
        schema != nullptr ? schema->value("required", json::array()) : json::array();
    const json properties =
        schema != nullptr ? schema->value("properties", json::object()) : json::object();
    for (const auto& [name, unused] : properties.items()) {
      const bool is_required =
          std::find(required.begin(), required.end(), json(name)) != required.end();
      if (is_required || varied_top.contains(name)) continue;
      const RequestPlace place{"body", append_pointer("", name)};
      VariedValue optional = varied_value(spec, *changing, place, vocabulary.change);
      if (auto given = place.read(vocabulary.change)) optional.as_template = *given;
      // A free-text property the template leaves out has no value worth sending.
      if (optional.valid.empty()) continue;
      vocabulary.optional_fields.push_back(std::move(optional));
    }
  }
  return vocabulary;
}

}  // namespace statuskit::conformance
