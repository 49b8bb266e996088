#pragma once
// A gate never lies: a run that tested nothing must not pass. These checks turn the ways a
// run can be green by mistake (every scenario skipped, a vendor of the profile that ran
// nothing, a filter that selects nothing, a misspelt vendor in the profile) into messages.

#include <string>
#include <vector>

#include "scenarios/run_result.h"
#include "scenarios/suite.h"
#include "target/profile.h"

namespace statuskit::conformance {

/// The vendors the suites in `suites_dir` test: their file names without .yaml, sorted.
std::vector<std::string> suite_names_in(const std::string& suites_dir);

/// Throws std::invalid_argument naming each vendor of the profile that no suite tests, with
/// the closest known name and the list of known ones.
void check_profile_vendors(const TargetProfile& profile, const std::string& profile_path,
                           const std::vector<std::string>& known_vendors);

/// How many scenarios of `suites` the glob (fnmatch; empty: all) selects.
std::size_t scenarios_selected(const std::vector<Suite>& suites, const std::string& glob);

/// Why a run without mismatches still tested too little to pass: nothing ran at all, or a
/// vendor the profile names ran none of its scenarios (each with its first skip reason). Empty
/// when every vendor of the profile that the run covers ran something.
std::vector<std::string> untested_reasons(const RunResult& run, const TargetProfile& profile);

/// Scenarios skipped only because the profile names no such vendor: one line for all of them
/// ("SKIP  92 scenarios of rocketchat, symphony: not in the profile"), or "" when there are none.
std::string unnamed_vendor_skips_line(const RunResult& run, const TargetProfile& profile);

/// True when `scenario` was skipped because the profile does not name its vendor.
bool skipped_as_unnamed_vendor(const ScenarioResult& scenario, const TargetProfile& profile);

}  // namespace statuskit::conformance
