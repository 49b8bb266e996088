#pragma once
// The tokens of the plainest JSON texts: ASCII, no escape in any string. Most answers a server
// writes are such texts, and for them a reader needs neither a copy of the text nor unescaping:
// every string is a view of the text itself, found eight bytes at a time. A token this cursor
// does not read (an escape, a control or non-ASCII byte) makes its reader decline the text, and
// the caller gives it to RapidJSON (insitu_json_text.h). Internal to the engine.

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace statuskit::openapi {

namespace plain_json_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101U;
constexpr std::uint64_t kHighs = 0x8080808080808080U;

/// Nonzero when a byte of `word` (read little-endian) is zero, below 0x20, a quote or a
/// backslash, or not ASCII: where a plain string ends, or stops being plain. Bytes above a
/// flagged one may be flagged falsely (a borrow runs upwards), so the lowest flag is exact.
static_assert(std::endian::native == std::endian::little, "string_stop reads words little-endian");
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
  const char* position() const { return at_; }
  void skip_whitespace() {
    // Compact texts have none: one comparison says so.
    while (at_ != end_ && static_cast<unsigned char>(*at_) <= ' ' &&
           (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) {
      ++at_;
    }
  }
  /// Past `expected` if it comes next.
  bool step_over(char expected) {
    if (at_ == end_ || *at_ != expected) return false;
    ++at_;
    return true;
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
    at_ = string_stop_at(at_, end_);
    if (at_ == end_ || *at_ != '"') return false;
    out = std::string_view(start, static_cast<std::size_t>(at_ - start));
    ++at_;
    return true;
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
  /// The first byte in [at, end) that is a quote, a backslash, below 0x20 or not ASCII; or end.
  static const char* string_stop_at(const char* at, const char* end) {
#if defined(__SSE2__)
    // Sixteen bytes at a time: a quote, a backslash, or below 0x20 as a signed byte, which
    // takes in the non-ASCII ones (0x80 and above are negative).
    while (end - at >= 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')),
                                                      _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\'))),
                                         _mm_cmplt_epi8(chunk, _mm_set1_epi8(0x20)));
      if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(stops)); mask != 0) {
        return at + std::countr_zero(mask);
      }
      at += 16;
    }
#endif
    while (end - at >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, at, 8);
      if (const std::uint64_t stops = string_stop(word); stops != 0) {
        return at + std::countr_zero(stops) / 8;
      }
      at += 8;
    }
    for (; at != end; ++at) {
      const auto byte = static_cast<unsigned char>(*at);
      if (byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80) return at;
    }
    return end;
  }
  void digits() {
    while (at_ != end_ && is_digit(*at_)) ++at_;
  }
  const char* at_;
  const char* end_;
};

}  // namespace plain_json_detail

}  // namespace statuskit::openapi
