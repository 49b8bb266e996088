#include "format_checks.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

namespace statuskit::openapi::detail {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

/// RFC 3339 partial-time + time-offset: "HH:MM:SS(.frac)?(Z|±HH:MM)".
bool is_valid_time_with_offset(std::string_view text) {
  if (text.size() < 9 || text[2] != ':' || text[5] != ':') return false;
  if (!all_digits(text.substr(0, 2)) || !all_digits(text.substr(3, 2)) ||
      !all_digits(text.substr(6, 2))) {
    return false;
  }
  const int hour = to_int(text.substr(0, 2));
  const int minute = to_int(text.substr(3, 2));
  const int second = to_int(text.substr(6, 2));
  std::size_t i = 8;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) return false;
  }
  if (i >= text.size()) return false;
  int offset_minutes = 0;
  if (text[i] == 'Z' || text[i] == 'z') {
    ++i;
  } else if (text[i] == '+' || text[i] == '-') {
    const auto offset = text.substr(i + 1);
    if (offset.size() != 5 || offset[2] != ':' || !all_digits(offset.substr(0, 2)) ||
        !all_digits(offset.substr(3, 2))) {
      return false;
    }
    const int offset_hour = to_int(offset.substr(0, 2));
    const int offset_minute = to_int(offset.substr(3, 2));
    if (offset_hour > 23 || offset_minute > 59) return false;
    offset_minutes = (offset_hour * 60 + offset_minute) * (text[i] == '+' ? 1 : -1);
    i += 6;
  } else {
    return false;
  }
  if (i != text.size()) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (second == 60) {
    // A leap second exists only at 23:59:60 UTC.
    int utc_minutes = hour * 60 + minute - offset_minutes;
    utc_minutes = ((utc_minutes % 1440) + 1440) % 1440;
    if (utc_minutes != 23 * 60 + 59) return false;
  }
  return true;
}

bool is_valid_dot_atom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  char previous = 0;
  for (char c : text) {
    if (c == '.' && previous == '.') return false;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' &&
        kSpecials.find(c) == std::string_view::npos) {
      return false;
    }
    previous = c;
  }
  return true;
}

bool is_valid_hostname(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    const auto label = text.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    start = end + 1;
  }
  return true;
}

std::string quoted(const nlohmann::json& instance) { return instance.dump(); }

}  // namespace

FormatKind format_kind_from_name(std::string_view name) {
  if (name == "uuid") return FormatKind::kUuid;
  if (name == "date-time") return FormatKind::kDateTime;
  if (name == "date") return FormatKind::kDate;
  if (name == "email") return FormatKind::kEmail;
  if (name == "int32") return FormatKind::kInt32;
  if (name == "int64") return FormatKind::kInt64;
  if (name == "uri") return FormatKind::kUri;
  if (name == "ipv4") return FormatKind::kIpv4;
  if (name == "ipv6") return FormatKind::kIpv6;
  return FormatKind::kNone;
}

bool is_valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!all_digits(text.substr(0, 4)) || !all_digits(text.substr(5, 2)) ||
      !all_digits(text.substr(8, 2))) {
    return false;
  }
  const int year = to_int(text.substr(0, 4));
  const int month = to_int(text.substr(5, 2));
  const int day = to_int(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

bool is_valid_date_time(std::string_view text) {
  if (text.size() < 20) return false;
  if (text[10] != 'T' && text[10] != 't') return false;
  return is_valid_date(text.substr(0, 10)) && is_valid_time_with_offset(text.substr(11));
}

bool is_valid_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

bool is_valid_email(std::string_view text) {
  const auto at = text.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size()) return false;
  const auto local = text.substr(0, at);
  const auto domain = text.substr(at + 1);
  if (local.size() > 64) return false;
  bool local_ok;
  if (local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    local_ok = true;  // quoted-string local part: anything printable but an unescaped quote
    for (std::size_t i = 1; i + 1 < local.size(); ++i) {
      if (local[i] == '"' || static_cast<unsigned char>(local[i]) < 0x20) local_ok = false;
    }
  } else {
    local_ok = is_valid_dot_atom(local);
  }
  if (!local_ok) return false;
  if (domain.front() == '[' && domain.back() == ']') {
    const auto literal = domain.substr(1, domain.size() - 2);
    if (literal.substr(0, 5) == "IPv6:") return is_valid_ipv6(literal.substr(5));
    return is_valid_ipv4(literal);
  }
  return is_valid_hostname(domain);
}

