#pragma once
// The character classes of HTTP field syntax (RFC 9110 §5), shared by the request parser and
// by the fault rules that add headers to answers.

#include <algorithm>
#include <string_view>

namespace statuskit::mock {

/// tchar: what a method or a field name is made of.
inline bool is_http_token_char(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

inline bool is_http_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return is_http_token_char(static_cast<unsigned char>(c));
  });
}

/// field-value: visible ASCII, obs-text (0x80-0xFF), space and tab; never CR, LF or NUL.
inline bool is_http_field_value_char(unsigned char c) {
  return c == '\t' || c == ' ' || (c >= 0x21 && c != 0x7F);
}

inline bool is_http_field_value(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return is_http_field_value_char(static_cast<unsigned char>(c));
  });
}

}  // namespace statuskit::mock
