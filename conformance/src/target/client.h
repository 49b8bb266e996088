#pragma once
// The runner's HTTP client (libcurl): one handle reused for every request, so connections are
// kept alive; redirects are never followed (a redirect is an answer to check); per-request
// timing; HTTPS with optional --insecure.

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
               std::size_t max_response_bytes = kDefaultMaxResponseBytes);
  ~TargetClient();
  TargetClient(const TargetClient&) = delete;
  TargetClient& operator=(const TargetClient&) = delete;

  TargetResponse send(const TargetRequest& request);

 private:
  void* curl_;  // CURL*, kept out of the header
  long timeout_ms_;
  bool insecure_;
  std::size_t max_response_bytes_;
};

/// The request as a copy-paste curl command line (for reports).
std::string to_curl_command(const TargetRequest& request);

}  // namespace statuskit::conformance
