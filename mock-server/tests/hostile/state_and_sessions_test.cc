// Attacks on the mock's sessions and its --state-file (issue 13, items 3, 7, 8, 13 and 17),
// each driven through the real mock-server binary on 127.0.0.1. Every test here failed on the
// code before the fix: a name that breaks every later save, an unwritable or vanishing state
// file accepted in silence, saves that reorder eviction, sessions dropped at load, sessions
// created (and others evicted) by refused requests and reads, refused requests rewriting the
// whole file, and a FIFO that hangs the start.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "support/test_folder.h"
#include "vendors/pria_test_fixture.h"

extern char** environ;

namespace statuskit::testing {
namespace {

using nlohmann::json;
using statuskit::mock::pria_test::kUserA1;
using statuskit::mock::pria_test::kUserA2;

const std::string kBinary = STATUSKIT_MOCK_SERVER_BIN;
/// How long a start that must fail may take before the test calls it hung. Generous: a refused
/// start takes milliseconds; this bound only keeps a regression from hanging the suite.
constexpr auto kStartDeadline = std::chrono::seconds(30);

struct StartResult {
  int exit_code = -1;    ///< -1 when it did not exit by itself
  bool started = false;  ///< it printed its "listening on" line instead of refusing
  bool hung = false;     ///< still running at the deadline (killed with SIGKILL)
  std::string output;    ///< stdout and stderr
};

/// Runs mock-server with `arguments` until it exits, starts serving, or the deadline passes —
/// whichever comes first; a server still running is killed with SIGKILL.
StartResult run_start(std::vector<std::string> arguments) {
  StartResult result;
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return result;
  std::vector<std::string> argv_strings{kBinary, "--host", "127.0.0.1", "--port", "0"};
  argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& argument : argv_strings) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, kBinary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + kStartDeadline;
  bool eof = false;
  while (!eof && !result.started) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.hung = true;
      break;
    }
    pollfd readable{pipe_fds[0], POLLIN, 0};
    if (poll(&readable, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[4096];
    const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n <= 0) {
      eof = true;
    } else {
      result.output.append(buffer, static_cast<std::size_t>(n));
      result.started = result.output.find("listening on http://") != std::string::npos;
    }
  }
  close(pipe_fds[0]);
  if (result.started || result.hung) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!result.started && !result.hung && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

std::string super_admin_token() {
  const json fixture = mock::pria_test::load_fixture_document();
  for (const auto& token : fixture.at("tokens")) {
    if (token.at("name").get<std::string>() == "super_admin") {
      return token.at("jwt").get<std::string>();
    }
  }
  return {};
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class StateAndSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = statuskit::testing::fresh_test_folder("statuskit-hostile");
    state_file_ = (folder_ / "state.json").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  /// The project's specs and fixtures in strict mode, plus `extra`.
  static std::vector<std::string> mock_arguments(std::vector<std::string> extra = {}) {
    auto result = project_mock_arguments();
    result.push_back("--quiet");
    result.insert(result.end(), extra.begin(), extra.end());
    return result;
  }
  std::vector<std::string> with_state_file(std::vector<std::string> extra = {}) const {
    extra.push_back("--state-file");
    extra.push_back(state_file_);
    return mock_arguments(std::move(extra));
  }

  /// Pria's bulk status change; `session` empty: no session header.
  static HttpResult set_status(HttpClient& client, const std::string& id, const char* status,
                               const std::string& session = "",
                               const std::string& token = super_admin_token()) {
    std::vector<std::string> headers;
    if (!token.empty()) headers.push_back("x-access-token: " + token);
    if (!session.empty()) headers.push_back("X-Statuskit-Session: " + session);
    return client.send_json("PUT", "/api/admin/users/bulk-status",
                            {{"ids", {id}}, {"status", status}}, headers);
  }

  /// A Pria user's status as the session's saved state shows it (read through the admin API).
  static std::string status_of(HttpClient& client, const std::string& id,
                               const std::string& session = "default") {
    const auto state = client.get("/__admin/state?vendor=pria&session=" + session);
    EXPECT_EQ(state.status, 200) << state.body;
    const json document = state.json();  // outlives the loop
    for (const auto& user : document.at("state").at("pria").at("users")) {
      if (user.at("_id") == id) return user.at("status").get<std::string>();
    }
    return "<missing>";
  }

  static json health(HttpClient& client) {
    const auto result = client.get("/__admin/health");
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json();
  }

  static ino_t inode_of(const std::string& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path << ": " << std::strerror(errno);
    return info.st_ino;
  }

  std::filesystem::path folder_;
  std::string state_file_;
};

// --- Item 3: silent loss of saved state ---------------------------------------------------

TEST_F(StateAndSessionsTest, ASessionNameThatIsNotUtf8IsA400AndEveryLaterWriteIsStillSaved) {
  {
    MockServerProcess server(kBinary, with_state_file());
    HttpClient client(server.base_url());
    // Before the fix this created a session whose name made every later save throw.
    const auto poisoned = set_status(client, kUserA2, "inactive", "caf\xC3(");
    EXPECT_EQ(poisoned.status, 400) << poisoned.body;
    const json body = json::parse(poisoned.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << poisoned.body;
    EXPECT_EQ(body.value("success", true), false) << "Pria's own error format: " << poisoned.body;
    EXPECT_NE(body.value("message", "").find("X-Statuskit-Session"), std::string::npos)
        << poisoned.body;
    ASSERT_EQ(set_status(client, kUserA1, "inactive").status, 200);
    EXPECT_EQ(health(client)["sessions"], 1) << "the refused name created no session";
    EXPECT_EQ(server.stop(SIGTERM), 0) << server.output();
  }
  MockServerProcess server(kBinary, with_state_file());
  HttpClient client(server.base_url());
  EXPECT_EQ(status_of(client, kUserA1), "inactive") << "the acknowledged write survived";
}

TEST_F(StateAndSessionsTest, SessionNamesOutsideTheDocumentedAlphabetAreA400EverywhereTheyAreUsed) {
  MockServerProcess server(kBinary, mock_arguments());
  HttpClient client(server.base_url());
  const std::string longest(128, 'x');
  const std::string too_long(129, 'x');

  for (const std::string& valid : {longest, std::string("ci:job@42+retry_1.~-"),
                                   std::string("conformance-4242-pria.bulk.x")}) {
    EXPECT_EQ(set_status(client, kUserA1, "inactive", valid).status, 200) << valid;
  }
  for (const std::string& invalid : {too_long, std::string("two words"), std::string("a/b"),
                                     std::string("caf\xC3\xA9"), std::string("x\"y")}) {
    const auto refused = set_status(client, kUserA1, "inactive", invalid);
    EXPECT_EQ(refused.status, 400) << invalid << ": " << refused.body;
    // Rocket.Chat's own error format for the same refusal.
    const auto rocketchat = client.send_json("POST", "/api/v1/users.setActiveStatus",
                                             {{"userId", "x"}, {"activeStatus", false}},
                                             {"X-Statuskit-Session: " + invalid});
    EXPECT_EQ(rocketchat.status, 400) << rocketchat.body;
    EXPECT_EQ(rocketchat.json().value("success", true), false) << rocketchat.body;
  }

  // The admin API: ?session= and the header, in the admin error format.
  const std::vector<std::pair<std::string, std::string>> admin_calls{
      {"GET", "/__admin/state?session=caf%C3%28"},
      {"GET", "/__admin/state?session=" + too_long},
      {"GET", "/__admin/defects?session=two%20words"},
      {"POST", "/__admin/reset?session="},  // empty: must not mean "reset everything"
      {"GET", "/__admin/requests?session=a%2Fb"},
      {"DELETE", "/__admin/faults?session=%00"},
  };
  for (const auto& [method, path] : admin_calls) {
    const auto refused = client.request(method, path);
    EXPECT_EQ(refused.status, 400) << method << " " << path << ": " << refused.body;
    EXPECT_EQ(refused.json().value("error", ""), "invalid_session") << refused.body;
  }
  const auto by_header = client.request(
      "PUT", "/__admin/defects",
      {"X-Statuskit-Session: caf\xC3(", "Content-Type: application/json"}, R"({"defects":[]})");
  EXPECT_EQ(by_header.status, 400) << by_header.body;
  EXPECT_EQ(by_header.json().value("error", ""), "invalid_session") << by_header.body;
  EXPECT_EQ(status_of(client, kUserA1, longest), "inactive") << "a valid name still works";
}

TEST_F(StateAndSessionsTest, AStateFileInAMissingFolderStopsTheStart) {
  const std::string path = (folder_ / "no-such-folder" / "state.json").string();
  const StartResult result = run_start(mock_arguments({"--state-file", path}));
  EXPECT_FALSE(result.started) << "accepted a state file it can never write:\n" << result.output;
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(path), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(std::strerror(ENOENT)), std::string::npos) << result.output;
}

TEST_F(StateAndSessionsTest, AStateFileInAFolderNobodyCanWriteStopsTheStart) {
  // Tests run as root, so chmod proves nothing: use a folder even root cannot create files in.
  const std::string folder = "/sys";
  const std::string probe = folder + "/statuskit-probe-" + std::to_string(::getpid());
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    ::unlink(probe.c_str());
    GTEST_SKIP() << folder << " is writable here";
  }
  const std::string expected_error = std::strerror(errno);
  const std::string path = folder + "/statuskit-state-" + std::to_string(::getpid()) + ".json";
  const StartResult result = run_start(mock_arguments({"--state-file", path}));
  EXPECT_FALSE(result.started) << "accepted a state file it can never write:\n" << result.output;
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(path), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(expected_error), std::string::npos) << result.output;
}

