#pragma once
// A JSON reader for the plainest texts only: ASCII, no escape in any string. Most answers a
// server writes are such texts, and for them this reader needs neither a copy of the text nor
// unescaping: every string is a view of the text itself, found eight bytes at a time. It calls
// its handler exactly as RapidJSON's reader would (numbers as their text, through RawNumber),
// and declines every other text, which the caller then gives to RapidJSON
// (insitu_json_text.h). So it may decline valid JSON, but never takes a text that is not JSON.
// Internal to the engine.

#include <rapidjson/rapidjson.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace statuskit::openapi {

enum class PlainScan {
  kAccepted,        ///< plain JSON, and the handler took every event
  kHandlerRefused,  ///< the handler returned false (the text may be plain or not)
  kNotPlain,        ///< not plain JSON (or not JSON): read it another way
};

namespace plain_json_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101U;
constexpr std::uint64_t kHighs = 0x8080808080808080U;

/// Nonzero when a byte of `word` is zero, below 0x20, a quote or a backslash, or not ASCII:
/// where a plain string ends, or stops being plain. (May flag more; never less.)
inline std::uint64_t string_stop(std::uint64_t word) {
  auto has_zero = [](std::uint64_t w) { return (w - kOnes) & ~w & kHighs; };
  const std::uint64_t below_space = (word - 0x20 * kOnes) & ~word & kHighs;
  return below_space | has_zero(word ^ ('"' * kOnes)) | has_zero(word ^ ('\\' * kOnes)) |
         (word & kHighs);
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The reader's position in `text`, and its small grammar.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

  bool at_end() const { return at_ == end_; }
  char peek() const { return *at_; }
  void skip() { ++at_; }
  void skip_whitespace() {
    while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }
  /// After `expected` (skipped), whitespace skipped.
  bool consume(char expected) {
    if (at_ == end_ || *at_ != expected) return false;
    ++at_;
    skip_whitespace();
    return true;
  }
  /// The string after an opening quote (already skipped), up to its closing quote (skipped);
  /// false when it ends early or holds an escape, a control or a non-ASCII byte.
  bool plain_string(std::string_view& out) {
    const char* start = at_;
    while (end_ - at_ >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, at_, 8);
      if (string_stop(word) != 0) break;
      at_ += 8;
    }
    for (; at_ != end_; ++at_) {
      const auto byte = static_cast<unsigned char>(*at_);
      if (byte == '"') {
        out = std::string_view(start, static_cast<std::size_t>(at_ - start));
        ++at_;
        return true;
      }
      if (byte == '\\' || byte < 0x20 || byte >= 0x80) return false;
    }
    return false;
  }
  /// A number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number(std::string_view& out) {
    const char* start = at_;
    if (at_ != end_ && *at_ == '-') ++at_;
    if (at_ == end_) return false;
    if (*at_ == '0') {
      ++at_;
    } else if (is_digit(*at_)) {
      digits();
    } else {
      return false;
    }
    if (at_ != end_ && *at_ == '.') {
      ++at_;
      if (at_ == end_ || !is_digit(*at_)) return false;
      digits();
    }
    if (at_ != end_ && (*at_ == 'e' || *at_ == 'E')) {
      ++at_;
      if (at_ != end_ && (*at_ == '+' || *at_ == '-')) ++at_;
      if (at_ == end_ || !is_digit(*at_)) return false;
      digits();
    }
    out = std::string_view(start, static_cast<std::size_t>(at_ - start));
    return true;
  }
  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - at_) < word.size() ||
        std::memcmp(at_, word.data(), word.size()) != 0) {
      return false;
    }
    at_ += word.size();
    return true;
  }

 private:
  void digits() {
    while (at_ != end_ && is_digit(*at_)) ++at_;
  }
  const char* at_;
  const char* end_;
};

inline rapidjson::SizeType size_of(std::string_view text) {
  return static_cast<rapidjson::SizeType>(text.size());
}

}  // namespace plain_json_detail

/// Reads `text` with `handler` (RapidJSON's handler interface) if it is plain JSON.
template <typename Handler>
PlainScan scan_plain_json(std::string_view text, Handler& handler) {
  using plain_json_detail::size_of;
  if (text.size() >= std::numeric_limits<rapidjson::SizeType>::max()) return PlainScan::kNotPlain;
  plain_json_detail::Cursor cursor(text);
  std::string open;  // 'o' or 'a' per open container, innermost last
  enum class Expect { kValue, kKey, kAfterValue };
  Expect expect = Expect::kValue;
  cursor.skip_whitespace();
  for (;;) {
    if (expect == Expect::kKey) {
      std::string_view name;
      if (cursor.at_end() || cursor.peek() != '"') return PlainScan::kNotPlain;
      cursor.skip();
      if (!cursor.plain_string(name)) return PlainScan::kNotPlain;
      if (!handler.Key(name.data(), size_of(name), false)) return PlainScan::kHandlerRefused;
      cursor.skip_whitespace();
      if (!cursor.consume(':')) return PlainScan::kNotPlain;
      expect = Expect::kValue;
      continue;
    }
    if (expect == Expect::kAfterValue) {
      cursor.skip_whitespace();
      if (open.empty()) return cursor.at_end() ? PlainScan::kAccepted : PlainScan::kNotPlain;
      const bool object = open.back() == 'o';
      if (cursor.consume(',')) {
        expect = object ? Expect::kKey : Expect::kValue;
        continue;
      }
      if (!cursor.consume(object ? '}' : ']')) return PlainScan::kNotPlain;
      open.pop_back();
      if (!(object ? handler.EndObject(0) : handler.EndArray(0))) {
        return PlainScan::kHandlerRefused;
      }
      continue;
    }
    // A value.
    if (cursor.at_end()) return PlainScan::kNotPlain;
    bool accepted = true;
    expect = Expect::kAfterValue;
    switch (cursor.peek()) {
      case '{':
        cursor.skip();
        if (!handler.StartObject()) return PlainScan::kHandlerRefused;
        cursor.skip_whitespace();
        if (cursor.consume('}')) {
          accepted = handler.EndObject(0);
        } else {
          open.push_back('o');
          expect = Expect::kKey;
        }
        break;
      case '[':
        cursor.skip();
        if (!handler.StartArray()) return PlainScan::kHandlerRefused;
        cursor.skip_whitespace();
        if (cursor.consume(']')) {
          accepted = handler.EndArray(0);
        } else {
          open.push_back('a');
          expect = Expect::kValue;
        }
        break;
      case '"': {
        cursor.skip();
        std::string_view value;
        if (!cursor.plain_string(value)) return PlainScan::kNotPlain;
        accepted = handler.String(value.data(), size_of(value), false);
        break;
      }
      case 't':
        if (!cursor.literal("true")) return PlainScan::kNotPlain;
        accepted = handler.Bool(true);
        break;
      case 'f':
        if (!cursor.literal("false")) return PlainScan::kNotPlain;
        accepted = handler.Bool(false);
        break;
      case 'n':
        if (!cursor.literal("null")) return PlainScan::kNotPlain;
        accepted = handler.Null();
        break;
      default: {
        std::string_view number;
        if (!cursor.number(number)) return PlainScan::kNotPlain;
        accepted = handler.RawNumber(number.data(), size_of(number), false);
        break;
      }
    }
    if (!accepted) return PlainScan::kHandlerRefused;
  }
}

}  // namespace statuskit::openapi
