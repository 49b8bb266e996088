#include "control/request_journal.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace statuskit::mock {
namespace {

/// Cuts `text` to `limit` bytes and says so at its end, with the size it had. Returns whether it
/// cut. (A cut may split a UTF-8 sequence; the JSON dump replaces what is left of it.)
bool cut(std::string& text, std::size_t limit) {
  if (text.size() <= limit) return false;
  const std::size_t full_size = text.size();
  text.resize(limit);
  text.shrink_to_fit();  // the point is to release the memory, not only to hide it
  text += "...[truncated, " + std::to_string(full_size) + " bytes]";
  return true;
}

/// Gives back what `text` holds beyond its characters, when that is more than a little.
void release_spare_capacity(std::string& text) {
  constexpr std::size_t kSlack = 64;
  if (text.capacity() > text.size() + kSlack) text.shrink_to_fit();
}

/// Keeps at most kJournalMaxFields entries of `fields` and `max_total` bytes of names and values,
/// each name and value cut to its own limit first. Returns how many entries were left out; sets
/// `truncated` when anything was cut or left out.
std::size_t bound_fields(std::map<std::string, std::string>& fields, std::size_t max_total,
                         bool& truncated) {
  std::map<std::string, std::string> kept;
  std::size_t total = 0;
  std::size_t omitted = 0;
  for (auto& [name, value] : fields) {
    std::string bounded_name = name;
    truncated = cut(bounded_name, kJournalNameLimit) || truncated;
    truncated = cut(value, kJournalValueLimit) || truncated;
    const std::size_t size = bounded_name.size() + value.size();
    if (kept.size() == kJournalMaxFields || total + size > max_total) {
      ++omitted;
      continue;
    }
    total += size;
    // Two names cut to the same prefix keep the first: the marker already says a name was cut.
    kept.emplace(std::move(bounded_name), std::move(value));
  }
  truncated = truncated || omitted > 0;
  fields = std::move(kept);
  return omitted;
}

/// What a std::string, a map node or an entry costs beyond its characters (allocation headers,
/// node links, the fixed fields): an allowance, so small requests count for what they hold.
constexpr std::size_t kStringOverhead = 32;
constexpr std::size_t kFieldOverhead = 64 + 2 * kStringOverhead;
constexpr std::size_t kEntryOverhead = 512;

}  // namespace

std::size_t journal_entry_bytes(const JournalEntry& entry) {
  std::size_t bytes = kEntryOverhead + entry.timestamp.size() + entry.method.size() +
                      entry.path.size() + entry.body.size() + entry.session.size() +
                      entry.operation_id.size() + entry.vendor.size();
  for (const auto* fields : {&entry.query, &entry.headers}) {
    for (const auto& [name, value] : *fields) bytes += kFieldOverhead + name.size() + value.size();
  }
  return bytes;
}

RequestJournal::RequestJournal(std::size_t capacity, std::size_t max_bytes)
    : capacity_(capacity), max_bytes_(max_bytes) {}

void RequestJournal::record(JournalEntry entry) {
  if (capacity_ == 0) return;
  // Bounded before taking the lock: the work is the request's, not every request's.
  bool truncated = false;
  truncated = cut(entry.method, kJournalNameLimit) || truncated;
  truncated = cut(entry.path, kJournalPathLimit) || truncated;
  truncated = cut(entry.session, kJournalNameLimit) || truncated;
  entry.query_omitted = bound_fields(entry.query, kJournalQueryLimit, truncated);
  entry.headers_omitted = bound_fields(entry.headers, kJournalHeadersLimit, truncated);
  entry.truncated = truncated;
  if (entry.body.size() > kJournalBodyLimit) {
    entry.body_size = std::max(entry.body_size, entry.body.size());
    entry.body.resize(kJournalBodyLimit);
  }
  // The journal counts characters; what it holds must be no more. A string emptied or cut
  // upstream keeps its capacity (an oversized chunked body cleared by the transport kept up to
  // --max-body per entry while the journal counted none of it).
  for (auto* text : {&entry.body, &entry.method, &entry.path, &entry.session}) {
    release_spare_capacity(*text);
  }
  const std::size_t entry_bytes = journal_entry_bytes(entry);
  auto stored = std::make_shared<JournalEntry>(std::move(entry));
  std::shared_ptr<const JournalEntry> dropped_last;  // freed after the lock, not under it
  std::lock_guard lock(mutex_);
  stored->sequence = next_sequence_++;
  // The newest entry is always kept, even alone over the budget: a journal that shows nothing
  // of the request just made would be no use.
  while (!entries_.empty() && (entries_.size() == capacity_ || bytes_ + entry_bytes > max_bytes_)) {
    bytes_ -= journal_entry_bytes(*entries_.front());
    dropped_last = std::move(entries_.front());
    entries_.pop_front();
  }
  bytes_ += entry_bytes;
  entries_.push_back(std::move(stored));
}

