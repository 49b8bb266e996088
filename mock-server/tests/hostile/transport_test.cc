// Hostile clients against the real mock-server binary, through its HTTP port: each test holds
// one defect the attack probes of issue 13 found in the transport (the item number is in the
// test's comment) and fails on the Pistache-parsed transport that had it.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "support/raw_connection.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

const std::string kDocSpaceWrite =
    "PUT /api/2.0/people/status/Terminated HTTP/1.1\r\nHost: mock\r\n"
    "Cookie: asc_auth_key=ASC-ADMIN-3a9e51c6d0\r\nContent-Type: application/json\r\n";
const std::string kDocSpaceBody = R"({"userIds":["11111111-1111-4111-8111-000000000006"]})";

std::string with_body(const std::string& head, const std::string& body) {
  return head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string health_request(const std::string& extra = "") {
  return "GET /__admin/health HTTP/1.1\r\nHost: mock\r\n" + extra + "\r\n";
}

class HostileTransportTest : public ::testing::Test {
 protected:
  void start(std::vector<std::string> extra = {}) {
    auto arguments = project_mock_arguments();
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    server_ = std::make_unique<MockServerProcess>(STATUSKIT_MOCK_SERVER_BIN, arguments);
  }
  void SetUp() override { start(); }
  /// The server still answers (it did not crash or wedge).
  void expect_alive() {
    try {
      HttpClient client(server_->base_url());
      EXPECT_EQ(client.get("/__admin/health").status, 200) << server_->output();
    } catch (const std::exception& error) {
      ADD_FAILURE() << error.what() << "\nserver output:\n" << server_->output();
    }
  }

  /// Gives every DocSpace user of `session` a first name of `name_bytes` copies of `fill`, so
  /// that the state read back through /__admin/state is large; returns the document stored.
  json store_large_docspace_state(const std::string& session, std::size_t name_bytes, char fill) {
    HttpClient client(server_->base_url());
    const std::string path = "/__admin/state?session=" + session + "&vendor=docspace";
    json document = client.get(path).json()["state"]["docspace"];
    EXPECT_TRUE(document.contains("users")) << document.dump().substr(0, 200);
    for (auto& user : document["users"]) {
      if (user.contains("firstName")) user["firstName"] = std::string(name_bytes, fill);
    }
    const auto put =
        client.request("PUT", path, {"Content-Type: application/json"}, document.dump());
    EXPECT_EQ(put.status, 200) << put.body.substr(0, 300);
    return document;
  }

  std::unique_ptr<MockServerProcess> server_;
};

// Item 1: a hang-up fault with latency, and a client that leaves before the delay ends, used to
// abort the process (ResponseWriter::peer() threw on the timer thread).
TEST_F(HostileTransportTest, AClientLeavingBeforeADelayedHangUpDoesNotCrashTheServer) {
  HttpClient admin(server_->base_url());
  ASSERT_EQ(admin
                .send_json("POST", "/__admin/faults",
                           {{"session", "leaving"}, {"dropConnection", true}, {"latencyMs", 200}})
                .status,
            201);
  // A witness whose answer is due well after every hang-up: when it arrives, the delayed
  // hang-ups of the clients that left have all been carried out.
  ASSERT_EQ(admin
                .send_json("POST", "/__admin/faults",
                           {{"session", "witness"}, {"status", 503}, {"latencyMs", 1500}})
                .status,
            201);
  for (int i = 0; i < 5; ++i) {
    RawConnection client(server_->port());
    client.send(with_body(kDocSpaceWrite + "X-Statuskit-Session: leaving\r\n", kDocSpaceBody));
    client.close();  // gone long before the 200 ms are up
  }
  RawConnection witness(server_->port());
  witness.send(with_body(kDocSpaceWrite + "X-Statuskit-Session: witness\r\n", kDocSpaceBody));
  EXPECT_EQ(witness.read_response().status, 503) << server_->output();
  expect_alive();
}

TEST_F(HostileTransportTest, DelayedAnswersAndHangUpsStillWork) {
  HttpClient admin(server_->base_url());
  ASSERT_EQ(admin
                .send_json("POST", "/__admin/faults",
                           {{"operationId", "docspace.updateUserStatus"},
                            {"status", 503},
                            {"latencyMs", 50},
                            {"count", 1}})
                .status,
            201);
  RawConnection client(server_->port());
  client.send(with_body(kDocSpaceWrite, kDocSpaceBody));
  EXPECT_EQ(client.read_response().status, 503);
  ASSERT_EQ(
      admin.send_json("POST", "/__admin/faults", {{"dropConnection", true}, {"count", 1}}).status,
      201);
  RawConnection dropped(server_->port());
  dropped.send(with_body(kDocSpaceWrite, kDocSpaceBody));
  EXPECT_EQ(dropped.read_until_closed(), "") << "a hang-up sends no status line";
}

// Item 6: two requests in one TCP segment got one answer; the second was dropped with its
// state change.
TEST_F(HostileTransportTest, PipelinedRequestsAreAllAnsweredInOrderAndTheirChangesKept) {
  const std::string rule = R"({"session":"pipelined","status":500,"count":1})";
  const std::string post = with_body(
      "POST /__admin/faults HTTP/1.1\r\nHost: mock\r\nContent-Type: application/json\r\n", rule);
  RawConnection client(server_->port());
  client.send(post + post + health_request());
  EXPECT_EQ(client.read_response().status, 201);
  EXPECT_EQ(client.read_response().status, 201);
  EXPECT_EQ(client.read_response().status, 200);
  HttpClient admin(server_->base_url());
  EXPECT_EQ(admin.get("/__admin/faults?session=pipelined").json()["faults"].size(), 2u);
}

TEST_F(HostileTransportTest, PipelinedRequestsWaitBehindADelayedAnswer) {
  HttpClient admin(server_->base_url());
  ASSERT_EQ(admin
                .send_json("POST", "/__admin/faults",
                           {{"operationId", "docspace.updateUserStatus"}, {"latencyMs", 100}, {"count", 1}})
                .status,
            201);
  RawConnection client(server_->port());
  client.send(with_body(kDocSpaceWrite, kDocSpaceBody) + health_request());
  EXPECT_EQ(client.read_response().status, 200) << "the delayed status change comes first";
  const auto health = client.read_response();
  EXPECT_EQ(health.status, 200);
  EXPECT_NE(health.body.find("\"status\":\"ready\""), std::string::npos);
}

// Item 9: huge header blocks were re-parsed on every read (quadratic) and stalled everyone.
TEST_F(HostileTransportTest, AnOversizedHeaderBlockIs431AndTheConnectionCloses) {
  RawConnection attacker(server_->port());
  attacker.send("GET /__admin/health HTTP/1.1\r\nHost: mock\r\nX-Big: ");
  attacker.try_send(std::string(3 * 1024 * 1024, 'a'));  // the server may stop reading early
  const auto answer = attacker.read_response();
  EXPECT_EQ(answer.status, 431);
  EXPECT_EQ(json::parse(answer.body)["error"], "request_header_fields_too_large");
  attacker.read_until_closed();
  expect_alive();
}

TEST_F(HostileTransportTest, AHeaderBlockUnderTheLimitIsServed) {
  RawConnection client(server_->port());
  client.send(health_request("X-Big: " + std::string(30 * 1024, 'a') + "\r\n"));
  EXPECT_EQ(client.read_response().status, 200);
}

TEST_F(HostileTransportTest, TheHeaderLimitIsAFlag) {
  start({"--max-header-bytes", "2048"});
  RawConnection client(server_->port());
  client.send(health_request("X-Big: " + std::string(3000, 'a') + "\r\n"));
  EXPECT_EQ(client.read_response().status, 431);
}

// Item 10: a client that sent a request and closed at once left the in-flight counter raised,
// so every later SIGTERM waited the whole drain timeout.
TEST_F(HostileTransportTest, ClientsThatHangUpAtOnceDoNotHoldShutdown) {
  start({"--drain-timeout-ms", "600000"});
  for (int i = 0; i < 20; ++i) {
    RawConnection client(server_->port());
    client.send(with_body(kDocSpaceWrite, kDocSpaceBody));
    client.close();
  }
  expect_alive();
  EXPECT_EQ(server_->stop(SIGTERM), 0);
  const auto output = server_->output();
  EXPECT_NE(output.find("\nstopped\n"), std::string::npos) << output;
  EXPECT_EQ(output.find("still in flight"), std::string::npos) << output;
}

// Item 11: no idle timeout; idle and slow connections held file descriptors forever.
TEST_F(HostileTransportTest, IdleConnectionsAreClosedAfterTheIdleTimeout) {
  start({"--idle-timeout-ms", "200"});
  RawConnection idle(server_->port());
  idle.send(health_request());
  EXPECT_EQ(idle.read_response().status, 200);
  EXPECT_EQ(idle.read_until_closed(10000), "") << "closed quietly once idle";
}

TEST_F(HostileTransportTest, ASlowRequestGets408AndIsClosed) {
  start({"--request-timeout-ms", "200"});
  RawConnection slow(server_->port());
  slow.send("GET /__admin/health HTTP/1.1\r\nHost: mock\r\nX-Slow: ");  // and never more
  const auto answer = slow.read_response();
  EXPECT_EQ(answer.status, 408);
  EXPECT_EQ(json::parse(answer.body)["error"], "request_timeout");
  slow.read_until_closed();
}

TEST_F(HostileTransportTest, AtTheConnectionLimitANewClientReplacesTheLongestIdle) {
  start({"--max-connections", "20"});
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 60; ++i) idle.push_back(std::make_unique<RawConnection>(server_->port()));
  HttpClient client(server_->base_url());
  EXPECT_EQ(client.get("/__admin/health").status, 200);
}