TEST_F(StateAndSessionsTest, AStateFolderRemovedWhileRunningFailsWritesLoudlyAndTheExitCode) {
  MockServerProcess server(kBinary, with_state_file());
  HttpClient client(server.base_url());
  ASSERT_EQ(set_status(client, kUserA1, "inactive").status, 200);
  std::filesystem::remove_all(folder_);

  const auto unsaved = set_status(client, kUserA2, "inactive");
  EXPECT_GE(unsaved.status, 500) << unsaved.body;
  EXPECT_LT(unsaved.status, 600) << unsaved.body;
  EXPECT_EQ(unsaved.json().value("success", true), false) << "Pria's format: " << unsaved.body;
  EXPECT_EQ(status_of(client, kUserA2), "active") << "a write that was not saved is not kept";
  EXPECT_EQ(status_of(client, kUserA1), "inactive") << "the saved write is still there";

  const json persistence = health(client)["persistence"];
  ASSERT_TRUE(persistence.is_object()) << health(client).dump();
  EXPECT_EQ(persistence["stateFile"], state_file_);
  EXPECT_EQ(persistence["ok"], false);
  EXPECT_GE(persistence["failedSaves"].get<int>(), 1);
  EXPECT_NE(persistence["lastError"].get<std::string>().find(state_file_), std::string::npos)
      << persistence.dump();

  EXPECT_NE(server.stop(SIGTERM), 0) << "the final save failed too:\n" << server.output();
}

