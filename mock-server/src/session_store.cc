#include "session_store.h"

#include <algorithm>

namespace statuskit::mock {

Session::Session(std::string name, std::vector<std::unique_ptr<VendorState>> states)
    : name_(std::move(name)) {
  slots_.reserve(states.size());
  for (auto& state : states) {
    auto slot = std::make_unique<VendorSlot>();
    slot->state = std::move(state);
    slots_.push_back(std::move(slot));
  }
}

std::set<std::string> Session::defects() const {
  std::lock_guard lock(defects_mutex_);
  return defects_;
}

void Session::set_defects(std::set<std::string> defects) {
  std::lock_guard lock(defects_mutex_);
  defects_ = std::move(defects);
}

SessionStore::SessionStore(std::vector<std::unique_ptr<VendorState>> seeds,
                           std::size_t max_sessions)
    : seeds_(std::move(seeds)), max_sessions_(std::max<std::size_t>(max_sessions, 1)) {}

std::vector<std::unique_ptr<VendorState>> SessionStore::clone_seeds() const {
  std::vector<std::unique_ptr<VendorState>> states;
  states.reserve(seeds_.size());
  for (const auto& seed : seeds_) states.push_back(seed->clone());
  return states;
}

std::shared_ptr<Session> SessionStore::acquire(const std::string& requested) {
  const std::string& name = requested.empty() ? std::string(kDefaultSession) : requested;
  const auto tick = ++clock_;
  {
    std::shared_lock lock(mutex_);
    auto it = sessions_.find(name);
    if (it != sessions_.end()) {
      it->second->last_used_.store(tick, std::memory_order_relaxed);
      return it->second;
    }
  }
  // Clone outside the exclusive lock would race with another creator; cloning fixtures is
  // cheap (a few dozen records) and happens once per session, so doing it under the lock is fine.
  std::unique_lock lock(mutex_);
  auto it = sessions_.find(name);
  if (it == sessions_.end()) {
    if (sessions_.size() >= max_sessions_) evict_least_recently_used_locked();
    it = sessions_.emplace(name, std::make_shared<Session>(name, clone_seeds())).first;
  }
  it->second->last_used_.store(tick, std::memory_order_relaxed);
  return it->second;
}

void SessionStore::evict_least_recently_used_locked() {
  // The default session is never evicted: requests without a session header rely on it.
  auto victim = sessions_.end();
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->first == kDefaultSession) continue;
    if (victim == sessions_.end() ||
        it->second->last_used_.load(std::memory_order_relaxed) <
            victim->second->last_used_.load(std::memory_order_relaxed)) {
      victim = it;
    }
  }
  if (victim != sessions_.end()) sessions_.erase(victim);
}

void SessionStore::reset(const std::string& name) {
  std::unique_lock lock(mutex_);
  for (auto& [session_name, session] : sessions_) {
    if (!name.empty() && session_name != name) continue;
    session->set_defects({});
    for (std::size_t i = 0; i < session->slots_.size(); ++i) {
      std::lock_guard slot_lock(session->slots_[i]->mutex);
      session->slots_[i]->state = seeds_[i]->clone();
    }
  }
}

void SessionStore::replace(const std::string& name,
                           std::vector<std::unique_ptr<VendorState>> states) {
  auto session = acquire(name);
  for (std::size_t i = 0; i < session->slots_.size() && i < states.size(); ++i) {
    std::lock_guard slot_lock(session->slots_[i]->mutex);
    session->slots_[i]->state = std::move(states[i]);
  }
}

std::vector<std::string> SessionStore::session_names() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> names;
  for (const auto& entry : sessions_) names.push_back(entry.first);
  return names;
}

std::size_t SessionStore::size() const {
  std::shared_lock lock(mutex_);
  return sessions_.size();
}

}  // namespace statuskit::mock
