#include "generate/mutations.h"

#include <limits>
#include <optional>

#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;
using openapi::append_pointer;
using openapi::find_pointer;

/// The schema's declared type, or "" when it names none (or several).
std::string type_of(const json& schema) {
  const auto type = schema.find("type");
  if (type != schema.end() && type->is_string()) return type->get<std::string>();
  return "";
}

/// A count keyword's value (minItems, maxLength, ...): a non-negative integer, whichever way the
/// document loader stored it (YAML integers are signed).
std::optional<std::size_t> count_of(const json& schema, const char* keyword) {
  const auto found = schema.find(keyword);
  if (found == schema.end() || !found->is_number_integer()) return std::nullopt;
  if (found->is_number_unsigned()) return found->get<std::size_t>();
  const auto value = found->get<std::int64_t>();
  if (value < 0) return std::nullopt;
  return static_cast<std::size_t>(value);
}

/// Candidate values of another JSON type than `type`; the seed picks one.
std::vector<json> wrong_types_for(const std::string& type) {
  if (type == "string") return {json(12345), json(true), json::array({"x"}), json::object()};
  if (type == "integer" || type == "number") return {json("12"), json(true), json::array()};
  if (type == "boolean") return {json("yes"), json(2), json::object()};
  if (type == "array") return {json("x"), json(1), json::object()};
  if (type == "object") return {json("x"), json(1), json::array()};
  return {};
}

/// A string that breaks `format`, or null when the format is not one the generator knows.
json format_violation(const std::string& format) {
  if (format == "uuid") return "not-a-uuid-0000";
  if (format == "date-time") return "2026-13-45T99:99:99Z";
  if (format == "date") return "2026-02-30x";
  if (format == "email") return "no-at-sign.example";
  return nullptr;
}

class Walker {
 public:
  Walker(const json& document, std::mt19937_64& random) : document_(document), random_(random) {}

  void walk(const std::string& given_schema_pointer, const json& value,
            const std::string& instance) {
    const std::string schema_pointer = resolve_schema_pointer(document_, given_schema_pointer);
    if (schema_pointer.empty()) return;
    const json* schema = find_pointer(document_, schema_pointer);
    if (schema == nullptr || !schema->is_object()) return;
    const std::string type = type_of(*schema);
    const std::string at = instance.empty() ? "the body" : instance;

    if (auto candidates = wrong_types_for(type); !candidates.empty()) {
      const json wrong = candidates[random_() % candidates.size()];
      add(instance, wrong, append_pointer(schema_pointer, "type"), "type",
          at + ": " + (wrong.is_object() || wrong.is_array() ? "an " : "a ") +
              std::string(wrong.type_name()) + " where the schema says " + type,
          schema_pointer);
    }
    add(instance, nullptr, append_pointer(schema_pointer, "type"), "null", at + ": null",
        schema_pointer);
    if (auto values = schema->find("enum"); values != schema->end() && values->is_array()) {
      json outside = type == "integer" || type == "number" ? json(987654321)
                                                           : json("not-in-enum-" + pick_suffix());
      add(instance, outside, append_pointer(schema_pointer, "enum"), "enum",
          at + ": " + outside.dump() + " is outside the enum", schema_pointer);
    }
    if (auto format = schema->find("format"); format != schema->end() && format->is_string()) {
      const std::string name = format->get<std::string>();
      if (json bad = format_violation(name); !bad.is_null()) {
        add(instance, bad, append_pointer(schema_pointer, "format"), "format",
            at + ": " + bad.dump() + " is not a " + name, schema_pointer);
      } else if (name == "int64") {
        add(instance, json(std::uint64_t{9223372036854775808ULL}),
            append_pointer(schema_pointer, "format"), "format",
            at + ": 2^63, one past the int64 maximum", schema_pointer);
      } else if (name == "int32") {
        add(instance, json(std::int64_t{2147483648LL}), append_pointer(schema_pointer, "format"),
            "format", at + ": 2^31, one past the int32 maximum", schema_pointer);
      }
    }
    numeric_bounds(*schema, schema_pointer, instance, at);
    if (type == "string" && value.is_string())
      string_bounds(*schema, schema_pointer, value, instance, at);
    if (type == "array" && value.is_array()) array(*schema, schema_pointer, value, instance, at);
    if (type == "object" && value.is_object()) object(*schema, schema_pointer, value, instance, at);
  }

