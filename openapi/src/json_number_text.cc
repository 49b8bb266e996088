#include "json_number_text.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace statuskit::openapi {

std::optional<nlohmann::json> json_number_from_text(std::string_view text) {
  const std::string number(text);  // the C conversions need a terminated string
  char* end = nullptr;
  errno = 0;
  if (number.find_first_of(".eE") == std::string::npos) {
    if (number.front() == '-') {
      const long long value = std::strtoll(number.c_str(), &end, 10);
      if (errno == ERANGE) return std::nullopt;  // nlohmann makes it a float; the builder refuses
      return nlohmann::json(static_cast<std::int64_t>(value));
    }
    const unsigned long long value = std::strtoull(number.c_str(), &end, 10);
    if (errno == ERANGE) return std::nullopt;
    return nlohmann::json(static_cast<std::uint64_t>(value));
  }
  const double value = std::strtod(number.c_str(), &end);
  if (!std::isfinite(value)) return std::nullopt;
  return nlohmann::json(value);
}

}  // namespace statuskit::openapi
