#include "schema_text_checker.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "insitu_json_text.h"
#include "json_number_text.h"
#include "schema_text_descent.h"
#include "statuskit/openapi/document_loader.h"
#include "strict_json_builder.h"
#include "string_keywords.h"
#include "text_check_stacks.h"

namespace statuskit::openapi::detail {
namespace {

using nlohmann::json;

/// RapidJSON's handler. Returning false stops the parse: the text is invalid, or not certainly
/// valid. The schemas that apply to the value being read sit on one stack (`active_`), each
/// open container owning a range of it, so the happy path allocates nothing per value.
class SchemaTextChecker : public NumbersAsTextOnly {
 public:
  SchemaTextChecker(const CompiledNode* root, bool surrogates_possible)
      : surrogates_possible_(surrogates_possible) {
    if (root != nullptr) active_.push({root, 0});
  }

  bool Null() {
    if (capture_) return capture_->null();
    return scalar(json(nullptr));
  }
  bool Bool(bool value) {
    if (capture_) return capture_->boolean(value);
    return scalar(json(value));
  }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    const std::string_view number(text, length);
    const auto value = json_number_from_text(number);
    if (!value) return false;
    if (capture_) return capture_->number(*value, number);
    return scalar(*value);
  }
  bool String(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (surrogates_possible_ && has_encoded_surrogate(text, length)) return false;
    if (capture_) {
      std::string value(text, length);
      return capture_->string(value);
    }
    begin_value();
    const std::string_view value(text, length);
    std::optional<json> as_json;  // made only for a schema the DOM walker must judge
    for (std::size_t i = pending_; i < active_.size(); ++i) {
      if (!string_accepted(*active_[i].node, value, as_json)) return false;
    }
    active_.truncate(pending_);
    return true;
  }
  bool StartObject() { return open(true); }
  bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (surrogates_possible_ && has_encoded_surrogate(text, length)) return false;
    if (capture_) {
      std::string name(text, length);
      return capture_->key(name);
    }
    return key(std::string_view(text, length));
  }
  bool EndObject(rapidjson::SizeType) {
    if (capture_) return close_captured(capture_->end_object());
    return close();
  }
  bool StartArray() { return open(false); }
  bool EndArray(rapidjson::SizeType) {
    if (capture_) return close_captured(capture_->end_array());
    return close();
  }

 private:
  /// A schema that applies to the current value or container. For a container's own schemas,
  /// `required_seen` counts the members that are `required` entries.
  struct Active {
    const CompiledNode* node = nullptr;
    std::size_t required_seen = 0;
  };
  /// An open container checked here.
  struct Frame {
    bool object = false;
    std::size_t values_begin = 0;  ///< its schemas as they apply to it (the stack ends here)
    std::size_t nodes_begin = 0;   ///< its schemas with $ref/allOf followed: those checked here
    std::size_t nodes_end = 0;
    std::size_t keys_begin = 0;
    std::size_t count = 0;  ///< members or elements so far
  };

  /// Puts the schemas of the next array element on the stack (an object's member got them at
  /// its key; the root's are there from the start).
  void begin_value() {
    if (frames_.empty()) return;
    Frame& frame = frames_.back();
    if (frame.object) return;
    const std::size_t index = frame.count++;
    pending_ = active_.size();
    for (std::size_t i = frame.nodes_begin; i < frame.nodes_end; ++i) {
      const CompiledNode& node = *active_[i].node;
      if (index < node.prefix_items.size()) {
        active_.push({node.prefix_items[index], 0});
      } else if (node.items != nullptr) {
        active_.push({node.items, 0});
      }
    }
  }

  bool scalar(const json& value) {
    begin_value();
    for (std::size_t i = pending_; i < active_.size(); ++i) {
      if (!node_accepts(*active_[i].node, value)) return false;
    }
    active_.truncate(pending_);
    return true;
  }

  static bool string_accepted(const CompiledNode& schema, std::string_view value,
                              std::optional<json>& as_json) {
    const CompiledNode* node = &schema;
    for (int hops = 0;; ++hops) {  // the DOM walker's order: true, false, then an overriding $ref
      if (node->always_valid) return true;
      if (node->always_invalid || hops == kMaxSchemaHops) return false;
      if (node->ref == nullptr || !node->ref_overrides_siblings) break;
      node = node->ref;
    }
    // A non-ASCII string's length in code points is not counted here: such a node goes to the
    // DOM walker with the string.
    if (const auto accepted = string_keywords_accept(*node, value, std::nullopt)) return *accepted;
    if (!as_json) as_json.emplace(std::string(value));
    return node_accepts(*node, *as_json);
  }

