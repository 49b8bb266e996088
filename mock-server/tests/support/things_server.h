#pragma once
// The test vendor "things" (things_module.h) served by the real pipeline and HTTP transport on
// 127.0.0.1 with an ephemeral port, plus a client for it: what the control-plane and fault tests
// drive.

#include <memory>
#include <string>

#include "mock_pipeline.h"
#include "support/http_client.h"
#include "transport/http_server.h"

namespace statuskit::testing {

struct ServedThings {
  std::unique_ptr<mock::MockPipeline> pipeline;
  std::unique_ptr<mock::HttpServer> server;  ///< uses the pipeline: must stop first
  std::unique_ptr<HttpClient> client;

  ServedThings() = default;
  ServedThings(ServedThings&&) = default;
  /// Stops what this holds (client, server, then pipeline) before taking `other`'s: the
  /// default member-wise move would free the pipeline under a running server.
  ServedThings& operator=(ServedThings&& other) noexcept;
  ~ServedThings() { stop(); }

  void stop();
  std::string base_url() const;
};

/// Loads tests/data with the things module and starts serving it; `threads` workers.
ServedThings serve_things(const mock::PipelineOptions& options, int threads = 2);

}  // namespace statuskit::testing
