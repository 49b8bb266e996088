#include "insitu_json_text.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace statuskit::openapi {
namespace {

/// What must be known of a text before parsing it.
struct TextTraits {
  bool has_nul = false;
  bool ascii = true;
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

}  // namespace

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

std::optional<InsituJsonText> copy_for_insitu_parse(std::string_view text) {
  if (text.size() >= std::numeric_limits<rapidjson::SizeType>::max()) return std::nullopt;
  // The copy ends in zeros: the first is the end of the text for the reader, and the rest keep
  // its 16-byte loads inside the buffer.
  constexpr std::size_t kScanPadding = 32;
  InsituJsonText copy;
  copy.buffer = std::make_unique_for_overwrite<char[]>(text.size() + kScanPadding);
  std::memset(copy.buffer.get() + text.size(), 0, kScanPadding);
  const TextTraits traits = copy_and_classify(text, copy.buffer.get());
  if (traits.has_nul) return std::nullopt;
  copy.ascii = traits.ascii;
  copy.surrogates_possible = !traits.ascii || text.find("\\u") != std::string_view::npos;
  return copy;
}

}  // namespace statuskit::openapi
