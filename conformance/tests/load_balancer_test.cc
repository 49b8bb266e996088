// docs/scaling.md, proven: two mocks behind nginx with the documented configuration (only the
// ports and the log path replaced), several `conformance run` processes at once through it.
// Every run passes, no two runs share a session, every session is served by exactly one mock
// (nginx's log and the mocks' own journals agree), and both mocks get sessions.
// Skips only when nginx is not installed (tools/setup installs nginx-light, so CI runs it).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "support/child_process.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace statuskit::testing {
namespace {

const std::string kRoot = STATUSKIT_SOURCE_DIR;
constexpr int kConcurrentRuns = 3;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The first ```nginx block of a Markdown document.
std::string nginx_block(const std::string& markdown) {
  const std::string open = "```nginx\n";
  const auto start = markdown.find(open);
  if (start == std::string::npos) return "";
  const auto end = markdown.find("\n```", start + open.size());
  return markdown.substr(start + open.size(), end - start - open.size() + 1);
}

/// Replaces the one occurrence of `from`; a document that no longer has it exactly once has
/// drifted from what this test knows how to run.
void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << "docs/scaling.md: the nginx block lost '" << from << "'";
  ASSERT_EQ(text.find(from, at + 1), std::string::npos)
      << "docs/scaling.md: '" << from << "' more than once";
  text.replace(at, from.size(), to);
}

/// A fresh folder, removed with everything in it. Readable by nginx's workers, which run as
/// another user when the test runs as root.
class Folder {
 public:
  Folder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "statuskit-lb-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
    ::chmod(path_.c_str(), 0755);
  }
  ~Folder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// nginx in front of two mocks, in the foreground (daemon off), everything under `folder`.
