#pragma once
// Checks that an OpenAPI document is usable by the engine and honest about itself: every $ref
// resolves, every schema compiles, and every example validates against its schema.

#include <string>
#include <vector>

namespace statuskit::conformance {

struct SpecProblem {
  std::string file;
  std::string pointer;  ///< where in the document (the example, or the broken location)
  std::string message;
  std::string to_string() const { return file + ": " + pointer + ": " + message; }
};

/// Everything wrong with the document at `path`; empty when it is fine.
std::vector<SpecProblem> check_spec_file(const std::string& path);

}  // namespace statuskit::conformance
