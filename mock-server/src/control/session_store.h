#pragma once
// Per-session vendor state. A request naming a session (X-Statuskit-Session) works on its own
// copy of the fixtures; requests without one share the default session. A session is registered
// only once something changes it (see MockPipeline): reads and refused requests of an unknown
// session are answered from a fresh, unregistered copy, so they cannot evict anyone's session.
// Each (session, vendor) pair has its own lock, so there is no global lock on the request path:
// the store's map lock is held only to find, add or remove a session, never while a module runs
// and never while waiting for a slot's lock (lock order: slot, then store).

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <vector>

#include "vendors/vendor_module.h"

namespace statuskit::mock {

/// One vendor's state inside one session, with the lock that serialises requests on it.
/// A slot shares the fixtures' state until something is written to it: a session costs no copy
/// of the vendors it never changes, and a session that is only read (or only refused) costs
/// none at all, which keeps the rebuild of an evicted session cheap.
struct VendorSlot {
  std::mutex mutex;
  /// The slot's own state; null while it still has the seed's (every access under `mutex`).
  std::unique_ptr<VendorState> state;
  const VendorState* seed = nullptr;  ///< the fixtures' state; owned by the SessionStore

  /// What the slot holds now.
  const VendorState& current() const { return state ? *state : *seed; }
  /// The slot's own state, copied from the seed first if it has none: call it to change state.
  std::unique_ptr<VendorState>& own() {
    if (!state) state = seed->clone();
    return state;
  }
};

/// All vendors' state for one session. Slots are indexed like SessionStore's seed states.
class Session {
 public:
  /// A session holding `states` (one per vendor, seed order; a null one shares its seed).
  Session(std::string name, std::vector<std::unique_ptr<VendorState>> states,
          const std::vector<std::unique_ptr<VendorState>>& seeds);
  const std::string& name() const { return name_; }
  VendorSlot& slot(std::size_t vendor_index) { return *slots_.at(vendor_index); }
  std::size_t vendor_count() const { return slots_.size(); }
  /// Defects switched on for this session through the admin API (cleared by a reset).
  std::set<std::string> defects() const;
  void set_defects(std::set<std::string> defects);

 private:
  friend class SessionStore;
  std::string name_;
  mutable std::mutex defects_mutex_;
  std::set<std::string> defects_;
  std::vector<std::unique_ptr<VendorSlot>> slots_;
  std::atomic<std::uint64_t> last_used_{0};
};

class SessionStore {
 public:
  static constexpr const char* kDefaultSession = "default";

  /// What adopt() did.
  struct Adoption {
    /// The session now registered under the name: the adopted one, or the one another request
    /// registered first (then the adopted one was not registered).
    std::shared_ptr<Session> registered;
    /// The least recently used session dropped to make room, if any.
    std::shared_ptr<Session> evicted;
  };

  /// `seeds` are the fixture states, one per vendor, cloned into every new session.
  /// `max_sessions` caps the sessions kept; beyond it the least recently used one is evicted.
  SessionStore(std::vector<std::unique_ptr<VendorState>> seeds, std::size_t max_sessions);

  /// The registered session called `name` ("" = default), or nullptr. Counts as a use (LRU).
  std::shared_ptr<Session> find(const std::string& name);
  /// A fresh session called `name` from the seeds, not registered: for answering a request that
  /// may not change anything, and for adopt().
  std::shared_ptr<Session> detached(const std::string& name) const;
  /// The registered session, else a fresh unregistered one (reads: nothing is created).
  std::shared_ptr<Session> existing_or_fresh(const std::string& name);
  /// Registers `session` under its name unless a session of that name exists already.
  Adoption adopt(std::shared_ptr<Session> session);
  /// Unregisters `session` if it is the one registered under its name (undoes an adopt()).
  void forget(const std::shared_ptr<Session>& session);
  /// The session called `name` ("" = default), created from the seeds if needed. The returned
  /// pointer keeps an evicted session alive until the caller is done with it.
  std::shared_ptr<Session> acquire(const std::string& name);
  /// Puts one session (or, with "", every session) back to the seed state.
  void reset(const std::string& name);
  /// Creates or overwrites the session `name` with `states` (one per vendor, seed order).
  void replace(const std::string& name, std::vector<std::unique_ptr<VendorState>> states);
  /// Every registered session, in name order. Not a use: the LRU order stays as it is (saving
  /// the state file must not decide which session is evicted next).
  std::vector<std::shared_ptr<Session>> all() const;
  std::vector<std::string> session_names() const;
  std::size_t size() const;
  /// The most sessions kept (--max-sessions).
  std::size_t capacity() const { return max_sessions_; }

 private:
  std::shared_ptr<Session> evict_least_recently_used_locked();

  std::vector<std::unique_ptr<VendorState>> seeds_;
  std::size_t max_sessions_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<Session>> sessions_;
  std::atomic<std::uint64_t> clock_{0};
};

}  // namespace statuskit::mock
