// The journal's bounds, checked on RequestJournal itself: whatever the transport lets through,
// one entry cannot hold more than the limits in request_journal.h.
#include "control/request_journal.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::mock {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;

std::string marker(std::size_t full_size) {
  return "...[truncated, " + std::to_string(full_size) + " bytes]";
}

/// Bytes an entry holds in its strings (what grows with what clients send).
std::size_t held_bytes(const JournalEntry& entry) {
  std::size_t bytes = entry.method.size() + entry.path.size() + entry.body.size() +
                      entry.session.size() + entry.timestamp.size() + entry.operation_id.size() +
                      entry.vendor.size();
  for (const auto& [name, value] : entry.query) bytes += name.size() + value.size();
  for (const auto& [name, value] : entry.headers) bytes += name.size() + value.size();
  return bytes;
}

/// The worst an entry may hold: every limit reached, plus the markers.
constexpr std::size_t kEntryBound = kJournalBodyLimit + kJournalPathLimit + kJournalQueryLimit +
                                    kJournalHeadersLimit + 4 * kJournalNameLimit + 64 +
                                    2 * kJournalMaxFields * 2 * 40;

std::shared_ptr<const JournalEntry> only_entry(const RequestJournal& journal) {
  const auto page = journal.find({});
  EXPECT_EQ(page.entries.size(), 1U);
  return page.entries.empty() ? std::make_shared<JournalEntry>() : page.entries.front();
}

TEST(RequestJournal, AnEntryWithinTheLimitsIsKeptAsIsAndNotMarked) {
  RequestJournal journal(10);
  JournalEntry entry;
  entry.method = "PUT";
  entry.path = "/api/admin/users/bulk-status";
  entry.query = {{"a", "1"}};
  entry.headers = {{"content-type", "application/json"}, {"x-access-token", std::string(900, 't')}};
  entry.body = R"({"ids":["a"],"status":"active"})";
  entry.body_size = entry.body.size();
  entry.session = "s1";
  journal.record(entry);
  const auto kept = only_entry(journal);
  EXPECT_EQ(kept->path, entry.path);
  EXPECT_EQ(kept->query, entry.query);
  EXPECT_EQ(kept->headers, entry.headers);
  EXPECT_EQ(kept->body, entry.body);
  EXPECT_FALSE(kept->truncated);
  EXPECT_EQ(kept->query_omitted, 0U);
  EXPECT_EQ(kept->headers_omitted, 0U);
  const auto json = to_json(*kept);
  EXPECT_EQ(json["truncated"], false);
  EXPECT_EQ(json["bodyTruncated"], false);
}

TEST(RequestJournal, EveryStringIsCutAtItsLimitAndSaysItsFullSize) {
  RequestJournal journal(10);
  JournalEntry entry;
  entry.method = std::string(kMiB, 'M');
  entry.path = "/" + std::string(kMiB - 1, 'p');
  entry.session = std::string(kMiB, 's');
  entry.query = {{std::string(kMiB, 'n'), "1"}, {"q", std::string(kMiB, 'v')}};
  entry.headers = {{"x-big", std::string(kMiB, 'h')}, {std::string(kMiB, 'x'), "1"}};
  entry.body = std::string(kMiB, 'b');
  entry.body_size = kMiB;
  journal.record(entry);
  const auto kept = only_entry(journal);
  EXPECT_EQ(kept->method, std::string(kJournalNameLimit, 'M') + marker(kMiB));
  EXPECT_EQ(kept->path, "/" + std::string(kJournalPathLimit - 1, 'p') + marker(kMiB));
  EXPECT_EQ(kept->session, std::string(kJournalNameLimit, 's') + marker(kMiB));
  EXPECT_EQ(kept->query.at("q"), std::string(kJournalValueLimit, 'v') + marker(kMiB));
  EXPECT_EQ(kept->query.count(std::string(kJournalNameLimit, 'n') + marker(kMiB)), 1U);
  EXPECT_EQ(kept->headers.at("x-big"), std::string(kJournalValueLimit, 'h') + marker(kMiB));
  EXPECT_EQ(kept->headers.count(std::string(kJournalNameLimit, 'x') + marker(kMiB)), 1U);
  EXPECT_EQ(kept->body, std::string(kJournalBodyLimit, 'b'));
  EXPECT_EQ(kept->body_size, kMiB);
  EXPECT_TRUE(kept->truncated);
  EXPECT_LE(held_bytes(*kept), kEntryBound);
}

