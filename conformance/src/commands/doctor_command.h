#pragma once
// `conformance doctor`: checks a profile against its target before a run (the preflight that
// `run` and `generate` also make, printed in full).

#include <CLI/CLI.hpp>
#include <iosfwd>

#include "commands/run_command.h"
#include "target/profile.h"

namespace statuskit::conformance {

/// Runs the preflight for the suites of `given` and says what it found. Returns 0 when no
/// root cause was found, 2 (after the sentence) when one was or the target cannot be reached.
/// `verbose`: every check and unchecked vendor, else only a problem.
/// `profile`: the profile already loaded from given.profile (a pipe can be read only once);
/// nullptr: load it.
int check_before_running(const RunCommandOptions& given, std::ostream& out, bool verbose,
                         const TargetProfile* profile = nullptr);

/// Registers `doctor`; sets `exit_code` (0 ready to run, 2 a root cause or usage error).
void add_doctor_command(CLI::App& app, RunCommandOptions& options, int& exit_code);

}  // namespace statuskit::conformance
