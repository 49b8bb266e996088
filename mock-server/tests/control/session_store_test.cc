// SessionStore: sessions are registered only when asked to (find and reads create nothing),
// eviction follows real use only, and adopt() resolves two creators of one new session.
#include "control/session_store.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::mock {
namespace {

struct CounterState : VendorState {
  int value = 0;
  std::unique_ptr<VendorState> clone() const override {
    return std::make_unique<CounterState>(*this);
  }
  nlohmann::json to_json() const override { return {{"value", value}}; }
};

SessionStore make_store(std::size_t max_sessions) {
  std::vector<std::unique_ptr<VendorState>> seeds;
  seeds.push_back(std::make_unique<CounterState>());
  return SessionStore(std::move(seeds), max_sessions);
}

int value_of(Session& session) {
  return static_cast<const CounterState&>(session.slot(0).current()).value;
}

void set_value(Session& session, int value) {
  static_cast<CounterState&>(*session.slot(0).own()).value = value;
}

TEST(SessionStore, FindAndReadsCreateNothing) {
  auto store = make_store(4);
  EXPECT_EQ(store.find("nobody"), nullptr);
  auto fresh = store.existing_or_fresh("nobody");
  set_value(*fresh, 7);
  EXPECT_EQ(store.size(), 0U);
  EXPECT_EQ(value_of(*store.existing_or_fresh("nobody")), 0) << "a fresh copy each time";
  EXPECT_EQ(store.detached("").get()->name(), SessionStore::kDefaultSession);
}

TEST(SessionStore, AdoptRegistersOnceAndHandsTheSecondCreatorTheFirstOnesSession) {
  auto store = make_store(4);
  auto first = store.detached("new");
  auto second = store.detached("new");
  set_value(*first, 1);
  EXPECT_EQ(store.adopt(first).registered, first);
  EXPECT_EQ(store.adopt(second).registered, first);
  EXPECT_EQ(value_of(*store.find("new")), 1);
  store.forget(second);  // not the registered one: nothing happens
  EXPECT_NE(store.find("new"), nullptr);
  store.forget(first);
  EXPECT_EQ(store.find("new"), nullptr);
}

TEST(SessionStore, ListingEverySessionIsNotAUseSoEvictionFollowsRealUse) {
  auto store = make_store(3);
  for (const char* name : {"a", "b", "c"}) store.acquire(name);
  store.find("a");                    // a is now the most recently used, b the least
  EXPECT_EQ(store.all().size(), 3U);  // what saving does; must not reorder
  const auto adoption = store.adopt(store.detached("d"));
  ASSERT_NE(adoption.evicted, nullptr);
  EXPECT_EQ(adoption.evicted->name(), "b");
  EXPECT_EQ(store.session_names(), (std::vector<std::string>{"a", "c", "d"}));
}

TEST(SessionStore, TheDefaultSessionIsNeverEvicted) {
  auto store = make_store(2);
  store.acquire("");
  store.acquire("x");
  store.find("x");
  const auto adoption = store.adopt(store.detached("y"));
  ASSERT_NE(adoption.evicted, nullptr);
  EXPECT_EQ(adoption.evicted->name(), "x");
  EXPECT_NE(store.find("default"), nullptr);
}

TEST(SessionStore, ResetPutsOneOrEverySessionBackToTheSeed) {
  auto store = make_store(4);
  set_value(*store.acquire("a"), 1);
  set_value(*store.acquire("b"), 2);
  store.reset("a");
  EXPECT_EQ(value_of(*store.find("a")), 0);
  EXPECT_EQ(value_of(*store.find("b")), 2);
  store.reset("");
  EXPECT_EQ(value_of(*store.find("b")), 0);
}

}  // namespace
}  // namespace statuskit::mock
