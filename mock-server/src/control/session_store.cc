#include "control/session_store.h"

#include <algorithm>

namespace statuskit::mock {

Session::Session(std::string name, std::vector<std::unique_ptr<VendorState>> states,
                 const std::vector<std::unique_ptr<VendorState>>& seeds)
    : name_(std::move(name)) {
  slots_.reserve(seeds.size());
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    auto slot = std::make_unique<VendorSlot>();
    if (i < states.size()) slot->state = std::move(states[i]);
    slot->seed = seeds[i].get();
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

namespace {
std::string effective_name(const std::string& requested) {
  return requested.empty() ? std::string(SessionStore::kDefaultSession) : requested;
}
}  // namespace

std::shared_ptr<Session> SessionStore::find(const std::string& name) {
  const std::string effective = effective_name(name);
  std::shared_lock lock(mutex_);
  auto it = sessions_.find(effective);
  if (it == sessions_.end()) return nullptr;
  it->second->last_used_.store(++clock_, std::memory_order_relaxed);
  return it->second;
}

std::shared_ptr<Session> SessionStore::detached(const std::string& name) const {
  // Every slot shares its seed: nothing is copied until something is written.
  return std::make_shared<Session>(effective_name(name),
                                   std::vector<std::unique_ptr<VendorState>>(), seeds_);
}

std::shared_ptr<Session> SessionStore::existing_or_fresh(const std::string& name) {
  auto session = find(name);
  return session ? session : detached(name);
}

SessionStore::Adoption SessionStore::adopt(std::shared_ptr<Session> session) {
  Adoption adoption;
  std::unique_lock lock(mutex_);
  auto it = sessions_.find(session->name());
  if (it == sessions_.end()) {
    if (sessions_.size() >= max_sessions_) adoption.evicted = evict_least_recently_used_locked();
    it = sessions_.emplace(session->name(), std::move(session)).first;
  }
  it->second->last_used_.store(++clock_, std::memory_order_relaxed);
  adoption.registered = it->second;
  return adoption;
}

void SessionStore::forget(const std::shared_ptr<Session>& session) {
  std::unique_lock lock(mutex_);
  auto it = sessions_.find(session->name());
  if (it != sessions_.end() && it->second == session) sessions_.erase(it);
}

std::shared_ptr<Session> SessionStore::acquire(const std::string& name) {
  if (auto session = find(name)) return session;
  return adopt(detached(name)).registered;
}

std::shared_ptr<Session> SessionStore::evict_least_recently_used_locked() {
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
  if (victim == sessions_.end()) return nullptr;
  auto evicted = victim->second;
  sessions_.erase(victim);
  return evicted;
}

void SessionStore::reset(const std::string& name) {
  // Slots are locked after the map lock is released: a writer may hold a slot's lock while it
  // registers its session (slot, then store), so the opposite order could deadlock.
  std::vector<std::shared_ptr<Session>> targets;
  if (name.empty()) {
    targets = all();
  } else {
    std::shared_lock lock(mutex_);
    if (auto it = sessions_.find(name); it != sessions_.end()) targets.push_back(it->second);
  }
  for (auto& session : targets) {
    session->set_defects({});
    for (auto& slot : session->slots_) {
      std::lock_guard slot_lock(slot->mutex);
      slot->state = nullptr;  // back to sharing the seed
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

std::vector<std::shared_ptr<Session>> SessionStore::all() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<Session>> sessions;
  sessions.reserve(sessions_.size());
  for (const auto& entry : sessions_) sessions.push_back(entry.second);
  return sessions;
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
