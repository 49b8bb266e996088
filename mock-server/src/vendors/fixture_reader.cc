#include "vendors/fixture_reader.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "statuskit/openapi/json_pointer.h"

namespace statuskit::mock {
namespace {

const nlohmann::json kEmptyArray = nlohmann::json::array();

std::string type_problem(std::string_view expected, const nlohmann::json& value) {
  return "expected " + std::string(expected) + ", got " + value.type_name();
}

}  // namespace

void fixture_error(const std::string& pointer, const std::string& reason) {
  throw std::invalid_argument((pointer.empty() ? std::string("/") : pointer) + ": " + reason);
}

FixtureObject::FixtureObject(const nlohmann::json& value, std::string pointer,
                             std::initializer_list<std::string_view> required,
                             std::initializer_list<std::string_view> optional)
    : value_(value), pointer_(std::move(pointer)) {
  if (!value.is_object()) fixture_error(pointer_, type_problem("object", value));
  for (const auto& item : value.items()) {
    const bool known = std::find(required.begin(), required.end(), item.key()) != required.end() ||
                       std::find(optional.begin(), optional.end(), item.key()) != optional.end();
    if (!known) fixture_error(pointer_of(item.key()), "unknown field");
  }
  for (std::string_view field : required) {
    if (!has(field)) fixture_error(pointer_of(field), "required field is missing");
  }
}

std::string FixtureObject::pointer_of(std::string_view field) const {
  return openapi::append_pointer(pointer_, field);
}

bool FixtureObject::has(std::string_view field) const {
  return value_.contains(std::string(field));
}

std::string FixtureObject::string(std::string_view field) const {
  const auto& value = value_.at(std::string(field));
  if (!value.is_string()) fixture_error(pointer_of(field), type_problem("string", value));
  return value.get<std::string>();
}

std::optional<std::string> FixtureObject::optional_string(std::string_view field) const {
  if (!has(field)) return std::nullopt;
  return string(field);
}

std::string FixtureObject::one_of(std::string_view field,
                                  std::initializer_list<std::string_view> allowed) const {
  std::string text = string(field);
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
    std::string list;
    for (std::string_view option : allowed)
      list += (list.empty() ? "" : ", ") + std::string(option);
    fixture_error(pointer_of(field), "\"" + text + "\" is not one of " + list);
  }
  return text;
}

std::int64_t FixtureObject::integer(std::string_view field) const {
  const auto& value = value_.at(std::string(field));
  if (!value.is_number_integer()) fixture_error(pointer_of(field), type_problem("integer", value));
  return value.get<std::int64_t>();
}

std::optional<std::int64_t> FixtureObject::optional_integer(std::string_view field) const {
  if (!has(field)) return std::nullopt;
  return integer(field);
}

bool FixtureObject::boolean(std::string_view field, bool fallback) const {
  if (!has(field)) return fallback;
  const auto& value = value_.at(std::string(field));
  if (!value.is_boolean()) fixture_error(pointer_of(field), type_problem("boolean", value));
  return value.get<bool>();
}

std::vector<std::string> FixtureObject::strings(std::string_view field) const {
  std::vector<std::string> out;
  const auto& items = array(field);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) {
      fixture_error(openapi::append_pointer(pointer_of(field), i),
                    type_problem("string", items[i]));
    }
    out.push_back(items[i].get<std::string>());
  }
  return out;
}

const nlohmann::json& FixtureObject::array(std::string_view field) const {
  if (!has(field)) return kEmptyArray;
  const auto& value = value_.at(std::string(field));
  if (!value.is_array()) fixture_error(pointer_of(field), type_problem("array", value));
  return value;
}

}  // namespace statuskit::mock
