#include "request_journal.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace statuskit::mock {

RequestJournal::RequestJournal(std::size_t capacity) : capacity_(capacity) {}

void RequestJournal::record(JournalEntry entry) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mutex_);
  entry.sequence = next_sequence_++;
  if (entries_.size() == capacity_) entries_.pop_front();
  entries_.push_back(std::move(entry));
}

std::vector<JournalEntry> RequestJournal::find(const JournalFilter& filter) const {
  std::vector<JournalEntry> found;
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) {
    if (!filter.session.empty() && entry.session != filter.session) continue;
    if (!filter.operation_id.empty() && entry.operation_id != filter.operation_id) continue;
    found.push_back(entry);
  }
  if (filter.limit > 0 && found.size() > filter.limit) {
    found.erase(found.begin(), found.end() - static_cast<std::ptrdiff_t>(filter.limit));
  }
  return found;
}

std::size_t RequestJournal::clear(const std::string& session) {
  std::lock_guard lock(mutex_);
  const auto before = entries_.size();
  if (session.empty()) {
    entries_.clear();
  } else {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                  [&](const JournalEntry& e) { return e.session == session; }),
                   entries_.end());
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
          {"status", entry.status},
          {"latencyMicros", entry.latency_us},
          {"session", entry.session},
          {"operationId", entry.operation_id},
          {"vendor", entry.vendor}};
}

}  // namespace statuskit::mock
