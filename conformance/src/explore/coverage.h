#pragma once
// What `conformance explore` combined for one vendor, and what it did not (docs/explore.md):
// the cells (caller × target × prior state of the target) its calls exercised, which caller ×
// target pairs no call tried, and how often each near miss and each answer of the model came
// up. Printed at the end of a run and kept in every report.

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "explore/vocabulary.h"

namespace statuskit::conformance {

class Coverage {
 public:
  /// The possible pairs: every caller with every user, and with "self" when the caller's role
  /// has an id of its own.
  explicit Coverage(const Vocabulary& vocabulary);

  /// One target of one call: who called, whom it named ("self" or the user's abstract name),
  /// how it was spelt ("" or a near miss), the target's state before the call as the model
  /// read it, and the model's answer.
  void add(const std::string& caller, const std::string& target, const std::string& near_miss,
           const std::string& prior_state, long model_status);

  /// The summary lines, e.g. "callers × targets: 97 of 120 pairs; not tried: ...".
  std::vector<std::string> lines() const;

 private:
  std::string operation_;
  std::set<std::pair<std::string, std::string>> possible_;
  std::set<std::pair<std::string, std::string>> tried_;
  std::set<std::tuple<std::string, std::string, std::string>> cells_;
  std::map<std::string, std::size_t> prior_states_;
  std::map<std::string, std::size_t> near_misses_;
  std::map<long, std::size_t> statuses_;
  std::size_t targets_ = 0;
};

}  // namespace statuskit::conformance
