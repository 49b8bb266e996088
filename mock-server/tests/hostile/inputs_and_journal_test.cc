// Hostile inputs against the real mock-server binary, through its HTTP port: deep JSON, bodies
// with half a million problems, a journal too large to send, oversized journal fields and fault
// rules that would write their own header lines. Each test holds one defect the attack probes
// of issue 13 found (the item number is in the test's comment) and fails on the code that had it.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

/// The fixture's institution admin A (fixtures/pria.yaml, docs/vendors/pria.md).
const std::string kPriaAdminToken =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpZCI6IjY1ZjAwMDAwMDAwMDAwMDAwMDAwMDAwMiIsImlhdCI6MTc2Nz"
    "IyNTYwMCwiZXhwIjo0MTAyNDQ0ODAwfQ.nXtv9RCpwIKjBH4YHMjeHzq7QNTTCkaZs2IzlGnSeO4";

const std::vector<std::string> kJson{"Content-Type: application/json"};

/// One vendor's status-changing operation and where its error format keeps the message.
struct VendorWrite {
  std::string vendor;
  std::string method;
  std::string path;
  /// The message of a 400 in the vendor's own error format; fails the test if the body is not
  /// in that format.
  std::function<std::string(const json&)> message_of;
};

std::string string_at(const json& body, const json::json_pointer& pointer) {
  if (!body.contains(pointer) || !body.at(pointer).is_string()) {
    ADD_FAILURE() << "no string at " << pointer.to_string() << " in " << body.dump();
    return "";
  }
  return body.at(pointer).get<std::string>();
}

const std::vector<VendorWrite>& vendor_writes() {
  static const std::vector<VendorWrite> writes = {
      {"pria", "PUT", "/api/admin/users/bulk-status",
       [](const json& body) {
         EXPECT_EQ(body.at("success"), false) << body.dump();
         return string_at(body, "/message"_json_pointer);
       }},
      {"rocketchat", "POST", "/api/v1/users.setActiveStatus",
       [](const json& body) {
         EXPECT_EQ(body.at("success"), false) << body.dump();
         return string_at(body, "/error"_json_pointer);
       }},
      {"symphony", "POST", "/pod/v1/admin/user/13056700580005/status/update",
       [](const json& body) {
         EXPECT_EQ(body.at("code"), 400) << body.dump();
         return string_at(body, "/message"_json_pointer);
       }},
      {"d3lay", "PATCH", "/users/ben@d3lay.test",
       [](const json& body) {
         EXPECT_EQ(body.at("error"), "invalid_request") << body.dump();
         return string_at(body, "/message"_json_pointer);
       }},
      {"docspace", "PUT", "/api/2.0/people/status/Terminated",
       [](const json& body) {
         EXPECT_EQ(body.at("statusCode"), 400) << body.dump();
         EXPECT_EQ(body.at("error").at("type"), "System.ArgumentException") << body.dump();
         return string_at(body, "/error/message"_json_pointer);
       }},
  };
  return writes;
}

/// Peak resident memory of a process, from /proc/<pid>/status (VmHWM), in KiB.
long peak_resident_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  ADD_FAILURE() << "no VmHWM in /proc/" << pid << "/status";
  return -1;
}

class HostileInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ =
        std::make_unique<MockServerProcess>(STATUSKIT_MOCK_SERVER_BIN, project_mock_arguments());
    client_ = std::make_unique<HttpClient>(server_->base_url());
  }
  /// The server still answers (it did not crash or wedge).
  void expect_alive() {
    HttpClient fresh(server_->base_url());
    EXPECT_EQ(fresh.get("/__admin/health").status, 200) << server_->output();
  }

  std::unique_ptr<MockServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

