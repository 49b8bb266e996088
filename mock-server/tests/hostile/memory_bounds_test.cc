// Hostile clients, second round (issue 26): memory that a client without credentials could make
// the mock keep. Each test drives the real binary through its port and bounds its resident memory
// (/proc/<pid>/status), never its speed. Under AddressSanitizer the mock runs with a small
// quarantine, so memory it freed is not counted as memory it kept.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "support/raw_connection.h"

namespace statuskit::testing {
namespace {

/// A field of /proc/<pid>/status ("VmRSS", "VmHWM"), in KiB.
long status_kib(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  ADD_FAILURE() << "no " << field << " in /proc/" << pid << "/status";
  return -1;
}

/// `env ASAN_OPTIONS=...`: the caller's options plus a quarantine of a few MiB, so that freed
/// memory leaves the process as it would without the sanitizer.
std::vector<std::string> small_quarantine() {
  const char* inherited = std::getenv("ASAN_OPTIONS");
  std::string options = inherited != nullptr ? std::string(inherited) + ":" : "";
  options += "quarantine_size_mb=4:thread_local_quarantine_size_kb=256";
  return {"env", "ASAN_OPTIONS=" + options};
}

class MemoryBoundsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<MockServerProcess>(STATUSKIT_MOCK_SERVER_BIN,
                                                  project_mock_arguments(), small_quarantine());
  }
  long resident_kib() const { return status_kib(server_->pid(), "VmRSS"); }
  long peak_kib() const { return status_kib(server_->pid(), "VmHWM"); }
  void expect_alive() {
    HttpClient client(server_->base_url());
    EXPECT_EQ(client.get("/__admin/health").status, 200) << server_->output();
  }

  std::unique_ptr<MockServerProcess> server_;
};

// Item 1: a chunked body cut off as oversized was emptied but not released, and the journal kept
// the empty string with its 1 MiB of capacity while counting none of it: 300 requests, +300 MiB.
TEST_F(MemoryBoundsTest, OversizedChunkedBodiesLeaveNothingBehind) {
  const long before = resident_kib();
  const std::string chunk(1024 * 1024 - 1, 'x');
  const std::string request =
      "POST /nope HTTP/1.1\r\nHost: mock\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\n\r\nfffff\r\n" +
      chunk + "\r\n10\r\n";
  for (int i = 0; i < 300; ++i) {
    RawConnection connection(server_->port());
    connection.send(request);
    const auto answer = connection.read_response();
    ASSERT_EQ(answer.status, 404) << i << ": " << answer.body;  // no such path, body or not
  }
  expect_alive();
  const long grown = resident_kib() - before;
  EXPECT_LT(grown, 64 * 1024) << "KiB kept after 300 oversized chunked bodies";
}

// Item 2: unread pipelined answers were bounded by count (16), not by size: 8 clients pipelining
// 40 journal pages of 8 MB each and never reading made the mock hold over 750 MiB of answers.
TEST_F(MemoryBoundsTest, UnreadPipelinedAnswersAreBoundedBySize) {
  HttpClient client(server_->base_url());
  const std::string body = R"({"ids":")" + std::string(60'000, 'x') + R"("})";
  for (int i = 0; i < 140; ++i) {
    // No credentials: a quick 401, journaled with its 60 KB body like any request.
    ASSERT_EQ(client
                  .request("PUT", "/api/admin/users/bulk-status",
                           {"Content-Type: application/json"}, body)
                  .status,
              401);
  }
  const auto page = client.get("/__admin/requests?limit=1000");
  ASSERT_EQ(page.status, 200);
  ASSERT_GT(page.body.size(), 8U * 1000U * 1000U) << "each unread answer is a large page";
  const long before = resident_kib();

  std::string pipelined;
  for (int i = 0; i < 40; ++i) {
    pipelined += "GET /__admin/requests?limit=1000 HTTP/1.1\r\nHost: mock\r\n\r\n";
  }
  std::vector<std::unique_ptr<RawConnection>> readers_who_never_read;
  for (int i = 0; i < 8; ++i) {
    readers_who_never_read.push_back(std::make_unique<RawConnection>(server_->port()));
    readers_who_never_read.back()->send(pipelined);
  }
  // Health answered on a fresh connection after the pipelined bytes were sent: the mock has read
  // them, and served what it was going to serve without a reader.
  for (int i = 0; i < 3; ++i) expect_alive();
  // One answer per client may wait (8 x 8 MB) beside the kernel's socket buffers; 8 x 40 may not.
  EXPECT_LT(peak_kib() - before, 256 * 1024) << "KiB of unread answers held";

  readers_who_never_read.clear();
  expect_alive();
  EXPECT_LT(resident_kib() - before, 96 * 1024) << "KiB still held after the clients hung up";
}

}  // namespace
}  // namespace statuskit::testing
