#pragma once
// A fast reader for parse_json_text (RapidJSON's SAX reader, Debian's rapidjson-dev), because
// nlohmann's lexer costs about 100 instructions per byte: a 500-id request body took more
// instructions to parse than everything else the mock does with it. It builds the document
// with the same StrictJsonBuilder, so what it returns is exactly what nlohmann's parser would;
// it declines anything it would judge differently. Internal to the engine.

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "statuskit/openapi/document_loader.h"

namespace statuskit::openapi {

/// The document of `text`, or nullopt when the text is not plainly valid JSON within the
/// builder's rules (a syntax error, a duplicate key under kReject, nesting too deep, an integer
/// beyond 64 bits, a number out of range, a NUL byte, an escaped lone surrogate): the caller
/// then reads it with nlohmann's parser, which says what is wrong.
std::optional<nlohmann::json> read_json_fast(std::string_view text, DuplicateKeys duplicates);

}  // namespace statuskit::openapi
