#include "scenarios/run_gate.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "did_you_mean.h"

namespace statuskit::conformance {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::vector<std::string> suite_names_in(const std::string& suites_dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(suites_dir, error)) {
    const auto extension = entry.path().extension();
    if (extension == ".yaml" || extension == ".yml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

void check_profile_vendors(const TargetProfile& profile, const std::string& profile_path,
                           const std::vector<std::string>& known_vendors) {
  std::string problems;
  for (const auto& [vendor, unused] : profile.vendors) {
    if (std::find(known_vendors.begin(), known_vendors.end(), vendor) != known_vendors.end()) {
      continue;
    }
    problems += (problems.empty() ? "" : "; ") + profile_path + ": /vendors/" + vendor +
                ": no suite tests a vendor called '" + vendor + "'" +
                did_you_mean(vendor, known_vendors);
  }
  if (!problems.empty()) {
    throw std::invalid_argument(problems + " (known vendors: " + joined(known_vendors) + ")");
  }
}

std::size_t scenarios_selected(const std::vector<Suite>& suites, const std::string& glob) {
  std::size_t selected = 0;
  for (const auto& suite : suites) {
    for (const auto& scenario : suite.scenarios) {
      if (glob.empty() || fnmatch(glob.c_str(), scenario.id.c_str(), 0) == 0) ++selected;
    }
  }
  return selected;
}

bool skipped_as_unnamed_vendor(const ScenarioResult& scenario, const TargetProfile& profile) {
  return scenario.outcome == Outcome::kSkipped && !profile.vendors.contains(scenario.suite);
}

std::vector<std::string> untested_reasons(const RunResult& run, const TargetProfile& profile) {
  std::vector<std::string> reasons;
  int ran = 0;
  int scenarios = 0;
  for (const auto& suite : run.suites) {
    int suite_ran = 0;
    const ScenarioResult* first_skip = nullptr;
    for (const auto& scenario : suite.scenarios) {
      ++scenarios;
      if (scenario.outcome != Outcome::kSkipped) {
        ++suite_ran;
      } else if (first_skip == nullptr) {
        first_skip = &scenario;
      }
    }
    ran += suite_ran;
    if (suite_ran == 0 && !suite.scenarios.empty() && profile.vendors.contains(suite.name)) {
      reasons.push_back("vendors." + suite.name + " is in the profile, but none of its " +
                        std::to_string(suite.scenarios.size()) +
                        " scenarios ran; the first was skipped as " + first_skip->skip_reason);
    }
  }
  if (run.past_deadline > 0) {
    reasons.push_back("the run's deadline (--deadline-s) passed before " +
                      std::to_string(run.past_deadline) + " scenarios could start");
  }
  if (ran == 0) {
    reasons.insert(reasons.begin(),
                   scenarios == 0 ? std::string("nothing was tested: no scenario or generated "
                                                "case was selected for the profile's vendors")
                                  : "nothing was tested: all " + std::to_string(scenarios) +
                                        " scenarios selected were skipped");
  }
  return reasons;
}

std::string unnamed_vendor_skips_line(const RunResult& run, const TargetProfile& profile) {
  int skipped = 0;
  std::vector<std::string> vendors;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (!skipped_as_unnamed_vendor(scenario, profile)) continue;
      ++skipped;
      if (std::find(vendors.begin(), vendors.end(), suite.name) == vendors.end()) {
        vendors.push_back(suite.name);
      }
    }
  }
  if (skipped == 0) return "";
  return "SKIP  " + std::to_string(skipped) + " scenario" + (skipped == 1 ? "" : "s") + " of " +
         joined(vendors) + ": the profile names no such vendor";
}

}  // namespace statuskit::conformance
