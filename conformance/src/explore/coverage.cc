#include "explore/coverage.h"

namespace statuskit::conformance {
namespace {

template <typename Key>
std::string counts(const std::map<Key, std::size_t>& counted) {
  std::string text;
  for (const auto& [key, count] : counted) {
    std::string name;
    if constexpr (std::is_same_v<Key, std::string>) {
      name = key;
    } else {
      name = std::to_string(key);
    }
    text += (text.empty() ? "" : ", ") + name + " ×" + std::to_string(count);
  }
  return text.empty() ? "none" : text;
}

}  // namespace

Coverage::Coverage(const Vocabulary& vocabulary) : operation_(vocabulary.operation) {
  for (const auto& caller : vocabulary.callers) {
    bool has_own_id = false;
    for (const auto& user : vocabulary.users) {
      const bool own =
          caller.kind == Caller::Kind::kRole && !user.role.empty() && user.role == caller.role;
      has_own_id = has_own_id || own;
      if (!own) possible_.emplace(caller.label(), user.reference);
    }
    if (has_own_id) possible_.emplace(caller.label(), "self");
  }
}

void Coverage::add(const std::string& caller, const std::string& target,
                   const std::string& near_miss, const std::string& prior_state,
                   long model_status) {
  ++targets_;
  tried_.emplace(caller, target);
  cells_.emplace(caller, target + (near_miss.empty() ? "" : " (" + near_miss + ")"), prior_state);
  ++prior_states_[prior_state.empty() ? "unknown" : prior_state];
  if (!near_miss.empty()) ++near_misses_[near_miss];
  ++statuses_[model_status];
}

std::vector<std::string> Coverage::lines() const {
  std::vector<std::string> lines;
  std::size_t covered = 0;
  std::string missing;
  std::size_t missing_count = 0;
  for (const auto& pair : possible_) {
    if (tried_.contains(pair)) {
      ++covered;
    } else if (++missing_count <= 8) {
      missing += (missing.empty() ? "" : ", ") + pair.first + " → " + pair.second;
    }
  }
  if (missing_count > 8) missing += ", and " + std::to_string(missing_count - 8) + " more";
  lines.push_back("explore coverage of " + operation_ + ": " + std::to_string(targets_) +
                  " targets named in " + std::to_string(cells_.size()) +
                  " distinct (caller × target × prior state) cells");
  lines.push_back("callers × targets: " + std::to_string(covered) + " of " +
                  std::to_string(possible_.size()) + " pairs tried" +
                  (missing.empty() ? "" : "; not tried: " + missing));
  lines.push_back("prior states: " + counts(prior_states_));
  lines.push_back("near misses: " + counts(near_misses_));
  lines.push_back("the model answered: " + counts(statuses_));
  return lines;
}

}  // namespace statuskit::conformance
