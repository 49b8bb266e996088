#include "generate/cases.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "generate/hostile.h"
#include "generate/mutations.h"
#include "scenarios/substitution.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/spec.h"
#include "statuskit/openapi/utf8.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;
using openapi::append_pointer;
using openapi::find_pointer;

constexpr const char* kJson = "application/json";

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// The JSON values a parameter's text can stand for: the text itself, and the number or
/// boolean it spells (a server reads "42" in a path as the integer the schema asks for).
std::vector<json> readings_of(const std::string& text) {
  std::vector<json> readings{json(text)};
  if (text == "true" || text == "false") readings.emplace_back(text == "true");
  if (!text.empty() &&
      (std::isdigit(static_cast<unsigned char>(text.front())) != 0 || text.front() == '-')) {
    const json number = json::parse(text, nullptr, false);
    if (number.is_number()) readings.push_back(number);
  }
  return readings;
}

/// Whether the vendor takes this value where the schema at `schema_pointer` stands: the
/// schema validates it, or the `x-statuskit-accepts` beside it does.
bool accepted_by_extension(const openapi::Spec& spec, const std::string& schema_pointer,
                           const json& value) {
  if (schema_pointer.empty()) return false;
  const json* schema = find_pointer(spec.document(), schema_pointer);
  if (schema == nullptr || !schema->is_object() || !schema->contains("x-statuskit-accepts")) {
    return false;
  }
  return spec.compile_schema_at(append_pointer(schema_pointer, "x-statuskit-accepts"))
      .is_valid(value);
}

/// `x-statuskit-inferred: true` beside a parameter or schema: refusing what breaks it is this
/// project's inference, not the vendor's word.
bool marked_inferred(const openapi::Spec& spec, const std::string& pointer) {
  const json* node = pointer.empty() ? nullptr : find_pointer(spec.document(), pointer);
  return node != nullptr && node->is_object() && node->value("x-statuskit-inferred", false);
}

bool parameter_takes(const openapi::Spec& spec, const openapi::Parameter& parameter,
                     const std::string& text) {
  // A JSON Schema string is Unicode text: bytes that are not UTF-8 fit no schema.
  if (openapi::first_invalid_utf8(text) != std::string::npos) return false;
  const std::string schema_pointer =
      resolve_schema_pointer(spec.document(), append_pointer(parameter.pointer, "schema"));
  for (const json& reading : readings_of(text)) {
    if (parameter.schema.is_valid(reading)) return true;
    if (accepted_by_extension(spec, schema_pointer, reading)) return true;
    if (accepted_by_extension(spec, parameter.pointer, reading)) return true;
  }
  return false;
}

/// The request body schema's pointer, "" when the operation takes no JSON body.
std::string body_schema_pointer(const openapi::Spec& spec, const openapi::Operation& operation) {
  const std::string body =
      resolve_schema_pointer(spec.document(), append_pointer(operation.pointer, "requestBody"));
  if (body.empty()) return "";
  const std::string schema =
      append_pointer(append_pointer(append_pointer(body, "content"), kJson), "schema");
  return find_pointer(spec.document(), schema) == nullptr ? "" : schema;
}

json& part_of(Step& step, const std::string& in) {
  if (in == "path") return step.path;
  if (in == "query") return step.query;
  if (in == "header") return step.headers;
  return step.cookies;
}

const json& part_of(const Step& step, const std::string& in) {
  if (in == "path") return step.path;
  if (in == "query") return step.query;
  if (in == "header") return step.headers;
  return step.cookies;
}

/// The names a credential travels under for this operation's security schemes: {in, name}.
std::vector<std::pair<std::string, std::string>> credential_slots(
    const openapi::Spec& spec, const openapi::Operation& operation) {
  const json& document = spec.document();
  const json* requirements = find_pointer(document, append_pointer(operation.pointer, "security"));
  if (requirements == nullptr) requirements = find_pointer(document, "/security");
  std::vector<std::pair<std::string, std::string>> slots;
  if (requirements == nullptr || !requirements->is_array()) return slots;
  for (const auto& requirement : *requirements) {
    if (!requirement.is_object()) continue;
    for (const auto& [scheme_name, unused] : requirement.items()) {
      const json* scheme =
          find_pointer(document, append_pointer("/components/securitySchemes", scheme_name));
      if (scheme == nullptr || !scheme->is_object()) continue;
      const std::string type = scheme->value("type", "");
      if (type == "apiKey") {
        slots.emplace_back(scheme->value("in", ""), scheme->value("name", ""));
      } else if (type == "http" || type == "oauth2" || type == "openIdConnect") {
        slots.emplace_back("header", "Authorization");
      }
    }
  }
  return slots;
}

