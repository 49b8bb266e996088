// One version everywhere: both programs' --version, the mock's health answer and the reports
// print the version of project(statuskit VERSION ...) in CMakeLists.txt, read here from the
// file itself so that a version written anywhere by hand shows up as soon as the project's moves.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "report/reporters.h"
#include "support/command_runner.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace {

std::string project_version() {
  std::ifstream in(std::string(STATUSKIT_SOURCE_DIR) + "/CMakeLists.txt");
  std::stringstream text;
  text << in.rdbuf();
  std::smatch found;
  const std::string content = text.str();
  if (!std::regex_search(content, found, std::regex(R"(project\(statuskit VERSION ([0-9.]+))"))) {
    return "(no version in CMakeLists.txt)";
  }
  return found[1];
}

TEST(OneVersion, BothProgramsTheHealthAnswerAndTheReportsPrintTheProjectVersion) {
  const std::string version = project_version();
  const auto mock = statuskit::testing::run_command(STATUSKIT_MOCK_SERVER_BIN, "--version");
  EXPECT_EQ(mock.exit_code, 0);
  EXPECT_EQ(mock.output, "statuskit mock-server " + version + "\n");
  const auto runner = statuskit::testing::run_conformance("--version");
  EXPECT_EQ(runner.exit_code, 0);
  EXPECT_EQ(runner.output, "statuskit conformance " + version + "\n");

  statuskit::testing::MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN,
                                               statuskit::testing::project_mock_arguments());
  const auto health =
      statuskit::testing::HttpClient(server.base_url()).request("GET", "/__admin/health");
  EXPECT_EQ(nlohmann::json::parse(health.body).at("version"), version);
  EXPECT_NE(server.output().find("statuskit mock-server " + version), std::string::npos)
      << server.output();

  std::ostringstream sarif;
  statuskit::conformance::write_sarif(sarif, {});
  EXPECT_EQ(nlohmann::json::parse(sarif.str())["runs"][0]["tool"]["driver"]["version"], version);
}

}  // namespace
