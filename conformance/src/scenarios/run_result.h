#pragma once
// What a conformance run found: per suite, per scenario, per step. The reporters read this.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/provenance.h"

namespace statuskit::conformance {

/// Reports keep bodies up to this size (a 500-id bulk request is ~14 KB); larger ones, such as
/// a body made to exceed a server's limit, are cut so reports stay small enough to open.
inline constexpr std::size_t kReportedBodyLimit = 16 * 1024;

/// One thing an answer got wrong (or a step could not do), with what a report needs to explain
/// it, group it with its twins and recognise it in a baseline.
struct Mismatch {
  enum class Origin {
    kSpec,         ///< the automatic check against the spec (status, content type, schema)
    kExpectation,  ///< an explicit `expect` of the suite
    kCapture,      ///< a value a later step needs is not in the answer
    kTransport,    ///< no HTTP answer
    kSuite,        ///< the step could not be built (a template without a value)
  };
  Origin origin = Origin::kExpectation;
  Provenance source;  ///< of the expectation or response it breaks
  std::string message;
  /// The root cause, the same wherever it recurs: what grouping and baselines compare.
  std::string operation;   ///< operationId
  int status = 0;          ///< the answer's status (0: none)
  std::string pointer;     ///< where: a JSON pointer ("/user/active"), "status" or "header <name>"
  std::string keyword;     ///< what kind of check: "required", "type", "equals", "status", ...
  bool baselined = false;  ///< a known deviation recorded in the --baseline file
  /// The request it is about, as sent: "GET http://host/api/v1/users.info?userId=x" ("" when
  /// none was sent). A wrong base URL or path shows in every mismatch it causes.
  std::string request;

  /// "spec (body-schema): /user: ..." — the message with its origin, as reports print it.
  std::string text() const;
};

const char* origin_name(Mismatch::Origin origin);

struct ScenarioResult;
/// Names each step's request in every mismatch of the step that does not name one yet.
void stamp_requests(ScenarioResult& scenario);

enum class Phase { kSetup, kTest, kCleanup };

const char* phase_name(Phase phase);

struct StepResult {
  std::string name;
  std::string operation;
  Phase phase = Phase::kTest;
  /// False for a step a failed earlier step kept from running; `not_run_reason` says which.
  bool ran = true;
  std::string not_run_reason;
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::string request_body;           ///< at most kReportedBodyLimit bytes
  std::size_t request_body_size = 0;  ///< the full size sent
  std::string curl;                   ///< the request as a replayable command
  long status = 0;                    ///< 0: no HTTP answer (see transport_error)
  /// Every status the step's expectations accept (empty: none named). The coverage matrix marks
  /// these cells failed when the answer landed elsewhere.
  std::vector<int> expected_statuses;
  std::vector<std::pair<std::string, std::string>> response_headers;
  std::string response_body;           ///< at most kReportedBodyLimit bytes
  std::size_t response_body_size = 0;  ///< the full size received
  std::string transport_error;
  double elapsed_ms = 0;
  std::vector<Mismatch> failures;  ///< each mismatch, expected vs actual
  /// Deviations from inferred behaviour (unless --strict), cleanup problems, baselined ones.
  std::vector<Mismatch> warnings;
  /// `conformance explore`: what the model (the reference server) answered to the same call,
  /// shown beside the target's answer. nullopt for suites and generated cases.
  std::optional<long> model_status;
  std::string model_body;  ///< at most kReportedBodyLimit bytes

  /// The name reports show: the step's name, else its operation.
  const std::string& label() const { return name.empty() ? operation : name; }
};

enum class Outcome { kPassed, kFailed, kSkipped };

struct ScenarioResult {
  std::string suite;
  std::string id;
  std::string requirement;
  Provenance source;
  int iteration = 1;  ///< 1-based round of --repeat
  std::vector<std::string> catches;
  Outcome outcome = Outcome::kPassed;
  std::string skip_reason;
  std::vector<StepResult> steps;
  double elapsed_ms = 0;
  /// A case of `conformance generate`: its kind ("positive", "negative", "hostile", "auth",
  /// "method"), the operation it exercises and the constraint it breaks (schema pointer and
  /// keyword). Empty for the scenarios of a suite.
  std::string generated_kind;
  std::string generated_operation;
  std::string constraint;
  std::string constraint_keyword;

  /// Every failure of every step, prefixed with the step's name.
  std::vector<std::string> failures() const;
  /// "pria.bulk.x", or "pria.bulk.x #2" in the second round of --repeat.
  std::string display_id() const;
};

/// A response the spec documents for an operation: a cell of the coverage matrix.
struct DocumentedResponse {
  std::string operation;
  std::string method;
  std::string path;
  std::string status;  ///< the spec's key: "200", "4XX", "default"
  bool inferred = false;
};

struct SuiteResult {
  std::string name;
  std::string spec;
  std::string description;
  std::vector<ScenarioResult> scenarios;
  std::vector<DocumentedResponse> documented;  ///< in spec order
  /// What a run wants a reader to know about the suite beyond its scenarios: `explore`'s
  /// coverage (which callers, targets and prior states it combined, and which it did not).
  std::vector<std::string> notes;
};

/// A baselined mismatch that did not occur although its scenario ran: fixed on the target.
struct ResolvedDeviation {
  std::string fingerprint;
  std::string scenario;
  std::string message;
};

struct RunResult {
  std::string target;
  std::string profile;
  std::string started_at;             ///< ISO 8601 UTC
  std::int64_t started_epoch_ms = 0;  ///< the same instant, for formats that count in ms
  double elapsed_ms = 0;
  std::optional<std::uint64_t> shuffle_seed;
  /// `conformance generate`: the seed the cases were drawn with (--seed replays the run).
  std::optional<std::uint64_t> generation_seed;
  /// The command that drew from that seed, for the replay line: "generate" or "explore".
  std::string seeded_command = "generate";
  int repeat = 1;
  std::string baseline;  ///< the --baseline file, if any
  std::vector<ResolvedDeviation> resolved;
  std::vector<SuiteResult> suites;
  /// Throttling the target asked for (429, 503 with Retry-After): waited out, not judged.
  long throttled_answers = 0;
  long throttle_gave_up = 0;  ///< requests still throttled after --max-wait-ms
  double throttle_wait_ms = 0;
  /// Scenarios not started because the run's deadline had passed (--deadline-s).
  int past_deadline = 0;

  int count(Outcome outcome) const;
  /// Warnings of every step: deviations from inferred responses, cleanup problems.
  int warning_count() const;
  /// Mismatches the baseline knows (reported as warnings, not failures).
  int baselined_count() const;
};

const char* outcome_name(Outcome outcome);

}  // namespace statuskit::conformance
