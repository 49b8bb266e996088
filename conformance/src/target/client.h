#pragma once
// The runner's HTTP client (libcurl): one handle reused for every request, so connections are
// kept alive; redirects are never followed (a redirect is an answer to check); per-request
// timing; HTTPS with optional --insecure.

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace statuskit::conformance {

/// Answers are read up to this many bytes by default (--max-response-bytes): a broken server's
/// endless body must end in a finding, not in the runner running out of memory.
inline constexpr std::size_t kDefaultMaxResponseBytes = 64 * 1024 * 1024;

struct TargetRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool has_body = false;
  /// The caller checks a 429 or 503 itself (a scenario that asserts throttling): such an answer
  /// is returned as it is, not waited out.
  bool throttling_expected = false;
};

/// How the client treats a server that throttles (issue 29): a 429, or a 503 with Retry-After,
/// is the server asking to be called later, not an answer to judge.
struct ThrottlePolicy {
  /// The longest the client waits for one request, over all its retries; past it, the last
  /// throttled answer is returned (and judged). 0: never wait, return the answer.
  long max_wait_ms = 60000;
  /// At most this many requests a second (0: no limit): keeps under a limit known in advance.
  double requests_per_second = 0;
};

/// What throttling cost a run: reported apart from conformance results.
struct ThrottleStats {
  long throttled_answers = 0;  ///< 429s and 503s with Retry-After that were waited out
  long gave_up = 0;            ///< requests still throttled after --max-wait
  double waited_ms = 0;        ///< waiting for Retry-After and for --rate-limit
};

struct TargetResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;
  double elapsed_ms = 0;
  std::string transport_error;  ///< set when no HTTP answer arrived (refused, timeout, reset)
  long new_connections = 0;     ///< connections opened for this request (0: one was reused)
};

class TargetClient {
 public:
  TargetClient(long timeout_ms, bool insecure,
               std::size_t max_response_bytes = kDefaultMaxResponseBytes,
               ThrottlePolicy throttle = {});
  ~TargetClient();
  TargetClient(const TargetClient&) = delete;
  TargetClient& operator=(const TargetClient&) = delete;

  /// Sends the request and returns its answer; waits out throttling (ThrottlePolicy).
  TargetResponse send(const TargetRequest& request);
  const ThrottleStats& throttle_stats() const { return stats_; }

 private:
  TargetResponse send_once(const TargetRequest& request);
  /// Sleeps until a request may start under requests_per_second.
  void pace();

  void* curl_;  // CURL*, kept out of the header
  long timeout_ms_;
  bool insecure_;
  std::size_t max_response_bytes_;
  ThrottlePolicy throttle_;
  ThrottleStats stats_;
  std::chrono::steady_clock::time_point last_start_{};
};

/// The request as a copy-paste curl command line (for reports).
std::string to_curl_command(const TargetRequest& request);

}  // namespace statuskit::conformance
