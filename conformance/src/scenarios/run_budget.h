#pragma once
// When a run stops probing (issue 26 item 12): a broken server that accepts connections but
// never finishes an answer would otherwise cost every request its whole timeout, for hours.
// Two bounds: the run's deadline (--deadline-s), and a vendor whose last scenarios got no
// answer to any request, which is not probed further.

#include <chrono>
#include <optional>
#include <string>

#include "scenarios/run_result.h"

namespace statuskit::conformance {

/// After this many scenarios (or generated cases) in a row got no answer to any of their
/// requests, a vendor is not probed further.
inline constexpr int kUnansweredScenariosBeforeStopping = 3;

class RunBudget {
 public:
  /// `deadline_s`: seconds from now; nullopt: no deadline.
  explicit RunBudget(std::optional<long> deadline_s);

  /// A new vendor: its own server, perhaps, judged afresh.
  void start_vendor() { unanswered_in_a_row_ = 0; }
  /// Counts a scenario that ran: one whose every request got no answer (refused, reset, timed
  /// out) adds to the count, any answer ends it.
  void record(const ScenarioResult& scenario);
  /// Why the next scenario of `vendor` must not run, or "" to go on.
  std::string stop_reason(const std::string& vendor) const;
  /// True once the deadline has passed.
  bool past_deadline() const;

 private:
  std::optional<long> deadline_s_;
  std::chrono::steady_clock::time_point deadline_;
  int unanswered_in_a_row_ = 0;
  std::string last_error_;
};

}  // namespace statuskit::conformance