TEST(RequestJournal, FieldsBeyondTheCountOrTheTotalAreLeftOutAndCounted) {
  RequestJournal journal(10);
  JournalEntry many;
  for (std::size_t i = 0; i < 3 * kJournalMaxFields; ++i) {
    many.headers["h" + std::to_string(1000 + i)] = "1";
    many.query["q" + std::to_string(1000 + i)] = "1";
  }
  journal.record(many);
  JournalEntry large;
  for (int i = 0; i < 10; ++i) {
    // Each header is at its value limit: four of them would pass the 16 KiB total.
    large.headers["h" + std::to_string(i)] = std::string(kJournalValueLimit, 'v');
    large.query["q" + std::to_string(i)] = std::string(kJournalValueLimit, 'v');
  }
  journal.record(large);
  const auto page = journal.find({});
  ASSERT_EQ(page.entries.size(), 2U);
  const JournalEntry& first = *page.entries[0];
  EXPECT_EQ(first.headers.size(), kJournalMaxFields);
  EXPECT_EQ(first.headers_omitted, 2 * kJournalMaxFields);
  EXPECT_EQ(first.query.size(), kJournalMaxFields);
  EXPECT_EQ(first.query_omitted, 2 * kJournalMaxFields);
  EXPECT_TRUE(first.truncated);
  const JournalEntry& second = *page.entries[1];
  EXPECT_EQ(second.headers.size(), 3U);
  EXPECT_EQ(second.headers_omitted, 7U);
  EXPECT_EQ(second.query.size(), 1U);
  EXPECT_EQ(second.query_omitted, 9U);
  const auto json = to_json(second);
  EXPECT_EQ(json["truncated"], true);
  EXPECT_EQ(json["headersOmitted"], 7);
  EXPECT_EQ(json["queryOmitted"], 9);
}

TEST(RequestJournal, TwoHundredMegabyteHeadersKeepTheJournalSmall) {
  // The probe that found the defect: 200 requests, each with a 1 MiB header, added 205 MiB.
  RequestJournal journal(10000);
  JournalEntry entry;
  entry.path = "/p";
  entry.headers = {{"x-big", std::string(kMiB, 'h')}};
  for (int i = 0; i < 200; ++i) journal.record(entry);
  JournalFilter all;
  all.limit = kJournalPageMax;
  std::size_t bytes = 0;
  for (const auto& kept : journal.find(all).entries) bytes += held_bytes(*kept);
  EXPECT_LE(bytes, 200 * (kJournalValueLimit + 64));
}

TEST(RequestJournal, PagesGoFromTheNewestBackwardsWithBefore) {
  RequestJournal journal(1000);
  for (int i = 1; i <= 250; ++i) {
    JournalEntry entry;
    entry.session = i % 2 == 0 ? "even" : "odd";
    journal.record(entry);
  }
  const auto newest = journal.find({});
  ASSERT_EQ(newest.entries.size(), kJournalPageDefault);
  EXPECT_EQ(newest.entries.front()->sequence, 151U) << "oldest first within the page";
  EXPECT_EQ(newest.entries.back()->sequence, 250U);
  EXPECT_TRUE(newest.has_more);
  JournalFilter older;
  older.before = 151;
  const auto middle = journal.find(older);
  ASSERT_EQ(middle.entries.size(), kJournalPageDefault);
  EXPECT_EQ(middle.entries.front()->sequence, 51U);
  EXPECT_TRUE(middle.has_more);
  older.before = 51;
  const auto oldest = journal.find(older);
  ASSERT_EQ(oldest.entries.size(), 50U);
  EXPECT_EQ(oldest.entries.front()->sequence, 1U);
  EXPECT_FALSE(oldest.has_more);
  JournalFilter even;
  even.session = "even";
  even.limit = 10;
  even.before = 101;
  const auto filtered = journal.find(even);
  ASSERT_EQ(filtered.entries.size(), 10U);
  EXPECT_EQ(filtered.entries.front()->sequence, 82U);
  EXPECT_EQ(filtered.entries.back()->sequence, 100U);
  EXPECT_TRUE(filtered.has_more);
}

