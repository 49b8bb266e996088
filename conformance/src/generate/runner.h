#pragma once
// Runs the generated cases of each vendor against a target (`conformance generate`): derives
// them from the spec and the profile's `generate` section, sends each in its own mock session
// (or undoes a change through the API on a real server), applies the oracles, re-runs a
// failing case once and shrinks it, and returns a RunResult every reporter can write.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/run_result.h"
#include "target/client.h"
#include "target/profile.h"

namespace statuskit::conformance {

struct GenerateOptions {
  std::string target;  ///< base URL; empty: the profile's base_url
  TargetProfile profile;
  std::string profile_path;
  std::string specs_dir = "specs";
  /// The vendors to generate for: {vendor name (a profile key), spec file in specs_dir}.
  std::vector<std::pair<std::string, std::string>> vendors;
  std::uint64_t seed = 0;
  std::size_t max_cases = 0;  ///< per operation; 0: every case
  long timeout_ms = 10000;
  bool insecure = false;
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  ThrottlePolicy throttle;
  std::optional<long> deadline_s;  ///< stop starting cases after this many seconds
  bool strict = false;
  std::vector<std::pair<std::string, std::string>> extra_headers;
  std::function<void(const ScenarioResult&)> on_case;
};

/// Throws UnreachableTarget (runner.h), or std::invalid_argument for a spec, profile section or
/// extension that cannot be used.
RunResult run_generated(const GenerateOptions& options);

}  // namespace statuskit::conformance