/// Removes (or garbles) every credential of `step` that sits in one of `slots`; returns how
/// many it found.
int touch_credentials(Step& step, const std::vector<std::pair<std::string, std::string>>& slots,
                      bool garble) {
  int found = 0;
  for (const auto& [in, name] : slots) {
    json& part = part_of(step, in == "cookie" ? "cookie" : in);
    for (auto it = part.begin(); it != part.end();) {
      const bool same = in == "header" ? lower(it.key()) == lower(name) : it.key() == name;
      if (!same) {
        ++it;
        continue;
      }
      ++found;
      if (garble) {
        *it = as_text(*it) + "0garbled";
        ++it;
      } else {
        it = part.erase(it);
      }
    }
  }
  return found;
}

/// Whether every 4xx the operation documents is inferred: then so is any refusal.
bool every_4xx_inferred(const openapi::Operation& operation) {
  for (const auto& response : operation.responses) {
    if (!response.status_key.empty() && response.status_key[0] == '4' && !response.inferred) {
      return false;
    }
  }
  return true;
}

class Deriver {
 public:
  Deriver(const openapi::Spec& spec, const openapi::Operation& operation, BaseRequest base,
          std::mt19937_64& random)
      : spec_(spec),
        operation_(operation),
        base_(std::move(base)),
        random_(random),
        negative_accepted_(documented_statuses(operation, 400, 499)),
        negative_inferred_(every_4xx_inferred(operation)) {}

  std::vector<GeneratedCase> derive() {
    body_pointer_ = body_schema_pointer(spec_, operation_);
    check_base_is_valid();
    positives();
    body_negatives();
    parameter_negatives();
    hostile();
    auth();
    return std::move(cases_);
  }

 private:
  GeneratedCase start(CaseKind kind, std::string description, std::string constraint,
                      std::string keyword) const {
    GeneratedCase generated;
    generated.kind = kind;
    generated.operation = operation_.operation_id;
    generated.description = std::move(description);
    generated.constraint = std::move(constraint);
    generated.keyword = std::move(keyword);
    generated.request = base_.step;
    generated.source = {SourceKind::kDocs, "spec " + spec_.source_name()};
    return generated;
  }

  /// `refusal_marked`: the spec marks the broken constraint's refusal inferred.
  void negative(GeneratedCase generated, bool refusal_marked = false) {
    generated.accepted = negative_accepted_;
    generated.inferred = negative_inferred_ || refusal_marked;
    generated.refusal_inferred = refusal_marked;
    if (refusal_marked) {
      generated.source = {SourceKind::kInferred, "x-statuskit-inferred beside the constraint"};
    } else if (negative_inferred_) {
      generated.source = {SourceKind::kInferred,
                          "every 4xx response of " + operation_.operation_id + " is inferred"};
    }
    cases_.push_back(std::move(generated));
  }

  const openapi::SchemaValidator* body_validator() const {
    const auto found = operation_.request_body.find(kJson);
    return found == operation_.request_body.end() ? nullptr : &found->second;
  }

  void check_base_is_valid() const {
    if (const auto* validator = body_validator(); validator != nullptr && base_.step.has_body) {
      const auto errors = validator->validate(base_.step.body);
      if (!errors.empty()) {
        throw std::invalid_argument("the profile's request body for " + operation_.operation_id +
                                    " is not schema-valid: " + errors.front().to_string());
      }
    }
    for (const auto& parameter : operation_.parameters) {
      const json& part = part_of(base_.step, parameter.in);
      if (part.contains(parameter.name) &&
          !parameter_takes(spec_, parameter, as_text(part[parameter.name]))) {
        throw std::invalid_argument("the profile's " + parameter.in + " parameter " +
                                    parameter.name + " for " + operation_.operation_id +
                                    " is not schema-valid");
      }
    }
  }

  /// Optional top-level body properties (the shrinker may leave them out).
  std::vector<std::string> optional_properties(const json& body) const {
    std::vector<std::string> names;
    if (body_pointer_.empty() || !body.is_object()) return names;
    const std::string resolved = resolve_schema_pointer(spec_.document(), body_pointer_);
    const json* schema = find_pointer(spec_.document(), resolved);
    std::set<std::string> required;
    if (schema != nullptr && schema->contains("required")) {
      for (const auto& name : (*schema)["required"]) required.insert(name.get<std::string>());
    }
    for (const auto& [name, unused] : body.items()) {
      if (!required.contains(name)) names.push_back(name);
    }
    return names;
  }

