#pragma once
// The HTTP transport: Pistache's TCP layer (listener, reactor threads, non-blocking writes)
// with the project's own HTTP/1.1 framing in front of MockPipeline.
//
// Pistache 0.0.5's HTTP layer is not used past accepting connections: it drops pipelined
// requests, parses headers quadratically, accepts malformed framing, caps answers at its response
// buffer, and has no working idle timeout or connection limit. Everything HTTP happens here
// instead (see http_request_parser.h), on the connection's reactor thread — including answers
// delayed by fault injection, which wait on a timer of that reactor, never on another thread.
// What remains of Pistache 0.0.5's behaviour is listed in the README (Limits).

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace statuskit::mock {

class MockPipeline;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  ///< 0 = any free port; see HttpServer::port()
  int threads = 2;
  std::size_t max_body_bytes = 1024 * 1024;
  /// Request line plus header fields; a larger block is answered 431 (414 for the line alone).
  std::size_t max_header_bytes = 32 * 1024;
  /// A keep-alive connection with no request in progress is closed after this long.
  std::chrono::milliseconds idle_timeout{30000};
  /// A request must arrive whole within this long of its first byte, else 408 and close
  /// (slow-header and slow-body clients).
  std::chrono::milliseconds request_timeout{10000};
  /// Open connections at most; 0 = derived from the open-file limit. At the limit a new
  /// connection takes the place of the longest-idle one (or is closed when none is idle), so
  /// the server never runs out of file descriptors.
  std::size_t max_connections = 0;
  bool log_requests = true;  ///< one line per request on stdout
};

class HttpServer {
 public:
  HttpServer(const MockPipeline& pipeline, HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and starts serving on background threads. Throws std::runtime_error when the
  /// address cannot be bound.
  void start();
  /// The bound port (the real one when options.port was 0). Valid after start().
  std::uint16_t port() const;
  /// The connection limit in force (options.max_connections, or the one derived at start()).
  std::size_t max_connections() const;
  /// Answers 503 to new requests, sends delayed answers at once, waits up to `max_wait` for
  /// in-flight ones, then stops. Returns false when requests were still running at the deadline.
  bool drain_and_stop(std::chrono::milliseconds max_wait);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statuskit::mock
