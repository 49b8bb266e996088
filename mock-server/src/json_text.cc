#include "json_text.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace statuskit::mock {
namespace {

/// The bytes a JSON string literal must escape: control characters, `"` and `\`.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (std::size_t byte = 0; byte < 0x20; ++byte) table[byte] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

inline bool needs_escape(char c) { return kNeedsEscape[static_cast<unsigned char>(c)]; }

/// Eight bytes at a time (SWAR): a word holds a byte to escape if one of its bytes is below
/// 0x20, or equals `"` or `\`. The exact test per byte settles the rest of the text.
bool any_needs_escape(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101U;
  constexpr std::uint64_t kHighs = 0x8080808080808080U;
  const auto has_zero_byte = [](std::uint64_t word) { return (word - kOnes) & ~word & kHighs; };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    // A byte below 0x20 makes (byte - 0x20) borrow into its high bit, unless it was >= 0x80.
    const std::uint64_t control = (word - 0x20 * kOnes) & ~word & kHighs;
    if (control != 0 || has_zero_byte(word ^ ('"' * kOnes)) != 0 ||
        has_zero_byte(word ^ ('\\' * kOnes)) != 0) {
      return true;
    }
  }
  bool any = false;
  for (; i < text.size(); ++i) any |= needs_escape(text[i]);
  return any;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (!any_needs_escape(text)) {
    // Nearly every string (ids, statuses, reasons): one resize and one copy.
    const std::size_t at = out.size();
    out.resize(at + text.size() + 2);
    char* quoted = out.data() + at;
    quoted[0] = '"';
    std::memcpy(quoted + 1, text.data(), text.size());
    quoted[text.size() + 1] = '"';
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain_from = 0;  // runs of characters that need no escape are copied at once
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!needs_escape(text[i])) continue;
    out.append(text, plain_from, i - plain_from);
    plain_from = i + 1;
    out.push_back('\\');
    switch (c) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '\b':
        out.push_back('b');
        break;
      case '\f':
        out.push_back('f');
        break;
      case '\n':
        out.push_back('n');
        break;
      case '\r':
        out.push_back('r');
        break;
      case '\t':
        out.push_back('t');
        break;
      default:
        out += "u00";
        out.push_back(kHex[c >> 4U]);
        out.push_back(kHex[c & 15U]);
    }
  }
  out.append(text, plain_from, text.size() - plain_from);
  out.push_back('"');
}

}  // namespace statuskit::mock
