#include "report/reporters.h"
#include "statuskit/program_name.h"

namespace statuskit::conformance {

std::string replay_command(const RunResult& run) {
  if (!run.generation_seed) return "";
  // The name the runner was started by: `statuskit-conformance` installed, `conformance` in a
  // build tree; with the target and profile, the line replays the run where it is printed.
  std::string command =
      program_name() + " " + run.seeded_command + " --seed " + std::to_string(*run.generation_seed);
  if (!run.target.empty()) command += " --target " + run.target;
  if (!run.profile.empty()) command += " --profile " + run.profile;
  return command;
}

}  // namespace statuskit::conformance