// Issue 26 item 7: past the file-size limit (RLIMIT_FSIZE) the kernel's SIGXFSZ ended the
// process, and every change held in memory was lost. It must fail like a full disk: a 500 for
// the write that could not be kept, and the server goes on.
TEST_F(StateAndSessionsTest, AFileSizeLimitFailsTheWriteNotTheServer) {
  MockServerProcess server(kBinary, with_state_file({"--max-body", "16000000"}),
                           std::vector<std::string>{"prlimit", "--fsize=2000000", "--"});
  HttpClient client(server.base_url());
  ASSERT_EQ(set_status(client, kUserA1, "inactive").status, 200) << "a small save fits";
  // A Pria state three times the limit: storing it cannot be saved.
  const std::string path = "/__admin/state?vendor=pria";
  json document = client.get(path).json().at("state").at("pria");
  for (auto& user : document.at("users")) {
    user["fname"] = std::string(6'000'000 / document.at("users").size(), 'n');
  }
  const auto stored =
      client.request("PUT", path, {"Content-Type: application/json"}, document.dump());
  EXPECT_GE(stored.status, 500) << stored.body.substr(0, 300);
  EXPECT_LT(stored.status, 600) << stored.body.substr(0, 300);
  EXPECT_NE(stored.body.find("File too large"), std::string::npos) << stored.body.substr(0, 300);

  // Alive, with the saved change kept and the unsaved one not.
  EXPECT_EQ(status_of(client, kUserA1), "inactive");
  ASSERT_EQ(set_status(client, kUserA2, "inactive").status, 200) << server.output();
  EXPECT_EQ(status_of(client, kUserA2), "inactive");
  EXPECT_EQ(health(client)["persistence"]["failedSaves"], 1) << health(client).dump();
  EXPECT_EQ(server.stop(SIGTERM), 0) << server.output();
}

// --- Item 7: LRU order and --max-sessions with a state file -------------------------------

