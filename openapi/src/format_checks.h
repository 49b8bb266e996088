#pragma once
// Internal: the `format` values the validator asserts (others are annotations only).

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace statuskit::openapi::detail {

enum class FormatKind {
  kNone,
  kUuid,
  kDateTime,
  kDate,
  kEmail,
  kInt32,
  kInt64,
  kUri,
  kIpv4,
  kIpv6
};

/// kNone for formats we treat as annotations (unknown or unsupported names).
FormatKind format_kind_from_name(std::string_view name);

/// "" when `instance` satisfies the format (or the format does not apply to its type), else a
/// reason such as "'2024-02-30' is not a valid date".
std::string check_format(FormatKind kind, const nlohmann::json& instance);

/// True when the string `text` satisfies the format (check_format gives ""), without making it
/// a json value; formats of numbers and annotation-only ones accept every string.
bool string_satisfies_format(FormatKind kind, std::string_view text);

bool is_valid_date_time(std::string_view text);
bool is_valid_date(std::string_view text);
bool is_valid_uuid(std::string_view text);
bool is_valid_email(std::string_view text);
bool is_valid_uri(std::string_view text);
bool is_valid_ipv4(std::string_view text);
bool is_valid_ipv6(std::string_view text);

}  // namespace statuskit::openapi::detail
