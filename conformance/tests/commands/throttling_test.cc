// A staging server that throttles (issue 29 item 4): a 429 with Retry-After is the server asking
// to be called later, not a conformance result. Against the real mock with a fault rule that
// throttles a share of every request, through the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/command_runner.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace {

using nlohmann::json;
using statuskit::testing::run_conformance;

const std::string kRoot = STATUSKIT_SOURCE_DIR;
const std::string kArguments = " --profile " + kRoot + "/fixtures/targets/mock.yaml" +
                               " --suites-dir " + kRoot + "/conformance/suites --specs-dir " +
                               kRoot + "/specs --suite pria --quiet";

class ThrottlingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<statuskit::testing::MockServerProcess>(
        STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
    statuskit::testing::HttpClient admin(server_->base_url());
    // Every session, every operation: one request in ten is throttled for a second.
    const auto rule = admin.send_json(
        "POST", "/__admin/faults",
        {{"status", 429}, {"probability", 0.1}, {"seed", 7}, {"headers", {{"Retry-After", "1"}}}});
    ASSERT_EQ(rule.status, 201) << rule.body;
  }
  std::unique_ptr<statuskit::testing::MockServerProcess> server_;
};

TEST_F(ThrottlingTest, ThrottledAnswersAreWaitedOutAndReportedApart) {
  const std::string report = ::testing::TempDir() + "/statuskit-throttled.json";
  const auto result = run_conformance("run --target " + server_->base_url() + kArguments +
                                      " --report json:" + report);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("Throttled: the target answered "), std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("undocumented status 429"), std::string::npos) << result.output;
  std::ifstream in(report);
  const json document = json::parse(in);
  EXPECT_GT(document["throttling"]["answers"].get<long>(), 0) << document["throttling"].dump();
  EXPECT_GE(document["throttling"]["waitedMs"].get<double>(),
            1000.0 * document["throttling"]["answers"].get<double>());
  EXPECT_EQ(document["throttling"]["gaveUp"], 0);
}

TEST_F(ThrottlingTest, PastMaxWaitTheThrottledAnswerIsJudged) {
  const auto result =
      run_conformance("run --target " + server_->base_url() + kArguments + " --max-wait-ms 0");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("429"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("still throttled after --max-wait-ms"), std::string::npos)
      << result.output;
}

}  // namespace