bool is_valid_uri(std::string_view text) {
  // RFC 3986 absolute URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ], checked for
  // a valid scheme, allowed characters and well-formed percent escapes.
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  static constexpr std::string_view kAllowed = "-._~:/?#[]@!$&'()*+,;=";
  for (std::size_t i = colon + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) return false;
      i += 2;
    } else if (!std::isalnum(static_cast<unsigned char>(c)) &&
               kAllowed.find(c) == std::string_view::npos) {
      return false;
    }
  }
  // An authority, when present, must not hold a malformed port or a bare '[' host.
  const auto rest = text.substr(colon + 1);
  if (rest.substr(0, 2) == "//") {
    auto authority = rest.substr(2);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
      const auto userinfo = authority.substr(0, at);
      if (userinfo.find_first_of("[]") != std::string_view::npos) return false;
      authority = authority.substr(at + 1);
    }
    if (!authority.empty() && authority.front() == '[') {
      const auto close = authority.find(']');
      if (close == std::string_view::npos) return false;
      authority = authority.substr(close + 1);
      if (!authority.empty() && authority.front() != ':') return false;
    } else if (authority.find_first_of("[]") != std::string_view::npos) {
      return false;
    }
    const auto port_colon = authority.rfind(':');
    if (port_colon != std::string_view::npos) {
      const auto port = authority.substr(port_colon + 1);
      if (!port.empty() && !all_digits(port)) return false;
    }
  }
  return true;
}

bool is_valid_ipv4(std::string_view text) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    auto end = text.find('.', start);
    const auto part =
        text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
    if (!all_digits(part) || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    if (to_int(part) > 255) return false;
    ++parts;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts == 4;
}

bool is_valid_ipv6(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  for (char c : text) {
    if (!is_hex(c) && c != ':' && c != '.') return false;  // no zone ids, no whitespace
  }
  std::string copy(text);
  unsigned char buffer[16];
  return inet_pton(AF_INET6, copy.c_str(), buffer) == 1;
}

bool string_satisfies_format(FormatKind kind, std::string_view text) {
  switch (kind) {
    case FormatKind::kUuid:
      return is_valid_uuid(text);
    case FormatKind::kDateTime:
      return is_valid_date_time(text);
    case FormatKind::kDate:
      return is_valid_date(text);
    case FormatKind::kEmail:
      return is_valid_email(text);
    case FormatKind::kUri:
      return is_valid_uri(text);
    case FormatKind::kIpv4:
      return is_valid_ipv4(text);
    case FormatKind::kIpv6:
      return is_valid_ipv6(text);
    default:
      return true;
  }
}

std::string check_format(FormatKind kind, const nlohmann::json& instance) {
  switch (kind) {
    case FormatKind::kNone:
      return {};
    case FormatKind::kInt32:
    case FormatKind::kInt64: {
      if (!instance.is_number()) return {};
      const bool is_32 = kind == FormatKind::kInt32;
      const std::int64_t low = is_32 ? std::numeric_limits<std::int32_t>::min()
                                     : std::numeric_limits<std::int64_t>::min();
      const std::int64_t high = is_32 ? std::numeric_limits<std::int32_t>::max()
                                      : std::numeric_limits<std::int64_t>::max();
      bool fits;
      if (instance.is_number_unsigned()) {
        fits = instance.get<std::uint64_t>() <= static_cast<std::uint64_t>(high);
      } else if (instance.is_number_integer()) {
        const auto value = instance.get<std::int64_t>();
        fits = value >= low && value <= high;
      } else {
        const double value = instance.get<double>();
        fits = value >= static_cast<double>(low) && value <= static_cast<double>(high);
      }
      if (fits) return {};
      return "value " + instance.dump() + " does not fit format " + (is_32 ? "int32" : "int64");
    }
    default:
      break;
  }
  if (!instance.is_string()) return {};
  const auto& text = instance.get_ref<const std::string&>();
  if (string_satisfies_format(kind, text)) return {};
  const char* name = "";
  switch (kind) {
    case FormatKind::kUuid:
      name = "uuid";
      break;
    case FormatKind::kDateTime:
      name = "date-time";
      break;
    case FormatKind::kDate:
      name = "date";
      break;
    case FormatKind::kEmail:
      name = "email";
      break;
    case FormatKind::kUri:
      name = "uri";
      break;
    case FormatKind::kIpv4:
      name = "ipv4";
      break;
    case FormatKind::kIpv6:
      name = "ipv6";
      break;
    default:
      break;
  }
  return quoted(instance) + " is not a valid " + name;
}

}  // namespace statuskit::openapi::detail