  std::vector<Mutation> take() { return std::move(found_); }

 private:
  std::string pick_suffix() { return std::to_string(random_() % 1000); }

  void add(const std::string& instance, json value, std::string schema_pointer, std::string keyword,
           std::string description, const std::string& value_schema) {
    Mutation mutation;
    mutation.instance_pointer = instance;
    mutation.value = std::move(value);
    mutation.schema_pointer = std::move(schema_pointer);
    mutation.keyword = std::move(keyword);
    mutation.description = std::move(description);
    mutation.value_schema_pointer = value_schema;
    found_.push_back(std::move(mutation));
  }

  void numeric_bounds(const json& schema, const std::string& schema_pointer,
                      const std::string& instance, const std::string& at) {
    for (const char* keyword : {"minimum", "maximum"}) {
      const auto bound = schema.find(keyword);
      if (bound == schema.end() || !bound->is_number_integer()) continue;
      const auto limit = bound->get<std::int64_t>();
      const bool low = std::string(keyword) == "minimum";
      if ((low && limit == std::numeric_limits<std::int64_t>::min()) ||
          (!low && limit == std::numeric_limits<std::int64_t>::max())) {
        continue;
      }
      const std::int64_t outside = low ? limit - 1 : limit + 1;
      add(instance, outside, append_pointer(schema_pointer, keyword), keyword,
          at + ": " + std::to_string(outside) + " (" + keyword + " " + std::to_string(limit) +
              (low ? ", -1)" : ", +1)"),
          schema_pointer);
    }
  }

  void string_bounds(const json& schema, const std::string& schema_pointer, const json& value,
                     const std::string& instance, const std::string& at) {
    const std::string base = value.get<std::string>().empty() ? "x" : value.get<std::string>();
    auto of_length = [&](std::size_t length) {
      std::string text;
      while (text.size() < length) text += base;
      return text.substr(0, length);
    };
    if (auto min = count_of(schema, "minLength"); min && *min > 0) {
      const auto length = *min - 1;
      add(instance, of_length(length), append_pointer(schema_pointer, "minLength"), "minLength",
          at + ": " + std::to_string(length) + " characters (minLength, -1)", schema_pointer);
    }
    if (auto max = count_of(schema, "maxLength"); max && *max < 100000) {
      const auto length = *max + 1;
      add(instance, of_length(length), append_pointer(schema_pointer, "maxLength"), "maxLength",
          at + ": " + std::to_string(length) + " characters (maxLength, +1)", schema_pointer);
    }
  }

  void array(const json& schema, const std::string& schema_pointer, const json& value,
             const std::string& instance, const std::string& at) {
    const json item = value.empty() ? json("x") : value.front();
    if (auto min = count_of(schema, "minItems"); min && *min > 0) {
      const auto count = *min - 1;
      add(instance, json(std::vector<json>(count, item)),
          append_pointer(schema_pointer, "minItems"), "minItems",
          at + ": " + std::to_string(count) + " items (minItems, -1)", schema_pointer);
    }
    if (auto max = count_of(schema, "maxItems"); max && *max < 100000) {
      const auto count = *max + 1;
      add(instance, json(std::vector<json>(count, item)),
          append_pointer(schema_pointer, "maxItems"), "maxItems",
          at + ": " + std::to_string(count) + " items (maxItems, +1)", schema_pointer);
    }
    if (auto unique = schema.find("uniqueItems");
        unique != schema.end() && unique->is_boolean() && unique->get<bool>() && !value.empty()) {
      json doubled = value;
      doubled.push_back(value.front());
      add(instance, doubled, append_pointer(schema_pointer, "uniqueItems"), "uniqueItems",
          at + ": the first item twice (uniqueItems)", schema_pointer);
    }
    if (!value.empty() && schema.contains("items")) {
      walk(append_pointer(schema_pointer, "items"), value.front(), append_pointer(instance, 0));
    }
  }