class Nginx {
 public:
  Nginx(const std::string& binary, const Folder& folder, int mock_a, int mock_b) {
    std::string site = nginx_block(read_text(kRoot + "/docs/scaling.md"));
    EXPECT_FALSE(site.empty()) << "docs/scaling.md has no ```nginx block";
    replace_once(site, "server 127.0.0.1:8081;",
                 "server 127.0.0.1:" + std::to_string(mock_a) + ";");
    replace_once(site, "server 127.0.0.1:8082;",
                 "server 127.0.0.1:" + std::to_string(mock_b) + ";");
    replace_once(site, "/var/log/nginx/statuskit.log", folder / "statuskit.log");
    log_ = folder / "statuskit.log";
    // The port is only probably free: another process may take it first. Then nginx stops at
    // once with "Address already in use", and another port is tried.
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
      const int port = probably_free_port();
      std::string this_site = site;
      replace_once(this_site, "listen 127.0.0.1:8080;",
                   "listen 127.0.0.1:" + std::to_string(port) + ";");
      std::ofstream(folder / "statuskit.conf") << this_site;
      // What Debian's /etc/nginx/nginx.conf provides around conf.d/, in the test's folder.
      std::ofstream(folder / "nginx.conf")
          << "daemon off;\nworker_processes 2;\npid " << folder / "nginx.pid"
          << ";\nerror_log " << folder / "error.log"
          << " notice;\n"
          << "events { worker_connections 512; }\nhttp {\n"
          << "  client_body_temp_path " << folder / "client_body"
          << ";\n"
          << "  proxy_temp_path " << folder / "proxy"
          << ";\n"
          << "  fastcgi_temp_path " << folder / "fastcgi"
          << ";\n"
          << "  uwsgi_temp_path " << folder / "uwsgi"
          << ";\n"
          << "  scgi_temp_path " << folder / "scgi"
          << ";\n"
          << "  access_log off;\n  include " << folder / "statuskit.conf"
          << ";\n}\n";
      process_ = std::make_unique<ChildProcess>(
          std::vector<std::string>{binary, "-p", folder / "", "-c", folder / "nginx.conf", "-e",
                                   folder / "error.log"},
          folder / "nginx.out");
      if (wait_until_answering(port)) {
        port_ = port;
      } else {
        output_ = process_->output() + read_text(folder / "error.log");
        process_->stop(SIGKILL);
        if (output_.find("Address already in use") == std::string::npos) break;
      }
    }
  }
  ~Nginx() {
    if (process_) process_->stop(SIGTERM);
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string failure() const { return output_; }
  std::string access_log() const { return read_text(log_); }

 private:
  bool wait_until_answering(int port) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (process_->exited()) return false;
      try {
        HttpClient client("http://127.0.0.1:" + std::to_string(port));
        if (client.get("/__admin/health").status == 200) return true;
      } catch (const std::exception&) {
        // not listening yet
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
  std::string log_;
  std::string output_;
};

/// Every session name in a mock's journal (all pages).
std::set<std::string> journal_sessions(const MockServerProcess& mock) {
  std::set<std::string> sessions;
  HttpClient client(mock.base_url());
  std::string page = "/__admin/requests?limit=1000";
  for (;;) {
    const auto answer = client.get(page);
    EXPECT_EQ(answer.status, 200) << answer.body;
    const auto journal = answer.json();
    for (const auto& entry : journal["requests"]) {
      sessions.insert(entry["session"].get<std::string>());
    }
    if (!journal["hasMore"].get<bool>()) return sessions;
    page = "/__admin/requests?limit=1000&before=" + journal["nextBefore"].dump();
  }
}

struct LoggedRequest {
  std::string method, target, session, mock;
};

/// The lines of the documented `statuskit` log format.
std::vector<LoggedRequest> parse_access_log(const std::string& log) {
  static const std::regex line(R"re("(\S+) (\S+) [^"]*" \d+ session=(\S*) mock=(\S*))re");
  std::vector<LoggedRequest> requests;
  std::stringstream lines(log);
  for (std::string text; std::getline(lines, text);) {
    std::smatch match;
    if (std::regex_search(text, match, line)) {
      requests.push_back({match[1], match[2], match[3], match[4]});
    } else {
      ADD_FAILURE() << "not the documented log format: " << text;
    }
  }
  return requests;
}

TEST(LoadBalancer, ParallelRunsThroughNginxPassAndEachSessionStaysOnOneMock) {
  const std::string nginx_binary = find_program("nginx");
  if (nginx_binary.empty()) {
    GTEST_SKIP() << "nginx is not installed: this test of docs/scaling.md needs it "
                    "(tools/setup installs nginx-light)";
  }
  const auto started = std::chrono::steady_clock::now();
  Folder folder;
  MockServerProcess mock_a(STATUSKIT_MOCK_SERVER_BIN, project_mock_arguments());
  MockServerProcess mock_b(STATUSKIT_MOCK_SERVER_BIN, project_mock_arguments());
  Nginx nginx(nginx_binary, folder, mock_a.port(), mock_b.port());
  ASSERT_NE(nginx.port(), 0) << "nginx did not start:\n" << nginx.failure();

  std::vector<std::unique_ptr<ChildProcess>> runs;
  for (int i = 0; i < kConcurrentRuns; ++i) {
    const std::string name = "run-" + std::to_string(i);
    runs.push_back(std::make_unique<ChildProcess>(
        std::vector<std::string>{
            STATUSKIT_CONFORMANCE_BIN, "run", "--profile", kRoot + "/fixtures/targets/mock.yaml",
            "--target", nginx.url(), "--suites-dir", kRoot + "/conformance/suites", "--specs-dir",
            kRoot + "/specs", "--quiet", "--report", "json:" + (folder / name + ".json")},
        folder / name + ".log"));
  }
  // Sessions by run (pid), and how many scenarios each run ran.
  std::map<std::string, int> scenarios_of_run;
  for (int i = 0; i < kConcurrentRuns; ++i) {
    const std::string name = "run-" + std::to_string(i);
    // Not fatal: the checks below tell why a run failed (two runs in one session, say).
    EXPECT_EQ(runs[i]->wait(), 0) << runs[i]->output();
    EXPECT_NE(runs[i]->output().find(" passed, 0 failed, 0 skipped"), std::string::npos)
        << runs[i]->output();
    const auto report = nlohmann::json::parse(read_text(folder / name + ".json"));
    const auto& summary = report["summary"];
    scenarios_of_run[std::to_string(runs[i]->pid())] =
        summary["passed"].get<int>() + summary["failed"].get<int>();
  }

  // The mocks' side: which sessions each one served.
  const std::map<std::string, std::set<std::string>> sessions_of_mock = {
      {"127.0.0.1:" + std::to_string(mock_a.port()), journal_sessions(mock_a)},
      {"127.0.0.1:" + std::to_string(mock_b.port()), journal_sessions(mock_b)}};
  std::map<std::string, std::string> mock_of_session;
  for (const auto& [mock, sessions] : sessions_of_mock) {
    EXPECT_GE(sessions.size(), 20U) << mock << " got (almost) no sessions: is it hashing at all?";
    for (const auto& session : sessions) {
      const auto [known, added] = mock_of_session.emplace(session, mock);
      EXPECT_TRUE(added) << "session " << session << " reached both " << known->second << " and "
                         << mock;
    }
  }

  // No two runs share a session: each run's sessions carry its own pid and nonce, one
  // session per scenario it ran.
  static const std::regex runner_session(R"(conformance-(\d+)-([0-9a-f]{8})-.+)");
  std::map<std::string, std::set<std::string>> prefixes_of_pid;
  std::map<std::string, int> sessions_of_pid;
  for (const auto& [session, mock] : mock_of_session) {
    std::smatch match;
    if (!std::regex_match(session, match, runner_session)) continue;
    prefixes_of_pid[match[1]].insert(match[2]);
    ++sessions_of_pid[match[1]];
  }
  EXPECT_EQ(prefixes_of_pid.size(), static_cast<std::size_t>(kConcurrentRuns))
      << "runs whose sessions are conformance-<its pid>-<its nonce>-<scenario id>";
  for (const auto& [pid, scenarios] : scenarios_of_run) {
    EXPECT_EQ(prefixes_of_pid[pid].size(), 1U)
        << "run " << pid << ": its sessions should all start conformance-" << pid
        << "-<one nonce>-";
    EXPECT_EQ(sessions_of_pid[pid], scenarios)
        << "run " << pid << ": one session per scenario, none shared with another run";
  }

  // nginx's side: every request of a session, admin resets and the runners' session-less
  // probes (the "default" session) included, went to one mock, the one whose journal has it.
  const auto logged = parse_access_log(nginx.access_log());
  std::map<std::string, std::set<std::string>> mocks_of_logged_session;
  int resets = 0;
  for (const auto& request : logged) {
    mocks_of_logged_session[request.session].insert(request.mock);
    if (request.method == "POST" && request.target.rfind("/__admin/reset?session=", 0) == 0) {
      ++resets;
      EXPECT_EQ(request.target.substr(request.target.find('=') + 1), request.session);
    }
  }
  EXPECT_GE(resets, kConcurrentRuns * 100) << "the runs reset their sessions through nginx";
  EXPECT_GE(mocks_of_logged_session["default"].size(), 1U) << "the runners' probes";
  for (const auto& [session, mocks] : mocks_of_logged_session) {
    EXPECT_EQ(mocks.size(), 1U) << "session " << session << " was sent to several mocks";
    const auto journal = mock_of_session.find(session);
    if (journal != mock_of_session.end()) {
      EXPECT_EQ(*mocks.begin(), journal->second) << session;
    }
  }
  std::cout << "load balancer: " << kConcurrentRuns << " concurrent runs, " << logged.size()
            << " requests through nginx, sessions per mock:";
  for (const auto& [mock, sessions] : sessions_of_mock) std::cout << " " << sessions.size();
  std::cout << ", "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count()
            << " ms\n";
}

}  // namespace
}  // namespace statuskit::testing
