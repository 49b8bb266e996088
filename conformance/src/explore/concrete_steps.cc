#include "explore/concrete_steps.h"

#include <algorithm>

#include "scenarios/substitution.h"
#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

bool names_a_role(const json& value) {
  return value.is_string() && value.get<std::string>().find("${roles.") != std::string::npos;
}

bool is_identity_key(const std::string& text) {
  return text.find(".id}") != std::string::npos || text.find(".user_id}") != std::string::npos;
}

/// The templates of `part` with the caller's credentials in place of the template role's.
json with_caller(json part, const Caller& caller, const std::string& template_role) {
  if (!part.is_object()) return part;
  json out = json::object();
  for (const auto& [name, value] : part.items()) {
    if (!names_a_role(value)) {
      out[name] = value;
      continue;
    }
    if (caller.kind == Caller::Kind::kMissing) continue;
    std::string text = value.get<std::string>();
    const std::string from = "${roles." + template_role + ".";
    const std::string to = "${roles." + caller.role + ".";
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
    out[name] = text;
  }
  return out;
}

/// One character of every resolved credential changed (identities kept: the caller is still
/// named, only its secret is wrong).
void garble(json& resolved, const json& templates) {
  // items() hands out proxies by value; `value` still refers to the element in `resolved`.
  for (const auto& [name, value] : resolved.items()) {
    const auto source = templates.find(name);
    if (source == templates.end() || !names_a_role(*source) || !value.is_string()) continue;
    if (is_identity_key(source->get<std::string>())) continue;
    std::string text = value.get<std::string>();
    if (text.empty()) continue;
    text.back() = text.back() == 'x' ? 'y' : 'x';
    value = text;
  }
}

std::optional<std::string> resolve_all(Step& step, const json& profile_values) {
  Bindings bindings;
  bindings.profile = profile_values;
  for (json* part : {&step.path, &step.query, &step.headers, &step.cookies}) {
    json out;
    if (auto missing = resolve(*part, bindings, out)) return "the profile has no " + missing->key;
    *part = std::move(out);
  }
  if (step.has_body) {
    json out;
    if (auto missing = resolve(step.body, bindings, out))
      return "the profile has no " + missing->key;
    step.body = std::move(out);
  }
  return std::nullopt;
}

std::optional<json> value_of(const std::string& reference, const json& profile_values) {
  Bindings bindings;
  bindings.profile = profile_values;
  json out;
  if (resolve(json("${" + reference + "}"), bindings, out)) return std::nullopt;
  return out;
}

}  // namespace

/// The caller's credentials in the style it names (another place, or another credential).
void apply_style(Step& step, const Vocabulary& vocabulary, const Caller& caller) {
  if (caller.style.empty()) return;
  const auto style = std::find_if(vocabulary.styles.begin(), vocabulary.styles.end(),
                                  [&](const CredentialStyle& s) { return s.name == caller.style; });
  if (style == vocabulary.styles.end()) return;
  auto part = [&](const std::string& name) -> json& {
    return name == "cookies" ? step.cookies : step.headers;
  };
  if (!style->from_name.empty()) {
    json& from = part(style->from_part);
    if (!from.contains(style->from_name)) return;
    const json value = from[style->from_name];
    from.erase(style->from_name);
    part(style->to_part)[style->to_name] = style->prefix + value.get<std::string>();
    return;
  }
  for (json* entries : {&step.headers, &step.cookies}) {
    for (const auto& [name, value] : entries->items()) {
      if (!names_a_role(value)) continue;
      std::string text = value.get<std::string>();
      const std::string from = "." + style->key_from + "}";
      const auto at = text.find(from);
      if (at != std::string::npos) text.replace(at, from.size(), "." + style->key_to + "}");
      value = text;
    }
  }
}

std::variant<Step, std::string> change_step(const Vocabulary& vocabulary, const Call& call,
                                            const json& profile_values) {
  Step step = vocabulary.change;
  step.headers = with_caller(step.headers, call.caller, vocabulary.template_role);
  step.cookies = with_caller(step.cookies, call.caller, vocabulary.template_role);
  apply_style(step, vocabulary, call.caller);
  const json header_templates = step.headers;
  const json cookie_templates = step.cookies;
  auto set = [&](const RequestPlace& place, const json& value) {
    if (!is_left_out(value)) {
      place.write(step, value);
    } else if (place.in == "body") {
      const json::json_pointer where(place.name);
      if (step.has_body && step.body.contains(where)) {
        step.body.at(where.parent_pointer()).erase(where.back());
      }
    }
  };
  for (std::size_t i = 0; i < call.values.size() && i < vocabulary.values.size(); ++i) {
    set(vocabulary.values[i].place, call.values[i]);
  }
  for (std::size_t i = 0; i < call.optional.size() && i < vocabulary.optional_fields.size(); ++i) {
    set(vocabulary.optional_fields[i].place, call.optional[i]);
  }
  if (auto problem = resolve_all(step, profile_values)) return *problem;
  if (call.caller.kind == Caller::Kind::kGarbled) {
    garble(step.headers, header_templates);
    garble(step.cookies, cookie_templates);
  }
  json targets = json::array();
  for (const auto& aim : call.targets) {
    const std::string& reference = vocabulary.users[aim.user].reference;
    auto value = value_of(reference, profile_values);
    if (!value) return "the profile has no " + reference;
    if (!aim.near_miss.empty()) value = json(near_miss_of(as_text(*value), aim.near_miss));
    targets.push_back(*value);
  }
  const RequestPlace& subject = vocabulary.state.subject;
  if (vocabulary.several_targets) {
    step.body[json::json_pointer(subject.name).parent_pointer()] = targets;
  } else if (!targets.empty()) {
    subject.write(step, targets.front());
  }
  return step;
}

std::variant<Step, std::string> read_step(const Vocabulary& vocabulary, const UserName& user,
                                          const json& profile_values) {
  Step step = vocabulary.read;
  step.name = "read back " + user.reference;
  auto value = value_of(user.reference, profile_values);
  if (!value) return "the profile has no " + user.reference;
  bool written = false;
  for (json* part : {&step.path, &step.query, &step.headers, &step.cookies}) {
    if (part->contains(vocabulary.state.read_parameter)) {
      (*part)[vocabulary.state.read_parameter] = *value;
      written = true;
    }
  }
  if (!written) {
    // The template leaves the parameter out: a path parameter by default.
    step.path[vocabulary.state.read_parameter] = *value;
  }
  if (auto problem = resolve_all(step, profile_values)) return *problem;
  return step;
}

std::variant<Step, std::string> restore_step(const Vocabulary& vocabulary, const UserName& user,
                                             const json& read_answer, const json& profile_values,
                                             const std::string& role) {
  Call call;
  call.caller = {Caller::Kind::kRole, role, ""};
  for (std::size_t i = 0; i < vocabulary.users.size(); ++i) {
    if (vocabulary.users[i].reference == user.reference) call.targets.push_back({i, ""});
  }
  auto built = change_step(vocabulary, call, profile_values);
  if (std::holds_alternative<std::string>(built)) return built;
  Step step = std::get<Step>(built);
  step.name = "bring " + user.reference + " to the model's starting state";
  for (const auto& [from, to] : vocabulary.state.restore) {
    const json* value = openapi::find_pointer(read_answer, from);
    if (value == nullptr) return "the read-back has no " + from;
    to.write(step, *value);
  }
  return step;
}

}  // namespace statuskit::conformance