TEST_F(HostileTransportTest, RunningOutOfFileDescriptorsDoesNotLockClientsOut) {
  // 128 descriptors: the derived limit is 32 connections, far below what is opened here.
  server_ = std::make_unique<MockServerProcess>(
      STATUSKIT_MOCK_SERVER_BIN, project_mock_arguments(),
      std::vector<std::string>{"prlimit", "--nofile=128", "--"});
  EXPECT_NE(server_->output().find("at most 32 connections"), std::string::npos)
      << server_->output();
  // Each connection is served once, so it is surely accepted before the next one opens; all
  // of them then stay open and idle, ten times more than the limit allows.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(idle.back()->try_send(health_request()));
    ASSERT_EQ(idle.back()->read_response().status, 200) << "connection " << i;
  }
  HttpClient client(server_->base_url());
  EXPECT_EQ(client.get("/__admin/health").status, 200);
  RawConnection another(server_->port());
  another.send(health_request());
  EXPECT_EQ(another.read_response().status, 200);
}

// Item 12: "Connection: close" was announced but the socket stayed open.
TEST_F(HostileTransportTest, ConnectionCloseIsHonoured) {
  RawConnection client(server_->port());
  client.send(health_request("Connection: close\r\n"));
  const auto answer = client.read_response();
  EXPECT_EQ(answer.status, 200);
  ASSERT_NE(answer.header("connection"), nullptr);
  EXPECT_EQ(*answer.header("connection"), "close");
  EXPECT_EQ(client.read_until_closed(), "");
}

