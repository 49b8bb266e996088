#include "http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "delayed_sender.h"
#include "mock_pipeline.h"

namespace statuskit::mock {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// A response header with a name known only at run time. Pistache 0.0.5 writes only typed
/// headers: anything added with addRaw() silently never reaches the wire.
class NamedHeader : public Pistache::Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& stream) const override { stream << value_; }
  // Only used by Pistache's typed get<H>() casts, which never target this class.
  uint64_t hash() const override { return 0; }

 private:
  std::string name_;
  std::string value_;
};

/// HTTP/1.1 connections persist unless the client says "Connection: close"; HTTP/1.0 ones only
/// when it asks for keep-alive. (Pistache 0.0.5 closes every connection whose request has no
/// Connection header, so the transport decides this itself.)
bool wants_keep_alive(const Pistache::Http::Request& http) {
  const auto connection = http.headers().tryGet<Pistache::Http::Header::Connection>();
  if (connection) return connection->control() == Pistache::Http::ConnectionControl::KeepAlive;
  return http.version() == Pistache::Http::Version::Http11;
}

void set_connection(Pistache::Http::ResponseWriter& writer, bool keep_alive) {
  writer.headers().remove<Pistache::Http::Header::Connection>();
  writer.headers().add<Pistache::Http::Header::Connection>(
      keep_alive ? Pistache::Http::ConnectionControl::KeepAlive
                 : Pistache::Http::ConnectionControl::Close);
}

/// Counts requests being handled so shutdown can wait for them without polling.
class InFlightTracker {
 public:
  /// False when draining: the caller must refuse the request.
  bool enter() {
    std::lock_guard lock(mutex_);
    if (draining_) return false;
    ++count_;
    return true;
  }
  void leave() {
    std::lock_guard lock(mutex_);
    if (--count_ == 0) idle_.notify_all();
  }
  bool drain(std::chrono::milliseconds max_wait) {
    std::unique_lock lock(mutex_);
    draining_ = true;
    return idle_.wait_for(lock, max_wait, [this] { return count_ == 0; });
  }
  bool draining() const {
    std::lock_guard lock(mutex_);
    return draining_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  int count_ = 0;
  bool draining_ = false;
};

MockRequest to_mock_request(const Pistache::Http::Request& http) {
  MockRequest request;
  request.method = Pistache::Http::methodString(http.method());
  request.path = http.resource();
  for (auto it = http.query().parameters_begin(); it != http.query().parameters_end(); ++it) {
    request.query[it->first] = it->second;
  }
  // Pistache parses well-known headers into typed objects and keeps the rest raw.
  for (const auto& header : http.headers().list()) {
    std::ostringstream value;
    header->write(value);
    request.headers[lower(header->name())] = value.str();
  }
  for (const auto& [name, raw] : http.headers().rawList()) {
    request.headers[lower(name)] = raw.value();
  }
  for (const auto& cookie : http.cookies()) request.cookies[cookie.name] = cookie.value;
  request.body = http.body();
  return request;
}

void write_log_line(const MockRequest& request, int status, std::int64_t micros) {
  std::string line = request.method + " " + request.path + " " + std::to_string(status) + " " +
                     std::to_string(micros) + "us";
  if (!request.operation_id.empty()) line += " op=" + request.operation_id;
  if (const auto* session = request.header(MockPipeline::kSessionHeader)) {
    line += " session=" + *session;
  }
  line += "\n";
  // One write() per line keeps lines from different workers whole.
  [[maybe_unused]] auto written = ::write(STDOUT_FILENO, line.data(), line.size());
}

class CatchAllHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(CatchAllHandler)

  CatchAllHandler(const MockPipeline* pipeline, InFlightTracker* tracker,
                  DelayedSender* delayed_sender, bool log_requests)
      : pipeline_(pipeline),
        tracker_(tracker),
        delayed_sender_(delayed_sender),
        log_requests_(log_requests) {}

  void onRequest(const Pistache::Http::Request& http,
                 Pistache::Http::ResponseWriter writer) override {
    if (!tracker_->enter()) {
      set_connection(writer, false);
      writer.send(Pistache::Http::Code::Service_Unavailable,
                  R"({"error":"draining","message":"the mock server is shutting down"})",
                  MIME(Application, Json));
      return;
    }
    const auto started = std::chrono::steady_clock::now();
    MockRequest request = to_mock_request(http);
    RequestContext context;
    MockResponse response = pipeline_->handle(request, context);
    set_connection(writer, wants_keep_alive(http));
    if (response.delay_ms <= 0) {
      finish(writer, request, response, started);
      return;
    }
    // Injected latency: the answer leaves from the timer thread; this worker moves on.
    auto shared_writer = std::make_shared<Pistache::Http::ResponseWriter>(std::move(writer));
    delayed_sender_->schedule(
        std::chrono::milliseconds(response.delay_ms),
        [this, shared_writer, request = std::move(request), response = std::move(response),
         started] { finish(*shared_writer, request, response, started); });
  }

