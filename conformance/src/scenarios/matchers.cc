#include "scenarios/matchers.h"

#include <algorithm>
#include <cstdint>
#include <regex>

namespace statuskit::conformance {
namespace {

std::string show(const nlohmann::json* value) {
  if (value == nullptr) return "nothing";
  std::string text = value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 200) {
    text.resize(200);
    text += "...";
  }
  return text;
}

bool is_matcher(const nlohmann::json& value) {
  static const char* kNames[] = {"equals", "absent",   "present",  "contains", "matches",
                                 "length", "includes", "excludes", "type",     "not"};
  if (!value.is_object() || value.size() != 1) return false;
  for (const char* name : kNames) {
    if (value.contains(name)) return true;
  }
  return false;
}

/// Does `element` contain `expected` (equal, or an object whose fields all equal)?
bool element_matches(const nlohmann::json& element, const nlohmann::json& expected) {
  if (element == expected) return true;
  if (!expected.is_object() || !element.is_object()) return false;
  for (const auto& [key, value] : expected.items()) {
    const auto it = element.find(key);
    if (it == element.end() || *it != value) return false;
  }
  return true;
}

std::string type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "integer";
  return value.type_name();
}

}  // namespace

std::string matcher_kind(const nlohmann::json& matcher) {
  return is_matcher(matcher) ? matcher.begin().key() : "equals";
}

std::optional<std::string> match(const nlohmann::json& matcher, const nlohmann::json* actual) {
  if (!is_matcher(matcher)) {
    if (actual != nullptr && *actual == matcher) return std::nullopt;
    return "expected " + matcher.dump() + ", got " + show(actual);
  }
  // Plain references rather than a structured binding: clang 14 cannot capture those.
  const std::string& name = matcher.begin().key();
  const nlohmann::json& argument = matcher.begin().value();
  if (name == "equals") {
    if (actual != nullptr && *actual == argument) return std::nullopt;
    return "expected " + argument.dump() + ", got " + show(actual);
  }
  if (name == "absent") {
    const bool want_absent = argument.is_boolean() ? argument.get<bool>() : true;
    if ((actual == nullptr) == want_absent) return std::nullopt;
    return want_absent ? "expected nothing, got " + show(actual) : "expected a value, got nothing";
  }
  if (name == "present") {
    const bool want_present = argument.is_boolean() ? argument.get<bool>() : true;
    if ((actual != nullptr) == want_present) return std::nullopt;
    return want_present ? "expected a value, got nothing" : "expected nothing, got " + show(actual);
  }
  if (name == "contains") {
    if (actual != nullptr && actual->is_string() && argument.is_string() &&
        actual->get<std::string>().find(argument.get<std::string>()) != std::string::npos) {
      return std::nullopt;
    }
    return "expected a string containing " + argument.dump() + ", got " + show(actual);
  }
  if (name == "matches") {
    if (actual != nullptr && actual->is_string() && argument.is_string()) {
      try {
        if (std::regex_search(actual->get<std::string>(),
                              std::regex(argument.get<std::string>()))) {
          return std::nullopt;
        }
      } catch (const std::regex_error&) {
        return "invalid regular expression " + argument.dump();
      }
    }
    return "expected a string matching " + argument.dump() + ", got " + show(actual);
  }
  if (name == "length") {
    // YAML integers arrive signed; a negative length is a suite error caught below.
    if (actual != nullptr && argument.is_number_integer() && argument.get<std::int64_t>() >= 0) {
      std::size_t size = actual->is_string() ? actual->get<std::string>().size() : actual->size();
      if ((actual->is_string() || actual->is_array() || actual->is_object()) &&
          size == argument.get<std::size_t>()) {
        return std::nullopt;
      }
      if (actual->is_string() || actual->is_array() || actual->is_object()) {
        return "expected length " + argument.dump() + ", got " + std::to_string(size);
      }
    }
    return "expected something of length " + argument.dump() + ", got " + show(actual);
  }
  if (name == "includes" || name == "excludes") {
    const bool found = actual != nullptr && actual->is_array() &&
                       std::any_of(actual->begin(), actual->end(), [&](const auto& element) {
                         return element_matches(element, argument);
                       });
    if (name == "includes" && found) return std::nullopt;
    if (name == "excludes" && actual != nullptr && actual->is_array() && !found)
      return std::nullopt;
    return std::string(name == "includes" ? "expected an array including "
                                          : "expected an array without ") +
           argument.dump() + ", got " + show(actual);
  }
  if (name == "type") {
    if (actual != nullptr && argument.is_string() &&
        (type_name(*actual) == argument.get<std::string>() ||
         (argument == "number" && actual->is_number()))) {
      return std::nullopt;
    }
    return "expected a " + argument.dump() + " value, got " + show(actual);
  }
  // not
  if (match(argument, actual)) return std::nullopt;
  return "expected anything but " + argument.dump() + ", got " + show(actual);
}

}  // namespace statuskit::conformance
