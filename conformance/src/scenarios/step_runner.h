#pragma once
// One step of a scenario: builds the HTTP request from the step's templates (path, query,
// headers, cookies, body), sends it, and checks the answer against the spec and the step's
// expectations. Values a step captures are visible to the later steps of the same scenario.

#include <string>

#include "scenarios/run_result.h"
#include "scenarios/runner.h"
#include "scenarios/substitution.h"
#include "scenarios/suite.h"

namespace statuskit::openapi {
class Spec;
struct Operation;
}  // namespace statuskit::openapi

namespace statuskit::conformance {

class TargetClient;
struct TargetRequest;
struct TargetResponse;

/// The session header a statuskit mock isolates each scenario's state by.
inline constexpr const char* kSessionHeader = "X-Statuskit-Session";

/// Everything one suite's scenarios share.
struct SuiteContext {
  const RunOptions& options;
  TargetClient& client;
  const openapi::Spec& spec;
  std::string base_url;   ///< target, no trailing slash
  std::string base_path;  ///< the API's prefix on the target
  nlohmann::json profile_values;
};

/// Runs the steps of one scenario, in order, against the suite's target.
class StepRunner {
 public:
  /// `session` is sent as X-Statuskit-Session on every request; empty: none.
  StepRunner(const SuiteContext& suite, std::string session);

  /// Sends one step and reports what happened; never throws for a target's answer.
  StepResult run(const Step& step, Phase phase);

  /// The request a step resolves to, or "<reason>" when a template has no value or a path
  /// parameter does not fit the operation's path.
  std::optional<std::string> build(const Step& step, const openapi::Operation& operation,
                                   TargetRequest& request) const;

 private:
  void check(const Step& step, const openapi::Operation& operation, const TargetResponse& response,
             StepResult& result);

  const SuiteContext& suite_;
  std::string session_;
  Bindings bindings_;
};

/// Whether later steps may not run after this one: an explicit expectation, a capture or the
/// transport failed. A spec-check mismatch alone does not stop a scenario (the answer was
/// still the one the step wanted, only described differently than the spec says).
bool blocks_later_steps(const StepResult& step);

/// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string percent_encode(const std::string& text);

}  // namespace statuskit::conformance
