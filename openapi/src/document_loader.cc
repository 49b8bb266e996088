// YAML (1.2 core schema) and strict JSON into nlohmann::json, refusing anything that would lose
// data silently: duplicate keys, integers beyond 64 bits, non-finite floats.
#include "statuskit/openapi/document_loader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "fast_json_reader.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/utf8.h"
#include "strict_json_builder.h"

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

/// Aliases can make a small file expand enormously ("billion laughs"); stop well before that.
constexpr std::size_t kMaxNodes = 10'000'000;

const std::string kTagStr = "tag:yaml.org,2002:str";
const std::string kTagInt = "tag:yaml.org,2002:int";
const std::string kTagFloat = "tag:yaml.org,2002:float";
const std::string kTagBool = "tag:yaml.org,2002:bool";
const std::string kTagNull = "tag:yaml.org,2002:null";

class YamlConverter {
 public:
  explicit YamlConverter(std::string source) : source_(std::move(source)) {}

  /// `depth`: how many sequences and mappings enclose `node`.
  json convert(const YAML::Node& node, std::size_t depth) {
    if (++nodes_ > kMaxNodes) fail(node, "document expands to more than 10 million nodes");
    // yaml-cpp's parser already stops deep text; aliases can still nest a tree deeper than that.
    if ((node.IsSequence() || node.IsMap()) && depth >= kMaxNestingDepth) {
      fail(node, "YAML nested deeper than " + std::to_string(kMaxNestingDepth) +
                     " levels (through aliases; a recursive alias?)");
    }
    switch (node.Type()) {
      case YAML::NodeType::Null:
        if (node.Tag() == "!" || node.Tag() == kTagStr) return json("");
        return json(nullptr);
      case YAML::NodeType::Scalar:
        return scalar(node);
      case YAML::NodeType::Sequence: {
        json array = json::array();
        for (const auto& item : node) array.push_back(convert(item, depth + 1));
        return array;
      }
      case YAML::NodeType::Map: {
        json object = json::object();
        for (const auto& entry : node) {
          const YAML::Node& key = entry.first;
          if (!key.IsScalar()) fail(key, "mapping keys must be scalars");
          const std::string name = key.Scalar();
          if (object.contains(name)) fail(key, "duplicate key '" + name + "'");
          object[name] = convert(entry.second, depth + 1);
        }
        return object;
      }
      default:
        return json(nullptr);
    }
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& reason) const {
    const auto mark = node.Mark();
    throw LoadError(source_, mark.line + 1, mark.column + 1, reason);
  }

 private:
  json scalar(const YAML::Node& node) const {
    const std::string& text = node.Scalar();
    const std::string& tag = node.Tag();
    // yaml-cpp tags every non-plain (quoted, literal, folded) scalar "!": always a string.
    if (tag == "!" || tag == kTagStr) return json(text);
    if (tag == kTagInt) {
      auto value = integer(node, text);
      if (!value) fail(node, "'" + text + "' is not an integer");
      return *value;
    }
    if (tag == kTagBool) {
      auto value = boolean(text);
      if (!value) fail(node, "'" + text + "' is not a boolean");
      return json(*value);
    }
    if (tag == kTagFloat) {
      auto value = floating(node, text);
      if (!value) fail(node, "'" + text + "' is not a number");
      return *value;
    }
    if (tag == kTagNull) return json(nullptr);
    if (tag != "?") fail(node, "unsupported tag '" + tag + "'");
    // Plain scalar: YAML 1.2 core schema resolution.
    if (text == "null" || text == "Null" || text == "NULL" || text == "~" || text.empty()) {
      return json(nullptr);
    }
    if (auto value = boolean(text)) return json(*value);
    if (auto value = integer(node, text)) return *value;
    if (auto value = floating(node, text)) return *value;
    return json(text);
  }

  static std::optional<bool> boolean(const std::string& text) {
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    return std::nullopt;
  }

