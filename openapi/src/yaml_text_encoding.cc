#include "yaml_text_encoding.h"

#include <cstdint>

namespace statuskit::openapi::detail {

namespace {

enum class Encoding { kUtf8, kUtf16Le, kUtf16Be, kUtf32Le, kUtf32Be };

constexpr char32_t kReplacement = 0xFFFD;

/// YAML 1.2 §5.2's table: a byte order mark, else the zero bytes around an ASCII first character.
Encoding detect(std::string_view text) {
  const auto byte = [&](std::size_t at) {
    return at < text.size() ? static_cast<int>(static_cast<unsigned char>(text[at])) : -1;
  };
  if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) return Encoding::kUtf32Be;
  if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0 && byte(3) > 0) return Encoding::kUtf32Be;
  if (byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) return Encoding::kUtf32Le;
  if (byte(0) > 0 && byte(1) == 0 && byte(2) == 0 && byte(3) == 0) return Encoding::kUtf32Le;
  if (byte(0) == 0xFE && byte(1) == 0xFF) return Encoding::kUtf16Be;
  if (byte(0) == 0 && byte(1) > 0) return Encoding::kUtf16Be;
  if (byte(0) == 0xFF && byte(1) == 0xFE) return Encoding::kUtf16Le;
  if (byte(0) > 0 && byte(1) == 0) return Encoding::kUtf16Le;
  return Encoding::kUtf8;
}

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

/// The code unit of `width` bytes at `at`.
std::uint32_t unit(std::string_view text, std::size_t at, std::size_t width, bool big_endian) {
  std::uint32_t value = 0;
  for (std::size_t k = 0; k < width; ++k) {
    const auto byte = static_cast<unsigned char>(text[at + (big_endian ? k : width - 1 - k)]);
    value = (value << 8) | byte;
  }
  return value;
}

std::string from_utf32(std::string_view text, bool big_endian) {
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t at = 0; at + 4 <= text.size(); at += 4) {
    const std::uint32_t code = unit(text, at, 4, big_endian);
    const bool character = code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
    append_utf8(out, character ? static_cast<char32_t>(code) : kReplacement);
  }
  if (text.size() % 4 != 0) append_utf8(out, kReplacement);
  return out;
}

std::string from_utf16(std::string_view text, bool big_endian) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at + 2 <= text.size(); at += 2) {
    const std::uint32_t code = unit(text, at, 2, big_endian);
    if (code >= 0xD800 && code <= 0xDBFF && at + 4 <= text.size()) {
      const std::uint32_t low = unit(text, at + 2, 2, big_endian);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00));
        at += 2;
        continue;
      }
    }
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    append_utf8(out, surrogate ? kReplacement : static_cast<char32_t>(code));
  }
  if (text.size() % 2 != 0) append_utf8(out, kReplacement);
  return out;
}

}  // namespace

std::optional<std::string> yaml_text_as_utf8(std::string_view text) {
  switch (detect(text)) {
    case Encoding::kUtf8:
      return std::nullopt;
    case Encoding::kUtf16Le:
      return from_utf16(text, false);
    case Encoding::kUtf16Be:
      return from_utf16(text, true);
    case Encoding::kUtf32Le:
      return from_utf32(text, false);
    case Encoding::kUtf32Be:
      return from_utf32(text, true);
  }
  return std::nullopt;
}

}  // namespace statuskit::openapi::detail