std::size_t RequestJournal::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

JournalPage RequestJournal::find(const JournalFilter& filter) const {
  JournalPage page;
  std::lock_guard lock(mutex_);
  auto end = entries_.end();
  if (filter.before != 0) {
    end = std::lower_bound(
        entries_.begin(), entries_.end(), filter.before,
        [](const auto& entry, std::uint64_t sequence) { return entry->sequence < sequence; });
  }
  for (auto it = std::make_reverse_iterator(end); it != entries_.rend(); ++it) {
    const JournalEntry& entry = **it;
    if (!filter.session.empty() && entry.session != filter.session) continue;
    if (!filter.operation_id.empty() && entry.operation_id != filter.operation_id) continue;
    if (!filter.vendor.empty() && entry.vendor != filter.vendor) continue;
    if (page.entries.size() == filter.limit) {
      page.has_more = true;
      break;
    }
    page.entries.push_back(*it);
  }
  std::reverse(page.entries.begin(), page.entries.end());
  return page;
}

std::size_t RequestJournal::clear(const std::string& session) {
  std::lock_guard lock(mutex_);
  const auto before = entries_.size();
  if (session.empty()) {
    entries_.clear();
    bytes_ = 0;
  } else {
    std::erase_if(entries_, [&](const auto& entry) {
      if (entry->session != session) return false;
      bytes_ -= journal_entry_bytes(*entry);
      return true;
    });
  }
  return before - entries_.size();
}

std::uint64_t RequestJournal::total_recorded() const {
  std::lock_guard lock(mutex_);
  return next_sequence_ - 1;
}

nlohmann::json to_json(const JournalEntry& entry) {
  return {{"sequence", entry.sequence},
          {"timestamp", entry.timestamp},
          {"method", entry.method},
          {"path", entry.path},
          {"query", entry.query},
          {"headers", entry.headers},
          // Cut bodies may end inside a UTF-8 sequence: replace rather than fail the dump.
          {"body", entry.body},
          {"bodySize", entry.body_size},
          {"bodyTruncated", entry.body_size > entry.body.size()},
          {"truncated", entry.truncated},
          {"queryOmitted", entry.query_omitted},
          {"headersOmitted", entry.headers_omitted},
          {"status", entry.status},
          {"latencyMicros", entry.latency_us},
          {"session", entry.session},
          {"operationId", entry.operation_id},
          {"vendor", entry.vendor}};
}

std::string page_body(const JournalPage& page, std::size_t capacity) {
  // Each entry is serialised once, newest first, and measured as it will be sent: escaping can
  // make an entry several times its stored size.
  std::vector<std::string> newest_first;
  std::size_t bytes = 0;
  bool has_more = page.has_more;
  for (auto it = page.entries.rbegin(); it != page.entries.rend(); ++it) {
    std::string entry =
        to_json(**it).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!newest_first.empty() && bytes + entry.size() > kJournalPageBytes) {
      has_more = true;
      break;
    }
    bytes += entry.size();
    newest_first.push_back(std::move(entry));
  }
  nlohmann::json head{
      {"capacity", capacity}, {"count", newest_first.size()}, {"hasMore", has_more}};
  if (has_more && !newest_first.empty()) {
    // The oldest entry sent: the next page holds the ones before it.
    head["nextBefore"] = page.entries[page.entries.size() - newest_first.size()]->sequence;
  }
  std::string body = head.dump();
  body.pop_back();  // the closing brace: "requests" follows
  body.reserve(body.size() + bytes + newest_first.size() + 16);
  body += R"(,"requests":[)";
  for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it) {
    if (it != newest_first.rbegin()) body += ',';
    body += *it;
  }
  body += "]}";
  return body;
}

}  // namespace statuskit::mock
