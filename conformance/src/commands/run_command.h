#pragma once
// `conformance run` and `conformance list`.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/run_result.h"
#include "scenarios/suite.h"
#include "target/client.h"

namespace statuskit::conformance {

struct RunCommandOptions {
  std::string target;
  // The data paths default to the bundled data (statuskit/data_dir.h), filled in when the
  // commands are registered; a relative one given is looked up here, then in the bundled data.
  std::string profile;  ///< default: the bundled mock's profile
  std::string suites;   ///< comma-separated suite names; empty: all
  std::string scenario_glob;
  std::vector<std::string> reports;  ///< "junit:PATH", "json:PATH", "html:PATH"
  long timeout_ms = 10000;
  bool insecure = false;
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  long max_wait_ms = ThrottlePolicy{}.max_wait_ms;  ///< per request, waiting out throttling
  double rate_limit = 0;                            ///< requests a second; 0: no limit
  bool strict = false;
  std::vector<std::string> headers;  ///< "Name: value"
  std::string suites_dir;            ///< default: the bundled suites
  std::string specs_dir;             ///< default: the bundled specs
  bool quiet = false;
  std::optional<std::uint64_t> shuffle_seed;
  int repeat = 1;
  std::string baseline;            ///< known deviations: only new mismatches fail
  std::string write_baseline;      ///< record this run's mismatches as the known deviations
  bool reveal_secrets = false;     ///< print credentials as they are (a local debugging run)
  bool no_preflight = false;       ///< skip the doctor's checks before running
  std::optional<long> deadline_s;  ///< stop starting scenarios after this many seconds
};

// Shared with `conformance generate`.
/// The options with each data path the user gave looked up here, then in the bundled data.
RunCommandOptions with_data_paths_resolved(RunCommandOptions options);
/// Every suite file in the folder (sorted), or those named. Throws std::invalid_argument.
std::vector<Suite> load_suites(const RunCommandOptions& options);
/// The --header values as (name, value). Throws std::invalid_argument for one without a name.
std::vector<std::pair<std::string, std::string>> parse_headers(
    const std::vector<std::string>& headers);
/// Throws std::invalid_argument when `path` is not an existing `kind` ("file" or "folder").
void require_existing(const std::string& path, const char* kind, const char* option);

struct ReportTarget {
  std::string format;  ///< junit, json, html, sarif or ctrf
  std::string path;
};
/// The --report values as targets. Throws std::invalid_argument for an unknown format.
std::vector<ReportTarget> parse_reports(const std::vector<std::string>& reports);
/// Writes every report (and says where); false after a message when one cannot be written.
bool write_report_files(const std::vector<ReportTarget>& reports, const RunResult& result);

/// The throttling flags as the client's policy.
ThrottlePolicy throttle_policy_of(const RunCommandOptions& options);
/// Adds --max-response-bytes, --max-wait-ms and --rate-limit (shared with `conformance generate`).
void add_max_response_bytes_option(CLI::App& command, RunCommandOptions& options);
/// Adds --deadline-s (shared with `conformance generate`).
void add_deadline_option(CLI::App& command, RunCommandOptions& options);
/// Adds --no-preflight (shared with `conformance generate`).
void add_no_preflight_flag(CLI::App& command, RunCommandOptions& options);
/// Adds --reveal-secrets (shared with `conformance generate`).
void add_reveal_secrets_flag(CLI::App& command, RunCommandOptions& options);
/// Registers `run`; sets `exit_code` (0 all passed, 1 mismatches, 2 usage/config/unreachable).
void add_run_command(CLI::App& app, RunCommandOptions& options, int& exit_code);
/// Registers `list`: suites and scenarios with their requirements.
void add_list_command(CLI::App& app, RunCommandOptions& options, int& exit_code);

}  // namespace statuskit::conformance