TEST_F(HostileTransportTest, Http10WithoutKeepAliveIsClosedAfterTheAnswer) {
  RawConnection client(server_->port());
  client.send("GET /__admin/health HTTP/1.0\r\n\r\n");
  EXPECT_EQ(client.read_response().status, 200);
  EXPECT_EQ(client.read_until_closed(), "");
}

// Item 15: lenient framing — duplicate, signed or overflowing Content-Length, a malformed
// version, a header line without a colon — must be refused before it reaches the pipeline.
struct FramingCase {
  const char* name;
  std::string wire;
  int status;
};

class HostileFramingTest : public HostileTransportTest,
                           public ::testing::WithParamInterface<FramingCase> {};

TEST_P(HostileFramingTest, IsRefusedWithAJsonErrorAndTheConnectionCloses) {
  RawConnection client(server_->port());
  client.send(GetParam().wire);
  const auto answer = client.read_response();
  EXPECT_EQ(answer.status, GetParam().status) << answer.body;
  const auto body = json::parse(answer.body);
  EXPECT_TRUE(body.contains("error")) << answer.body;
  EXPECT_FALSE(body.value("message", "").empty()) << answer.body;
  client.read_until_closed();
  expect_alive();
}

INSTANTIATE_TEST_SUITE_P(
    Framing, HostileFramingTest,
    ::testing::Values(
        FramingCase{"duplicate_length",
                    kDocSpaceWrite + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 400},
        FramingCase{"plus_length", kDocSpaceWrite + "Content-Length: +21\r\n\r\n{}", 400},
        FramingCase{"negative_length", kDocSpaceWrite + "Content-Length: -1\r\n\r\n", 400},
        FramingCase{"http_1", "GET /__admin/health HTTP/1\r\nHost: mock\r\n\r\n", 400},
        FramingCase{"no_colon", "GET /__admin/health HTTP/1.1\r\nX-Broken\r\nHost: mock\r\n\r\n",
                    400},
        FramingCase{"chunked_and_length",
                    kDocSpaceWrite + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
                    400},
        FramingCase{"unknown_coding", kDocSpaceWrite + "Transfer-Encoding: gzip\r\n\r\n", 501}),
    [](const auto& test_case) { return std::string(test_case.param.name); });

