#pragma once
// One vendor served over real HTTP on 127.0.0.1 (ephemeral port) by the real pipeline in strict
// mode, with the project's specs and fixtures: a response that strays from the spec comes back
// as a 500 and fails the test. Each test works in its own session.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "mock_pipeline.h"
#include "support/http_client.h"
#include "transport/http_server.h"

namespace statuskit::testing {

class VendorHttpTest : public ::testing::Test {
 protected:
  static constexpr std::size_t kMaxBody = 64 * 1024;

  void serve(std::unique_ptr<mock::VendorModule> module) {
    std::vector<std::unique_ptr<mock::VendorModule>> modules;
    modules.push_back(std::move(module));
    mock::PipelineOptions options;
    options.strict = true;
    options.max_body_bytes = kMaxBody;
    pipeline_ =
        mock::MockPipeline::load(std::move(modules), std::string(STATUSKIT_SOURCE_DIR) + "/specs",
                                 std::string(STATUSKIT_SOURCE_DIR) + "/fixtures", options);
    mock::HttpServerOptions http;
    http.port = 0;
    http.threads = 2;
    http.max_body_bytes = kMaxBody;
    http.log_requests = false;
    server_ = std::make_unique<mock::HttpServer>(*pipeline_, http);
    server_->start();
    client_ = std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(server_->port()));
  }

  /// The test's own session header.
  static std::string session() {
    return std::string("X-Statuskit-Session: ") +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }
  /// `headers` plus the session header.
  static std::vector<std::string> with_session(std::vector<std::string> headers) {
    headers.push_back(session());
    return headers;
  }

  std::unique_ptr<mock::MockPipeline> pipeline_;
  std::unique_ptr<mock::HttpServer> server_;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace statuskit::testing