  void positives() {
    cases_.push_back(start(CaseKind::kPositive, "the profile's request", "", "positive"));
    if (body_pointer_.empty() || !base_.step.has_body) return;
    const json& body = base_.step.body;
    const auto* validator = body_validator();
    for (const auto& variant : valid_boundaries_of(spec_.document(), body_pointer_, body)) {
      json changed = body;
      changed[json::json_pointer(variant.instance_pointer)] = variant.value;
      if (validator != nullptr && !validator->is_valid(changed)) continue;
      auto generated = start(CaseKind::kPositive,
                             "body " + variant.instance_pointer + ": " + variant.description,
                             variant.schema_pointer, variant.keyword);
      generated.request.body = std::move(changed);
      cases_.push_back(std::move(generated));
    }
    // Leaving optional properties out is not a positive case: a server may need them
    // together (Symphony refuses a suspension without its end), which no schema says.
  }

  void body_negatives() {
    if (body_pointer_.empty() || !base_.step.has_body) return;
    const json& body = base_.step.body;
    const auto* validator = body_validator();
    const auto droppable = optional_properties(body);
    for (const auto& mutation : mutations_of(spec_.document(), body_pointer_, body, random_)) {
      json changed = apply_mutation(body, mutation);
      if (validator != nullptr && validator->is_valid(changed)) continue;
      if (!mutation.remove &&
          accepted_by_extension(spec_, mutation.value_schema_pointer, mutation.value)) {
        continue;  // the vendor's parser takes it: not a negative case
      }
      auto generated = start(CaseKind::kNegative, "body " + mutation.description,
                             mutation.schema_pointer, mutation.keyword);
      generated.request.body = std::move(changed);
      for (const auto& name : droppable) {
        const std::string pointer = append_pointer("", name);
        if (mutation.instance_pointer.rfind(pointer, 0) != 0)
          generated.droppable.push_back(pointer);
      }
      negative(std::move(generated), marked_inferred(spec_, mutation.value_schema_pointer));
    }
  }

  void parameter_negatives() {
    for (const auto& parameter : operation_.parameters) {
      const json& part = part_of(base_.step, parameter.in);
      if (!part.contains(parameter.name)) continue;
      const std::string where = parameter.in + " parameter " + parameter.name;
      const bool refusal_marked = marked_inferred(spec_, parameter.pointer);
      if (parameter.required && parameter.in != "path") {
        auto generated = start(CaseKind::kNegative, where + " left out",
                               append_pointer(parameter.pointer, "required"), "required");
        part_of(generated.request, parameter.in).erase(parameter.name);
        negative(std::move(generated), refusal_marked);
      }
      const std::string schema_pointer = append_pointer(parameter.pointer, "schema");
      const json base_value = part[parameter.name];
      for (const auto& mutation :
           mutations_of(spec_.document(), schema_pointer, base_value, random_)) {
        if (mutation.remove || !mutation.instance_pointer.empty()) continue;
        const std::string text = as_text(mutation.value);
        if (text.empty() || text.find("${") != std::string::npos) continue;
        if (parameter_takes(spec_, parameter, text)) continue;
        auto generated = start(CaseKind::kNegative,
                               where + ": " + text.substr(0, 60) + " (" + mutation.keyword + ")",
                               mutation.schema_pointer, mutation.keyword);
        part_of(generated.request, parameter.in)[parameter.name] = text;
        negative(std::move(generated), refusal_marked);
      }
    }
  }

  void hostile() {
    for (const auto& parameter : operation_.parameters) {
      if (parameter.in != "path" && parameter.in != "query") continue;
      const json& part = part_of(base_.step, parameter.in);
      if (!part.contains(parameter.name)) continue;
      for (const auto& value : hostile_values()) {
        const std::string description =
            parameter.in + " parameter " + parameter.name + ": " + value.description;
        const bool valid = parameter_takes(spec_, parameter, value.value);
        auto generated =
            start(valid ? CaseKind::kHostile : CaseKind::kNegative, description,
                  append_pointer(parameter.pointer, "schema"), "hostile-" + value.hostile_class);
        part_of(generated.request, parameter.in)[parameter.name] = value.value;
        if (valid) {
          cases_.push_back(std::move(generated));
        } else {
          negative(std::move(generated), marked_inferred(spec_, parameter.pointer));
        }
      }
    }
  }

