#pragma once
// YAML streams may be UTF-8, UTF-16 or UTF-32 (YAML 1.2 §5.2), told apart by a byte order mark
// or by where the zero bytes of the first character fall. libyaml reads only UTF-8 and UTF-16
// with a mark, so every other form is brought to UTF-8 here first.

#include <optional>
#include <string>
#include <string_view>

namespace statuskit::openapi::detail {

/// `text` as UTF-8 when it is UTF-16 or UTF-32 (by YAML's detection rules), with U+FFFD for any
/// code unit that is not a character; nullopt when it is UTF-8 already.
std::optional<std::string> yaml_text_as_utf8(std::string_view text);

}  // namespace statuskit::openapi::detail
