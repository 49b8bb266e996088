#pragma once
// Runs a program as a user would from a shell and collects its exit code and output.

#include <string>

namespace statuskit::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr, interleaved
};

/// Runs `program arguments` through /bin/sh with stderr merged into stdout.
CommandResult run_command(const std::string& program, const std::string& arguments);

/// Runs the conformance binary built with the tests.
CommandResult run_conformance(const std::string& arguments);

}  // namespace statuskit::testing