  void auth() {
    const auto slots = credential_slots(spec_, operation_);
    if (slots.empty()) return;
    std::vector<int> accepted = documented_statuses(operation_, 401, 401);
    for (int status : documented_statuses(operation_, 403, 403)) accepted.push_back(status);
    if (accepted.empty()) accepted = negative_accepted_;
    bool inferred = true;
    for (const auto& response : operation_.responses) {
      if ((response.status_key == "401" || response.status_key == "403") && !response.inferred) {
        inferred = false;
      }
    }
    const std::string constraint = append_pointer(operation_.pointer, "security");
    auto add = [&](GeneratedCase generated) {
      generated.accepted = accepted;
      generated.inferred = inferred;
      if (inferred)
        generated.source = {SourceKind::kInferred, "the 401/403 responses are inferred"};
      cases_.push_back(std::move(generated));
    };
    {
      auto generated = start(CaseKind::kAuth, "credentials removed", constraint, "auth-removed");
      if (touch_credentials(generated.request, slots, false) > 0) add(std::move(generated));
    }
    {
      auto generated = start(CaseKind::kAuth, "credentials garbled", constraint, "auth-garbled");
      if (touch_credentials(generated.request, slots, true) > 0) add(std::move(generated));
    }
    if (base_.forbidden_headers || base_.forbidden_cookies) {
      auto generated = start(CaseKind::kAuth, "credentials of a role without the permission",
                             constraint, "auth-forbidden-role");
      touch_credentials(generated.request, slots, false);
      const json headers = base_.forbidden_headers.value_or(json::object());
      const json cookies = base_.forbidden_cookies.value_or(json::object());
      for (const auto& [name, value] : headers.items()) generated.request.headers[name] = value;
      for (const auto& [name, value] : cookies.items()) generated.request.cookies[name] = value;
      add(std::move(generated));
    }
  }

  const openapi::Spec& spec_;
  const openapi::Operation& operation_;
  BaseRequest base_;
  std::mt19937_64& random_;
  std::string body_pointer_;
  std::vector<int> negative_accepted_;
  bool negative_inferred_ = false;
  std::vector<GeneratedCase> cases_;
};

}  // namespace

const char* case_kind_name(CaseKind kind) {
  switch (kind) {
    case CaseKind::kPositive:
      return "positive";
    case CaseKind::kNegative:
      return "negative";
    case CaseKind::kHostile:
      return "hostile";
    case CaseKind::kAuth:
      return "auth";
    case CaseKind::kMethod:
      return "method";
  }
  return "?";
}

std::vector<int> documented_statuses(const openapi::Operation& operation, int low, int high) {
  std::set<int> statuses;
  for (const auto& response : operation.responses) {
    const std::string& key = response.status_key;
    if (key.size() == 3 && (key[1] == 'X' || key[1] == 'x')) {
      const int first = (key[0] - '0') * 100;
      for (int status = std::max(first, low); status <= std::min(first + 99, high); ++status) {
        statuses.insert(status);
      }
    } else if (key != "default") {
      const int status = std::stoi(key);
      if (status >= low && status <= high) statuses.insert(status);
    }
  }
  return {statuses.begin(), statuses.end()};
}

std::vector<GeneratedCase> derive_cases(const openapi::Spec& spec,
                                        const openapi::Operation& operation,
                                        const BaseRequest& base, std::mt19937_64& random) {
  Deriver deriver(spec, operation, base, random);
  return deriver.derive();
}

std::vector<GeneratedCase> derive_method_cases(const openapi::Spec& spec,
                                               const openapi::Operation& operation,
                                               const BaseRequest& base) {
  std::set<std::string> documented;
  for (const auto& other : spec.operations()) {
    if (other.path_template == operation.path_template) documented.insert(other.method);
  }
  std::vector<GeneratedCase> cases;
  for (const char* method : {"GET", "PUT", "POST", "PATCH", "DELETE"}) {
    if (documented.contains(method)) continue;
    GeneratedCase generated;
    generated.kind = CaseKind::kMethod;
    generated.operation = operation.operation_id;
    generated.description =
        std::string(method) + " " + operation.path_template + " (the path does not document it)";
    generated.constraint = append_pointer("/paths", operation.path_template);
    generated.keyword = "method";
    generated.request = base.step;
    generated.request.has_body = false;
    generated.request.body = nullptr;
    generated.request.query = json::object();
    generated.method = method;
    generated.source = {SourceKind::kDocs, "spec: the path documents only its own methods"};
    cases.push_back(std::move(generated));
  }
  return cases;
}

std::vector<GeneratedCase> sample_cases(std::vector<GeneratedCase> cases, std::size_t max_cases,
                                        std::mt19937_64& random) {
  if (max_cases == 0 || cases.size() <= max_cases) return cases;
  std::vector<std::size_t> order(cases.size() - 1);
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i + 1;
  // Partial Fisher-Yates by hand: std::shuffle's order differs between standard libraries.
  const std::size_t wanted = max_cases - 1;
  for (std::size_t i = 0; i < wanted; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(random() % (order.size() - i));
    std::swap(order[i], order[j]);
  }
  order.resize(wanted);
  std::sort(order.begin(), order.end());
  std::vector<GeneratedCase> kept{std::move(cases.front())};
  for (const std::size_t index : order) kept.push_back(std::move(cases[index]));
  return kept;
}

}  // namespace statuskit::conformance
