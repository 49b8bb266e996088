#pragma once
// The number nlohmann's lexer makes of a JSON number's text, for the readers that get numbers
// as text from RapidJSON (insitu_json_text.h). Internal to the engine.

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace statuskit::openapi {

/// strtoll / strtoull for integers (by sign), strtod otherwise, as nlohmann's lexer converts
/// them; nullopt where nlohmann would make a number the StrictJsonBuilder refuses (an integer
/// beyond 64 bits, a float out of range). `text` is a valid JSON number.
std::optional<nlohmann::json> json_number_from_text(std::string_view text);

}  // namespace statuskit::openapi
