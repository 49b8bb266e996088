#include "control/session_name.h"

#include <cstdio>

namespace statuskit::mock {
namespace {

bool allowed_in_session_name(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '.':
    case '_':
    case '~':
    case '-':
    case ':':
    case '@':
    case '+':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string session_name_problem(std::string_view name) {
  const std::string rule = "a session name is 1-" + std::to_string(kMaxSessionNameLength) +
                           " characters of A-Z a-z 0-9 . _ ~ - : @ +";
  if (name.empty()) return "the session name is empty; " + rule;
  if (name.size() > kMaxSessionNameLength) {
    return "the session name is " + std::to_string(name.size()) + " bytes long; " + rule;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (allowed_in_session_name(c)) continue;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", c);
    return "the session name has byte " + std::string(byte) + " at offset " + std::to_string(i) +
           "; " + rule;
  }
  return "";
}

}  // namespace statuskit::mock