// Item 2: a 40,000-deep `[[[…]]]` (80 KB, no credentials) made the strict JSON parser keep one
// pointer string per level: 1.56 GiB for one request, before any authentication.
TEST_F(HostileInputsTest, DeeplyNestedBodiesAreAVendor400BeforeAuthenticationAndCostNoMemory) {
  const std::string deep = std::string(40'000, '[') + std::string(40'000, ']');
  for (const auto& write : vendor_writes()) {
    const auto answer = client_->request(write.method, write.path, kJson, deep);
    ASSERT_EQ(answer.status, 400) << write.vendor << ": " << answer.body.substr(0, 300);
    const std::string message = write.message_of(answer.json());
    EXPECT_NE(message.find("JSON nested deeper than 512 levels at byte 513"), std::string::npos)
        << write.vendor << ": " << message;
  }
  const auto state = client_->request("PUT", "/__admin/state?vendor=pria", kJson, deep);
  EXPECT_EQ(state.status, 400) << state.body.substr(0, 300);
  EXPECT_NE(state.body.find("JSON nested deeper than 512 levels"), std::string::npos)
      << state.body.substr(0, 300);
  expect_alive();
  // A bound on memory, not on time: specs, fixtures and six 80 KB bodies fit well below it.
  EXPECT_LT(peak_resident_kib(server_->pid()), 200 * 1024);
}

// Item 4: a Pria body of 500,000 wrong ids (1 MB, under --max-body) produced a 400 listing
// every one of them: over 16 MiB, an answer the transport never sent.
TEST_F(HostileInputsTest, HalfAMillionWrongIdsMakeAShortPria400ThatNamesTheCap) {
  std::string ids;
  ids.reserve(1'000'000);
  for (int i = 0; i < 500'000; ++i) ids += i == 0 ? "1" : ",1";
  const std::string body = R"({"ids":[)" + ids + R"(],"status":"active"})";
  ASSERT_LT(body.size(), 1024U * 1024U) << "the mock's default --max-body";
  const auto answer = client_->request(
      "PUT", "/api/admin/users/bulk-status",
      {"Content-Type: application/json", "x-access-token: " + kPriaAdminToken}, body);
  ASSERT_EQ(answer.status, 400) << answer.body.substr(0, 300);
  EXPECT_LT(answer.body.size(), 16U * 1024U) << answer.body.substr(0, 300);
  const std::string message = answer.json().at("message").get<std::string>();
  EXPECT_EQ(
      message.rfind("/ids: 500000 items, maximum is 500; /ids/0: expected string, got number", 0),
      0U)
      << message.substr(0, 300);
  const std::string tail = "; ... and 499901 more problems";
  ASSERT_GE(message.size(), tail.size());
  EXPECT_EQ(message.substr(message.size() - tail.size()), tail);
  expect_alive();
}

// Item 4: the journal answered every retained entry at once; 300 requests with 60 KB bodies
// made GET /__admin/requests an 18 MB answer that was never sent.
TEST_F(HostileInputsTest, TheJournalAnswersPagesOfTheNewestRequests) {
  const std::string body = R"({"ids":")" + std::string(60'000, 'x') + R"("})";
  for (int i = 0; i < 300; ++i) {
    // No credentials: a quick 401, journaled like any request.
    ASSERT_EQ(client_->request("PUT", "/api/admin/users/bulk-status", kJson, body).status, 401);
  }
  const auto first = client_->get("/__admin/requests");
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 300);
  const auto page = first.json();
  ASSERT_EQ(page.at("count"), 100) << "the default page";
  ASSERT_EQ(page.at("requests").size(), 100U);
  EXPECT_EQ(page.at("requests")[0].at("sequence"), 201) << "the newest, oldest first";
  EXPECT_EQ(page.at("requests")[99].at("sequence"), 300);
  EXPECT_EQ(page.at("hasMore"), true);
  EXPECT_EQ(page.at("nextBefore"), 201);

  // Paging back with nextBefore reaches every entry exactly once.
  std::set<long> seen;
  json current = page;
  for (int pages = 0; pages < 10; ++pages) {
    for (const auto& entry : current.at("requests")) seen.insert(entry.at("sequence").get<long>());
    if (!current.at("hasMore").get<bool>()) break;
    const auto next = client_->get("/__admin/requests?before=" + current.at("nextBefore").dump());
    ASSERT_EQ(next.status, 200) << next.body.substr(0, 300);
    current = next.json();
  }
  EXPECT_EQ(seen.size(), 300U);
  EXPECT_EQ(*seen.begin(), 1);
  EXPECT_EQ(current.count("nextBefore"), 0U);

  // The largest page still stops at its byte budget (300 x 60 KB would be 18 MB).
  const auto largest = client_->get("/__admin/requests?limit=1000");
  ASSERT_EQ(largest.status, 200);
  EXPECT_LE(largest.body.size(), 8U * 1024U * 1024U + 4096U);
  EXPECT_LT(largest.json().at("count").get<int>(), 300);
  EXPECT_EQ(largest.json().at("hasMore"), true);

  for (const char* bad : {"limit=0", "limit=1001", "limit=x", "before=0", "before=-1"}) {
    const auto refused = client_->get(std::string("/__admin/requests?") + bad);
    EXPECT_EQ(refused.status, 400) << bad << ": " << refused.body;
  }
}

// Item 5: the journal cut bodies but kept paths, query values and headers whole (200 requests
// with a 1 MiB header added 205 MiB). The header here stays under the transport's header limit.
TEST_F(HostileInputsTest, JournalEntriesKeepOnlyTheFirstBytesOfLongFields) {
  const std::string id(2'500, 'a');
  const std::string pad(6'000, 'q');
  const std::string big(20'000, 'h');
  const auto answer =
      client_->get("/api/admin/user/" + id + "?pad=" + pad + "&small=1", {"X-Big: " + big});
  ASSERT_EQ(answer.status, 401) << answer.body.substr(0, 300);
  const auto journal = client_->get("/__admin/requests?limit=1");
  ASSERT_EQ(journal.status, 200);
  const auto entry = journal.json().at("requests").at(0);
  const std::string path = "/api/admin/user/" + id;
  EXPECT_EQ(entry.at("path"),
            path.substr(0, 2048) + "...[truncated, " + std::to_string(path.size()) + " bytes]");
  EXPECT_EQ(entry.at("query").at("pad"), pad.substr(0, 4096) + "...[truncated, 6000 bytes]");
  EXPECT_EQ(entry.at("query").at("small"), "1");
  EXPECT_EQ(entry.at("headers").at("x-big"), big.substr(0, 4096) + "...[truncated, 20000 bytes]");
  EXPECT_EQ(entry.at("truncated"), true);
  EXPECT_EQ(entry.at("headersOmitted"), 0);
}

// Item 14: fault-rule headers reached the wire unchecked: CR/LF split the answer, and a
// Content-Length could be sent twice.
TEST_F(HostileInputsTest, FaultRulesWithHeadersThatCouldBreakTheAnswerAreRefusedAndNotStored) {
  const std::vector<std::pair<json, std::string>> refused = {
      {{{"X-Evil", "1\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK"}},
       "/headers/X-Evil: byte 0x0D at offset 1 is not allowed in a header value"},
      {{{"X-Evil", "a\nb"}}, "/headers/X-Evil: byte 0x0A at offset 1 "},
      {{{"Content-Length", "0"}},
       "/headers/Content-Length: the transport sets Content-Length; a fault rule cannot"},
      {{{"transfer-encoding", "chunked"}}, "/headers/transfer-encoding: the transport sets "},
      {{{"Connection", "close"}}, "/headers/Connection: the transport sets "},
      {{{"Bad Name", "1"}}, "/headers/Bad Name: \"Bad Name\" is not a header name"},
      {{{"X\r\nInjected", "1"}}, "/headers/X\r\nInjected: \"X\\r\\nInjected\" is not a header"},
  };
  for (const auto& [headers, expected] : refused) {
    const auto answer = client_->send_json("POST", "/__admin/faults",
                                           {{"status", 503}, {"headers", headers}, {"count", 1}});
    EXPECT_EQ(answer.status, 400) << headers.dump() << " -> " << answer.body;
    if (answer.status != 400) continue;
    EXPECT_EQ(answer.json().at("error"), "invalid_fault");
    EXPECT_EQ(answer.json().at("message").get<std::string>().rfind(expected, 0), 0U)
        << answer.json().at("message");
  }
  const auto stored = client_->get("/__admin/faults");
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.json().at("faults"), json::array()) << "no refused rule was stored";

  // A well-formed header still goes out as one header line of the forced answer.
  ASSERT_EQ(client_
                ->send_json("POST", "/__admin/faults",
                            {{"status", 503}, {"headers", {{"X-RateLimit-Reset", "60"}}}})
                .status,
            201);
  const auto forced = client_->request("PUT", "/api/admin/users/bulk-status", kJson, "{}");
  EXPECT_EQ(forced.status, 503);
  ASSERT_NE(forced.header("x-ratelimit-reset"), nullptr);
  EXPECT_EQ(*forced.header("x-ratelimit-reset"), "60");
  expect_alive();
}

}  // namespace
}  // namespace statuskit::testing
