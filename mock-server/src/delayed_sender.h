#pragma once
// Runs callbacks after a delay on one timer thread, so an injected latency never holds a
// Pistache worker thread (a sleeping worker would stall every connection it serves).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace statuskit::mock {

class DelayedSender {
 public:
  DelayedSender();
  /// Runs every pending callback at once, then stops the thread.
  ~DelayedSender();
  DelayedSender(const DelayedSender&) = delete;
  DelayedSender& operator=(const DelayedSender&) = delete;

  void schedule(std::chrono::milliseconds delay, std::function<void()> send);
  /// Runs every pending callback now (used when draining for shutdown: a delayed answer is
  /// sent early rather than the client being cut off).
  void flush();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> pending_;
  bool stopping_ = false;
  bool flushing_ = false;
  std::thread thread_;
};

}  // namespace statuskit::mock
