#pragma once
// The per-reactor connection handler of the transport: frames requests with HttpRequestParser,
// answers them through MockPipeline in order, and owns every connection's lifetime (keep-alive,
// Connection: close, idle and request timeouts, the connection limit, injected latency).

#include <cstddef>
#include <memory>

#include "transport/delay_timers.h"
#include "transport/http_request_parser.h"
#include "transport/http_server.h"
#include "transport/in_flight_tracker.h"

namespace Pistache::Http {
class Handler;
}

namespace statuskit::mock {

class MockPipeline;

/// What every reactor thread's handler shares. Outlives the handlers (owned by HttpServer).
struct TransportContext {
  const MockPipeline* pipeline = nullptr;
  HttpServerOptions options;
  HttpLimits limits;
  std::size_t max_connections = 0;
  InFlightTracker tracker;
  DelayTimers delay_timers;
};

/// The prototype Pistache clones once per reactor thread.
std::shared_ptr<Pistache::Http::Handler> make_connection_handler(TransportContext& context);

}  // namespace statuskit::mock
