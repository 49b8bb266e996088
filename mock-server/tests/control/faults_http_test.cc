// Fault injection over real HTTP with the test vendor "things": forced statuses in the
// vendor's error format, hang-ups, and latency that never blocks a worker thread.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>

#include "mock_pipeline.h"
#include "support/http_client.h"
#include "support/things_server.h"
#include "transport/http_server.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;

class FaultsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PipelineOptions options;
    options.strict = true;
    // One worker: a blocked worker would stall every other request.
    served_ = testing::serve_things(options, 1);
  }
  std::string base_url() const { return served_.base_url(); }

  HttpResult add_fault(const json& rule) {
    return served_.client->send_json("POST", "/__admin/faults", rule);
  }

  testing::ServedThings served_;
};

TEST_F(FaultsHttpTest, ForcedStatusUsesTheVendorsErrorFormatAndExpiresAfterCount) {
  auto added =
      add_fault({{"session", "s1"}, {"operationId", "getThing"}, {"status", 429}, {"count", 2}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["id"], "fault-1");
  for (int i = 0; i < 2; ++i) {
    auto limited = served_.client->get("/things-api/things/a", {"X-Statuskit-Session: s1"});
    ASSERT_EQ(limited.status, 429) << limited.body;
    EXPECT_EQ(limited.json()["problem"], "fault injected by statuskit (fault-1)");
    ASSERT_NE(limited.header("retry-after"), nullptr);
    EXPECT_EQ(*limited.header("retry-after"), "1");
  }
  EXPECT_EQ(served_.client->get("/things-api/things/a", {"X-Statuskit-Session: s1"}).status, 200);
  EXPECT_TRUE(served_.client->get("/__admin/faults").json()["faults"].empty());
}

TEST_F(FaultsHttpTest, ARuleOnlyTouchesItsSessionAndOperation) {
  ASSERT_EQ(add_fault({{"session", "s1"},
                       {"operationId", "getThing"},
                       {"status", 500},
                       {"message", "boom"},
                       {"headers", {{"X-Custom", "yes"}}}})
                .status,
            201);
  auto hit = served_.client->get("/things-api/things/a", {"X-Statuskit-Session: s1"});
  EXPECT_EQ(hit.status, 500);
  EXPECT_EQ(hit.json()["problem"], "boom");
  ASSERT_NE(hit.header("x-custom"), nullptr);
  EXPECT_EQ(served_.client->get("/things-api/things/a", {"X-Statuskit-Session: s2"}).status, 200);
  EXPECT_EQ(
      served_.client
          ->send_json("PUT", "/things-api/things/a", {{"value", 3}}, {"X-Statuskit-Session: s1"})
          .status,
      200);
  const auto listed = served_.client->get("/__admin/faults?session=s1").json()["faults"];
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["triggered"], 1);
}

TEST_F(FaultsHttpTest, DropConnectionAnswersNothing) {
  ASSERT_EQ(add_fault({{"session", "s1"}, {"dropConnection", true}, {"count", 1}}).status, 201);
  HttpClient victim(base_url());
  EXPECT_THROW(victim.get("/things-api/things/a", {"X-Statuskit-Session: s1"}), std::runtime_error);
  // The server carries on, and the rule has expired.
  EXPECT_EQ(HttpClient(base_url()).get("/things-api/things/a", {"X-Statuskit-Session: s1"}).status,
            200);
}

TEST_F(FaultsHttpTest, LatencyDelaysTheAnswerByAtLeastTheRequestedTime) {
  ASSERT_EQ(add_fault({{"session", "slow"}, {"latencyMs", 150}}).status, 201);
  const auto started = std::chrono::steady_clock::now();
  auto result = served_.client->get("/things-api/things/a", {"X-Statuskit-Session: slow"});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.json()["value"], 1);  // the real answer, only later
  EXPECT_GE(elapsed, std::chrono::milliseconds(150));
}

