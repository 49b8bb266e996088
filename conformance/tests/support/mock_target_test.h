#pragma once
// A test fixture for runner tests that fire scenarios at the real mock over loopback: one mock
// per test suite (started once, it takes a while), faults and state cleared after each test.

#include <gtest/gtest.h>

#include <string>

#include "scenarios/runner.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace statuskit::conformance {

inline const std::string kSourceRoot = STATUSKIT_SOURCE_DIR;

class MockTargetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new statuskit::testing::MockServerProcess(
        STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void TearDown() override {
    statuskit::testing::HttpClient admin(server_->base_url());
    admin.request("DELETE", "/__admin/faults");
    admin.request("POST", "/__admin/reset");
  }

  /// Run options against the mock with the project's mock profile and specs, no suites yet.
  static RunOptions mock_options() {
    RunOptions run;
    run.target = server_->base_url();
    run.profile = TargetProfile::load_file(kSourceRoot + "/fixtures/targets/mock.yaml");
    run.profile_path = "fixtures/targets/mock.yaml";
    run.specs_dir = kSourceRoot + "/specs";
    return run;
  }

  static inline statuskit::testing::MockServerProcess* server_ = nullptr;
};

}  // namespace statuskit::conformance
