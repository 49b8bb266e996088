#pragma once
// The rule for session names (X-Statuskit-Session, ?session= of the admin API): 1 to 128
// characters, each a letter, a digit or one of . _ ~ - : @ +. A name becomes a key of the state
// file (JSON: it must be UTF-8), a word in the request log and a query parameter, and this
// alphabet is safe in all three without escaping (in a query string `+` means a space, so write
// it as %2B there). Anything else is refused with a 400 before the name reaches the session
// store.

#include <cstddef>
#include <string>
#include <string_view>

namespace statuskit::mock {

inline constexpr std::size_t kMaxSessionNameLength = 128;

/// "" when `name` is a valid session name; otherwise why it is not, quoting no raw bytes (the
/// offending byte is given in hex, so the message is valid UTF-8 whatever the name held).
std::string session_name_problem(std::string_view name);

}  // namespace statuskit::mock
