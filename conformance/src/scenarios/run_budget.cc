#include "scenarios/run_budget.h"

namespace statuskit::conformance {

RunBudget::RunBudget(std::optional<long> deadline_s)
    : deadline_s_(deadline_s),
      deadline_(std::chrono::steady_clock::now() + std::chrono::seconds(deadline_s.value_or(0))) {}

bool RunBudget::past_deadline() const {
  return deadline_s_ && std::chrono::steady_clock::now() >= deadline_;
}

void RunBudget::record(const ScenarioResult& scenario) {
  bool sent = false;
  for (const auto& step : scenario.steps) {
    if (!step.ran || (step.status == 0 && step.transport_error.empty())) continue;  // not sent
    if (step.status != 0) {
      unanswered_in_a_row_ = 0;
      return;
    }
    sent = true;
    last_error_ = step.transport_error;
  }
  if (sent) ++unanswered_in_a_row_;
}

std::string RunBudget::stop_reason(const std::string& vendor) const {
  if (past_deadline()) {
    return "not run: the run's deadline of " + std::to_string(*deadline_s_) +
           " s (--deadline-s) had passed";
  }
  if (unanswered_in_a_row_ >= kUnansweredScenariosBeforeStopping) {
    return "not run: the last " + std::to_string(unanswered_in_a_row_) + " scenarios of " + vendor +
           " got no answer to any request (" + last_error_ + "): stopped probing it";
  }
  return "";
}

}  // namespace statuskit::conformance
