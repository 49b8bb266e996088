#pragma once
// The timer descriptors of answers held back by injected latency, so that shutdown can fire
// them all at once (a delayed answer is sent early rather than cut off).

#include <sys/timerfd.h>

#include <mutex>
#include <set>

namespace statuskit::mock {

class DelayTimers {
 public:
  void add(int timer_fd) {
    std::lock_guard lock(mutex_);
    if (firing_all_) fire_now(timer_fd);
    pending_.insert(timer_fd);
  }
  /// Called by the reactor thread when the timer fired, before it closes the descriptor: under
  /// the lock, so fire_all() never touches a closed (or reused) descriptor.
  void remove(int timer_fd) {
    std::lock_guard lock(mutex_);
    pending_.erase(timer_fd);
  }
  /// Makes every pending timer (and every one added later) expire now.
  void fire_all() {
    std::lock_guard lock(mutex_);
    firing_all_ = true;
    for (int timer_fd : pending_) fire_now(timer_fd);
  }

 private:
  static void fire_now(int timer_fd) {
    itimerspec soon{};
    soon.it_value.tv_nsec = 1;  // zero would disarm the timer
    ::timerfd_settime(timer_fd, 0, &soon, nullptr);
  }

  std::mutex mutex_;
  std::set<int> pending_;
  bool firing_all_ = false;
};

}  // namespace statuskit::mock
