#include "schema_text_descent.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json_number_text.h"
#include "plain_json_cursor.h"
#include "statuskit/openapi/document_loader.h"
#include "string_keywords.h"
#include "text_check_stacks.h"

namespace statuskit::openapi::detail {
namespace {

using nlohmann::json;
using plain_json_detail::Cursor;

/// Objects with more properties than this are judged by the DOM walker (one bit each).
constexpr std::size_t kMaxPropertiesHere = 64;

/// Keywords that need the whole value at once.
bool needs_whole_value(const CompiledNode& node, bool object) {
  if (node.enum_values || node.const_value) return true;
  if (!node.any_of.empty() || !node.one_of.empty() || node.not_schema || node.if_schema) {
    return true;
  }
  if (node.unevaluated_items || node.unevaluated_properties) return true;
  if (object) {
    return !node.pattern_properties.empty() || !node.dependent_required.empty() ||
           !node.dependent_schemas.empty() || node.property_names != nullptr;
  }
  return node.unique_items || node.contains != nullptr;
}

class Descent {
 public:
  explicit Descent(std::string_view text) : cursor_(text) {}

  DescentVerdict run(const CompiledNode* root) {
    cursor_.skip_whitespace();
    const DescentVerdict verdict = value(root, 0);
    if (verdict != DescentVerdict::kValid) return verdict;
    cursor_.skip_whitespace();
    return cursor_.at_end() ? DescentVerdict::kValid : DescentVerdict::kNotPlain;
  }

 private:
  /// Follows `true` (to nullptr: anything goes) and overriding $refs, as the DOM walker does;
  /// false when the value is rejected whatever it is (or the hops run out).
  static bool resolve(const CompiledNode*& node) {
    for (int hops = 0; node != nullptr; ++hops) {
      if (node->always_valid) {
        node = nullptr;
      } else if (node->always_invalid || hops == kMaxSchemaHops) {
        return false;
      } else if (node->ref != nullptr && node->ref_overrides_siblings) {
        node = node->ref;
      } else {
        break;
      }
    }
    return true;
  }

  // Inlined into each loop (it recurses only through any_value): most values are strings.
  [[gnu::always_inline]] DescentVerdict value(const CompiledNode* node, std::size_t depth) {
    // The commonest value of all, read without a call: a string that any string satisfies.
    if (!cursor_.at_end() && cursor_.peek() == '"' && (node == nullptr || node->text.any_string)) {
      cursor_.skip();
      std::string_view text;
      return cursor_.plain_string(text) ? DescentVerdict::kValid : DescentVerdict::kNotPlain;
    }
    return any_value(node, depth);
  }

  DescentVerdict any_value(const CompiledNode* node, std::size_t depth) {
    if (node != nullptr && !node->text.own_schema && !resolve(node)) {
      return DescentVerdict::kInvalid;
    }
    if (cursor_.at_end()) return DescentVerdict::kNotPlain;
    switch (cursor_.peek()) {
      case '{':
        return object(node, depth);
      case '[':
        return array(node, depth);
      case '"':
        return string(node);
      case 't':
        return literal(node, "true", json(true));
      case 'f':
        return literal(node, "false", json(false));
      case 'n':
        return literal(node, "null", json(nullptr));
      default:
        return number(node);
    }
  }

  static DescentVerdict judged(bool accepted) {
    return accepted ? DescentVerdict::kValid : DescentVerdict::kInvalid;
  }

  DescentVerdict string(const CompiledNode* node) {
    cursor_.skip();
    std::string_view text;
    if (!cursor_.plain_string(text)) return DescentVerdict::kNotPlain;
    if (node == nullptr || node->text.any_string) return DescentVerdict::kValid;
    // ASCII: as many code points as bytes.
    if (const auto accepted = string_keywords_accept(*node, text, text.size())) {
      return judged(*accepted);
    }
    return judged(node_accepts(*node, json(std::string(text))));
  }

  DescentVerdict literal(const CompiledNode* node, std::string_view word, const json& as_json) {
    if (!cursor_.literal(word)) return DescentVerdict::kNotPlain;
    return judged(node == nullptr || node_accepts(*node, as_json));
  }

  DescentVerdict number(const CompiledNode* node) {
    std::string_view text;
    if (!cursor_.number(text)) return DescentVerdict::kNotPlain;
    // As parse_json_text: integers beyond 64 bits and floats out of range are refused.
    const auto as_json = json_number_from_text(text);
    if (!as_json) return DescentVerdict::kInvalid;
    return judged(node == nullptr || node_accepts(*node, *as_json));
  }

  /// Reads a container of `node` that a keyword needs whole: as JSON of the schema `{}`, then
  /// parsed alone for the DOM walker.
  DescentVerdict whole(const CompiledNode& node, std::size_t depth) {
    const char* begin = cursor_.position();
    const DescentVerdict read = value(nullptr, depth);
    if (read != DescentVerdict::kValid) return read;
    json parsed;
    try {
      parsed = parse_json_text(
          std::string_view(begin, static_cast<std::size_t>(cursor_.position() - begin)), "value");
    } catch (const LoadError&) {
      return DescentVerdict::kInvalid;
    }
    return judged(node_accepts(node, parsed));
  }

  /// An opening bracket, with room for it: as StrictJsonBuilder, at most kMaxNestingDepth
  /// containers are open at once.
  bool open(std::size_t depth) {
    if (depth >= kMaxNestingDepth) return false;
    cursor_.skip();
    cursor_.skip_whitespace();
    return true;
  }

