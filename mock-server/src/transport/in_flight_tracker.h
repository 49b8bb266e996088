#pragma once
// Counts requests being answered so shutdown can wait for them without polling.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace statuskit::mock {

class InFlightTracker {
 public:
  /// False when draining: the caller must refuse the request.
  bool enter() {
    std::lock_guard lock(mutex_);
    if (draining_) return false;
    ++count_;
    return true;
  }
  void leave() {
    std::lock_guard lock(mutex_);
    if (--count_ == 0) idle_.notify_all();
  }
  /// Refuses new requests from now on and waits up to `max_wait` for the running ones.
  bool drain(std::chrono::milliseconds max_wait) {
    std::unique_lock lock(mutex_);
    draining_ = true;
    return idle_.wait_for(lock, max_wait, [this] { return count_ == 0; });
  }
  bool draining() const {
    std::lock_guard lock(mutex_);
    return draining_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  int count_ = 0;
  bool draining_ = false;
};

}  // namespace statuskit::mock
