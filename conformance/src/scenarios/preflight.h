#pragma once
// `conformance doctor`, and the preflight check `run` and `generate` make first (unless
// --no-preflight): for each vendor of the profile, one read as each role the profile's
// `generate` section names for it, so that a wrong base URL, a wrong path prefix or a refused
// credential is one sentence before anything else runs, not 72 mismatches after.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/runner.h"

namespace statuskit::conformance {

struct PreflightReport {
  /// One line per request made: "pria getUserById as roles.super_admin: GET <url> -> 200".
  std::vector<std::string> checks;
  /// Vendors not checked, and why (no read operation in the profile's generate section).
  std::vector<std::string> unchecked;
  /// The first problem found, as one sentence that says what to fix; nullopt: none.
  std::optional<std::string> root_cause;
};

/// Checks each vendor of `vendors` (name, spec file) that the profile names, against
/// options.target (else the profile's base_url). Throws UnreachableTarget when nothing answers.
PreflightReport preflight(const RunOptions& options,
                          const std::vector<std::pair<std::string, std::string>>& vendors);

}  // namespace statuskit::conformance
