#include "transport/http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <sys/resource.h>

#include <algorithm>
#include <stdexcept>

#include "mock_pipeline.h"
#include "transport/http_connection_handler.h"

namespace statuskit::mock {
namespace {

/// Descriptors kept free of connections: the listener, epoll and event descriptors of each
/// reactor, the state file and its temporary, standard streams.
constexpr std::size_t kReservedDescriptors = 64;

/// Each connection may hold a second descriptor (the timer of a delayed answer).
std::size_t connections_the_descriptor_limit_allows() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 10000;
  const auto descriptors = static_cast<std::size_t>(limit.rlim_cur);
  if (descriptors <= kReservedDescriptors + 2) return 1;
  return std::min<std::size_t>((descriptors - kReservedDescriptors) / 2, 100000);
}

}  // namespace

struct HttpServer::Impl {
  TransportContext context;
  std::unique_ptr<Pistache::Http::Endpoint> endpoint;
  bool running = false;
};

HttpServer::HttpServer(const MockPipeline& pipeline, HttpServerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->context.pipeline = &pipeline;
  impl_->context.limits.max_body_bytes = options.max_body_bytes;
  impl_->context.limits.max_header_bytes = options.max_header_bytes;
  impl_->context.options = std::move(options);
}

HttpServer::~HttpServer() {
  if (impl_->running) drain_and_stop(std::chrono::milliseconds(5000));
}

void HttpServer::start() {
  auto& context = impl_->context;
  context.max_connections = context.options.max_connections != 0
                                ? context.options.max_connections
                                : connections_the_descriptor_limit_allows();
  const Pistache::Address address(context.options.host, Pistache::Port(context.options.port));
  impl_->endpoint = std::make_unique<Pistache::Http::Endpoint>(address);
  // Pistache's own idle checker judges connections by its HTTP parser, which is not used here
  // (it would close every connection a fixed time after it opened): turn it off by making its
  // timeouts unreachable. The connection handler enforces the real ones.
  constexpr auto kNever = std::chrono::hours(24 * 365 * 100);
  auto endpoint_options = Pistache::Http::Endpoint::options()
                              .threads(std::max(1, context.options.threads))
                              .flags(Pistache::Tcp::Options::ReuseAddr)
                              .headerTimeout(kNever)
                              .bodyTimeout(kNever)
                              .keepaliveTimeout(kNever);
  try {
    impl_->endpoint->init(endpoint_options);
    impl_->endpoint->setHandler(make_connection_handler(context));
    impl_->endpoint->serveThreaded();
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot listen on " + context.options.host + ":" +
                             std::to_string(context.options.port) + ": " + error.what());
  }
  impl_->running = true;
}

std::uint16_t HttpServer::port() const {
  return static_cast<std::uint16_t>(impl_->endpoint->getPort());
}

std::size_t HttpServer::max_connections() const { return impl_->context.max_connections; }

bool HttpServer::drain_and_stop(std::chrono::milliseconds max_wait) {
  if (!impl_->running) return true;
  impl_->context.delay_timers.fire_all();  // delayed answers go out now rather than cut off
  const bool drained = impl_->context.tracker.drain(max_wait);
  impl_->endpoint->shutdown();
  impl_->running = false;
  return drained;
}

}  // namespace statuskit::mock
