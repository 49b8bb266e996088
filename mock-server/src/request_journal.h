#pragma once
// A bounded journal of the requests the mock received: a ring buffer, so memory stays flat no
// matter how long the mock runs (WireMock's unbounded journal is a known way to run out of it).

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace statuskit::mock {

/// Bodies are kept up to this size (a 500-id bulk request is ~15 KB): with the ring buffer it
/// bounds the journal's memory at capacity x 64 KiB even when clients send megabyte bodies.
inline constexpr std::size_t kJournalBodyLimit = 64 * 1024;

struct JournalEntry {
  std::uint64_t sequence = 0;  ///< increases by one per recorded request, never reused
  std::string timestamp;       ///< RFC 3339 UTC, when the request arrived
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;
  std::string body;             ///< the first kJournalBodyLimit bytes
  std::size_t body_size = 0;    ///< the body's full size
  int status = 0;
  std::int64_t latency_us = 0;
  std::string session;
  std::string operation_id;  ///< "" when no operation matched
  std::string vendor;        ///< "" when no operation matched
};

struct JournalFilter {
  std::string session;       ///< "" = any
  std::string operation_id;  ///< "" = any
  std::size_t limit = 0;     ///< 0 = all retained; otherwise the newest `limit`
};

class RequestJournal {
 public:
  explicit RequestJournal(std::size_t capacity);
  void record(JournalEntry entry);
  /// Oldest first.
  std::vector<JournalEntry> find(const JournalFilter& filter) const;
  /// Removes everything (or one session's entries); returns how many were removed.
  std::size_t clear(const std::string& session);
  std::size_t capacity() const { return capacity_; }
  std::uint64_t total_recorded() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<JournalEntry> entries_;
  std::uint64_t next_sequence_ = 1;
};

nlohmann::json to_json(const JournalEntry& entry);

}  // namespace statuskit::mock
