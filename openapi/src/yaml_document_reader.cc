#include "yaml_document_reader.h"

#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "statuskit/openapi/document_loader.h"
#include "text_position.h"
#include "yaml_scalar.h"

namespace statuskit::openapi::detail {

using nlohmann::json;

namespace {

const std::string kKeysMustBeScalars = "mapping keys must be scalars";

std::string too_many_nodes(std::size_t max_nodes) {
  const bool millions = max_nodes % 1'000'000 == 0;
  return "document expands to more than " +
         (millions ? std::to_string(max_nodes / 1'000'000) + " million"
                   : std::to_string(max_nodes)) +
         " nodes";
}

std::string too_deep_through_aliases() {
  return "YAML nested deeper than " + std::to_string(kMaxNestingDepth) +
         " levels (through aliases; a recursive alias?)";
}

struct Position {
  int line = 0;  ///< 1-based
  int column = 0;
};

Position position_of(const yaml_mark_t& mark) {
  return {static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1};
}

/// One event from the parser, released however the reader leaves.
struct Event {
  yaml_event_t event{};
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { yaml_event_delete(&event); }
};

// bugprone-exception-escape (suppressed at the two structs below) takes their implicit noexcept
// constructors for throwing: nlohmann::json's noexcept default constructor contains a throw that
// no value reaches (as in strict_json_builder.h). A false positive.

/// What an anchor names. A scalar is kept as written and resolved again at each alias, as the
/// node itself would be (its errors keep their position); a collection is kept built.
struct Anchored {  // NOLINT(bugprone-exception-escape): nlohmann's unreachable throw
  enum class Kind { kScalar, kOpenCollection, kCollection };
  Kind kind = Kind::kScalar;
  Position position;
  std::string text;         ///< kScalar
  std::string tag;          ///< kScalar: as resolve_yaml_scalar takes it
  bool plain_null = false;  ///< kScalar: an untagged plain null, not a scalar for a key
  json value;               ///< kCollection
  std::size_t nodes = 1;    ///< the values in the subtree, itself included
  std::size_t height = 0;   ///< collections on its deepest path, itself included
};

/// A sequence or mapping whose end event has not come yet.
struct OpenCollection {  // NOLINT(bugprone-exception-escape): nlohmann's unreachable throw
  json value;
  bool mapping = false;
  bool is_key = false;  ///< a collection used as a mapping key (an error reported already)
  Position position;
  std::string anchor;
  std::size_t nodes = 1;
  std::size_t height = 1;
  bool expecting_key = true;  ///< mapping: the next node is a key
  std::string key;            ///< mapping: the key of the value that comes next
};

class DocumentReader {
 public:
  DocumentReader(std::string_view text, const std::string& source_name, std::size_t max_nodes)
      : text_(text), source_(source_name), max_nodes_(max_nodes) {
    if (yaml_parser_initialize(&parser_) == 0) throw LoadError(source_, 0, 0, "out of memory");
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;
  ~DocumentReader() { yaml_parser_delete(&parser_); }

  json read() {
    Event start;
    next(start);  // the stream start
    Event document;
    next(document);
    if (document.event.type != YAML_DOCUMENT_START_EVENT) return json(nullptr);
    for (;;) {
      Event event;
      next(event);
      switch (event.event.type) {
        case YAML_SCALAR_EVENT:
          on_scalar(event.event);
          break;
        case YAML_ALIAS_EVENT:
          on_alias(event.event);
          break;
        case YAML_SEQUENCE_START_EVENT:
          on_collection_start(event.event, false);
          break;
        case YAML_MAPPING_START_EVENT:
          on_collection_start(event.event, true);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          on_collection_end();
          break;
        case YAML_DOCUMENT_END_EVENT:
          // The documents after the first are not read.
          if (problem_) {
            throw LoadError(source_, problem_->at.line, problem_->at.column, problem_->reason);
          }
          return std::move(root_);
        default:
          break;
      }
    }
  }

 private:
  /// The next event; a syntax error is thrown at once (before any problem found in the values
  /// so far, as a parser that reads the whole document before converting it would).
  void next(Event& out) {
    if (yaml_parser_parse(&parser_, &out.event) != 0) return;
    throw syntax_error();
  }

  LoadError syntax_error() const {
    if (parser_.error == YAML_READER_ERROR) {
      // Reading, not scanning: a character YAML does not allow. It has a byte offset only.
      const auto [line, column] = line_and_column(text_, parser_.problem_offset);
      std::string reason = parser_.problem != nullptr ? parser_.problem : "unreadable text";
      if (parser_.problem_value != -1) {
        char code[16];
        std::snprintf(code, sizeof code, " (U+%04X)", static_cast<unsigned>(parser_.problem_value));
        reason += code;
      }
      return LoadError(source_, line, column, reason);
    }
    if (parser_.error == YAML_MEMORY_ERROR) return LoadError(source_, 0, 0, "out of memory");
    const Position at = position_of(parser_.problem_mark);
    std::string reason = parser_.problem != nullptr ? parser_.problem : "invalid YAML";
    if (parser_.context != nullptr) {
      const Position from = position_of(parser_.context_mark);
      reason += " (" + std::string(parser_.context) + " that starts at " +
                std::to_string(from.line) + ":" + std::to_string(from.column) + ")";
    }
    return LoadError(source_, at.line, at.column, reason);
  }

  /// Problems in the values are reported after the whole document has parsed, the first one.
  void defer(Position at, const std::string& reason) {
    if (!problem_) problem_ = Problem{at, reason};
  }

  bool expecting_key() const {
    return !open_.empty() && open_.back().mapping && open_.back().expecting_key;
  }

  void take_key(const std::string& key, Position at) {
    OpenCollection& mapping = open_.back();
    if (mapping.value.contains(key)) defer(at, "duplicate key '" + key + "'");
    mapping.key = key;
    mapping.expecting_key = false;
  }

  /// A key that cannot be one: the error is reported, and its value is read as if under "".
  void refuse_key(Position at) {
    defer(at, kKeysMustBeScalars);
    open_.back().key.clear();
    open_.back().expecting_key = false;
  }

  bool count_nodes(std::size_t nodes, Position at) {
    nodes_ += nodes;
    if (nodes_ <= max_nodes_) return true;
    defer(at, too_many_nodes(max_nodes_));
    return false;
  }

  /// A finished value goes into the collection that holds it, or becomes the root.
  void add(json value, std::size_t nodes, std::size_t height) {
    if (open_.empty()) {
      root_ = std::move(value);
      return;
    }
    OpenCollection& parent = open_.back();
    if (parent.mapping) {
      parent.value.get_ref<json::object_t&>().insert_or_assign(std::move(parent.key),
                                                               std::move(value));
      parent.key.clear();
      parent.expecting_key = true;
    } else {
      parent.value.get_ref<json::array_t&>().push_back(std::move(value));
    }
    parent.nodes += nodes;
    parent.height = std::max(parent.height, height + 1);
  }

  static std::string anchor_of(const yaml_char_t* anchor) {
    return anchor != nullptr ? std::string(reinterpret_cast<const char*>(anchor)) : std::string();
  }

  void on_scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    const Position at = position_of(event.start_mark);
    std::string text(reinterpret_cast<const char*>(scalar.value), scalar.length);
    const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
    std::string tag = scalar.tag != nullptr ? reinterpret_cast<const char*>(scalar.tag)
                      : plain               ? "?"
                                            : "!";
    const bool plain_null = scalar.tag == nullptr && plain && is_plain_null(text);
    if (scalar.anchor != nullptr) {
      Anchored& anchored = anchors_[anchor_of(scalar.anchor)];
      anchored = Anchored{};
      anchored.position = at;
      anchored.text = text;
      anchored.tag = tag;
      anchored.plain_null = plain_null;
    }
    if (expecting_key()) {
      if (plain_null) {
        refuse_key(at);
      } else {
        take_key(text, at);
      }
      return;
    }
    count_nodes(1, at);
    add(resolve(text, tag, at), 1, 0);
  }

