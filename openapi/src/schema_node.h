#pragma once
// Internal: the compiled form of one schema location. Built once by SchemaCompiler; validation
// only reads it. Every value a keyword needs (enum members, bounds, compiled regexes, property
// tables) is extracted here, so validating never looks at the schema JSON again.

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format_checks.h"

namespace statuskit::openapi::detail {

enum TypeBit : unsigned {
  kNull = 1U << 0U,
  kBoolean = 1U << 1U,
  kInteger = 1U << 2U,
  kNumber = 1U << 3U,  // includes integers
  kString = 1U << 4U,
  kArray = 1U << 5U,
  kObject = 1U << 6U,
};

/// Strings longer than this are not run through std::regex, whose backtracking recursion
/// could exhaust the stack; they fail `pattern` with a message saying so.
inline constexpr std::size_t kMaxPatternInput = 16 * 1024;

struct CompiledRegex {
  std::string source;
  std::regex regex;
};

struct CompiledNode {
  std::string location;         ///< JSON pointer of this schema inside its document
  bool always_valid = false;    ///< `true` / `{}`
  bool always_invalid = false;  ///< `false`
  bool nullable = false;        ///< OpenAPI 3.0 `nullable: true`

  unsigned types = 0;                   ///< TypeBit mask; 0 = any type
  std::vector<std::string> type_names;  ///< for messages, as written

  std::optional<std::vector<nlohmann::json>> enum_values;
  std::optional<nlohmann::json> const_value;

  std::optional<nlohmann::json> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<nlohmann::json> multiple_of;

  std::optional<std::size_t> min_length, max_length;
  std::optional<CompiledRegex> pattern;
  FormatKind format = FormatKind::kNone;
  std::string format_name;

  // Arrays. `items` applies to every element after `prefix_items`; in draft 4/7 an array-form
  // `items` becomes prefix_items and `additionalItems` becomes items.
  const CompiledNode* items = nullptr;
  std::vector<const CompiledNode*> prefix_items;
  bool items_keyword_is_additional_items = false;  ///< for keyword locations in messages
  std::optional<std::size_t> min_items, max_items;
  bool unique_items = false;
  const CompiledNode* contains = nullptr;
  std::optional<std::size_t> min_contains, max_contains;
  const CompiledNode* unevaluated_items = nullptr;

  // Objects.
  std::vector<std::pair<std::string, const CompiledNode*>> properties;  ///< sorted by name
  std::vector<std::pair<CompiledRegex, const CompiledNode*>> pattern_properties;
  const CompiledNode* additional_properties = nullptr;
  std::vector<std::string> required;
  std::optional<std::size_t> min_properties, max_properties;
  std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;
  std::vector<std::pair<std::string, const CompiledNode*>> dependent_schemas;
  const CompiledNode* property_names = nullptr;
  const CompiledNode* unevaluated_properties = nullptr;

  // Applicators.
  std::vector<const CompiledNode*> all_of, any_of, one_of;
  const CompiledNode* not_schema = nullptr;
  const CompiledNode* if_schema = nullptr;
  const CompiledNode* then_schema = nullptr;
  const CompiledNode* else_schema = nullptr;
  const CompiledNode* ref = nullptr;  ///< resolved $ref target
  std::string ref_text;
  /// Draft 4/7 and OpenAPI 3.0: a $ref replaces every sibling keyword.
  bool ref_overrides_siblings = false;

  /// What the one-pass text checkers may judge of this node themselves, derived from the
  /// keywords above once they are all compiled (note_text_facts, schema_text_descent.h). The
  /// defaults send every container to the DOM walker: slower, never wrong.
  struct TextFacts {
    /// No keyword needs the whole object (array) at once (enum, oneOf, uniqueItems...).
    bool object_streamable = false;
    bool array_streamable = false;
    /// ...nor more than one schema for it ($ref beside other keywords, allOf): the
    /// recursive descent checks an object member by member, an array element by element.
    bool object_here = false;
    bool array_here = false;
    /// Not `true`, `false` or an overriding $ref: the node's own keywords are the schema.
    bool own_schema = false;
    /// Every string is valid against this node (`true`, or no string keyword or applicator).
    bool any_string = false;
    /// Bit i set: properties[i] is required (with object_here, every required name is one).
    std::uint64_t required_bits = 0;
  } text;
};

/// How many `true`/`$ref`/`allOf` hops a one-pass text checker follows for one value before it
/// leaves the value to the DOM walker (a schema that refers to itself would otherwise never end).
inline constexpr int kMaxSchemaHops = 64;

/// The index of `name` in `node.properties` (sorted by name), or its size. Objects have few
/// properties: a scan comparing lengths first costs less than a binary search comparing bytes.
/// Inlined: a call cost as much as the search itself, once per member read.
[[gnu::always_inline]] inline std::size_t property_index(const CompiledNode& node,
                                                         std::string_view name) {
  constexpr std::size_t kScanLimit = 8;
  const auto& properties = node.properties;
  if (properties.size() <= kScanLimit) {
    for (std::size_t i = 0; i < properties.size(); ++i) {
      const std::string& candidate = properties[i].first;
      // Names are short: a loop inline costs less than a call to memcmp.
      if (candidate.size() == name.size() &&
          std::equal(name.begin(), name.end(), candidate.begin())) {
        return i;
      }
    }
    return properties.size();
  }
  const auto found = std::lower_bound(
      properties.begin(), properties.end(), name,
      [](const auto& entry, std::string_view wanted) { return entry.first < wanted; });
  return found != properties.end() && found->first == name
             ? static_cast<std::size_t>(found - properties.begin())
             : properties.size();
}

/// All nodes of one compiler, kept alive by every SchemaValidator made from it.
struct NodeArena {
  std::vector<std::unique_ptr<CompiledNode>> nodes;
  std::shared_ptr<const nlohmann::json> document;
};

/// True when `instance` has no error against `node`: the DOM walker of schema_validator.cc,
/// for the engine's other checkers (schema_text_checker.h) on the values they do not judge
/// themselves.
bool node_accepts(const CompiledNode& node, const nlohmann::json& instance);

}  // namespace statuskit::openapi::detail
