#include "support/things_server.h"

#include "support/things_module.h"

namespace statuskit::testing {

ServedThings& ServedThings::operator=(ServedThings&& other) noexcept {
  stop();
  pipeline = std::move(other.pipeline);
  server = std::move(other.server);
  client = std::move(other.client);
  return *this;
}

void ServedThings::stop() {
  client.reset();
  server.reset();
  pipeline.reset();
}

std::string ServedThings::base_url() const {
  return "http://127.0.0.1:" + std::to_string(server->port());
}

ServedThings serve_things(const mock::PipelineOptions& options, int threads) {
  std::vector<std::unique_ptr<mock::VendorModule>> modules;
  modules.push_back(make_things_module());
  const std::string data = std::string(STATUSKIT_SOURCE_DIR) + "/mock-server/tests/data";
  ServedThings served;
  served.pipeline = mock::MockPipeline::load(std::move(modules), data, data, options);
  mock::HttpServerOptions http;
  http.port = 0;
  http.threads = threads;
  http.log_requests = false;
  served.server = std::make_unique<mock::HttpServer>(*served.pipeline, http);
  served.server->start();
  served.client = std::make_unique<HttpClient>(served.base_url());
  return served;
}

}  // namespace statuskit::testing
