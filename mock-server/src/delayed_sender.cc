#include "delayed_sender.h"

#include <vector>

namespace statuskit::mock {

DelayedSender::DelayedSender() : thread_([this] { run(); }) {}

DelayedSender::~DelayedSender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void DelayedSender::schedule(std::chrono::milliseconds delay, std::function<void()> send) {
  {
    std::lock_guard lock(mutex_);
    pending_.emplace(std::chrono::steady_clock::now() + delay, std::move(send));
  }
  changed_.notify_all();
}

void DelayedSender::flush() {
  {
    std::lock_guard lock(mutex_);
    flushing_ = true;
  }
  changed_.notify_all();
}

void DelayedSender::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    const bool everything_now = stopping_ || flushing_;
    std::vector<std::function<void()>> due;
    const auto now = std::chrono::steady_clock::now();
    while (!pending_.empty() && (everything_now || pending_.begin()->first <= now)) {
      due.push_back(std::move(pending_.begin()->second));
      pending_.erase(pending_.begin());
    }
    if (!due.empty()) {
      // Send outside the lock: a send may take a while and must not block schedule().
      lock.unlock();
      for (auto& send : due) send();
      lock.lock();
      continue;
    }
    if (stopping_) return;
    if (pending_.empty()) {
      changed_.wait(lock);
    } else {
      changed_.wait_until(lock, pending_.begin()->first);
    }
  }
}

}  // namespace statuskit::mock
