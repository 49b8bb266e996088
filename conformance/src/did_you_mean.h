#pragma once
// "did you mean …?" for a misspelt name: a profile key, a vendor, a suite.

#include <string>
#include <vector>

namespace statuskit::conformance {

/// The name of `candidates` closest to `given` (edit distance, case ignored) when it is close
/// enough to be a likely misspelling (at most a third of its letters differ), else "".
std::string closest_name(const std::string& given, const std::vector<std::string>& candidates);

/// " (did you mean X?)" for the closest candidate, or "".
std::string did_you_mean(const std::string& given, const std::vector<std::string>& candidates);

}  // namespace statuskit::conformance