TEST(RequestJournal, APageStopsAtItsByteBudgetAndSaysWhereToGoOn) {
  RequestJournal journal(1000);
  JournalEntry entry;
  // Control bytes take six bytes each once escaped: 64 KiB of them is 384 KiB of JSON.
  entry.body = std::string(kJournalBodyLimit, '\x01');
  entry.body_size = entry.body.size();
  for (int i = 0; i < 100; ++i) journal.record(entry);
  const auto text = page_body(journal.find({}), 1000);
  const auto answer = nlohmann::json::parse(text);
  const std::size_t fits = kJournalPageBytes / (6 * kJournalBodyLimit);
  ASSERT_GE(answer["count"].get<std::size_t>(), fits - 1);
  EXPECT_LE(answer["count"].get<std::size_t>(), fits);
  EXPECT_LE(text.size(), kJournalPageBytes + 1024);
  EXPECT_EQ(answer["capacity"], 1000);
  EXPECT_EQ(answer["hasMore"], true);
  EXPECT_EQ(answer["nextBefore"], answer["requests"][0]["sequence"]);
  EXPECT_EQ(answer["requests"].back()["sequence"], 100) << "the newest entries come first";
}

TEST(RequestJournal, ClearRemovesOneSessionOrAll) {
  RequestJournal journal(10);
  JournalEntry entry;
  entry.session = "a";
  journal.record(entry);
  entry.session = "b";
  journal.record(entry);
  journal.record(entry);
  EXPECT_EQ(journal.clear("b"), 2U);
  EXPECT_EQ(journal.find({}).entries.size(), 1U);
  EXPECT_EQ(journal.clear(""), 1U);
  EXPECT_EQ(journal.total_recorded(), 3U);
  EXPECT_EQ(journal.bytes(), 0U) << "an empty journal holds nothing";
}

JournalFilter all_entries() {
  JournalFilter filter;
  filter.limit = kJournalPageMax;
  return filter;
}

JournalEntry bulk_request_entry(std::size_t body_bytes) {
  JournalEntry entry;
  entry.method = "PUT";
  entry.path = "/api/admin/users/bulk-status";
  entry.headers = {{"content-type", "application/json"}, {"x-access-token", std::string(200, 't')}};
  entry.body = std::string(body_bytes, 'x');
  entry.body_size = body_bytes;
  return entry;
}

TEST(RequestJournal, TheByteBudgetDropsTheOldestEntriesFirst) {
  // A run of 500-id bulk requests (~14 KB each): the entry count alone would keep 140 MB.
  const std::size_t budget = 1 * kMiB;
  RequestJournal journal(10000, budget);
  const std::size_t per_entry = journal_entry_bytes(bulk_request_entry(14000));
  for (int i = 0; i < 1000; ++i) journal.record(bulk_request_entry(14000));
  EXPECT_LE(journal.bytes(), budget);
  EXPECT_GT(journal.bytes(), budget - per_entry) << "the budget is used, not left idle";
  const auto page = journal.find(all_entries());
  EXPECT_EQ(page.entries.size(), budget / per_entry);
  EXPECT_FALSE(page.has_more);
  EXPECT_EQ(page.entries.back()->sequence, 1000U) << "the newest entry is kept";
  EXPECT_EQ(page.entries.front()->sequence, 1000U - budget / per_entry + 1);
  EXPECT_EQ(journal.total_recorded(), 1000U);
}

TEST(RequestJournal, SmallEntriesAreBoundByTheCountNotTheBudget) {
  RequestJournal journal(100, 32 * kMiB);
  for (int i = 0; i < 250; ++i) journal.record(bulk_request_entry(60));
  EXPECT_EQ(journal.find(all_entries()).entries.size(), 100U);
  EXPECT_EQ(journal.bytes(), 100 * journal_entry_bytes(bulk_request_entry(60)));
}

TEST(RequestJournal, AnEntryLargerThanTheBudgetIsStillKeptAlone) {
  RequestJournal journal(10, 64 * 1024);
  journal.record(bulk_request_entry(100));
  journal.record(bulk_request_entry(kJournalBodyLimit));  // with its headers, over the budget
  const auto page = journal.find({});
  ASSERT_EQ(page.entries.size(), 1U);
  EXPECT_EQ(page.entries.front()->sequence, 2U);
}

TEST(RequestJournal, ClearingASessionGivesItsBytesBack) {
  RequestJournal journal(10, 32 * kMiB);
  auto entry = bulk_request_entry(1000);
  entry.session = "a";
  journal.record(entry);
  entry.session = "b";
  journal.record(entry);
  const std::size_t each = journal_entry_bytes(entry);  // "a" and "b" are the same size
  EXPECT_EQ(journal.bytes(), 2 * each);
  journal.clear("a");
  EXPECT_EQ(journal.bytes(), each);
}

}  // namespace
}  // namespace statuskit::mock
