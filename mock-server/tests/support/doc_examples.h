#pragma once
// Reads the copy-paste examples of a Markdown guide (docs/vendors/*.md) so a test can run them
// against the real mock and hold each answer to the one the guide prints under it.
//
// Inside ```sh blocks, a command is a non-comment line plus its `\` continuation lines. The
// answer a guide documents for it is the comment right under it: `# {...}`, `# [...]` or
// `# 401`, continued by lines starting with `#  ` (two spaces). Any other comment is prose.
// In a documented answer, `...` and `<placeholder>` stand for any text.

#include <optional>
#include <string>
#include <vector>

namespace statuskit::testing {

struct DocExample {
  std::string command;                  ///< as written, continuation lines included
  int line = 0;                         ///< 1-based line of the command in the guide
  std::optional<std::string> expected;  ///< the documented answer, comment marks removed
};

/// Every command of every ```sh block of `markdown`, in order.
std::vector<DocExample> parse_doc_examples(const std::string& markdown);

/// Empty when `actual` is what `expected` documents, else why not. JSON answers without
/// placeholders are compared as JSON; answers with placeholders as patterns, ignoring
/// whitespace; anything else as trimmed text.
std::optional<std::string> doc_answer_mismatch(const std::string& expected,
                                               const std::string& actual);

}  // namespace statuskit::testing