  /// Adds to the stack the schemas `node` stands for on a container: itself, and what its
  /// $ref and allOf bring (each must hold, so each is checked like the node itself).
  bool expand(const CompiledNode& node, bool object, bool& capture, int hops) {
    if (node.always_valid) return true;
    if (node.always_invalid || hops == kMaxSchemaHops) return false;
    if (node.ref != nullptr && node.ref_overrides_siblings) {
      return expand(*node.ref, object, capture, hops + 1);
    }
    if (node.types != 0 && (node.types & (object ? kObject : kArray)) == 0) return false;
    if (!(object ? node.text.object_streamable : node.text.array_streamable)) capture = true;
    active_.push({&node, 0});
    if (node.ref != nullptr && !expand(*node.ref, object, capture, hops + 1)) return false;
    for (const CompiledNode* branch : node.all_of) {
      if (!expand(*branch, object, capture, hops + 1)) return false;
    }
    return true;
  }

  bool open(bool object) {
    // As StrictJsonBuilder: at most kMaxNestingDepth open containers.
    if (frames_.size() + capture_depth_ >= kMaxNestingDepth) return false;
    if (capture_) {
      ++capture_depth_;
      return object ? capture_->start_object(std::numeric_limits<std::size_t>::max())
                    : capture_->start_array(std::numeric_limits<std::size_t>::max());
    }
    begin_value();
    const std::size_t values_begin = pending_;
    const std::size_t values_end = active_.size();
    bool capture = false;
    for (std::size_t i = values_begin; i < values_end; ++i) {
      if (!expand(*active_[i].node, object, capture, 0)) return false;
    }
    if (capture) {
      active_.truncate(values_end);
      capture_.emplace(DuplicateKeys::kReject);
      capture_depth_ = 1;
      return object ? capture_->start_object(std::numeric_limits<std::size_t>::max())
                    : capture_->start_array(std::numeric_limits<std::size_t>::max());
    }
    frames_.push({object, values_begin, values_end, active_.size(), keys_.size(), 0});
    return true;
  }

  bool key(std::string_view name) {
    Frame& frame = frames_.back();
    keys_.push(name);
    ++frame.count;
    pending_ = active_.size();
    for (std::size_t i = frame.nodes_begin; i < frame.nodes_end; ++i) {
      const CompiledNode& node = *active_[i].node;
      for (const auto& required : node.required) {
        if (required == name) ++active_[i].required_seen;
      }
      if (const std::size_t index = property_index(node, name); index < node.properties.size()) {
        active_.push({node.properties[index].second, 0});
      } else if (node.additional_properties != nullptr) {
        if (node.additional_properties->always_invalid) return false;
        active_.push({node.additional_properties, 0});
      }
    }
    return true;
  }

  bool close() {
    const Frame& frame = frames_.back();
    if (frame.object && has_repeated_key(keys_.data() + frame.keys_begin,
                                         keys_.data() + keys_.size(), scratch_keys_)) {
      return false;
    }
    for (std::size_t i = frame.nodes_begin; i < frame.nodes_end; ++i) {
      const CompiledNode& node = *active_[i].node;
      const std::size_t count = frame.count;
      if (frame.object) {
        // Keys are distinct, so every entry was seen exactly when each is present.
        if (active_[i].required_seen != node.required.size()) return false;
        if (node.min_properties && count < *node.min_properties) return false;
        if (node.max_properties && count > *node.max_properties) return false;
      } else {
        if (node.min_items && count < *node.min_items) return false;
        if (node.max_items && count > *node.max_items) return false;
      }
    }
    keys_.truncate(frame.keys_begin);
    active_.truncate(frame.values_begin);
    frames_.truncate(frames_.size() - 1);
    return true;
  }

  /// Ends a container inside a captured value; at the end of the value itself, judges it.
  bool close_captured(bool accepted) {
    if (!accepted) return false;
    if (--capture_depth_ > 0) return true;
    for (std::size_t i = pending_; i < active_.size(); ++i) {
      if (!node_accepts(*active_[i].node, capture_->root)) return false;
    }
    capture_.reset();
    active_.truncate(pending_);
    return true;
  }

  bool surrogates_possible_;
  FlatStack<Active> active_;
  std::size_t pending_ = 0;  ///< active_[pending_..] apply to the value being read
  FlatStack<Frame> frames_;
  FlatStack<std::string_view> keys_;  ///< the open objects' keys, in the in-situ buffer
  std::vector<std::string_view> scratch_keys_;
  std::optional<StrictJsonBuilder> capture_;  ///< the value being captured, if any
  std::size_t capture_depth_ = 0;
};

}  // namespace

bool text_certainly_valid(const CompiledNode* root, std::string_view text) {
  // Most texts are plain: read where they lie, without a copy or an event per token.
  switch (descend_plain_text(root, text)) {
    case DescentVerdict::kValid:
      return true;
    case DescentVerdict::kInvalid:
      return false;
    case DescentVerdict::kNotPlain:
      break;
  }
  auto copy = copy_for_insitu_parse(text);
  if (!copy) return false;
  SchemaTextChecker checker(root, copy->surrogates_possible);
  return parse_insitu(*copy, checker);
}

}  // namespace statuskit::openapi::detail