  /// Decimal [-+]?[0-9]+, octal 0o[0-7]+, hex 0x[0-9a-fA-F]+ (YAML 1.2 core). Integers that do
  /// not fit in 64 bits are an error rather than a rounded double.
  std::optional<json> integer(const YAML::Node& node, const std::string& text) const {
    static const std::regex kDecimal("[-+]?[0-9]+");
    static const std::regex kOctal("0o[0-7]+");
    static const std::regex kHex("0x[0-9a-fA-F]+");
    int base = 10;
    std::string digits = text;
    if (std::regex_match(text, kOctal)) {
      base = 8;
      digits = text.substr(2);
    } else if (std::regex_match(text, kHex)) {
      base = 16;
      digits = text.substr(2);
    } else if (!std::regex_match(text, kDecimal)) {
      return std::nullopt;
    }
    errno = 0;
    char* end = nullptr;
    if (digits[0] == '-') {
      const long long value = std::strtoll(digits.c_str(), &end, base);
      if (errno == ERANGE) fail(node, "integer " + text + " does not fit in 64 bits");
      return json(static_cast<std::int64_t>(value));
    }
    const unsigned long long value = std::strtoull(digits.c_str(), &end, base);
    if (errno == ERANGE) fail(node, "integer " + text + " does not fit in 64 bits");
    if (value <= static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max())) {
      return json(static_cast<std::int64_t>(value));
    }
    return json(static_cast<std::uint64_t>(value));
  }

  std::optional<json> floating(const YAML::Node& node, const std::string& text) const {
    static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    static const std::regex kSpecial(R"([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
    if (std::regex_match(text, kSpecial)) {
      fail(node, "'" + text + "' (infinity or NaN) cannot be represented in JSON");
    }
    if (!std::regex_match(text, kFloat)) return std::nullopt;
    const double value = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(value)) fail(node, "number " + text + " is out of range");
    return json(value);
  }

  std::string source_;
  std::size_t nodes_ = 0;
};

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

/// 1-based line and column of the byte at `offset`.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  const auto before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto line_start = before.rfind('\n');
  const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

std::string hex_byte(unsigned char byte) {
  static const char kDigits[] = "0123456789ABCDEF";
  return {kDigits[byte >> 4], kDigits[byte & 0xF]};
}

bool has_utf16_or_utf32_bom(std::string_view text) {
  return text.rfind("\xFE\xFF", 0) == 0 || text.rfind("\xFF\xFE", 0) == 0 ||
         text.rfind(std::string_view("\0\0\xFE\xFF", 4), 0) == 0;
}

}  // namespace

json parse_yaml_text(std::string_view text, const std::string& source_name) {
  if (!has_utf16_or_utf32_bom(text)) {
    // yaml-cpp passes bytes that are not UTF-8 through; they would surface much later as a
    // failure to serialise the document.
    if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
      const auto [line, column] = line_and_column(text, bad);
      throw LoadError(source_name, line, column,
                      "invalid UTF-8 byte 0x" + hex_byte(static_cast<unsigned char>(text[bad])));
    }
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp's own guard, below kMaxNestingDepth; its message ("bad file") says nothing.
    throw LoadError(source_name, error.mark.line + 1, error.mark.column + 1,
                    "YAML nested deeper than " + std::to_string(error.depth() - 1) +
                        " levels (the YAML parser's limit)");
  } catch (const YAML::Exception& error) {
    throw LoadError(source_name, error.mark.line + 1, error.mark.column + 1, error.msg);
  }
  YamlConverter converter(source_name);
  return converter.convert(root, 0);
}

json parse_json_text(std::string_view text, const std::string& source_name,
                     DuplicateKeys duplicates) {
  // The fast reader takes the texts that are plain JSON and gives the same document; anything
  // else (an error, a refusal, an edge it does not judge itself) is read again below, so every
  // message comes from one place.
  if (auto document = read_json_fast(text, duplicates)) return std::move(*document);
  StrictJsonBuilder builder(duplicates);
  const bool ok = json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true);
  if (ok) return std::move(builder.root);
  if (builder.too_deep) {
    const auto offset = opening_of_level(text, kMaxNestingDepth + 1);
    const auto [line, column] = line_and_column(text, offset);
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
