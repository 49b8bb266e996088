#pragma once
// Strict UTF-8 decoding, shared by the document loader (which rejects documents that are not
// UTF-8) and the conformance reporters (which replace what a target sent that is not).

#include <cstddef>
#include <string_view>

namespace statuskit::openapi {

struct Utf8Sequence {
  std::size_t length = 0;  ///< bytes of the sequence; 0 when it is not well-formed
  char32_t code_point = 0;
};

/// The multi-byte sequence starting at text[at] (a byte >= 0x80). Overlong forms, surrogates,
/// truncated sequences and code points past U+10FFFF are not well-formed.
Utf8Sequence decode_utf8_sequence(std::string_view text, std::size_t at);

/// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace statuskit::openapi
