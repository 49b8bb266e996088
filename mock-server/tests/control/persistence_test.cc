// --state-file as a user relies on it: state survives a restart, a corrupt file is a clear
// error, and a SIGKILL at any moment leaves a complete, loadable file holding every
// acknowledged write.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "control/state_file.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "support/test_folder.h"
#include "vendors/pria_test_fixture.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;
using statuskit::mock::pria_test::kUserA1;
using statuskit::mock::pria_test::kUserA2;

const std::string kBinary = STATUSKIT_MOCK_SERVER_BIN;

struct ExitResult {
  int exit_code = -1;
  std::string output;
};

/// Runs the binary to completion (for starts that must fail); arguments contain no spaces.
ExitResult run_to_exit(const std::vector<std::string>& arguments) {
  std::string command = kBinary + " --port 0";
  for (const auto& argument : arguments) command += " " + argument;
  ExitResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string super_admin_token() {
  const json fixture = mock::pria_test::load_fixture_document();  // outlives the loop
  for (const auto& token : fixture.at("tokens")) {
    if (token.at("name").get<std::string>() == "super_admin") {
      return token.at("jwt").get<std::string>();
    }
  }
  return {};
}

class PersistenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = statuskit::testing::fresh_test_folder("statuskit-persistence");
    state_file_ = (folder_ / "state.json").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::vector<std::string> arguments(std::vector<std::string> extra = {}) const {
    auto result = project_mock_arguments();
    result.push_back("--state-file");
    result.push_back(state_file_);
    result.insert(result.end(), extra.begin(), extra.end());
    return result;
  }

  static HttpResult set_status(HttpClient& client, const std::string& id, const char* status,
                               const std::string& session = "default") {
    return client.send_json(
        "PUT", "/api/admin/users/bulk-status", {{"ids", {id}}, {"status", status}},
        {"x-access-token: " + super_admin_token(), "X-Statuskit-Session: " + session});
  }

  static std::string status_of(HttpClient& client, const std::string& id,
                               const std::string& session = "default") {
    auto result = client.get("/api/admin/user/" + id, {"x-access-token: " + super_admin_token(),
                                                       "X-Statuskit-Session: " + session});
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json().at("data").at("status").get<std::string>();
  }

  /// The status of a Pria user in the saved document of one session.
  static std::string saved_status(const json& document, const std::string& session,
                                  const std::string& id) {
    for (const auto& user : document.at("sessions").at(session).at("pria").at("users")) {
      if (user.at("_id") == id) return user.at("status").get<std::string>();
    }
    return "<missing>";
  }

  std::filesystem::path folder_;
  std::string state_file_;
};

TEST_F(PersistenceTest, StateSurvivesARestartInEverySession) {
  {
    MockServerProcess server(kBinary, arguments());
    HttpClient client(server.base_url());
    const auto first = set_status(client, kUserA1, "inactive");
    ASSERT_EQ(first.status, 200) << first.body;
    ASSERT_EQ(set_status(client, kUserA2, "inactive", "team-b").status, 200);
    EXPECT_EQ(server.stop(SIGTERM), 0);
  }
  MockServerProcess server(kBinary, arguments());
  HttpClient client(server.base_url());
  EXPECT_EQ(status_of(client, kUserA1), "inactive");
  EXPECT_EQ(status_of(client, kUserA2), "active");
  EXPECT_EQ(status_of(client, kUserA2, "team-b"), "inactive");
  EXPECT_EQ(status_of(client, kUserA1, "team-b"), "active");
}

TEST_F(PersistenceTest, AdminResetIsSavedToo) {
  {
    MockServerProcess server(kBinary, arguments());
    HttpClient client(server.base_url());
    ASSERT_EQ(set_status(client, kUserA1, "inactive").status, 200);
    ASSERT_EQ(client.request("POST", "/__admin/reset").status, 200);
    EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
  }
  MockServerProcess server(kBinary, arguments());
  HttpClient client(server.base_url());
  EXPECT_EQ(status_of(client, kUserA1), "active");
}

TEST_F(PersistenceTest, ACorruptStateFileIsAClearErrorNotACrash) {
  std::ofstream(state_file_) << R"({"format":"statuskit-state","version":1,"sessions":{"de)";
  const ExitResult result = run_to_exit(arguments());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("state file " + state_file_ + " is not a valid JSON document"),
            std::string::npos)
      << result.output;
}

TEST_F(PersistenceTest, AStateFileWithABadVendorStateNamesThePointer) {
  std::ofstream(state_file_)
      << R"({"format":"statuskit-state","version":1,"sessions":{"default":{"pria":{"users":3}}}})";
  const ExitResult result = run_to_exit(arguments());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("/sessions/default/pria"), std::string::npos) << result.output;
}

TEST_F(PersistenceTest, SigkillDuringWritesNeverLeavesATornFileOrLosesAnAcknowledgedWrite) {
  // Each round: one client keeps writing in the background while the main thread makes
  // acknowledged writes, then the server is killed with SIGKILL at that moment. The file must
  // always parse, load, and hold the last acknowledged write. (Synchronous saves before the
  // answer make "acknowledged" mean "in the file"; kill -9 does not lose the page cache.)
  for (int round = 0; round < 12; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::string expected;
    {
      MockServerProcess server(kBinary, arguments({"--quiet"}));
      std::atomic<bool> stop{false};
      std::thread background([&] {
        HttpClient noise(server.base_url());
        for (int i = 0; !stop.load(); ++i) {
          try {
            set_status(noise, kUserA2, i % 2 == 0 ? "inactive" : "active", "noise");
          } catch (const std::exception&) {
            return;  // the server is gone
          }
        }
      });
      HttpClient client(server.base_url());
      for (int i = 0; i <= round; ++i) {
        expected = (round + i) % 2 == 0 ? "inactive" : "active";
        ASSERT_EQ(set_status(client, kUserA1, expected.c_str()).status, 200);
      }
      EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
      stop = true;
      background.join();
    }
    const auto document = mock::read_state_file(state_file_);
    ASSERT_TRUE(document.has_value());
    EXPECT_EQ(saved_status(*document, "default", kUserA1), expected);
    // And the server starts from it.
    MockServerProcess server(kBinary, arguments({"--quiet"}));
    HttpClient client(server.base_url());
    EXPECT_EQ(status_of(client, kUserA1), expected);
  }
  // No temporary files are left behind by the killed writers' successors.
  for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
    EXPECT_EQ(entry.path().filename(), "state.json") << entry.path();
  }
}

}  // namespace
}  // namespace statuskit::testing
