// The copy-paste curl examples of the README and the vendor guides (docs/vendors/*.md), run as
// a user would run them against a fresh mock, each answer held to the one the document prints
// under it. A document that drifts from the server fails here instead of in a user's terminal.
// Only `curl` commands and shell variable assignments run; anything else in a block (tools/mock,
// conformance usage lines) is shown to users but not executed here.
#include "support/doc_examples.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "support/mock_server_process.h"

namespace statuskit::testing {
namespace {

constexpr const char* kEndMarker = "@@statuskit-doc-example-end@@";
constexpr const char* kDocumentedAddress = "127.0.0.1:8080";

/// `curl …` or `NAME=…`: what the test runs.
bool is_runnable(const std::string& command) {
  const auto start = command.find_first_not_of(" \t");
  if (start == std::string::npos) return false;
  if (command.compare(start, 5, "curl ") == 0) return true;
  std::size_t i = start;
  while (i < command.size() &&
         (std::isupper(static_cast<unsigned char>(command[i])) || command[i] == '_' ||
          std::isdigit(static_cast<unsigned char>(command[i])))) {
    ++i;
  }
  return i > start && i < command.size() && command[i] == '=';
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// Runs `script` with bash; returns what it printed on stdout.
std::string run_bash(const std::string& script) {
  char path[] = "/tmp/statuskit-doc-examples-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "";
  {
    std::ofstream out(path);
    out << script;
  }
  ::close(fd);
  std::string output;
  FILE* pipe = popen((std::string("bash ") + path).c_str(), "r");
  if (pipe != nullptr) {
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
    pclose(pipe);
  }
  std::remove(path);
  return output;
}

class GuideExamples : public ::testing::TestWithParam<std::string> {};

TEST_P(GuideExamples, EveryCurlAnswersAsDocumented) {
  const std::string guide = GetParam();
  std::vector<DocExample> examples;
  for (auto& example :
       parse_doc_examples(read_file(std::string(STATUSKIT_SOURCE_DIR) + "/" + guide))) {
    if (is_runnable(example.command)) examples.push_back(std::move(example));
  }
  ASSERT_FALSE(examples.empty()) << guide << " has no runnable ```sh examples";

  MockServerProcess mock(STATUSKIT_MOCK_SERVER_BIN, project_mock_arguments());
  const std::string address = "127.0.0.1:" + std::to_string(mock.port());
  // One script per guide: later examples build on the state and variables of earlier ones.
  std::string script = "set -u\n";
  for (const auto& example : examples) {
    script += replace_all(example.command, kDocumentedAddress, address) + "\n";
    script += std::string("printf '\\n%s\\n' '") + kEndMarker + "'\n";
  }
  const std::string output = run_bash(script);
  std::vector<std::string> answers;
  const std::string separator = std::string("\n") + kEndMarker + "\n";
  std::size_t start = 0;
  for (auto end = output.find(separator); end != std::string::npos;
       end = output.find(separator, start)) {
    answers.push_back(output.substr(start, end - start));
    start = end + separator.size();
  }
  ASSERT_EQ(answers.size(), examples.size()) << "the examples did not all run:\n" << output;

  for (std::size_t i = 0; i < examples.size(); ++i) {
    const auto& example = examples[i];
    const bool is_request = example.command.find("curl ") != std::string::npos;
    if (!example.expected) {
      EXPECT_FALSE(is_request) << guide << ":" << example.line
                               << ": a curl example without its documented answer";
      continue;
    }
    const std::string expected = replace_all(*example.expected, kDocumentedAddress, address);
    if (auto mismatch = doc_answer_mismatch(expected, answers[i])) {
      ADD_FAILURE() << guide << ":" << example.line << ": documented " << *example.expected << "\n"
                    << *mismatch;
    }
  }
}

/// "docs/vendors/pria.md" → "docs_vendors_pria_md": test names gtest accepts.
std::string document_test_name(const ::testing::TestParamInfo<std::string>& document) {
  std::string name;
  for (char c : document.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Docs, GuideExamples,
                         ::testing::Values("README.md", "docs/mock-server.md", "docs/vendors/pria.md",
                                           "docs/vendors/rocketchat.md", "docs/vendors/symphony.md",
                                           "docs/vendors/d3lay.md", "docs/vendors/docspace.md"),
                         document_test_name);

TEST(DocExamplesRunnable, OnlyCurlAndVariableAssignmentsRun) {
  EXPECT_TRUE(is_runnable("curl -s http://x"));
  EXPECT_TRUE(is_runnable("  curl -s http://x"));
  EXPECT_TRUE(is_runnable("ADMIN_A=eyJ..."));
  EXPECT_TRUE(is_runnable("AUTH=(-H 'a: b')"));
  EXPECT_FALSE(is_runnable("tools/mock    # start"));
  EXPECT_FALSE(is_runnable("conformance run --profile x"));
  EXPECT_FALSE(is_runnable("curly"));
  EXPECT_FALSE(is_runnable("lower=1"));
}

TEST(DocExamplesParser, CommandsAnswersAndProse) {
  const auto examples = parse_doc_examples(R"(text
```sh
TOKEN=abc
# prose before a command
curl -s http://127.0.0.1:8080/a \
  -H 'x: y'
# {"a":1,
#  "b":2}
# prose after an answer, not part of it

curl -s -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8080/b
# 401
curl -s http://127.0.0.1:8080/c
# prose right under a command: no documented answer
# {"not":"an answer of /c"}
```
```json
{"ignored": true}
```
)");
  ASSERT_EQ(examples.size(), 4U);
  EXPECT_EQ(examples[0].command, "TOKEN=abc");
  EXPECT_FALSE(examples[0].expected);
  EXPECT_EQ(examples[1].command, "curl -s http://127.0.0.1:8080/a \\\n  -H 'x: y'");
  EXPECT_EQ(examples[1].line, 5);
  EXPECT_EQ(examples[1].expected, R"({"a":1,"b":2})");
  EXPECT_EQ(examples[2].expected, "401");
  EXPECT_FALSE(examples[3].expected);
}

TEST(DocExamplesMatcher, JsonExactlyPlaceholdersAsPatternsTextTrimmed) {
  EXPECT_FALSE(doc_answer_mismatch(R"({"a":1,"b":[2]})", R"({"b":[2], "a":1})"));
  EXPECT_TRUE(doc_answer_mismatch(R"({"a":1})", R"({"a":2})"));
  EXPECT_TRUE(doc_answer_mismatch(R"({"a":1})", R"({"a":1,"extra":true})"));
  EXPECT_TRUE(doc_answer_mismatch(R"({"a":1})", "<html>"));
  EXPECT_FALSE(doc_answer_mismatch(R"({..., "status":"inactive", ...})",
                                   R"({"id":"x","status":"inactive","z":1})"));
  EXPECT_TRUE(doc_answer_mismatch(R"({..., "status":"inactive", ...})",
                                  R"({"id":"x","status":"active","z":1})"));
  EXPECT_FALSE(
      doc_answer_mismatch(R"({"at":"<now>","n":1})", R"({"at":"2026-11-23T10:00:00Z","n":1})"));
  EXPECT_TRUE(doc_answer_mismatch(R"({"at":"<now>","n":1})", R"({"at":"2026","n":2})"));
  EXPECT_FALSE(doc_answer_mismatch("401", "401\n"));
  EXPECT_TRUE(doc_answer_mismatch("401", "403\n"));
}

}  // namespace
}  // namespace statuskit::testing
