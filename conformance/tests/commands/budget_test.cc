// A server that accepts connections but never finishes an answer (issue 26 item 12): the run
// stops probing a vendor whose last requests all timed out, and --deadline-s bounds the whole
// run; both say so, and neither is a pass. Against the real mock with a latency fault.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "support/command_runner.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace {

using statuskit::testing::run_conformance;

const std::string kRoot = STATUSKIT_SOURCE_DIR;
const std::string kFolders = " --profile " + kRoot + "/fixtures/targets/mock.yaml" +
                             " --suites-dir " + kRoot + "/conformance/suites --specs-dir " + kRoot +
                             "/specs";

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

class BudgetTest : public ::testing::Test {
 protected:
  void delay_every_answer(int latency_ms) {
    server_ = std::make_unique<statuskit::testing::MockServerProcess>(
        STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
    statuskit::testing::HttpClient admin(server_->base_url());
    ASSERT_EQ(admin.send_json("POST", "/__admin/faults", {{"latencyMs", latency_ms}}).status, 201);
  }
  std::unique_ptr<statuskit::testing::MockServerProcess> server_;
};

TEST_F(BudgetTest, AVendorThatNeverAnswersIsNotProbedFurther) {
  delay_every_answer(60000);
  const auto result = run_conformance("run --target " + server_->base_url() + kFolders +
                                      " --suite pria --no-preflight --timeout-ms 200");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("scenarios of pria got no answer to any request ("),
            std::string::npos)
      << result.output;
  // At most a few scenarios paid the timeout; the rest were skipped at once.
  EXPECT_LE(occurrences(result.output, "FAIL  pria."), 3U) << result.output;
  EXPECT_GE(occurrences(result.output, "stopped probing it"), 10U) << result.output;
}

TEST_F(BudgetTest, ThePreflightStopsAServerThatNeverAnswersAtOnce) {
  delay_every_answer(60000);
  const auto result = run_conformance("generate --target " + server_->base_url() + kFolders +
                                      " --suite pria --seed 1 --timeout-ms 200");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("conformance: preflight: vendors.pria: getUserById as "
                               "roles.super_admin: got no answer: "),
            std::string::npos)
      << result.output;
}

TEST_F(BudgetTest, GenerationStopsProbingTooAndSaysWhy) {
  delay_every_answer(60000);
  const auto result =
      run_conformance("generate --target " + server_->base_url() + kFolders +
                      " --suite pria --seed 1 --no-preflight --timeout-ms 200 --quiet");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("stopped probing it"), std::string::npos) << result.output;
}

TEST_F(BudgetTest, TheDeadlineEndsASlowRunAndFailsIt) {
  delay_every_answer(300);  // every answer arrives, slowly: only the deadline ends the run
  const auto result = run_conformance("run --target " + server_->base_url() + kFolders +
                                      " --suite pria --no-preflight --deadline-s 1");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("not run: the run's deadline of 1 s (--deadline-s) had passed"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("conformance: not a pass: the run's deadline (--deadline-s) "
                               "passed before "),
            std::string::npos)
      << result.output;
}

}  // namespace
