#pragma once
// The DOM builder behind parse_json_text, shared by its two readers (nlohmann's SAX parser and
// the fast path, fast_json_reader.h): whichever reads the text, the document and the refusals
// are the same. Internal to the engine.

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"

namespace statuskit::openapi {

using json = nlohmann::json;

/// Builds the DOM like nlohmann's own SAX DOM parser, but refuses duplicate keys, integers that
/// nlohmann would otherwise turn into rounded doubles, and nesting deeper than kMaxNestingDepth.
/// Memory is linear in the input: per open container only a pointer to it and (for objects) the
/// key being read; the JSON pointer of a problem is built only when one is reported.
// bugprone-exception-escape (suppressed below) takes the implicit noexcept constructor for
// throwing: nlohmann::json's noexcept default constructor contains a throw that no value
// reaches (in json_value(value_t), a null in the branch after `case null`). A false positive.
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann's unreachable throw
class StrictJsonBuilder : public nlohmann::json_sax<json> {
 public:
  explicit StrictJsonBuilder(DuplicateKeys duplicates) : duplicates_(duplicates) {}

  json root;
  std::string problem;       ///< set when a semantic error stopped the parse
  bool too_deep = false;     ///< the problem is nesting beyond kMaxNestingDepth
  std::string syntax_error;  ///< nlohmann's message when the text is not JSON

  bool null() override { return add(json(nullptr)); }
  bool boolean(bool value) override { return add(json(value)); }
  bool number_integer(number_integer_t value) override { return add(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return add(json(value)); }
  bool number_float(number_float_t value, const string_t& text) override {
    if (text.find_first_of(".eE") == std::string::npos) {
      problem = "integer " + text + " at " + where() + " does not fit in 64 bits";
      return false;
    }
    if (!std::isfinite(value)) {
      problem = "number " + text + " at " + where() + " is out of range";
      return false;
    }
    return add(json(value));
  }
  /// A number as json_number_from_text read it from `text`.
  bool number(const json& value, std::string_view text) {
    if (value.is_number_unsigned()) return number_unsigned(value.get<number_unsigned_t>());
    if (value.is_number_integer()) return number_integer(value.get<number_integer_t>());
    return number_float(value.get<number_float_t>(), std::string(text));
  }
  bool string(string_t& value) override { return add(json(std::move(value))); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    Level& level = open_.back();
    if (duplicates_ == DuplicateKeys::kReject && level.container->contains(name)) {
      problem = "duplicate key '" + name + "' in the object at " + where();
      return false;
    }
    level.key = std::move(name);
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    syntax_error = error.what();
    return false;
  }

 private:
  /// An open array or object; `key` is the member being read when it is an object.
  struct Level {
    json* container;
    std::string key;
  };

  /// The pointer of the innermost open container ("/" for the root).
  std::string where() const {
    std::string pointer;
    for (std::size_t i = 1; i < open_.size(); ++i) {
      const Level& parent = open_[i - 1];
      // A child container is always the newest member of its parent.
      pointer = parent.container->is_object()
                    ? append_pointer(pointer, parent.key)
                    : append_pointer(pointer, parent.container->size() - 1);
    }
    return pointer.empty() ? "/" : pointer;
  }
  json* place(json value) {
    if (open_.empty()) {
      root = std::move(value);
      return &root;
    }
    Level& parent = open_.back();
    if (parent.container->is_object()) {
      // Assignment, not emplace: under kLastWins a repeated key replaces the earlier value
      // (under kReject key() has already refused it).
      json& member = (*parent.container)[parent.key];
      member = std::move(value);
      return &member;
    }
    parent.container->push_back(std::move(value));
    return &parent.container->back();
  }
  bool add(json value) {
    place(std::move(value));
    return true;
  }
  bool open(json container) {
    if (open_.size() == kMaxNestingDepth) {
      too_deep = true;  // parse_json_text finds the byte: the SAX interface does not pass it
      return false;
    }
    open_.push_back({place(std::move(container)), std::string()});
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  DuplicateKeys duplicates_;
  std::vector<Level> open_;
};

}  // namespace statuskit::openapi
