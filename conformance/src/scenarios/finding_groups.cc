#include "scenarios/finding_groups.h"

#include <algorithm>
#include <map>

#include "scenarios/mismatch_key.h"

namespace statuskit::conformance {
namespace {

bool has_kind(const Mismatch& mismatch, bool is_failure, FindingKind kind) {
  switch (kind) {
    case FindingKind::kFailure:
      return is_failure;
    case FindingKind::kWarning:
      return !is_failure && !mismatch.baselined;
    case FindingKind::kKnown:
      return !is_failure && mismatch.baselined;
  }
  return false;
}

template <typename T>
void add_once(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

const char* finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::kFailure:
      return "failure";
    case FindingKind::kWarning:
      return "warning";
    case FindingKind::kKnown:
      return "known";
  }
  return "failure";
}

std::vector<FindingGroup> group_findings(const RunResult& run, FindingKind kind) {
  std::vector<FindingGroup> groups;
  // Operation ids are only unique within one vendor's spec: the suite is part of the identity.
  std::map<std::string, std::size_t> index;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& step : scenario.steps) {
        for (const bool is_failure : {true, false}) {
          for (const auto& mismatch : is_failure ? step.failures : step.warnings) {
            // A warning about an answer the same step already fails on is a consequence of
            // that failure: it joins the failure with its own key, else the step's first one.
            const Mismatch* failed_answer = nullptr;
            if (!is_failure && !mismatch.baselined) {
              for (const auto& failure : step.failures) {
                if (failure.status != mismatch.status) continue;
                if (failed_answer == nullptr || group_key(failure) == group_key(mismatch)) {
                  failed_answer = &failure;
                }
              }
            }
            if (failed_answer != nullptr) {
              if (kind == FindingKind::kFailure) {
                const auto found = index.find(suite.name + "\n" + group_key(*failed_answer));
                if (found != index.end()) ++groups[found->second].merged_warnings;
              }
              continue;
            }
            if (!has_kind(mismatch, is_failure, kind)) continue;
            const std::string key = group_key(mismatch);
            const auto [at, added] = index.emplace(suite.name + "\n" + key, groups.size());
            if (added) {
              FindingGroup group;
              group.kind = kind;
              group.suite = suite.name;
              group.key = key;
              group.example = mismatch;
              group.example_step = step.label();
              groups.push_back(std::move(group));
            }
            FindingGroup& group = groups[at->second];
            ++group.count;
            add_once(group.scenarios, scenario.display_id());
            add_once(group.sources, mismatch.source.to_string());
          }
        }
      }
    }
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const FindingGroup& a, const FindingGroup& b) { return a.count > b.count; });
  return groups;
}

std::string finding_title(const FindingGroup& group) {
  const Mismatch& example = group.example;
  std::string title = example.operation.empty() ? "" : example.operation + " -> ";
  title += example.status == 0 ? "no answer" : std::to_string(example.status);
  const std::string where = pointer_pattern(example.pointer);
  if (!where.empty() && where != example.keyword) title += ": " + where;
  return title + " (" + example.keyword + ")";
}

std::vector<NotRunStep> not_run_steps(const RunResult& run) {
  std::vector<NotRunStep> found;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& step : scenario.steps) {
        if (!step.ran) found.push_back({suite.name, scenario.display_id(), &step});
      }
    }
  }
  return found;
}

std::string step_title(const StepResult& step) {
  const std::string quoted = "'" + step.label() + "'";
  return step.phase == Phase::kTest ? quoted : std::string(phase_name(step.phase)) + " " + quoted;
}

std::string not_run_line(const StepResult& step) {
  const bool says_so = step.not_run_reason.rfind("not run", 0) == 0;
  return step_title(step) + ": " + (says_so ? "" : "not run: ") + step.not_run_reason;
}

}  // namespace statuskit::conformance
