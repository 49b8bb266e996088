#pragma once
// What a conformance run found: per suite, per scenario, per step. The reporters read this.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace statuskit::conformance {

/// Reports keep bodies up to this size (a 500-id bulk request is ~14 KB); larger ones, such as
/// a body made to exceed a server's limit, are cut so reports stay small enough to open.
inline constexpr std::size_t kReportedBodyLimit = 16 * 1024;

struct StepResult {
  std::string name;
  std::string operation;
  bool cleanup = false;
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::string request_body;           ///< at most kReportedBodyLimit bytes
  std::size_t request_body_size = 0;  ///< the full size sent
  std::string curl;                   ///< the request as a replayable command
  long status = 0;                    ///< 0: no HTTP answer (see transport_error)
  std::vector<std::pair<std::string, std::string>> response_headers;
  std::string response_body;           ///< at most kReportedBodyLimit bytes
  std::size_t response_body_size = 0;  ///< the full size received
  std::string transport_error;
  double elapsed_ms = 0;
  std::vector<std::string> failures;  ///< each mismatch, expected vs actual
  std::vector<std::string> warnings;  ///< inferred-response deviations, cleanup problems
};

enum class Outcome { kPassed, kFailed, kSkipped };

struct ScenarioResult {
  std::string suite;
  std::string id;
  std::string requirement;
  std::vector<std::string> catches;
  Outcome outcome = Outcome::kPassed;
  std::string skip_reason;
  std::vector<StepResult> steps;
  double elapsed_ms = 0;

  /// Every failure of every step, prefixed with the step's name.
  std::vector<std::string> failures() const;
};

struct SuiteResult {
  std::string name;
  std::string spec;
  std::string description;
  std::vector<ScenarioResult> scenarios;
};

struct RunResult {
  std::string target;
  std::string profile;
  std::string started_at;             ///< ISO 8601 UTC
  std::int64_t started_epoch_ms = 0;  ///< the same instant, for formats that count in ms
  double elapsed_ms = 0;
  std::vector<SuiteResult> suites;

  int count(Outcome outcome) const;
  /// Warnings of every step: deviations from inferred responses, cleanup problems.
  int warning_count() const;
};

const char* outcome_name(Outcome outcome);

}  // namespace statuskit::conformance