TEST_F(HostileTransportTest, ATwentyDigitLengthIsTheVendors413) {
  RawConnection client(server_->port());
  client.send(kDocSpaceWrite + "Content-Length: 99999999999999999999\r\n\r\n");
  const auto answer = client.read_response();
  EXPECT_EQ(answer.status, 413) << answer.body;
  EXPECT_EQ(json::parse(answer.body)["statusCode"], 413) << "DocSpace's own envelope";
  client.read_until_closed();
}

TEST_F(HostileTransportTest, ABodyFarOverTheLimitIsRefusedWithoutReadingIt) {
  RawConnection client(server_->port());
  client.send(kDocSpaceWrite + "Content-Length: 100000000\r\n\r\n");  // 100 MB announced, none sent
  const auto answer = client.read_response();
  EXPECT_EQ(answer.status, 413) << answer.body;
  client.read_until_closed();
  expect_alive();
  // The journal tells what was announced, not the nothing that was read.
  HttpClient admin(server_->base_url());
  const auto entry = admin.get("/__admin/requests?limit=1").json()["requests"].at(0);
  EXPECT_EQ(entry["status"], 413);
  EXPECT_EQ(entry["bodySize"], 100000000);
  EXPECT_EQ(entry["bodyTruncated"], true);
}

TEST_F(HostileTransportTest, ChunkedBodiesAreAccepted) {
  RawConnection client(server_->port());
  const std::string half = kDocSpaceBody.substr(0, 10);
  const std::string rest = kDocSpaceBody.substr(10);
  auto hex = [](std::size_t n) {
    char text[32];
    std::snprintf(text, sizeof text, "%zx", n);
    return std::string(text);
  };
  client.send(kDocSpaceWrite + "Transfer-Encoding: chunked\r\n\r\n" + hex(half.size()) + "\r\n" +
              half + "\r\n" + hex(rest.size()) + "\r\n" + rest + "\r\n0\r\n\r\n");
  const auto answer = client.read_response();
  EXPECT_EQ(answer.status, 200) << answer.body;
}

TEST_F(HostileTransportTest, ExpectContinueGetsA100BeforeTheBody) {
  RawConnection client(server_->port());
  client.send(kDocSpaceWrite + "Expect: 100-continue\r\nContent-Length: " +
              std::to_string(kDocSpaceBody.size()) + "\r\n\r\n");
  EXPECT_EQ(client.read_response().status, 100);
  client.send(kDocSpaceBody);
  EXPECT_EQ(client.read_response().status, 200);
}

