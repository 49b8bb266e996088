#include "fast_json_reader.h"

// RapidJSON scans strings and whitespace 16 bytes at a time where it may use SSE2 (every x86-64
// CPU has it); elsewhere it reads byte by byte, with the same results.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/error/error.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "strict_json_builder.h"

namespace statuskit::openapi {
namespace {

/// Does `text` hold a UTF-16 surrogate encoded as UTF-8 (ED A0..BF)? RapidJSON 1.1 writes an
/// escaped lone low surrogate (\uDC00) that way, where nlohmann refuses it.
bool has_encoded_surrogate(const char* text, std::size_t length) {
  constexpr int kSurrogateLead = 0xED;  // as an int: memchr compares it as unsigned char
  const void* at = std::memchr(text, kSurrogateLead, length);
  while (at != nullptr) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(at) - text);
    if (offset + 1 < length && (static_cast<unsigned char>(text[offset + 1]) & 0xE0U) == 0xA0U) {
      return true;
    }
    at = std::memchr(text + offset + 1, kSurrogateLead, length - offset - 1);
  }
  return false;
}

/// What read_json_fast must know of a text before parsing it.
struct TextTraits {
  bool has_nul = false;  ///< RapidJSON would take a NUL byte for the end of the text
  bool ascii = true;     ///< every byte below 0x80: valid UTF-8 without checking
};

/// Copies `text` to `out` and classifies it in the same pass, eight bytes at a time: at 13 KiB a
/// 500-id body, separate passes (memchr, a byte loop, memcpy) cost more than the parse itself.
TextTraits copy_and_classify(std::string_view text, char* out) {
  constexpr std::uint64_t kOnes = 0x0101010101010101U;
  constexpr std::uint64_t kHighs = 0x8080808080808080U;
  std::uint64_t high_bits = 0;
  std::uint64_t zero_bytes = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    std::memcpy(out + i, &word, 8);
    high_bits |= word;
    zero_bytes |= (word - kOnes) & ~word & kHighs;  // nonzero iff the word has a zero byte
  }
  TextTraits traits;
  for (; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    out[i] = text[i];
    high_bits |= byte;
    if (byte == 0) traits.has_nul = true;
  }
  traits.has_nul = traits.has_nul || zero_bytes != 0;
  traits.ascii = (high_bits & kHighs) == 0;
  return traits;
}

/// Feeds RapidJSON's events to the StrictJsonBuilder. Numbers arrive as their text and are
/// converted the way nlohmann's lexer converts them (strtoll / strtoull for integers, strtod
/// otherwise); whatever nlohmann would turn into a float the builder refuses is declined.
class BuilderHandler {
 public:
  /// `surrogates_possible`: false when the text can hold no surrogate (it is ASCII only and
  /// has no \u escape), so its strings need not be searched for one.
  BuilderHandler(StrictJsonBuilder& builder, bool surrogates_possible)
      : builder_(builder), surrogates_possible_(surrogates_possible) {}

  bool Null() { return builder_.null(); }
  bool Bool(bool value) { return builder_.boolean(value); }
  // Never called with kParseNumbersAsStringsFlag; declared because the reader's interface
  // names them.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    const std::string number(text, length);
    char* end = nullptr;
    errno = 0;
    if (number.find_first_of(".eE") == std::string::npos) {
      if (number.front() == '-') {
        const long long value = std::strtoll(number.c_str(), &end, 10);
        if (errno == ERANGE) return false;  // nlohmann makes it a float; the builder refuses
        return builder_.number_integer(value);
      }
      const unsigned long long value = std::strtoull(number.c_str(), &end, 10);
      if (errno == ERANGE) return false;
      return builder_.number_unsigned(value);
    }
    const double value = std::strtod(number.c_str(), &end);
    if (!std::isfinite(value)) return false;
    return builder_.number_float(value, number);
  }
  bool String(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (surrogates_possible_ && has_encoded_surrogate(text, length)) return false;
    std::string value(text, length);
    return builder_.string(value);
  }
  bool StartObject() { return builder_.start_object(std::numeric_limits<std::size_t>::max()); }
  bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (surrogates_possible_ && has_encoded_surrogate(text, length)) return false;
    std::string name(text, length);
    return builder_.key(name);
  }
  bool EndObject(rapidjson::SizeType) { return builder_.end_object(); }
  bool StartArray() { return builder_.start_array(std::numeric_limits<std::size_t>::max()); }
  bool EndArray(rapidjson::SizeType) { return builder_.end_array(); }

 private:
  StrictJsonBuilder& builder_;
  bool surrogates_possible_;
};

}  // namespace

std::optional<nlohmann::json> read_json_fast(std::string_view text, DuplicateKeys duplicates) {
  // Lengths are 32-bit in RapidJSON.
  if (text.size() >= std::numeric_limits<rapidjson::SizeType>::max()) return std::nullopt;
  // Parsed in place, in a copy: strings are then unescaped where they lie instead of through
  // the reader's stack, and scanned by SSE2. The copy ends in zeros: the first is the end of
  // the text for the reader, and the rest keep its 16-byte loads inside the buffer.
  constexpr std::size_t kScanPadding = 32;
  const auto copy = std::make_unique_for_overwrite<char[]>(text.size() + kScanPadding);
  std::memset(copy.get() + text.size(), 0, kScanPadding);
  const TextTraits traits = copy_and_classify(text, copy.get());
  // RapidJSON reads a NUL as the end of the text, so a text holding one would end early.
  if (traits.has_nul) return std::nullopt;
  StrictJsonBuilder builder(duplicates);
  const bool ascii = traits.ascii;
  BuilderHandler handler(builder, !ascii || text.find("\\u") != std::string_view::npos);
  rapidjson::InsituStringStream stream(copy.get());
  rapidjson::Reader reader;
  // Iterative: no recursion however deep the text; the builder stops at kMaxNestingDepth.
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  // Checking UTF-8 costs more than the rest of the parse, and a text of ASCII bytes only (every
  // request body we have seen) is valid UTF-8 as it is.
  const bool failed =
      ascii
          ? reader.Parse<kFlags>(stream, handler).IsError()
          : reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(stream, handler).IsError();
  if (failed) return std::nullopt;
  return std::move(builder.root);
}

}  // namespace statuskit::openapi
