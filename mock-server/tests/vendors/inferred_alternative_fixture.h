#pragma once
// The real mock-server binary started with `--inferred alternative --strict` on 127.0.0.1 (an
// ephemeral port), once per test suite, with the project's specs and fixtures. Each test works
// in its own session. Strict mode still holds every answer to the spec's documented responses,
// so an alternative that strayed from one would come back as a 500 and fail the test.

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "statuskit/openapi/document_loader.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace statuskit::testing {

class InferredAlternativeTest : public ::testing::Test {
 protected:
  /// Small, so a 413 needs no megabyte of test data.
  static constexpr std::size_t kMaxBody = 64 * 1024;

  static void SetUpTestSuite() {
    auto arguments = project_mock_arguments();
    for (const char* argument : {"--inferred", "alternative", "--quiet", "--max-body", "65536"}) {
      arguments.emplace_back(argument);
    }
    server_ = std::make_unique<MockServerProcess>(STATUSKIT_MOCK_SERVER_BIN, arguments);
  }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override { client_ = std::make_unique<HttpClient>(server_->base_url()); }

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
  /// fixtures/<file>, for credentials.
  static nlohmann::json fixture(const std::string& file) {
    return openapi::load_document_file(std::string(STATUSKIT_SOURCE_DIR) + "/fixtures/" + file);
  }
  /// The `jwt` of the fixture token called `name` (Pria and D3lay fixtures).
  static std::string fixture_token(const nlohmann::json& document, const std::string& name) {
    for (const auto& entry : document.at("tokens")) {
      if (entry.at("name") == name) return entry.at("jwt").get<std::string>();
    }
    ADD_FAILURE() << "no token " << name;
    return {};
  }

  static inline std::unique_ptr<MockServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace statuskit::testing
