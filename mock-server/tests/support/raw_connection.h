#pragma once
// A plain TCP connection to 127.0.0.1 for tests that must send what no HTTP client library
// would: malformed framing, pipelined requests, partial requests, sudden hang-ups.

#include <string>
#include <vector>

namespace statuskit::testing {

/// One HTTP answer as read off the wire.
struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased
  std::string body;
  const std::string* header(const std::string& lower_name) const;
};

class RawConnection {
 public:
  /// Connects to 127.0.0.1:`port`; throws std::runtime_error when it cannot.
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  /// Sends every byte (throws when the server has closed the connection).
  void send(const std::string& bytes);
  /// Like send(), but reports instead of throwing: false when the peer stopped reading.
  bool try_send(const std::string& bytes);
  /// Reads one whole answer (framed by Content-Length). Throws std::runtime_error when the
  /// connection closes first or nothing arrives within `limit_ms` — a bound against hanging
  /// forever, never a measurement.
  RawResponse read_response(int limit_ms = 10000);
  /// Reads until the server closes the connection; returns what arrived. Throws when it is
  /// still open after `limit_ms`.
  std::string read_until_closed(int limit_ms = 10000);
  /// Closes without reading anything (a client that goes away).
  void close();
  int fd() const { return fd_; }

 private:
  /// Appends what arrives to buffer_; false on end of stream. Throws after `limit_ms`.
  bool fill(int limit_ms);

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace statuskit::testing
