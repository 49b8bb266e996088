// The runner's HTTP client against real sockets on loopback: redirects are answers, not
// followed; a silent server is a timeout; connections are reused; HTTPS verifies certificates
// unless --insecure.
#include "target/client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "support/command_runner.h"
#include "support/mock_server_process.h"

namespace statuskit::conformance {
namespace {

/// Accepts one connection on 127.0.0.1, reads the request head and answers with `reply` (or
/// holds the connection silent when `reply` is empty, until the client gives up).
class OneShotServer {
 public:
  explicit OneShotServer(std::string reply) : reply_(std::move(reply)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 1) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~OneShotServer() {
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void serve() {
    const int connection = ::accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const auto n = ::read(connection, buffer, sizeof buffer);
      if (n <= 0) break;
      request.append(buffer, static_cast<std::size_t>(n));
    }
    if (!reply_.empty()) {
      [[maybe_unused]] auto written = ::write(connection, reply_.data(), reply_.size());
    } else {
      // Silent: wait until the client closes its end.
      while (::read(connection, buffer, sizeof buffer) > 0) {
      }
    }
    ::close(connection);
  }

  std::string reply_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

/// Accepts one connection and sends `head`, then `chunk` as chunked body chunks until the client
/// stops reading (at most 512 MiB): a broken server whose answer never ends.
class EndlessServer {
 public:
  EndlessServer(std::string head, std::string chunk)
      : head_(std::move(head)), chunk_(std::move(chunk)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 1) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~EndlessServer() {
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  bool send_all(int connection, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const auto n = ::send(connection, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  void serve() {
    const int connection = ::accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    char buffer[4096];
    [[maybe_unused]] auto request = ::read(connection, buffer, sizeof buffer);
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk_.size());
    const std::string framed = std::string(size_line) + chunk_ + "\r\n";
    bool open = send_all(connection, head_);
    for (std::size_t total = 0; open && !chunk_.empty() && total < (512U << 20);
         total += chunk_.size()) {
      open = send_all(connection, framed);
    }
    ::close(connection);
  }

  std::string head_;
  std::string chunk_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

// Issue 26 item 11: an endless body was kept whole (2 GiB, then std::bad_alloc and no report).
TEST(TargetClient, AnEndlessBodyStopsAtTheLimitWithAClearError) {
  EndlessServer server(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n",
      std::string(64 * 1024, ' '));
  TargetClient client(30000, false, 1024 * 1024);
  const auto answer = client.send({"GET", server.url(), {}, "", false});
  EXPECT_EQ(answer.status, 0);
  EXPECT_EQ(answer.transport_error,
            "the answer's body is over 1048576 bytes (--max-response-bytes); the runner stopped "
            "reading it");
  EXPECT_TRUE(answer.body.empty());
}

// Issue 26 item 12: a 1 MB response header was reported as curl's bare "Out of memory".
TEST(TargetClient, AnOversizedResponseHeaderIsNamed) {
  EndlessServer server("HTTP/1.1 200 OK\r\nX-Huge: " + std::string(1024 * 1024, 'h') +
                           "\r\nContent-Length: 0\r\n\r\n",
                       "");
  TargetClient client(30000, false);
  const auto answer = client.send({"GET", server.url(), {}, "", false});
  EXPECT_EQ(answer.status, 0);
  EXPECT_NE(answer.transport_error.find("a response header field over curl's limit of 100 KB"),
            std::string::npos)
      << answer.transport_error;
}

TEST(TargetClient, AThrottledAnswerAScenarioExpectsIsReturnedAsItIs) {
  OneShotServer server(
      "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nContent-Length: 0\r\n"
      "Connection: close\r\n\r\n");
  TargetClient client(5000, false);
  TargetRequest request{"GET", server.url("/"), {}, "", false};
  request.throttling_expected = true;
  const auto answer = client.send(request);
  EXPECT_EQ(answer.status, 429);
  EXPECT_EQ(client.throttle_stats().throttled_answers, 0);
}

TEST(TargetClient, AThrottledAnswerPastTheMaximumWaitIsReturnedAndCounted) {
  OneShotServer server(
      "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 30\r\nContent-Length: 0\r\n"
      "Connection: close\r\n\r\n");
  ThrottlePolicy policy;
  policy.max_wait_ms = 5000;  // less than the 30 s asked for: no wait at all
  TargetClient client(5000, false, kDefaultMaxResponseBytes, policy);
  const auto answer = client.send({"GET", server.url("/"), {}, "", false});
  EXPECT_EQ(answer.status, 503);
  EXPECT_EQ(client.throttle_stats().gave_up, 1);
  EXPECT_EQ(client.throttle_stats().waited_ms, 0.0);
}

// --rate-limit (issue 29 item 4): requests start no closer together than the rate allows. A
// lower bound on the time taken, which a slow machine can only make longer.
TEST(TargetClient, ARateLimitSpacesTheRequests) {
  statuskit::testing::MockServerProcess mock(STATUSKIT_MOCK_SERVER_BIN,
                                             statuskit::testing::project_mock_arguments());
  ThrottlePolicy policy;
  policy.requests_per_second = 10;
  TargetClient client(5000, false, kDefaultMaxResponseBytes, policy);
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(client.send({"GET", mock.base_url() + "/__admin/health", {}, "", false}).status, 200);
  }
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_GE(took, std::chrono::milliseconds(500)) << "6 requests at 10 a second";
  EXPECT_GT(client.throttle_stats().waited_ms, 0.0) << "the pacing is counted as waiting";
}

TEST(TargetClient, ARedirectIsReportedNotFollowed) {
  OneShotServer server(
      "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: "
      "close\r\n\r\n");
  TargetClient client(5000, false);
  const auto answer = client.send({"GET", server.url("/start"), {}, "", false});
  EXPECT_EQ(answer.transport_error, "");
  EXPECT_EQ(answer.status, 302);
  EXPECT_EQ(answer.headers.at("location"), "/elsewhere");
}

TEST(TargetClient, ASilentServerIsATimeoutNotAHang) {
  OneShotServer server("");
  TargetClient client(300, false);
  const auto answer = client.send({"GET", server.url("/"), {}, "", false});
  EXPECT_EQ(answer.status, 0);
  EXPECT_NE(answer.transport_error.find("timed out"), std::string::npos) << answer.transport_error;
}

TEST(TargetClient, ConnectionsAreReusedAcrossRequests) {
  statuskit::testing::MockServerProcess mock(STATUSKIT_MOCK_SERVER_BIN,
                                             statuskit::testing::project_mock_arguments());
  TargetClient client(5000, false);
  const TargetRequest health{"GET", mock.base_url() + "/__admin/health", {}, "", false};
  EXPECT_EQ(client.send(health).new_connections, 1);
  const auto second = client.send(health);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.new_connections, 0) << "keep-alive: the first connection carries the second";
}

/// `openssl s_server -www` with a fresh self-signed certificate, on an ephemeral port.
class TlsServer {
 public:
  TlsServer() {
    const std::string dir = ::testing::TempDir();
    key_ = dir + "/statuskit-tls-key.pem";
    cert_ = dir + "/statuskit-tls-cert.pem";
    const auto made = statuskit::testing::run_command(
        "openssl", "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " +
                       key_ + " -out " + cert_ + " -days 1 -subj /CN=localhost");
    if (made.exit_code != 0) throw std::runtime_error("openssl req failed: " + made.output);
    const std::string command =
        "sh -c 'echo $$; exec openssl s_server -www -accept 127.0.0.1:0 "
        "-cert " +
        cert_ + " -key " + key_ + "' 2>&1";
    output_ = ::popen(command.c_str(), "r");
    char line[512];
    if (std::fgets(line, sizeof line, output_) == nullptr) throw std::runtime_error("no pid");
    pid_ = std::stoi(line);
    while (std::fgets(line, sizeof line, output_) != nullptr) {
      const std::string text = line;
      if (text.rfind("ACCEPT ", 0) == 0) {
        port_ = std::stoi(text.substr(text.rfind(':') + 1));
        break;
      }
    }
    if (port_ == 0) throw std::runtime_error("openssl s_server did not start");
  }
  ~TlsServer() {
    ::kill(pid_, SIGTERM);
    ::pclose(output_);
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  std::string key_, cert_;
  FILE* output_ = nullptr;
  int pid_ = 0;
  int port_ = 0;
};

TEST(TargetClient, HttpsVerifiesCertificatesUnlessInsecure) {
  TlsServer server;
  TargetClient strict(5000, false);
  const auto refused = strict.send({"GET", server.url(), {}, "", false});
  EXPECT_EQ(refused.status, 0);
  EXPECT_NE(refused.transport_error.find("certificate"), std::string::npos)
      << refused.transport_error;

  TargetClient insecure(5000, true);
  const auto answer = insecure.send({"GET", server.url(), {}, "", false});
  EXPECT_EQ(answer.transport_error, "");
  EXPECT_EQ(answer.status, 200);
  EXPECT_NE(answer.body.find("s_server"), std::string::npos);
}

TEST(TargetClient, CurlCommandsQuoteForTheShell) {
  const auto command = to_curl_command(
      {"PUT", "http://h/x?a=1&b=2", {{"Cookie", "asc_auth_key=it's"}}, R"({"a":"b"})", true});
  EXPECT_EQ(command, R"(curl -i -X PUT 'http://h/x?a=1&b=2' -H 'Cookie: asc_auth_key=it'\''s' )"
                     R"(--data-binary '{"a":"b"}')");
}

}  // namespace
}  // namespace statuskit::conformance