  json resolve(const std::string& text, const std::string& tag, Position at) {
    try {
      return resolve_yaml_scalar(text, tag);
    } catch (const YamlScalarError& error) {
      defer(at, error.what());
      return json(nullptr);
    }
  }

  void on_alias(const yaml_event_t& event) {
    const std::string name = anchor_of(event.data.alias.anchor);
    const auto found = anchors_.find(name);
    if (found == anchors_.end()) {
      const Position at = position_of(event.start_mark);
      // yaml-cpp's words, with the name.
      throw LoadError(source_, at.line, at.column, "the referenced anchor is not defined: " + name);
    }
    const Anchored& anchored = found->second;
    if (expecting_key()) {
      if (anchored.kind == Anchored::Kind::kScalar && !anchored.plain_null) {
        take_key(anchored.text, anchored.position);
      } else {
        refuse_key(anchored.position);
      }
      return;
    }
    // Once a problem is known the rest is only parsed: no alias is expanded any more.
    const Position at = position_of(event.start_mark);
    if (problem_ || !count_nodes(anchored.nodes, at)) {
      add(json(nullptr), 1, 0);
      return;
    }
    switch (anchored.kind) {
      case Anchored::Kind::kScalar:
        add(resolve(anchored.text, anchored.tag, anchored.position), 1, 0);
        return;
      case Anchored::Kind::kOpenCollection:
        // The alias is inside the node it names: expanding it never ends.
        defer(at, too_deep_through_aliases());
        add(json(nullptr), 1, 0);
        return;
      case Anchored::Kind::kCollection:
        if (open_.size() + anchored.height > kMaxNestingDepth) {
          defer(at, too_deep_through_aliases());
          add(json(nullptr), 1, 0);
          return;
        }
        add(anchored.value, anchored.nodes, anchored.height);
        return;
    }
  }