// Item 4 (transport half): answers over Pistache's 16 MiB response buffer were never sent and
// the client hung without a status.
TEST_F(HostileTransportTest, AnswersLargerThan16MiBAreSent) {
  start({"--max-body", std::to_string(64 * 1024 * 1024)});
  // Long first names make the stored state, and so its read-back, about 20 MiB.
  store_large_docspace_state("big", 1200 * 1024, 'n');
  ASSERT_FALSE(HasFailure());
  HttpClient client(server_->base_url());
  const auto read_back = client.get("/__admin/state?session=big&vendor=docspace");
  EXPECT_EQ(read_back.status, 200);
  EXPECT_GT(read_back.body.size(), 16u * 1024 * 1024);
}

// Answers go straight to the socket while nothing of the connection is queued, and only what
// the socket does not take is queued in Pistache: answers larger than the socket buffers must
// arrive whole, with the pipelined answers after them whole and in order, whichever way each
// was written.
TEST_F(HostileTransportTest, PipelinedAnswersLargerThanTheSocketBuffersArriveWholeAndInOrder) {
  start({"--max-body", std::to_string(64 * 1024 * 1024)});
  const json document = store_large_docspace_state("wide", 400 * 1024, 'w');
  ASSERT_FALSE(HasFailure());
  const std::string big =
      "GET /__admin/state?session=wide&vendor=docspace HTTP/1.1\r\nHost: m\r\n\r\n";
  RawConnection raw(server_->port());
  raw.send(big + health_request() + big + health_request());
  for (int round = 0; round < 2; ++round) {
    const auto state = raw.read_response(60000);
    ASSERT_EQ(state.status, 200) << state.body.substr(0, 200);
    EXPECT_GT(state.body.size(), 4u * 1024 * 1024);
    EXPECT_EQ(json::parse(state.body)["state"]["docspace"], document);
    const auto health = raw.read_response();
    ASSERT_EQ(health.status, 200);
    EXPECT_TRUE(json::parse(health.body).contains("status")) << health.body;
  }
}

// The idle timeout judges the client, not the mock: a client still taking a large answer through
// a small receive window, for much longer than the idle timeout (300 ms), is not idle, though the
// answer's last bytes left the mock for the kernel's buffers long before.
TEST_F(HostileTransportTest, AClientSlowlyReadingALargeAnswerIsNotCutAsIdle) {
  start({"--max-body", std::to_string(64 * 1024 * 1024), "--idle-timeout-ms", "300"});
  const json document = store_large_docspace_state("slow", 12 * 1024, 's');
  ASSERT_FALSE(HasFailure());
  RawConnection raw(server_->port());
  // A receive buffer this small, set after the handshake, keeps the transfer to a trickle.
  const int small = 4096;
  ASSERT_EQ(::setsockopt(raw.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small), 0);
  const auto started = std::chrono::steady_clock::now();
  raw.send("GET /__admin/state?session=slow&vendor=docspace HTTP/1.1\r\nHost: m\r\n\r\n");
  const auto state = raw.read_response(60000);
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(json::parse(state.body)["state"]["docspace"], document);
  // Only meaningful if the reading outlasted the idle timeout.
  EXPECT_GT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
  // Not hung up while it read (the bytes in the kernel's buffers would still arrive after a
  // hang-up, but an orphaned socket at a zero window is dropped within minutes): the same
  // connection serves the next request.
  ASSERT_TRUE(raw.try_send(health_request()));
  EXPECT_EQ(raw.read_response().status, 200);
}

// Item 16: ?session= values were not percent-decoded, so sessions whose names need escaping
// could not be addressed.
TEST_F(HostileTransportTest, QueryValuesArePercentDecoded) {
  HttpClient client(server_->base_url());
  ASSERT_EQ(client.send_json("POST", "/__admin/faults", {{"session", "team:a@b"}, {"status", 500}})
                .status,
            201);
  const auto faults = client.get("/__admin/faults?session=team%3Aa%40b").json()["faults"];
  EXPECT_EQ(faults.size(), 1u) << faults.dump();
}

TEST_F(HostileTransportTest, NothingThrownOnAConnectionEndsTheProcess) {
  // A burst of everything above at once, then the server must still be there.
  for (int i = 0; i < 20; ++i) {
    RawConnection client(server_->port());
    client.try_send(i % 2 ? "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"
                          : "GET / HTTP/1.1\r\n\r\n");
  }
  expect_alive();
}

}  // namespace
}  // namespace statuskit::testing
