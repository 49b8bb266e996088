#pragma once
// Writing JSON text directly, for the few answers whose size grows with the request (a bulk
// answer lists every skipped id): building them as nlohmann documents first cost more than
// everything else the request does. The text is byte for byte what nlohmann's compact dump
// writes for the same document (keys in the same order), so nothing a client sees changes.

#include <string>
#include <string_view>

namespace statuskit::mock {

/// Appends `text` as a JSON string literal: quotes, `"` and `\` escaped, control characters as
/// \b \f \n \r \t or \u00XX, everything else as is (like nlohmann's dump with ensure_ascii off).
/// `text` must be valid UTF-8, as every string of a parsed JSON document is.
void append_json_string(std::string& out, std::string_view text);

}  // namespace statuskit::mock