  void object(const json& schema, const std::string& schema_pointer, const json& value,
              const std::string& instance, const std::string& at) {
    if (auto required = schema.find("required"); required != schema.end() && required->is_array()) {
      for (const auto& name : *required) {
        if (!name.is_string() || !value.contains(name.get<std::string>())) continue;
        Mutation mutation;
        mutation.instance_pointer = append_pointer(instance, name.get<std::string>());
        mutation.remove = true;
        mutation.schema_pointer = append_pointer(schema_pointer, "required");
        mutation.keyword = "required";
        mutation.description =
            at + ": the required property " + name.get<std::string>() + " left out";
        mutation.value_schema_pointer = schema_pointer;
        found_.push_back(std::move(mutation));
      }
    }
    if (auto extra = schema.find("additionalProperties");
        extra != schema.end() && extra->is_boolean() && !extra->get<bool>()) {
      add(append_pointer(instance, "unexpectedProperty"), json(1),
          append_pointer(schema_pointer, "additionalProperties"), "additionalProperties",
          at + ": an extra property unexpectedProperty", schema_pointer);
    }
    const auto properties = schema.find("properties");
    if (properties == schema.end() || !properties->is_object()) return;
    for (const auto& [name, unused] : properties->items()) {
      if (!value.contains(name)) continue;
      walk(append_pointer(append_pointer(schema_pointer, "properties"), name), value[name],
           append_pointer(instance, name));
    }
  }

  const json& document_;
  std::mt19937_64& random_;
  std::vector<Mutation> found_;
};

}  // namespace

std::string resolve_schema_pointer(const json& document, std::string pointer) {
  for (int hops = 0; hops < 32; ++hops) {
    const json* node = find_pointer(document, pointer);
    if (node == nullptr) return "";
    const auto ref = node->is_object() ? node->find("$ref") : node->end();
    if (!node->is_object() || ref == node->end() || !ref->is_string()) return pointer;
    const std::string target = ref->get<std::string>();
    if (target.rfind('#', 0) != 0) return "";
    pointer = target.substr(1);
  }
  return "";
}

std::vector<Mutation> mutations_of(const json& document, const std::string& schema_pointer,
                                   const json& value, std::mt19937_64& random) {
  Walker walker(document, random);
  walker.walk(schema_pointer, value, "");
  return walker.take();
}

std::vector<BoundaryVariant> valid_boundaries_of(const json& document,
                                                 const std::string& schema_pointer,
                                                 const json& value) {
  std::vector<BoundaryVariant> variants;
  const std::string resolved = resolve_schema_pointer(document, schema_pointer);
  const json* schema = resolved.empty() ? nullptr : find_pointer(document, resolved);
  if (schema == nullptr || !schema->is_object()) return variants;
  if (type_of(*schema) == "object" && value.is_object()) {
    const auto properties = schema->find("properties");
    if (properties == schema->end() || !properties->is_object()) return variants;
    for (const auto& [name, unused] : properties->items()) {
      if (!value.contains(name)) continue;
      for (auto variant : valid_boundaries_of(
               document, append_pointer(append_pointer(resolved, "properties"), name),
               value[name])) {
        variant.instance_pointer = append_pointer("", name) + variant.instance_pointer;
        variants.push_back(std::move(variant));
      }
    }
    return variants;
  }
  if (type_of(*schema) == "array" && value.is_array() && !value.empty()) {
    const bool unique = schema->value("uniqueItems", false);
    for (const char* keyword : {"minItems", "maxItems"}) {
      const auto bound = count_of(*schema, keyword);
      if (!bound) continue;
      const auto count = *bound;
      if (count == 0 || count > 100000 || (unique && count > 1) || count == value.size()) continue;
      variants.push_back({"", json(std::vector<json>(count, value.front())),
                          append_pointer(resolved, keyword), keyword,
                          std::to_string(count) + " items (exactly " + keyword + ")"});
    }
  }
  return variants;
}

json apply_mutation(json value, const Mutation& mutation) {
  if (mutation.instance_pointer.empty()) {
    return mutation.remove ? json() : mutation.value;
  }
  const json::json_pointer pointer(mutation.instance_pointer);
  if (mutation.remove) {
    json* parent = &value.at(pointer.parent_pointer());
    if (parent->is_object()) parent->erase(pointer.back());
  } else {
    value[pointer] = mutation.value;
  }
  return value;
}

}  // namespace statuskit::conformance
