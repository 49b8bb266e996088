#pragma once
// Strict reading of fixture documents: an unknown field, a missing required field or a value of
// the wrong type is an std::invalid_argument "<JSON pointer>: <reason>", so a typo in a fixture
// (or in a PUT /__admin/state document) is reported instead of silently defaulting.

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace statuskit::mock {

[[noreturn]] void fixture_error(const std::string& pointer, const std::string& reason);

/// One JSON object of a fixture, read field by field.
class FixtureObject {
 public:
  /// Checks that `value` is an object whose keys are all in `required` or `optional`, and that
  /// every `required` key is present.
  FixtureObject(const nlohmann::json& value, std::string pointer,
                std::initializer_list<std::string_view> required,
                std::initializer_list<std::string_view> optional = {});

  const std::string& pointer() const { return pointer_; }
  std::string pointer_of(std::string_view field) const;
  bool has(std::string_view field) const;

  std::string string(std::string_view field) const;
  std::optional<std::string> optional_string(std::string_view field) const;
  std::string one_of(std::string_view field, std::initializer_list<std::string_view> allowed) const;
  std::int64_t integer(std::string_view field) const;
  std::optional<std::int64_t> optional_integer(std::string_view field) const;
  bool boolean(std::string_view field, bool fallback) const;
  /// An array of strings; an absent optional field is empty.
  std::vector<std::string> strings(std::string_view field) const;
  /// An array; an absent optional field is an empty array.
  const nlohmann::json& array(std::string_view field) const;

 private:
  const nlohmann::json& value_;
  std::string pointer_;
};

}  // namespace statuskit::mock