  void on_collection_start(const yaml_event_t& event, bool mapping) {
    const Position at = position_of(event.start_mark);
    if (open_.size() >= kMaxNestingDepth) {
      throw LoadError(source_, at.line, at.column,
                      "YAML nested deeper than " + std::to_string(kMaxNestingDepth) + " levels");
    }
    const yaml_char_t* anchor =
        mapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor;
    OpenCollection collection;
    collection.value = mapping ? json::object() : json::array();
    collection.mapping = mapping;
    collection.position = at;
    collection.anchor = anchor_of(anchor);
    if (expecting_key()) {
      defer(at, kKeysMustBeScalars);
      collection.is_key = true;
    } else {
      count_nodes(1, at);
    }
    if (anchor != nullptr) {
      Anchored& anchored = anchors_[collection.anchor];
      anchored = Anchored{};
      anchored.kind = Anchored::Kind::kOpenCollection;
      anchored.position = at;
    }
    open_.push_back(std::move(collection));
  }

  void on_collection_end() {
    OpenCollection done = std::move(open_.back());
    open_.pop_back();
    if (!done.anchor.empty()) remember(done);
    if (done.is_key) {
      refuse_key(done.position);
      return;
    }
    add(std::move(done.value), done.nodes, done.height);
  }

  void remember(const OpenCollection& done) {
    Anchored& anchored = anchors_[done.anchor];
    anchored = Anchored{};
    anchored.kind = Anchored::Kind::kCollection;
    anchored.position = done.position;
    anchored.nodes = done.nodes;
    anchored.height = done.height;
    // Aliases are not expanded after a problem, so the copy is not needed then.
    if (problem_) return;
    anchored_copies_ += done.nodes;
    if (anchored_copies_ > max_nodes_) {
      defer(done.position, too_many_nodes(max_nodes_));
      return;
    }
    anchored.value = done.value;
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t max_nodes_;
  yaml_parser_t parser_{};
  std::vector<OpenCollection> open_;
  std::unordered_map<std::string, Anchored> anchors_;
  struct Problem {
    Position at;
    std::string reason;
  };
  std::optional<Problem> problem_;
  std::size_t nodes_ = 0;
  std::size_t anchored_copies_ = 0;
  json root_;
};

}  // namespace

json read_first_yaml_document(std::string_view text, const std::string& source_name,
                              std::size_t max_nodes) {
  return DocumentReader(text, source_name, max_nodes).read();
}

}  // namespace statuskit::openapi::detail