 private:
  void finish(Pistache::Http::ResponseWriter& writer, const MockRequest& request,
              const MockResponse& response, std::chrono::steady_clock::time_point started) {
    if (log_requests_) {
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
      write_log_line(request, response.status, micros);
    }
    if (response.drop_connection) {
      // Injected hang-up: no status line at all; the client sees an empty reply.
      if (auto peer = writer.peer()) ::shutdown(peer->fd(), SHUT_RDWR);
      tracker_->leave();
      return;
    }
    // Pistache 0.0.5 always queues a write for the connection's reactor, even from the
    // reactor's own thread: the request is in flight until the answer is on the wire, or a
    // drain could stop the reactor with the answer still queued (the client would hang).
    InFlightTracker* tracker = tracker_;
    send(writer, response)
        .then([tracker](ssize_t) { tracker->leave(); },
              [tracker](std::exception_ptr) { tracker->leave(); });
  }

  static Pistache::Async::Promise<ssize_t> send(Pistache::Http::ResponseWriter& writer,
                                                const MockResponse& response) {
    for (const auto& [name, value] : response.headers) {
      writer.headers().add(std::make_shared<NamedHeader>(name, value));
    }
    const auto code = static_cast<Pistache::Http::Code>(response.status);
    if (response.content_type.empty()) return writer.send(code, response.body);
    return writer.send(code, response.body,
                       Pistache::Http::Mime::MediaType::fromString(response.content_type));
  }

  const MockPipeline* pipeline_;
  InFlightTracker* tracker_;
  DelayedSender* delayed_sender_;
  bool log_requests_;
};

}  // namespace

struct HttpServer::Impl {
  const MockPipeline& pipeline;
  HttpServerOptions options;
  InFlightTracker tracker;
  std::unique_ptr<Pistache::Http::Endpoint> endpoint;
  bool running = false;
  // Declared last so it is destroyed first, while the endpoint its callbacks write to exists.
  DelayedSender delayed_sender;
};

HttpServer::HttpServer(const MockPipeline& pipeline, HttpServerOptions options)
    : impl_(new Impl{pipeline, std::move(options), {}, nullptr, false, {}}) {}

HttpServer::~HttpServer() {
  if (impl_->running) drain_and_stop(std::chrono::milliseconds(5000));
}

void HttpServer::start() {
  const Pistache::Address address(impl_->options.host, Pistache::Port(impl_->options.port));
  impl_->endpoint = std::make_unique<Pistache::Http::Endpoint>(address);
  // The pipeline answers a body over --max-body with a 413 in the vendor's format. Pistache
  // must therefore read such bodies whole: past its own limit it answers a bare text 413 and
  // parses the rest of the body as the next request on the connection. So its limit is well
  // above ours (plus room for headers); only bodies beyond it meet Pistache's behaviour.
  const std::size_t max_request =
      std::max<std::size_t>(4 * impl_->options.max_body_bytes,
                            impl_->options.max_body_bytes + (1u << 20)) +
      64 * 1024;
  auto endpoint_options = Pistache::Http::Endpoint::options()
                              .threads(std::max(1, impl_->options.threads))
                              .flags(Pistache::Tcp::Options::ReuseAddr)
                              .maxRequestSize(max_request)
                              .maxResponseSize(16 * 1024 * 1024);
  try {
    impl_->endpoint->init(endpoint_options);
    impl_->endpoint->setHandler(Pistache::Http::make_handler<CatchAllHandler>(
        &impl_->pipeline, &impl_->tracker, &impl_->delayed_sender, impl_->options.log_requests));
    impl_->endpoint->serveThreaded();
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" +
                             std::to_string(impl_->options.port) + ": " + error.what());
  }
  impl_->running = true;
}

std::uint16_t HttpServer::port() const {
  return static_cast<std::uint16_t>(static_cast<std::uint16_t>(impl_->endpoint->getPort()));
}

bool HttpServer::drain_and_stop(std::chrono::milliseconds max_wait) {
  if (!impl_->running) return true;
  impl_->delayed_sender.flush();  // delayed answers go out now rather than being cut off
  const bool drained = impl_->tracker.drain(max_wait);
  impl_->endpoint->shutdown();
  impl_->running = false;
  return drained;
}

}  // namespace statuskit::mock
