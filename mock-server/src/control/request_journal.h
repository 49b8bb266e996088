#pragma once
// A bounded journal of the requests the mock received: a ring buffer of entries that are each
// bounded too, so memory stays flat no matter how long the mock runs or what clients send
// (WireMock's unbounded journal is a known way to run out of it).

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace statuskit::mock {

// What one entry keeps at most. With them an entry holds about 91 KiB at worst (64 KiB body,
// 2 KiB path, 8 KiB query, 16 KiB headers, small fields and markers). A cut string ends with a
// marker naming its full size (see RequestJournal::record); parameters and headers beyond a
// count or total are left out and counted. The journal as a whole keeps at most --journal-size
// entries and --journal-bytes of them, whichever is reached first (oldest dropped first), so a
// long run of large requests cannot grow the mock past a known size.

/// Bodies are kept up to this size (a 500-id bulk request is ~15 KB).
inline constexpr std::size_t kJournalBodyLimit = 64 * 1024;
/// The path, percent-encoded as received.
inline constexpr std::size_t kJournalPathLimit = 2 * 1024;
/// The method, the session, and each query parameter's and header's name.
inline constexpr std::size_t kJournalNameLimit = 256;
/// Each query parameter's and header's value (room for a JWT or a cookie).
inline constexpr std::size_t kJournalValueLimit = 4 * 1024;
/// All query parameters together (names and values).
inline constexpr std::size_t kJournalQueryLimit = 8 * 1024;
/// All headers together (names and values).
inline constexpr std::size_t kJournalHeadersLimit = 16 * 1024;
/// Query parameters kept, and headers kept.
inline constexpr std::size_t kJournalMaxFields = 100;
/// What the journal may hold in all (--journal-bytes): 10,000 bulk requests of a few ids fit,
/// a run of 500-id requests keeps the newest ~2,000 of them.
inline constexpr std::size_t kJournalBytesDefault = 32 * 1024 * 1024;

// GET /__admin/requests answers one page of the newest matching entries.

/// Entries per page when the caller names no `limit`.
inline constexpr std::size_t kJournalPageDefault = 100;
/// The largest `limit` a caller may ask for.
inline constexpr std::size_t kJournalPageMax = 1000;
/// A page stops growing past this many bytes of JSON (at least one entry is always sent): a
/// body of 64 KiB of control bytes takes 384 KiB once escaped, so counts alone do not bound it.
inline constexpr std::size_t kJournalPageBytes = 8 * 1024 * 1024;

struct JournalEntry {
  std::uint64_t sequence = 0;  ///< increases by one per recorded request, never reused
  std::string timestamp;       ///< RFC 3339 UTC, when the request arrived
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;
  std::string body;           ///< the first kJournalBodyLimit bytes
  std::size_t body_size = 0;  ///< the body's full size
  int status = 0;
  std::int64_t latency_us = 0;
  std::string session;
  std::string operation_id;  ///< "" when no operation matched
  std::string vendor;        ///< "" when no operation matched
  /// Set by RequestJournal::record: something besides the body was cut or left out.
  bool truncated = false;
  std::size_t query_omitted = 0;    ///< query parameters left out (count or total reached)
  std::size_t headers_omitted = 0;  ///< headers left out (count or total reached)
};

struct JournalFilter {
  std::string session;       ///< "" = any
  std::string operation_id;  ///< "" = any
  std::string vendor;        ///< "" = any
  std::uint64_t before = 0;  ///< only entries with a lower sequence; 0 = from the newest
  std::size_t limit = kJournalPageDefault;  ///< the newest `limit` matching entries
};

/// One page of matching entries, oldest first.
struct JournalPage {
  std::vector<std::shared_ptr<const JournalEntry>> entries;
  bool has_more = false;  ///< older matching entries exist (ask with before = the oldest here)
};

/// The bytes an entry holds in memory, as the journal counts them against --journal-bytes:
/// its strings plus a fixed allowance per entry and per field for the containers around them.
std::size_t journal_entry_bytes(const JournalEntry& entry);

class RequestJournal {
 public:
  /// At most `capacity` entries and `max_bytes` of them (journal_entry_bytes); oldest dropped
  /// first. A capacity of 0 turns the journal off.
  explicit RequestJournal(std::size_t capacity, std::size_t max_bytes = kJournalBytesDefault);
  /// Stores the entry within the bounds above: strings over their limit are cut and end with
  /// "...[truncated, N bytes]"; query parameters and headers beyond a count or total are left
  /// out (query_omitted, headers_omitted). `truncated` says whether any of that happened.
  void record(JournalEntry entry);
  std::size_t capacity() const { return capacity_; }
  std::size_t max_bytes() const { return max_bytes_; }
  /// What the kept entries hold now (journal_entry_bytes summed).
  std::size_t bytes() const;
  /// Entries are shared, not copied: a page of large entries costs no copy of their bodies.
  JournalPage find(const JournalFilter& filter) const;
  /// Removes everything (or one session's entries); returns how many were removed.
  std::size_t clear(const std::string& session);
  std::uint64_t total_recorded() const;

 private:
  std::size_t capacity_;
  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::size_t bytes_ = 0;  ///< journal_entry_bytes of every kept entry
  std::deque<std::shared_ptr<const JournalEntry>> entries_;  ///< ascending sequence
  std::uint64_t next_sequence_ = 1;
};

nlohmann::json to_json(const JournalEntry& entry);
/// The JSON text of GET /__admin/requests: {"capacity", "count", "hasMore"[, "nextBefore"],
/// "requests":[...oldest first]}, holding the page's newest entries up to kJournalPageBytes (at
/// least one). When older matching entries remain, "nextBefore" is the `before` that asks for
/// them. Built as text so that each entry is serialised only once.
std::string page_body(const JournalPage& page, std::size_t capacity);

}  // namespace statuskit::mock
