#pragma once
// Loading OpenAPI (or any) documents from YAML or JSON into nlohmann::json, faithfully.
//
// YAML follows the YAML 1.2 core schema: a quoted scalar is always a string, only
// true/false (any case variant the core schema allows) are booleans, `yes`/`on` stay strings,
// `~`/`null`/empty are null, integers keep full 64-bit precision. Duplicate mapping keys, and
// integers that do not fit 64 bits, are errors rather than silent data loss.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace statuskit::openapi {

/// The deepest nesting of arrays and objects (`[]` is one level) any document may have, JSON or
/// YAML. Real documents stay far below it; an attacker's `[[[[…` does not, and every consumer of
/// the tree (validator, dump, copy) recurses once per level.
inline constexpr std::size_t kMaxNestingDepth = 512;

/// A document could not be read or parsed. what() is "file:line:column: reason".
class LoadError : public std::runtime_error {
 public:
  LoadError(std::string file, int line, int column, std::string reason);
  const std::string& file() const { return file_; }
  int line() const { return line_; }      ///< 1-based; 0 when unknown (e.g. unreadable file)
  int column() const { return column_; }  ///< 1-based; 0 when unknown
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string reason_;
};

/// Parses YAML text (JSON is valid YAML, but prefer parse_json_text for JSON). `source_name`
/// only names the text in error messages.
nlohmann::json parse_yaml_text(std::string_view text, const std::string& source_name);

/// What a JSON parser does with a key that appears twice in one object.
enum class DuplicateKeys {
  kReject,   ///< an error: right for documents this project reads (specs, fixtures, state)
  kLastWins  ///< the last value replaces the earlier one, as JSON.parse, Jackson and
             ///< System.Text.Json do by default: how the vendors' servers read request bodies
};

/// Parses strict JSON text; out-of-range integers, non-finite numbers and nesting beyond
/// kMaxNestingDepth are errors, and so are duplicate keys unless `duplicates` says otherwise.
nlohmann::json parse_json_text(std::string_view text, const std::string& source_name,
                               DuplicateKeys duplicates = DuplicateKeys::kReject);

/// Reads a file and parses it as JSON when its first non-blank character is `{` or `[`
/// (or its name ends in .json), as YAML otherwise. Throws LoadError.
nlohmann::json load_document_file(const std::string& path);

}  // namespace statuskit::openapi
