#pragma once
// `conformance explore`: sequences of calls compared with the model (docs/explore.md).

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "commands/run_command.h"

namespace statuskit::conformance {

struct ExploreCommandOptions {
  RunCommandOptions run;  ///< target, profile, suites (vendors), specs, reports, timeout, ...
  std::optional<std::uint64_t> seed;    ///< empty: a random seed, printed
  std::size_t sequences = 100;          ///< per vendor
  std::size_t max_steps = 6;            ///< calls per sequence at most
  std::optional<std::size_t> sequence;  ///< replay only this one
  std::optional<long> time_budget_s;
  std::size_t max_failures = 0;    ///< stop after this many failing sequences (0: never)
  std::string reference;           ///< URL of another reference; empty: start statuskit mocks
  std::string reference_profile;   ///< its profile (default: the bundled mock's)
  std::string mock_program;        ///< the statuskit-mock to start (default: found)
  std::string reference_fixtures;  ///< the fixtures the started mocks load (default: bundled)
  bool no_alternative = false;     ///< do not start the inferred-alternative mock
};

/// Registers `explore`; sets `exit_code` (0 no failures, 1 failures or nothing explored, 2
/// usage, unreachable target or a reference that does not start).
void add_explore_command(CLI::App& app, ExploreCommandOptions& options, int& exit_code);

}  // namespace statuskit::conformance
