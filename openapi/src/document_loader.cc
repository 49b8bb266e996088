// YAML (1.2 core schema, read by libyaml) and strict JSON into nlohmann::json, refusing anything
// that would lose data silently: duplicate keys, integers beyond 64 bits, non-finite floats.
#include "statuskit/openapi/document_loader.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <utility>

#include "fast_json_reader.h"
#include "statuskit/openapi/utf8.h"
#include "strict_json_builder.h"
#include "text_position.h"
#include "yaml_document_reader.h"
#include "yaml_text_encoding.h"

namespace statuskit::openapi {

LoadError::LoadError(std::string file, int line, int column, std::string reason)
    : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                         reason),
      file_(std::move(file)),
      line_(line),
      column_(column),
      reason_(std::move(reason)) {}

using nlohmann::json;

namespace {

/// The offset of the bracket that opens nesting level `level` (1 = the outermost container) in
/// text that is valid JSON up to there; npos if there is none.
std::size_t opening_of_level(std::string_view text, std::size_t level) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth == level) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string hex_byte(unsigned char byte) {
  static const char kDigits[] = "0123456789ABCDEF";
  return {kDigits[byte >> 4], kDigits[byte & 0xF]};
}

}  // namespace

json parse_yaml_text(std::string_view text, const std::string& source_name) {
  // UTF-16 and UTF-32 are read as the UTF-8 they decode to; UTF-8 must be well-formed, since
  // bytes that are not would surface much later as a failure to serialise the document.
  const auto transcoded = detail::yaml_text_as_utf8(text);
  if (transcoded) {
    text = *transcoded;
  } else if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    const auto [line, column] = detail::line_and_column(text, bad);
    throw LoadError(source_name, line, column,
                    "invalid UTF-8 byte 0x" + hex_byte(static_cast<unsigned char>(text[bad])));
  }
  return detail::read_first_yaml_document(text, source_name);
}

json parse_json_text(std::string_view text, const std::string& source_name,
                     DuplicateKeys duplicates) {
  // The fast reader takes the texts that are plain JSON and gives the same document; anything
  // else (an error, a refusal, an edge it does not judge itself) is read again below, so every
  // message comes from one place.
  if (auto document = read_json_fast(text, duplicates)) return std::move(*document);
  StrictJsonBuilder builder(duplicates);
  const bool ok = json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true);
  if (ok) {
    // nlohmann's lexer takes a NUL byte for the end of the input (for C strings), so a value
    // followed by NUL and anything at all was accepted. No JSON text holds a NUL byte.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
      const auto [line, column] = detail::line_and_column(text, nul);
      throw LoadError(source_name, line, column,
                      "syntax error after the JSON value - unexpected NUL byte at byte " +
                          std::to_string(nul + 1));
    }
    return std::move(builder.root);
  }
  if (builder.too_deep) {
    const auto offset = opening_of_level(text, kMaxNestingDepth + 1);
    const auto [line, column] = detail::line_and_column(text, offset);
    throw LoadError(source_name, line, column,
                    "JSON nested deeper than " + std::to_string(kMaxNestingDepth) +
                        " levels at byte " + std::to_string(offset + 1));
  }
  if (!builder.problem.empty()) throw LoadError(source_name, 0, 0, builder.problem);
  // nlohmann's message carries "at line L, column C"; give it back in our shape.
  const std::string& message = builder.syntax_error;
  std::smatch match;
  static const std::regex kPosition(R"(at line (\d+), column (\d+))");
  int line = 0, column = 0;
  if (std::regex_search(message, match, kPosition)) {
    line = std::stoi(match[1]);
    column = std::stoi(match[2]);
  }
  auto reason = message;
  if (auto colon = reason.find(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
  throw LoadError(source_name, line, column, reason);
}

json load_document_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path, 0, 0, "cannot read file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const auto first = text.find_first_not_of(" \t\r\n");
  const bool looks_like_json =
      (first != std::string::npos && (text[first] == '{' || text[first] == '[')) ||
      (path.size() > 5 && path.substr(path.size() - 5) == ".json");
  return looks_like_json ? parse_json_text(text, path) : parse_yaml_text(text, path);
}

}  // namespace statuskit::openapi
