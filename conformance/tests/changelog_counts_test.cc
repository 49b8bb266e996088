// The CHANGELOG's counts are the data's (issue 25): the number of scenarios and of mock
// defects it states are what `conformance list` and `mock-server --list-defects` count, so a
// release note never drifts from the suites it describes.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "support/command_runner.h"

namespace {

const std::string kRoot = STATUSKIT_SOURCE_DIR;

std::size_t lines_matching(const std::string& text, const std::regex& pattern) {
  std::size_t count = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) count += std::regex_search(line, pattern);
  return count;
}

TEST(ChangelogCounts, ScenariosAndDefectsAreTheDatas) {
  std::ifstream in(kRoot + "/CHANGELOG.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string changelog = std::regex_replace(text.str(), std::regex(R"(\s+)"), " ");
  std::smatch stated;
  ASSERT_TRUE(
      std::regex_search(changelog, stated, std::regex(R"((\d+) scenarios and (\d+) mock defects)")))
      << "CHANGELOG.md states no 'N scenarios and N mock defects'";

  const auto list = statuskit::testing::run_conformance(
      "list --suites-dir " + kRoot + "/conformance/suites --specs-dir " + kRoot + "/specs");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  const auto scenarios = lines_matching(list.output, std::regex(R"(^  [a-z0-9]+\.[^ ]+  )"));
  const auto defects_listed =
      statuskit::testing::run_command(STATUSKIT_MOCK_SERVER_BIN, "--list-defects");
  ASSERT_EQ(defects_listed.exit_code, 0) << defects_listed.output;
  const auto defects = lines_matching(defects_listed.output, std::regex(R"(^[a-z0-9]+\.[^\t]+\t)"));

  EXPECT_EQ(std::stoul(stated[1]), scenarios) << "scenarios per `conformance list`";
  EXPECT_EQ(std::stoul(stated[2]), defects) << "defects per `mock-server --list-defects`";
}

}  // namespace
