#pragma once
// The HTTP transport: Pistache with one catch-all handler in front of MockPipeline.
//
// Pistache's own Router is not used: its Debian build races with several worker threads, and
// routing belongs to the engine anyway. Pistache 0.0.5 pitfalls handled here deliberately:
// its 4 KiB default request limit (maxRequestSize is set from --max-body), HTTP/1.1 keep-alive
// without a Connection header (kept alive, as HTTP/1.1 says), and shutdown without draining
// (drain_and_stop() refuses new requests, waits for in-flight ones, then stops).

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
  /// Answers 503 to new requests, waits up to `max_wait` for in-flight ones, then stops.
  /// Returns false when in-flight requests were still running at the deadline.
  bool drain_and_stop(std::chrono::milliseconds max_wait);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statuskit::mock
