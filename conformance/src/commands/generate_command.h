#pragma once
// `conformance generate`: tests generated from the specs (docs/generated-tests.md).

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "commands/run_command.h"

namespace statuskit::conformance {

struct GenerateCommandOptions {
  RunCommandOptions run;  ///< target, profile, suites (vendors), specs, reports, timeout, ...
  std::optional<std::uint64_t> seed;  ///< empty: a random seed, printed
  std::size_t max_cases = 0;          ///< per operation; 0: all
};

/// Registers `generate`; sets `exit_code` (0 no failures, 1 failures, 2 usage/unreachable).
void add_generate_command(CLI::App& app, GenerateCommandOptions& options, int& exit_code);

}  // namespace statuskit::conformance
