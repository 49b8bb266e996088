#pragma once
// Runs suites against a target: resolves each scenario's templates against the profile, sends
// the steps, checks every answer against the spec and the step's expectations, and cleans up.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/run_result.h"
#include "scenarios/suite.h"
#include "target/client.h"
#include "target/profile.h"

namespace statuskit::openapi {
class Spec;
}

namespace statuskit::conformance {

struct RunOptions {
  std::string target;  ///< base URL; empty: the profile's base_url
  TargetProfile profile;
  std::string profile_path;
  std::vector<Suite> suites;
  std::string specs_dir = "specs";
  std::string scenario_glob;  ///< fnmatch pattern on scenario ids; empty: all
  long timeout_ms = 10000;
  bool insecure = false;
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  ThrottlePolicy throttle;
  std::optional<long> deadline_s;  ///< stop starting scenarios after this many seconds
  bool strict = false;             ///< deviations from inferred behaviour fail instead of warn
  /// Run suites and scenarios in an order drawn from this seed (the same seed, the same order).
  std::optional<std::uint64_t> shuffle_seed;
  int repeat = 1;  ///< run every selected scenario this many times (rounds)
  std::vector<std::pair<std::string, std::string>> extra_headers;
  /// Check every answer against the spec and the step's expectations. Off only for the model
  /// `conformance explore` compares with: its answers are the oracle, not under test.
  bool check_answers = true;
  /// Called after each scenario (console progress).
  std::function<void(const ScenarioResult&)> on_scenario;
};

/// Thrown when the target cannot be reached at all (exit code 2, one clear message).
class UnreachableTarget : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SuiteContext;
class TargetClient;

/// `target` (else the profile's base_url) without trailing slashes, once a GET of it got any
/// answer. Throws std::invalid_argument when there is none, UnreachableTarget when no answer.
std::string reachable_base_url(const std::string& target, const TargetProfile& profile,
                               TargetClient& client);

/// "conformance-<pid>-<8 random hex digits>-": the start of every session name of one run.
std::string session_prefix_of_this_run();

/// Resets a mock session after a scenario; a failed reset is a warning on its last step.
void reset_session(const SuiteContext& suite, const std::string& session, ScenarioResult& result);

/// Opens a run of suites, generated cases or explored sequences: when it started (ISO 8601 UTC
/// and epoch milliseconds, the same instant).
void start_run(RunResult& run);

/// Closes a run of suites or generated cases: its elapsed time since `started`, and what
/// throttling cost it (the client's count).
void finish_run(RunResult& run, const TargetClient& client,
                std::chrono::steady_clock::time_point started);

/// Every response the spec documents, per operation, with its path as the server sees it
/// (`base_path`, the spec's server path or the profile's, before the path template).
std::vector<DocumentedResponse> documented_responses(const openapi::Spec& spec,
                                                     const std::string& base_path);

/// Throws UnreachableTarget, or std::invalid_argument for a spec or operation the suites name
/// that does not exist.
RunResult run_suites(const RunOptions& options);

}  // namespace statuskit::conformance