TEST_F(FaultsHttpTest, LatencyNeverBlocksTheWorkerAndShutdownSendsDelayedAnswers) {
  // Ten minutes: if the single worker slept, the second request below would hang until the
  // test timed out. The drain at the end sends the delayed answer early.
  ASSERT_EQ(add_fault({{"session", "slow"}, {"latencyMs", 600000}}).status, 201);
  auto delayed = std::async(std::launch::async, [url = base_url()] {
    return HttpClient(url).get("/things-api/things/a", {"X-Statuskit-Session: slow"}).status;
  });
  // Wait until the delayed request has been handled (it is in the journal), without sleeping.
  for (;;) {
    const auto journal = served_.client->get("/__admin/requests?session=slow").json();
    if (journal["count"] == 1) break;
  }
  EXPECT_EQ(served_.client->get("/things-api/things/b").status, 200);
  EXPECT_NE(delayed.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_TRUE(served_.server->drain_and_stop(std::chrono::seconds(30)));
  EXPECT_EQ(delayed.get(), 200);
}

TEST_F(FaultsHttpTest, InvalidRulesAre400AndResetClearsRules) {
  auto bad = add_fault({{"status", 200}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["message"], "/status: expected an error status from 400 to 599");
  auto unknown = add_fault({{"operationId", "nope"}, {"status", 500}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["message"], "/operationId: no served operation is called 'nope'");
  ASSERT_EQ(add_fault({{"session", "s1"}, {"status", 500}}).status, 201);
  ASSERT_EQ(served_.client->request("POST", "/__admin/reset?session=s1").status, 200);
  EXPECT_EQ(served_.client->get("/things-api/things/a", {"X-Statuskit-Session: s1"}).status, 200);
  ASSERT_EQ(add_fault({{"status", 500}}).status, 201);
  auto removed = served_.client->request("DELETE", "/__admin/faults");
  EXPECT_EQ(removed.json()["removed"], 1);
}

// Issue 26 item 3: rules were unbounded (1,000 rules of 512 KiB messages took 515 MiB, and
// their listing then outgrew the transport's answer limit and answered 500).
TEST_F(FaultsHttpTest, RulesAreBoundedInSizeAndNumberAndTheListingStillAnswers) {
  const auto long_message = add_fault({{"status", 500}, {"message", std::string(4097, 'm')}});
  EXPECT_EQ(long_message.status, 400) << long_message.body;
  EXPECT_NE(long_message.body.find("/message: 4097 bytes, at most 4096 are allowed"),
            std::string::npos)
      << long_message.body;
  json headers = json::object();
  for (int i = 0; i < 17; ++i) headers["X-H" + std::to_string(i)] = "v";
  const auto many_headers = add_fault({{"status", 500}, {"headers", headers}});
  EXPECT_EQ(many_headers.status, 400) << many_headers.body;
  EXPECT_NE(many_headers.body.find("/headers: 17 headers, at most 16"), std::string::npos)
      << many_headers.body;
  const auto long_value =
      add_fault({{"status", 500}, {"headers", {{"X-Big", std::string(4097, 'v')}}}});
  EXPECT_EQ(long_value.status, 400) << long_value.body;

  // The largest rules allowed, as many as are kept: the listing still answers all of them.
  headers = json::object();
  for (int i = 0; i < 16; ++i) headers["X-H" + std::to_string(i)] = std::string(4096, 'v');
  const json largest = {{"session", "full"},
                        {"status", 500},
                        {"message", std::string(4096, 'm')},
                        {"headers", headers}};
  for (int i = 0; i < 256; ++i) ASSERT_EQ(add_fault(largest).status, 201) << i;
  const auto one_too_many = add_fault(largest);
  EXPECT_EQ(one_too_many.status, 400) << one_too_many.body;
  EXPECT_NE(one_too_many.body.find("256 fault rules are kept already"), std::string::npos)
      << one_too_many.body;
  const auto listing = served_.client->get("/__admin/faults");
  ASSERT_EQ(listing.status, 200) << listing.body.substr(0, 300);
  EXPECT_EQ(listing.json()["faults"].size(), 256U);
  // Removing rules makes room again.
  ASSERT_EQ(served_.client->request("DELETE", "/__admin/faults?session=full").status, 200);
  EXPECT_EQ(add_fault({{"status", 503}}).status, 201);
}

}  // namespace
}  // namespace statuskit::mock
