#include "fast_json_reader.h"

#include <rapidjson/error/error.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
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

bool is_ascii(std::string_view text) {
  unsigned char seen = 0;
  for (const char c : text) seen |= static_cast<unsigned char>(c);
  return seen < 0x80U;
}

/// Feeds RapidJSON's events to the StrictJsonBuilder. Numbers arrive as their text and are
/// converted the way nlohmann's lexer converts them (strtoll / strtoull for integers, strtod
/// otherwise); whatever nlohmann would turn into a float the builder refuses is declined.
class BuilderHandler {
 public:
  explicit BuilderHandler(StrictJsonBuilder& builder) : builder_(builder) {}

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
    if (has_encoded_surrogate(text, length)) return false;
    std::string value(text, length);
    return builder_.string(value);
  }
  bool StartObject() { return builder_.start_object(std::numeric_limits<std::size_t>::max()); }
  bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (has_encoded_surrogate(text, length)) return false;
    std::string name(text, length);
    return builder_.key(name);
  }
  bool EndObject(rapidjson::SizeType) { return builder_.end_object(); }
  bool StartArray() { return builder_.start_array(std::numeric_limits<std::size_t>::max()); }
  bool EndArray(rapidjson::SizeType) { return builder_.end_array(); }

 private:
  StrictJsonBuilder& builder_;
};

}  // namespace

std::optional<nlohmann::json> read_json_fast(std::string_view text, DuplicateKeys duplicates) {
  // RapidJSON's memory stream reads a NUL as the end of the text, so a text holding one would
  // end early; and lengths are 32-bit there.
  if (text.size() >= std::numeric_limits<rapidjson::SizeType>::max() ||
      std::memchr(text.data(), '\0', text.size()) != nullptr) {
    return std::nullopt;
  }
  StrictJsonBuilder builder(duplicates);
  BuilderHandler handler(builder);
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader reader;
  // Iterative: no recursion however deep the text; the builder stops at kMaxNestingDepth.
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  // Checking UTF-8 costs more than the rest of the parse, and a text of ASCII bytes only (every
  // request body we have seen) is valid UTF-8 as it is.
  const bool failed =
      is_ascii(text)
          ? reader.Parse<kFlags>(stream, handler).IsError()
          : reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(stream, handler).IsError();
  if (failed) return std::nullopt;
  return std::move(builder.root);
}

}  // namespace statuskit::openapi
