// Walks a compiled schema tree over an instance. Reads only CompiledNode; never the schema JSON.
#include "statuskit/openapi/schema_validator.h"

#include <limits>
#include <set>

#include "schema_node.h"
#include "statuskit/openapi/json_pointer.h"

namespace statuskit::openapi {

using detail::CompiledNode;
using detail::kMaxPatternInput;
using nlohmann::json;

std::string ValidationError::to_string() const {
  return (instance_pointer.empty() ? std::string("/") : instance_pointer) + ": " + message;
}

SchemaValidator::SchemaValidator(std::shared_ptr<const detail::CompiledNode> root,
                                 std::shared_ptr<const void> keep_alive)
    : root_(std::move(root)), keep_alive_(std::move(keep_alive)) {}

namespace {

// 128-bit integers compare any pair of int64/uint64 values exactly.
__extension__ typedef __int128 WideInt;

WideInt widen(const json& v) {
  return v.is_number_unsigned() ? static_cast<WideInt>(v.get<std::uint64_t>())
                                : static_cast<WideInt>(v.get<std::int64_t>());
}

/// What the keywords of a schema evaluated (JSON Schema 2020-12 annotations), collected only
/// when an unevaluatedProperties/unevaluatedItems keyword needs them.
struct Annotations {
  std::set<std::string> properties;
  std::set<std::size_t> items;
  bool all_items = false;
  void merge(const Annotations& other) {
    properties.insert(other.properties.begin(), other.properties.end());
    items.insert(other.items.begin(), other.items.end());
    all_items = all_items || other.all_items;
  }
};

const char* type_name(const json& instance) {
  switch (instance.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "integer";
    case json::value_t::number_float:
      return "number";
    case json::value_t::string:
      return "string";
    case json::value_t::array:
      return "array";
    case json::value_t::object:
      return "object";
    default:
      return "unknown";
  }
}

bool is_integral(const json& instance) {
  if (instance.is_number_integer()) return true;  // includes unsigned
  if (instance.is_number_float()) {
    const double value = instance.get<double>();
    return std::isfinite(value) && value == std::floor(value);
  }
  return false;
}

/// Exact for integers of any sign and size nlohmann holds; long double otherwise.
int compare_numbers(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    const WideInt x = widen(a), y = widen(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  auto to_long_double = [](const json& v) -> long double {
    if (v.is_number_unsigned()) return static_cast<long double>(v.get<std::uint64_t>());
    if (v.is_number_integer()) return static_cast<long double>(v.get<std::int64_t>());
    return static_cast<long double>(v.get<double>());
  };
  const long double x = to_long_double(a), y = to_long_double(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool is_multiple_of(const json& value, const json& divisor) {
  if (value.is_number_integer() && divisor.is_number_integer()) {
    return widen(value) % widen(divisor) == 0;
  }
  const long double quotient = static_cast<long double>(value.get<double>()) /
                               static_cast<long double>(divisor.get<double>());
  if (!std::isfinite(quotient)) return false;
  const long double rounded = std::round(quotient);
  return std::fabs(quotient - rounded) <= 1e-9L * std::max(1.0L, std::fabs(rounded));
}

std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

bool matches(const detail::CompiledRegex& pattern, const std::string& text) {
  return std::regex_search(text, pattern.regex);
}

std::string quote(const std::string& text) { return "'" + text + "'"; }

class Walker {
 public:
  /// Errors go to `errors` (when non-null), at most `limit` of them; every one is counted.
  explicit Walker(std::vector<ValidationError>* errors,
                  std::size_t limit = std::numeric_limits<std::size_t>::max())
      : errors_(errors), limit_(limit) {}

  /// How many errors were reported, listed or not.
  std::size_t found() const { return found_; }

  /// True when `instance` is valid. Errors go to errors_ (when non-null); evaluated
  /// properties/items go to `annotations` (when non-null).
  bool validate(const CompiledNode& node, const json& instance, const std::string& where,
                Annotations* annotations) {
    if (node.always_valid) return true;
    if (node.always_invalid) {
      return report(where, node.location, "no value is allowed here");
    }
    if (node.ref != nullptr && node.ref_overrides_siblings) {
      return validate(*node.ref, instance, where, annotations);
    }
    return validate_keywords(node, instance, where, annotations);
  }

 private:
  bool report(const std::string& where, const std::string& location, std::string message) {
    ++found_;
    if (errors_ != nullptr && errors_->size() < limit_) {
      errors_->push_back({where, location, std::move(message)});
    }
    return false;
  }
  static std::string at(const std::string& location, const char* keyword) {
    return append_pointer(location, keyword);
  }

  bool validate_keywords(const CompiledNode& node, const json& instance, const std::string& where,
                         Annotations* annotations) {
    if (instance.is_null() && node.nullable) return true;
    if (node.types != 0 && !type_matches(node, instance)) {
      std::string expected;
      for (const auto& name : node.type_names) expected += (expected.empty() ? "" : ", ") + name;
      if (node.nullable) expected += ", null";
      const bool several = node.type_names.size() > 1 || node.nullable;
      return report(where, at(node.location, "type"),
                    "expected " + (several ? "one of [" + expected + "]" : expected) + ", got " +
                        type_name(instance));
    }
    bool valid = true;
    const bool collect = errors_ != nullptr;
    auto keep_going = [&](bool ok) {
      valid = valid && ok;
      return valid || collect;
    };
    if (node.enum_values) {
      bool found = false;
      for (const auto& candidate : *node.enum_values) {
        if (candidate == instance) {
          found = true;
          break;
        }
      }
      if (!found && !keep_going(report(
                        where, at(node.location, "enum"),
                        instance.dump() + " is not one of " + json(*node.enum_values).dump()))) {
        return false;
      }
    }
    if (node.const_value && !(*node.const_value == instance) &&
        !keep_going(
            report(where, at(node.location, "const"), "must be " + node.const_value->dump()))) {
      return false;
    }
    if (instance.is_number() && !keep_going(validate_number(node, instance, where))) return false;
    if (instance.is_string() && !keep_going(validate_string(node, instance, where))) return false;
    if (node.format != detail::FormatKind::kNone) {
      const auto problem = detail::check_format(node.format, instance);
      if (!problem.empty() && !keep_going(report(where, at(node.location, "format"), problem))) {
        return false;
      }
    }
    Annotations local;
    Annotations* own =
        (annotations || node.unevaluated_items || node.unevaluated_properties) ? &local : nullptr;
    if (instance.is_array() && !keep_going(validate_array(node, instance, where, own)))
      return false;
    if (instance.is_object() && !keep_going(validate_object(node, instance, where, own))) {
      return false;
    }
    if (!keep_going(validate_applicators(node, instance, where, own))) return false;
    if (instance.is_array() && node.unevaluated_items &&
        !keep_going(validate_unevaluated_items(node, instance, where, local))) {
      return false;
    }
    if (instance.is_object() && node.unevaluated_properties &&
        !keep_going(validate_unevaluated_properties(node, instance, where, local))) {
      return false;
    }
    if (valid && annotations) annotations->merge(local);
    return valid;
  }

  static bool type_matches(const CompiledNode& node, const json& instance) {
    switch (instance.type()) {
      case json::value_t::null:
        return (node.types & detail::kNull) != 0;
      case json::value_t::boolean:
        return (node.types & detail::kBoolean) != 0;
      case json::value_t::string:
        return (node.types & detail::kString) != 0;
      case json::value_t::array:
        return (node.types & detail::kArray) != 0;
      case json::value_t::object:
        return (node.types & detail::kObject) != 0;
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
      case json::value_t::number_float:
        if ((node.types & detail::kNumber) != 0) return true;
        return (node.types & detail::kInteger) != 0 && is_integral(instance);
      default:
        return false;
    }
  }

  bool validate_number(const CompiledNode& node, const json& value, const std::string& where) {
    bool valid = true;
    auto fail = [&](const char* keyword, std::string message) {
      valid = report(where, at(node.location, keyword), std::move(message)) && valid;
    };
    if (node.minimum && compare_numbers(value, *node.minimum) < 0) {
      fail("minimum", value.dump() + " is less than the minimum " + node.minimum->dump());
    }
    if (node.maximum && compare_numbers(value, *node.maximum) > 0) {
      fail("maximum", value.dump() + " is greater than the maximum " + node.maximum->dump());
    }
    if (node.exclusive_minimum && compare_numbers(value, *node.exclusive_minimum) <= 0) {
      fail("exclusiveMinimum",
           value.dump() + " must be greater than " + node.exclusive_minimum->dump());
    }
    if (node.exclusive_maximum && compare_numbers(value, *node.exclusive_maximum) >= 0) {
      fail("exclusiveMaximum",
           value.dump() + " must be less than " + node.exclusive_maximum->dump());
    }
    if (node.multiple_of && !is_multiple_of(value, *node.multiple_of)) {
      fail("multipleOf", value.dump() + " is not a multiple of " + node.multiple_of->dump());
    }
    return valid;
  }

  bool validate_string(const CompiledNode& node, const json& value, const std::string& where) {
    bool valid = true;
    const auto& text = value.get_ref<const std::string&>();
    if (node.min_length || node.max_length) {
      const auto length = code_points(text);
      if (node.min_length && length < *node.min_length) {
        valid = report(
            where, at(node.location, "minLength"),
            std::to_string(length) + " characters, minimum is " + std::to_string(*node.min_length));
      }
      if (node.max_length && length > *node.max_length) {
        valid = report(where, at(node.location, "maxLength"),
                       std::to_string(length) + " characters, maximum is " +
                           std::to_string(*node.max_length)) &&
                valid;
      }
    }
    if (node.pattern) {
      if (text.size() > kMaxPatternInput) {
        valid = report(where, at(node.location, "pattern"),
                       "string of " + std::to_string(text.size()) +
                           " bytes is too long to match against a pattern") &&
                valid;
      } else if (!matches(*node.pattern, text)) {
        valid = report(where, at(node.location, "pattern"),
                       value.dump() + " does not match pattern " + quote(node.pattern->source)) &&
                valid;
      }
    }
    return valid;
  }

  bool validate_array(const CompiledNode& node, const json& array, const std::string& where,
                      Annotations* annotations) {
    bool valid = true;
    const bool collect = errors_ != nullptr;
    const std::size_t size = array.size();
    if (node.min_items && size < *node.min_items) {
      valid =
          report(where, at(node.location, "minItems"),
                 std::to_string(size) + " items, minimum is " + std::to_string(*node.min_items));
    }
    if (node.max_items && size > *node.max_items) {
      valid =
          report(where, at(node.location, "maxItems"),
                 std::to_string(size) + " items, maximum is " + std::to_string(*node.max_items)) &&
          valid;
    }
    if (!valid && !collect) return false;
    if (node.unique_items) {
      for (std::size_t i = 0; i < size && (valid || collect); ++i) {
        for (std::size_t j = i + 1; j < size; ++j) {
          if (array[i] == array[j]) {
            valid =
                report(where, at(node.location, "uniqueItems"),
                       "items " + std::to_string(i) + " and " + std::to_string(j) + " are equal") &&
                valid;
            i = size;
            break;
          }
        }
      }
    }
    for (std::size_t i = 0; i < size && i < node.prefix_items.size(); ++i) {
      valid = validate(*node.prefix_items[i], array[i], append_pointer(where, i), nullptr) && valid;
      if (annotations) annotations->items.insert(i);
      if (!valid && !collect) return false;
    }
    if (node.items != nullptr) {
      for (std::size_t i = node.prefix_items.size(); i < size; ++i) {
        valid = validate(*node.items, array[i], append_pointer(where, i), nullptr) && valid;
        if (!valid && !collect) return false;
      }
      if (annotations) annotations->all_items = true;
    }
    if (node.contains != nullptr) {
      std::size_t matched = 0;
      Walker quiet(nullptr);
      for (std::size_t i = 0; i < size; ++i) {
        if (quiet.validate(*node.contains, array[i], where, nullptr)) {
          ++matched;
          if (annotations) annotations->items.insert(i);
        }
      }
      const std::size_t minimum = node.min_contains.value_or(1);
      if (matched < minimum) {
        valid =
            report(where, at(node.location, "contains"),
                   minimum == 1 ? std::string("no item matches the 'contains' schema")
                                : std::to_string(matched) + " items match 'contains', minimum is " +
                                      std::to_string(minimum)) &&
            valid;
      }
      if (node.max_contains && matched > *node.max_contains) {
        valid = report(where, at(node.location, "maxContains"),
                       std::to_string(matched) + " items match 'contains', maximum is " +
                           std::to_string(*node.max_contains)) &&
                valid;
      }
    }
    return valid;
  }

  bool validate_object(const CompiledNode& node, const json& object, const std::string& where,
                       Annotations* annotations) {
    bool valid = true;
    const bool collect = errors_ != nullptr;
    for (const auto& name : node.required) {
      if (!object.contains(name)) {
        valid = report(where, at(node.location, "required"),
                       "required property " + quote(name) + " is missing") &&
                valid;
        if (!collect) return false;
      }
    }
    const std::size_t count = object.size();
    if (node.min_properties && count < *node.min_properties) {
      valid = report(where, at(node.location, "minProperties"),
                     std::to_string(count) + " properties, minimum is " +
                         std::to_string(*node.min_properties)) &&
              valid;
    }
    if (node.max_properties && count > *node.max_properties) {
      valid = report(where, at(node.location, "maxProperties"),
                     std::to_string(count) + " properties, maximum is " +
                         std::to_string(*node.max_properties)) &&
              valid;
    }
    for (const auto& [name, needed] : node.dependent_required) {
      if (!object.contains(name)) continue;
      for (const auto& other : needed) {
        if (!object.contains(other)) {
          valid = report(where, at(node.location, "dependentRequired"),
                         "property " + quote(name) + " requires property " + quote(other)) &&
                  valid;
        }
      }
    }
    if (!valid && !collect) return false;
    for (auto it = object.begin(); it != object.end(); ++it) {
      const std::string& name = it.key();
      const std::string child_where = append_pointer(where, name);
      bool evaluated = false;
      auto property = std::lower_bound(
          node.properties.begin(), node.properties.end(), name,
          [](const auto& entry, const std::string& key) { return entry.first < key; });
      if (property != node.properties.end() && property->first == name) {
        evaluated = true;
        valid = validate(*property->second, it.value(), child_where, nullptr) && valid;
      }
      for (const auto& [pattern, schema] : node.pattern_properties) {
        if (name.size() <= kMaxPatternInput && matches(pattern, name)) {
          evaluated = true;
          valid = validate(*schema, it.value(), child_where, nullptr) && valid;
        }
      }
      if (!evaluated && node.additional_properties != nullptr) {
        evaluated = true;
        if (node.additional_properties->always_invalid) {
          valid = report(child_where, node.additional_properties->location,
                         "property " + quote(name) + " is not allowed") &&
                  valid;
        } else {
          valid = validate(*node.additional_properties, it.value(), child_where, nullptr) && valid;
        }
      }
      if (evaluated && annotations) annotations->properties.insert(name);
      if (node.property_names != nullptr) {
        std::vector<ValidationError> name_errors;
        Walker names(collect ? &name_errors : nullptr);
        if (!names.validate(*node.property_names, json(name), where, nullptr)) {
          valid = report(child_where, node.property_names->location,
                         "property name " + quote(name) + " is invalid" +
                             (name_errors.empty() ? "" : ": " + name_errors.front().message)) &&
                  valid;
        }
      }
      if (!valid && !collect) return false;
    }
    for (const auto& [name, schema] : node.dependent_schemas) {
      if (!object.contains(name)) continue;
      Annotations dependent;
      valid = validate(*schema, object, where, annotations ? &dependent : nullptr) && valid;
      if (annotations) annotations->merge(dependent);
    }
    return valid;
  }

  bool validate_applicators(const CompiledNode& node, const json& instance,
                            const std::string& where, Annotations* annotations) {
    bool valid = true;
    const bool collect = errors_ != nullptr;
    // In 2020-12 a $ref is an applicator beside its siblings, exactly like one allOf branch.
    if (node.ref != nullptr) {
      Annotations ref_annotations;
      const bool ok =
          validate(*node.ref, instance, where, annotations ? &ref_annotations : nullptr);
      if (ok && annotations) annotations->merge(ref_annotations);
      valid = ok;
      if (!valid && !collect) return false;
    }
    for (const CompiledNode* branch : node.all_of) {
      Annotations branch_annotations;
      const bool ok =
          validate(*branch, instance, where, annotations ? &branch_annotations : nullptr);
      if (ok && annotations) annotations->merge(branch_annotations);
      valid = ok && valid;
      if (!valid && !collect) return false;
    }
    if (!node.any_of.empty()) {
      valid =
          validate_alternatives(node, node.any_of, "anyOf", instance, where, annotations) && valid;
      if (!valid && !collect) return false;
    }
    if (!node.one_of.empty()) {
      valid =
          validate_alternatives(node, node.one_of, "oneOf", instance, where, annotations) && valid;
      if (!valid && !collect) return false;
    }
    if (node.not_schema != nullptr) {
      Walker quiet(nullptr);
      if (quiet.validate(*node.not_schema, instance, where, nullptr)) {
        valid = report(where, at(node.location, "not"), "must not match the 'not' schema") && valid;
      }
    }
    if (node.if_schema != nullptr) {
      Walker quiet(nullptr);
      Annotations if_annotations;
      const bool condition =
          quiet.validate(*node.if_schema, instance, where, annotations ? &if_annotations : nullptr);
      if (condition && annotations) annotations->merge(if_annotations);
      const CompiledNode* branch = condition ? node.then_schema : node.else_schema;
      if (branch != nullptr) {
        Annotations branch_annotations;
        const bool ok =
            validate(*branch, instance, where, annotations ? &branch_annotations : nullptr);
        if (ok && annotations) annotations->merge(branch_annotations);
        valid = ok && valid;
      }
    }
    return valid;
  }

  bool validate_alternatives(const CompiledNode& node,
                             const std::vector<const CompiledNode*>& branches, const char* keyword,
                             const json& instance, const std::string& where,
                             Annotations* annotations) {
    const bool exactly_one = std::string(keyword) == "oneOf";
    std::vector<std::size_t> matched;
    std::vector<std::vector<ValidationError>> branch_errors(branches.size());
    std::vector<std::size_t> branch_found(branches.size());
    for (std::size_t i = 0; i < branches.size(); ++i) {
      Walker branch_walker(errors_ != nullptr ? &branch_errors[i] : nullptr, limit_);
      Annotations branch_annotations;
      const bool ok = branch_walker.validate(*branches[i], instance, where,
                                             annotations ? &branch_annotations : nullptr);
      branch_found[i] = branch_walker.found();
      if (ok) {
        matched.push_back(i);
        if (annotations) annotations->merge(branch_annotations);
        // anyOf needs every passing branch's annotations, so it keeps evaluating only then.
        if (!exactly_one && annotations == nullptr) break;
      }
    }
    if (matched.empty()) {
      if (errors_ == nullptr) return false;
      // The closest branch has the fewest errors; a branch whose type does not even match the
      // instance is a worse guess than one that failed on details.
      auto distance = [&](std::size_t i) {
        std::size_t score = branch_found[i];
        for (const auto& error : branch_errors[i]) {
          const auto& location = error.keyword_location;
          if (error.instance_pointer == where && location.size() >= 5 &&
              location.compare(location.size() - 5, 5, "/type") == 0) {
            score += 1000;
          }
        }
        return score;
      };
      std::size_t closest = 0;
      for (std::size_t i = 1; i < branches.size(); ++i) {
        if (distance(i) < distance(closest)) closest = i;
      }
      std::string detail;
      for (const auto& error : branch_errors[closest]) {
        detail += (detail.empty() ? "" : "; ") + error.to_string();
      }
      if (const auto unlisted = branch_found[closest] - branch_errors[closest].size()) {
        detail += "; ... and " + std::to_string(unlisted) + " more";
      }
      return report(where, at(node.location, keyword),
                    "matches none of the " + std::to_string(branches.size()) + " " + keyword +
                        " alternatives; closest is #" + std::to_string(closest) +
                        (detail.empty() ? "" : ": " + detail));
    }
    if (exactly_one && matched.size() > 1) {
      return report(where, at(node.location, keyword),
                    "matches " + std::to_string(matched.size()) + " oneOf alternatives (#" +
                        std::to_string(matched[0]) + " and #" + std::to_string(matched[1]) +
                        "), exactly one is required");
    }
    return true;
  }

  bool validate_unevaluated_items(const CompiledNode& node, const json& array,
                                  const std::string& where, const Annotations& evaluated) {
    if (evaluated.all_items) return true;
    bool valid = true;
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (evaluated.items.contains(i)) continue;
      if (node.unevaluated_items->always_invalid) {
        valid = report(append_pointer(where, i), node.unevaluated_items->location,
                       "item " + std::to_string(i) + " is not allowed (unevaluatedItems)") &&
                valid;
      } else {
        valid =
            validate(*node.unevaluated_items, array[i], append_pointer(where, i), nullptr) && valid;
      }
    }
    return valid;
  }

  bool validate_unevaluated_properties(const CompiledNode& node, const json& object,
                                       const std::string& where, const Annotations& evaluated) {
    bool valid = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (evaluated.properties.contains(it.key())) continue;
      const std::string child_where = append_pointer(where, it.key());
      if (node.unevaluated_properties->always_invalid) {
        valid = report(child_where, node.unevaluated_properties->location,
                       "property " + quote(it.key()) + " is not allowed (unevaluatedProperties)") &&
                valid;
      } else {
        valid = validate(*node.unevaluated_properties, it.value(), child_where, nullptr) && valid;
      }
    }
    return valid;
  }

  std::vector<ValidationError>* errors_;
  std::size_t limit_;
  std::size_t found_ = 0;
};

}  // namespace

std::vector<ValidationError> SchemaValidator::validate(const json& instance) const {
  std::vector<ValidationError> errors;
  if (root_) Walker(&errors).validate(*root_, instance, "", nullptr);
  return errors;
}

ValidationReport SchemaValidator::validate(const json& instance, std::size_t max_errors) const {
  ValidationReport report;
  if (!root_) return report;
  Walker walker(&report.errors, max_errors);
  walker.validate(*root_, instance, "", nullptr);
  report.omitted = walker.found() - report.errors.size();
  return report;
}

bool SchemaValidator::is_valid(const json& instance) const {
  return !root_ || Walker(nullptr).validate(*root_, instance, "", nullptr);
}

const detail::CompiledNode* detail::root_of(const SchemaValidator& validator) {
  return validator.root_.get();
}

bool detail::node_accepts(const CompiledNode& node, const json& instance) {
  return Walker(nullptr).validate(node, instance, "", nullptr);
}

}  // namespace statuskit::openapi
