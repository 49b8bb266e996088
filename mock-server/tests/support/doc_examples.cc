#include "support/doc_examples.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace statuskit::testing {
namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

/// `# {`, `# [` or `# <digits>`: the answer of the command above.
bool is_answer_start(const std::string& line) {
  if (!starts_with(line, "# ") || line.size() < 3) return false;
  const std::string rest = trim(line.substr(2));
  if (rest.empty()) return false;
  if (rest[0] == '{' || rest[0] == '[') return true;
  for (char c : rest) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string without_whitespace(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

/// The documented answer as a regex: placeholders match anything, the rest literally.
std::string answer_pattern(const std::string& expected) {
  constexpr char kAnything = '\x01';
  std::string marked;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (expected.compare(i, 3, "...") == 0) {
      marked += kAnything;
      i += 2;
    } else if (expected[i] == '<' && expected.find('>', i) != std::string::npos) {
      marked += kAnything;
      i = expected.find('>', i);
    } else {
      marked += expected[i];
    }
  }
  std::string pattern;
  for (char c : without_whitespace(marked)) {
    if (c == kAnything) {
      pattern += ".*";
    } else if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
      pattern += '\\';
      pattern += c;
    } else {
      pattern += c;
    }
  }
  return pattern;
}

}  // namespace

std::vector<DocExample> parse_doc_examples(const std::string& markdown) {
  // kAwaitingAnswer: the last line ended a command, so `# {...}` right here is its answer.
  enum class State { kOutside, kProse, kInCommand, kAwaitingAnswer, kInAnswer };
  std::vector<DocExample> examples;
  std::istringstream lines(markdown);
  std::string line;
  int number = 0;
  State state = State::kOutside;
  while (std::getline(lines, line)) {
    ++number;
    const std::string text = trim(line);
    if (state == State::kOutside) {
      if (text == "```sh") state = State::kProse;
      continue;
    }
    if (text == "```") {
      state = State::kOutside;
      continue;
    }
    if (state == State::kInCommand) {
      examples.back().command += "\n" + line;
      if (line.empty() || line.back() != '\\') state = State::kAwaitingAnswer;
      continue;
    }
    if (text.empty()) {
      state = State::kProse;
    } else if (text[0] != '#') {
      examples.push_back({line, number, std::nullopt});
      state = line.back() == '\\' ? State::kInCommand : State::kAwaitingAnswer;
    } else if (state == State::kAwaitingAnswer && is_answer_start(text)) {
      examples.back().expected = trim(text.substr(2));
      state = State::kInAnswer;
    } else if (state == State::kInAnswer && starts_with(text, "#  ")) {
      *examples.back().expected += trim(text.substr(1));
    } else {
      state = State::kProse;
    }
  }
  return examples;
}

std::optional<std::string> doc_answer_mismatch(const std::string& expected,
                                               const std::string& actual) {
  const std::string got = trim(actual);
  const bool has_placeholder =
      expected.find("...") != std::string::npos || expected.find('<') != std::string::npos;
  if (!has_placeholder) {
    const auto expected_json = nlohmann::json::parse(expected, nullptr, false);
    if (!expected_json.is_discarded()) {
      const auto actual_json = nlohmann::json::parse(got, nullptr, false);
      if (actual_json.is_discarded()) return "not JSON: " + got;
      if (actual_json != expected_json) return "got " + actual_json.dump();
      return std::nullopt;
    }
    if (got != trim(expected)) return "got " + got;
    return std::nullopt;
  }
  if (!std::regex_match(without_whitespace(got), std::regex(answer_pattern(expected)))) {
    return "got " + got;
  }
  return std::nullopt;
}

}  // namespace statuskit::testing