  DescentVerdict object(const CompiledNode* node, std::size_t depth) {
    if (node != nullptr) {
      if (node->types != 0 && (node->types & kObject) == 0) return DescentVerdict::kInvalid;
      if (!node->text.object_here) return whole(*node, depth);
    }
    if (!open(depth)) return DescentVerdict::kInvalid;
    // Members named in `properties` are ticked off in `seen`, which also catches a repeat;
    // the others' keys are kept for the repeat check at the end.
    std::uint64_t seen = 0;
    std::size_t count = 0;
    const std::size_t keys_begin = other_keys_.size();
    if (!cursor_.consume('}')) {
      for (;;) {
        std::string_view name;
        if (!cursor_.step_over('"') || !cursor_.plain_string(name)) {
          return DescentVerdict::kNotPlain;
        }
        cursor_.skip_whitespace();
        if (!cursor_.consume(':')) return DescentVerdict::kNotPlain;
        ++count;
        const CompiledNode* member = nullptr;
        if (node == nullptr) {
          other_keys_.push(name);
        } else if (const std::size_t index = property_index(*node, name);
                   index < node->properties.size()) {
          const std::uint64_t bit = std::uint64_t{1} << index;
          if ((seen & bit) != 0) return DescentVerdict::kInvalid;
          seen |= bit;
          member = node->properties[index].second;
        } else {
          member = node->additional_properties;
          other_keys_.push(name);
        }
        const DescentVerdict verdict = value(member, depth + 1);
        if (verdict != DescentVerdict::kValid) return verdict;
        cursor_.skip_whitespace();
        if (cursor_.consume(',')) continue;
        if (cursor_.consume('}')) break;
        return DescentVerdict::kNotPlain;
      }
    }
    if (other_keys_.size() - keys_begin > 1 &&
        has_repeated_key(other_keys_.data() + keys_begin, other_keys_.data() + other_keys_.size(),
                         scratch_keys_)) {
      return DescentVerdict::kInvalid;
    }
    other_keys_.truncate(keys_begin);
    if (node == nullptr) return DescentVerdict::kValid;
    return judged((seen & node->text.required_bits) == node->text.required_bits &&
                  (!node->min_properties || count >= *node->min_properties) &&
                  (!node->max_properties || count <= *node->max_properties));
  }

  DescentVerdict array(const CompiledNode* node, std::size_t depth) {
    if (node != nullptr) {
      if (node->types != 0 && (node->types & kArray) == 0) return DescentVerdict::kInvalid;
      if (!node->text.array_here) return whole(*node, depth);
    }
    if (!open(depth)) return DescentVerdict::kInvalid;
    std::size_t count = 0;
    if (!cursor_.consume(']')) {
      for (;;) {
        const CompiledNode* element = nullptr;
        if (node != nullptr) {
          element = count < node->prefix_items.size() ? node->prefix_items[count] : node->items;
        }
        ++count;
        const DescentVerdict verdict = value(element, depth + 1);
        if (verdict != DescentVerdict::kValid) return verdict;
        cursor_.skip_whitespace();
        if (cursor_.consume(',')) continue;
        if (cursor_.consume(']')) break;
        return DescentVerdict::kNotPlain;
      }
    }
    if (node == nullptr) return DescentVerdict::kValid;
    return judged((!node->min_items || count >= *node->min_items) &&
                  (!node->max_items || count <= *node->max_items));
  }

  Cursor cursor_;
  FlatStack<std::string_view> other_keys_;  ///< the open objects' keys not among `properties`
  std::vector<std::string_view> scratch_keys_;
};

}  // namespace

DescentVerdict descend_plain_text(const CompiledNode* root, std::string_view text) {
  return Descent(text).run(root);
}

void note_text_facts(CompiledNode& node) {
  auto& facts = node.text;
  facts.object_streamable = !needs_whole_value(node, true);
  facts.array_streamable = !needs_whole_value(node, false);
  // The descent follows one schema per value: $ref beside other keywords and allOf (several
  // schemas at once) are for the DOM walker, as are more properties than bits.
  const bool single = node.ref == nullptr && node.all_of.empty();
  facts.array_here = single && facts.array_streamable;
  const bool format_takes_every_string = node.format == FormatKind::kNone ||
                                         node.format == FormatKind::kInt32 ||
                                         node.format == FormatKind::kInt64;
  facts.own_schema = !node.always_valid && !node.always_invalid &&
                     (node.ref == nullptr || !node.ref_overrides_siblings);
  // (Streamable both ways: no enum, const, anyOf, oneOf, not or if either.)
  facts.any_string =
      node.always_valid ||
      (single && !node.always_invalid && facts.array_streamable && facts.object_streamable &&
       (node.types == 0 || (node.types & kString) != 0) && !node.min_length && !node.max_length &&
       !node.pattern && format_takes_every_string);
  facts.required_bits = 0;
  facts.object_here =
      single && facts.object_streamable && node.properties.size() <= kMaxPropertiesHere;
  for (const auto& name : node.required) {
    if (!facts.object_here) break;
    const std::size_t index = property_index(node, name);
    if (index == node.properties.size()) {
      facts.object_here = false;  // required, but only additionalProperties would describe it
    } else {
      facts.required_bits |= std::uint64_t{1} << index;
    }
  }
}

}  // namespace statuskit::openapi::detail
