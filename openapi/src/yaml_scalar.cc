#include "yaml_scalar.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string_view>

namespace statuskit::openapi::detail {

using nlohmann::json;

namespace {

const std::string kTagStr = "tag:yaml.org,2002:str";
const std::string kTagInt = "tag:yaml.org,2002:int";
const std::string kTagFloat = "tag:yaml.org,2002:float";
const std::string kTagBool = "tag:yaml.org,2002:bool";
const std::string kTagNull = "tag:yaml.org,2002:null";

// Hand-written matchers for the core schema's regular expressions: every plain scalar of every
// spec goes through them at start-up, and std::regex cost more than the parsing itself.

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Skips the digits (by `is`) from `at`; returns where they end.
template <typename Predicate>
std::size_t skip(std::string_view text, std::size_t at, Predicate is) {
  while (at < text.size() && is(text[at])) ++at;
  return at;
}

bool has_sign(std::string_view text) { return !text.empty() && (text[0] == '-' || text[0] == '+'); }

/// `prefix` followed by one or more digits (by `is`) and nothing else.
template <typename Predicate>
bool is_prefixed_digits(std::string_view text, std::string_view prefix, Predicate is) {
  return text.size() > prefix.size() && text.substr(0, prefix.size()) == prefix &&
         skip(text, prefix.size(), is) == text.size();
}

/// [-+]?[0-9]+
bool is_decimal(std::string_view text) {
  const std::size_t start = has_sign(text) ? 1 : 0;
  return text.size() > start && skip(text, start, is_digit) == text.size();
}

/// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_float(std::string_view text) {
  std::size_t at = has_sign(text) ? 1 : 0;
  if (at < text.size() && text[at] == '.') {
    const std::size_t digits = skip(text, at + 1, is_digit);
    if (digits == at + 1) return false;
    at = digits;
  } else {
    const std::size_t digits = skip(text, at, is_digit);
    if (digits == at) return false;
    at = digits;
    if (at < text.size() && text[at] == '.') at = skip(text, at + 1, is_digit);
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
    const std::size_t digits = skip(text, at, is_digit);
    if (digits == at) return false;
    at = digits;
  }
  return at == text.size();
}

/// [-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)
bool is_infinity_or_nan(std::string_view text) {
  const std::string_view unsigned_part = has_sign(text) ? text.substr(1) : text;
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") return true;
  return text == ".nan" || text == ".NaN" || text == ".NAN";
}

std::optional<bool> boolean(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

/// Decimal [-+]?[0-9]+, octal 0o[0-7]+, hex 0x[0-9a-fA-F]+ (YAML 1.2 core). Integers that do
/// not fit in 64 bits are an error rather than a rounded double.
std::optional<json> integer(const std::string& text) {
  int base = 10;
  std::string digits = text;
  if (is_prefixed_digits(text, "0o", is_octal_digit)) {
    base = 8;
    digits = text.substr(2);
  } else if (is_prefixed_digits(text, "0x", is_hex_digit)) {
    base = 16;
    digits = text.substr(2);
  } else if (!is_decimal(text)) {
    return std::nullopt;
  }
  errno = 0;
  char* end = nullptr;
  if (digits[0] == '-') {
    const long long value = std::strtoll(digits.c_str(), &end, base);
    if (errno == ERANGE) throw YamlScalarError("integer " + text + " does not fit in 64 bits");
    return json(static_cast<std::int64_t>(value));
  }
  const unsigned long long value = std::strtoull(digits.c_str(), &end, base);
  if (errno == ERANGE) throw YamlScalarError("integer " + text + " does not fit in 64 bits");
  if (value <= static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max())) {
    return json(static_cast<std::int64_t>(value));
  }
  return json(static_cast<std::uint64_t>(value));
}

std::optional<json> floating(const std::string& text) {
  if (is_infinity_or_nan(text)) {
    throw YamlScalarError("'" + text + "' (infinity or NaN) cannot be represented in JSON");
  }
  if (!is_float(text)) return std::nullopt;
  const double value = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(value)) throw YamlScalarError("number " + text + " is out of range");
  return json(value);
}

}  // namespace

bool is_plain_null(const std::string& text) {
  return text.empty() || text == "null" || text == "Null" || text == "NULL" || text == "~";
}

json resolve_yaml_scalar(const std::string& text, const std::string& tag) {
  if (tag == "!" || tag == kTagStr) return json(text);
  if (tag == kTagInt) {
    auto value = integer(text);
    if (!value) throw YamlScalarError("'" + text + "' is not an integer");
    return *value;
  }
  if (tag == kTagBool) {
    auto value = boolean(text);
    if (!value) throw YamlScalarError("'" + text + "' is not a boolean");
    return json(*value);
  }
  if (tag == kTagFloat) {
    auto value = floating(text);
    if (!value) throw YamlScalarError("'" + text + "' is not a number");
    return *value;
  }
  if (tag == kTagNull) return json(nullptr);
  if (tag != "?") throw YamlScalarError("unsupported tag '" + tag + "'");
  // Plain scalar: YAML 1.2 core schema resolution.
  if (is_plain_null(text)) return json(nullptr);
  if (auto value = boolean(text)) return json(*value);
  if (auto value = integer(text)) return *value;
  if (auto value = floating(text)) return *value;
  return json(text);
}

}  // namespace statuskit::openapi::detail