TEST_F(StateAndSessionsTest, SavingTheStateFileDoesNotDecideWhichSessionIsEvicted) {
  MockServerProcess server(kBinary, with_state_file({"--max-sessions", "3"}));
  HttpClient client(server.base_url());
  for (const char* session : {"lru-a", "lru-b", "lru-c"}) {
    ASSERT_EQ(set_status(client, kUserA1, "inactive", session).status, 200) << session;
  }
  // lru-a is now the most recently used; lru-b the least.
  ASSERT_EQ(set_status(client, kUserA2, "inactive", "lru-a").status, 200);
  ASSERT_EQ(set_status(client, kUserA1, "inactive", "lru-d").status, 200);  // evicts one

  EXPECT_EQ(status_of(client, kUserA2, "lru-a"), "inactive") << "the session just used was kept";
  EXPECT_EQ(status_of(client, kUserA1, "lru-c"), "inactive");
  EXPECT_EQ(status_of(client, kUserA1, "lru-b"), "active") << "the least recently used went";
}

TEST_F(StateAndSessionsTest, AStateFileWithMoreSessionsThanMaxSessionsIsRefusedNotCut) {
  const std::string document =
      R"({"format":"statuskit-state","version":1,"sessions":{"one":{},"three":{},"two":{}}})";
  std::ofstream(state_file_) << document;
  const StartResult result = run_start(with_state_file({"--max-sessions", "2"}));
  EXPECT_FALSE(result.started) << "started and dropped a session:\n" << result.output;
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(state_file_), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("3 sessions"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("--max-sessions 2"), std::string::npos) << result.output;
  EXPECT_EQ(read_text(state_file_), document) << "the file is left as it was";

  // With room for all of them, every session is there.
  MockServerProcess server(kBinary, with_state_file({"--max-sessions", "3"}));
  HttpClient client(server.base_url());
  EXPECT_EQ(health(client)["sessions"], 3);
}

// --- Item 8: refused requests and reads create no sessions --------------------------------

TEST_F(StateAndSessionsTest, RefusedRequestsAndReadsCreateNoSessionAndEvictNobody) {
  MockServerProcess server(kBinary, mock_arguments({"--max-sessions", "2"}));
  HttpClient client(server.base_url());
  ASSERT_EQ(set_status(client, kUserA1, "inactive", "victim").status, 200);
  for (int i = 0; i < 10; ++i) {
    const std::string name = "attacker-" + std::to_string(i);
    EXPECT_EQ(set_status(client, kUserA1, "inactive", name, /*token=*/"").status, 401);
    EXPECT_EQ(client
                  .get("/api/admin/user/" + std::string(kUserA1),
                       {"x-access-token: " + super_admin_token(), "X-Statuskit-Session: " + name})
                  .status,
              200);
    EXPECT_EQ(client.get("/__admin/state?session=" + name).status, 200);
    EXPECT_EQ(client.get("/__admin/defects?session=" + name).status, 200);
  }
  EXPECT_EQ(health(client)["sessions"], 1) << "only the session that was changed exists";
  EXPECT_EQ(status_of(client, kUserA1, "victim"), "inactive") << "the victim was not evicted";
  EXPECT_EQ(status_of(client, kUserA1, "attacker-0"), "active") << "reads see the fixtures";
}

// --- Item 13: only a change rewrites the state file ---------------------------------------

TEST_F(StateAndSessionsTest, RefusedWritesLeaveTheStateFileAloneAndAnAcceptedOneReplacesIt) {
  MockServerProcess server(kBinary, with_state_file());
  HttpClient client(server.base_url());
  ASSERT_EQ(set_status(client, kUserA1, "inactive").status, 200);
  // Each save renames a new file over the old one, so a save shows as a new inode. Checked
  // after every request: a freed inode number can come back two saves later.
  const ino_t before = inode_of(state_file_);
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(set_status(client, kUserA2, "inactive", "", /*token=*/"").status, 401);
    ASSERT_EQ(inode_of(state_file_), before) << "refused request " << i << " rewrote the file";
  }
  ASSERT_EQ(set_status(client, kUserA2, "inactive").status, 200);
  EXPECT_NE(inode_of(state_file_), before) << "an accepted change was not saved";
}

// --- Item 17: a state file that is not a regular file ----------------------------------------

TEST_F(StateAndSessionsTest, AStateFileThatIsAFifoIsRefusedAtOnceInsteadOfHangingTheStart) {
  const std::string fifo = (folder_ / "state.fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0) << std::strerror(errno);
  const StartResult result = run_start(mock_arguments({"--state-file", fifo}));
  EXPECT_FALSE(result.hung) << "the start hung on the FIFO:\n" << result.output;
  EXPECT_FALSE(result.started) << result.output;
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(fifo), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("FIFO"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace statuskit::testing
