#include "scenarios/runner.h"

#include <fnmatch.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "scenarios/run_budget.h"
#include "scenarios/step_runner.h"
#include "scenarios/substitution.h"
#include "statuskit/openapi/spec.h"
#include "target/client.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

std::string now_iso8601() {
  const auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

/// The first profile key a scenario needs and the profile lacks, if any. Captured values are
/// produced during the run, so they count as present here.
std::optional<std::string> missing_key(const Scenario& scenario, const json& profile_values) {
  Bindings bindings;
  bindings.profile = profile_values;
  for (const auto* steps : {&scenario.setup, &scenario.steps, &scenario.cleanup}) {
    for (const auto& step : *steps) {
      for (const auto& [name, unused] : step.capture) bindings.captured[name] = "";
    }
  }
  for (const auto* steps : {&scenario.setup, &scenario.steps, &scenario.cleanup}) {
    for (const auto& step : *steps) {
      json out;
      for (const json* value : {&step.path, &step.query, &step.headers, &step.cookies}) {
        if (auto missing = resolve(*value, bindings, out)) return missing->key;
      }
      for (const auto& expectation : step.expect) {
        for (const json* value : {&expectation.body, &expectation.headers}) {
          if (auto missing = resolve(*value, bindings, out)) return missing->key;
        }
      }
      if (step.has_body) {
        if (auto missing = resolve(step.body, bindings, out)) return missing->key;
      }
    }
  }
  return std::nullopt;
}

ScenarioResult describe(const Suite& suite, const Scenario& scenario) {
  ScenarioResult result;
  result.suite = suite.name;
  result.id = scenario.id;
  result.requirement = scenario.requirement;
  result.source = scenario.source;
  result.catches = scenario.catches;
  return result;
}

/// A step that did not run, so that every report still lists it, with why.
StepResult not_run(const Step& step, Phase phase, const std::string& reason) {
  StepResult result;
  result.name = step.name;
  result.operation = step.operation;
  result.phase = phase;
  result.ran = false;
  result.not_run_reason = reason;
  return result;
}

ScenarioResult run_scenario(const SuiteContext& suite, const Suite& definition,
                            const Scenario& scenario, const std::string& session_prefix) {
  ScenarioResult result = describe(definition, scenario);
  if (auto key = missing_key(scenario, suite.profile_values)) {
    result.outcome = Outcome::kSkipped;
    result.skip_reason =
        "not configured: the profile has no " + *key + " under vendors." + definition.name;
    return result;
  }
  const auto started = std::chrono::steady_clock::now();
  const std::string session =
      suite.options.profile.statuskit_mock ? session_prefix + scenario.id : "";
  StepRunner run(suite, session);
  // Setup and the steps proper run in order until an explicit expectation fails: later steps
  // build on earlier ones, so they are listed as not run, with the step that stopped them.
  std::string stopped_by;
  std::string unmet_precondition;
  for (const auto& [phase, steps] :
       {std::pair{Phase::kSetup, &scenario.setup}, std::pair{Phase::kTest, &scenario.steps}}) {
    for (const auto& step : *steps) {
      if (!stopped_by.empty()) {
        result.steps.push_back(not_run(step, phase, stopped_by));
        continue;
      }
      result.steps.push_back(run.run(step, phase));
      StepResult& done = result.steps.back();
      if (step.precondition && blocks_later_steps(done)) {
        unmet_precondition =
            "precondition not met: '" + done.label() + "': " + done.failures.front().text();
        stopped_by = "not run: " + unmet_precondition;
        // Shown, but not the server's failure: the test data is stale.
        for (auto& failure : done.failures) done.warnings.push_back(std::move(failure));
        done.failures.clear();
        continue;
      }
      if (!done.failures.empty()) result.outcome = Outcome::kFailed;
      if (blocks_later_steps(done)) {
        stopped_by = std::string("not run: the ") + phase_name(phase) + " step '" + done.label() +
                     "' failed";
      }
    }
  }
  if (!unmet_precondition.empty() && result.outcome != Outcome::kFailed) {
    result.outcome = Outcome::kSkipped;
    result.skip_reason = unmet_precondition;
  }
  for (const auto& step : scenario.cleanup) {
    StepResult cleanup = run.run(step, Phase::kCleanup);
    // A cleanup problem is reported, but it is not the scenario's failure.
    for (auto& failure : cleanup.failures) {
      failure.message = "cleanup: " + failure.message;
      cleanup.warnings.push_back(std::move(failure));
    }
    cleanup.failures.clear();
    result.steps.push_back(std::move(cleanup));
  }
  if (!session.empty()) reset_session(suite, session, result);
  result.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

/// The order scenarios run in: as written, or shuffled by a seeded generator so that a run can
/// be repeated exactly. Fisher-Yates by hand: std::shuffle's order differs between libraries.
std::vector<std::size_t> run_order(std::size_t count, std::mt19937_64* random) {
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  if (random == nullptr) return order;
  for (std::size_t i = count; i > 1; --i) {
    const auto j = static_cast<std::size_t>((*random)() % i);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

}  // namespace

/// "conformance-<pid>-<8 random hex digits>-": the start of every session name of one run.
/// The pid alone would not do: CI jobs in containers often run the runner under the same pid,
/// and many jobs may share one mock (or a pool of mocks behind a load balancer).
std::string session_prefix_of_this_run() {
  std::random_device entropy;
  char nonce[9];
  std::snprintf(nonce, sizeof nonce, "%08x", static_cast<unsigned>(entropy()));
  return "conformance-" + std::to_string(::getpid()) + "-" + nonce + "-";
}

void reset_session(const SuiteContext& suite, const std::string& session, ScenarioResult& result) {
  TargetRequest reset;
  reset.method = "POST";
  reset.url = suite.base_url + "/__admin/reset?session=" + percent_encode(session);
  // The mock reads ?session=; the header is for a load balancer that routes sessions by it, so
  // the reset reaches the mock that holds the session.
  reset.headers.emplace_back(kSessionHeader, session);
  for (const auto& header : suite.options.extra_headers) reset.headers.push_back(header);
  if (!suite.options.profile.admin_token.empty()) {
    reset.headers.emplace_back("Authorization", "Bearer " + suite.options.profile.admin_token);
  }
  const TargetResponse answer = suite.client.send(reset);
  if (answer.status != 200 && !result.steps.empty()) {
    Mismatch warning;
    warning.origin = Mismatch::Origin::kTransport;
    warning.message = "could not reset mock session " + session + ": " +
                      (answer.transport_error.empty() ? "status " + std::to_string(answer.status)
                                                      : answer.transport_error);
    warning.keyword = "reset";
    result.steps.back().warnings.push_back(std::move(warning));
  }
}

std::string reachable_base_url(const std::string& target, const TargetProfile& profile,
                               TargetClient& client) {
  std::string base_url = target.empty() ? profile.base_url : target;
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  if (base_url.empty()) {
    throw std::invalid_argument("no target: give --target URL or base_url in the profile");
  }
  TargetRequest probe;
  probe.method = "GET";
  probe.url = base_url + "/";
  const TargetResponse answer = client.send(probe);
  if (!answer.transport_error.empty()) {
    throw UnreachableTarget("cannot reach the target " + base_url + ": " + answer.transport_error +
                            " (is the server running there? --target, or the profile's base_url, "
                            "names where the runner looks)");
  }
  return base_url;
}

std::vector<DocumentedResponse> documented_responses(const openapi::Spec& spec,
                                                     const std::string& base_path) {
  std::vector<DocumentedResponse> documented;
  for (const auto& operation : spec.operations()) {
    for (const auto& response : operation.responses) {
      documented.push_back({operation.operation_id, operation.method,
                            base_path + operation.path_template, response.status_key,
                            response.inferred});
    }
  }
  return documented;
}

void start_run(RunResult& run) {
  run.started_at = now_iso8601();
  run.started_epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
}

void finish_run(RunResult& run, const TargetClient& client,
                std::chrono::steady_clock::time_point started) {
  run.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  run.throttled_answers = client.throttle_stats().throttled_answers;
  run.throttle_gave_up = client.throttle_stats().gave_up;
  run.throttle_wait_ms = client.throttle_stats().waited_ms;
}

RunResult run_suites(const RunOptions& options) {
  TargetClient client(options.timeout_ms, options.insecure, options.max_response_bytes,
                      options.throttle);
  const std::string base_url = reachable_base_url(options.target, options.profile, client);
  RunResult run;
  run.target = base_url;
  run.profile = options.profile_path;
  start_run(run);
  run.shuffle_seed = options.shuffle_seed;
  run.repeat = options.repeat;
  std::mt19937_64 generator(options.shuffle_seed.value_or(0));
  std::mt19937_64* random = options.shuffle_seed ? &generator : nullptr;
  const std::string session_prefix = session_prefix_of_this_run();
  RunBudget budget(options.deadline_s);
  const auto started = std::chrono::steady_clock::now();
  for (const std::size_t suite_index : run_order(options.suites.size(), random)) {
    const Suite& suite = options.suites[suite_index];
    const std::string spec_path = options.specs_dir + "/" + suite.spec;
    std::unique_ptr<openapi::Spec> spec;
    try {
      spec = std::make_unique<openapi::Spec>(openapi::Spec::load_file(spec_path));
    } catch (const std::exception& error) {
      throw std::invalid_argument(suite.source + ": cannot load spec " + spec_path + ": " +
                                  error.what());
    }
    const auto vendor = options.profile.vendors.find(suite.name);
    json values = vendor == options.profile.vendors.end() ? json::object() : vendor->second.values;
    std::string base_path = spec->server_base_path();
    if (vendor != options.profile.vendors.end() && vendor->second.base_path) {
      base_path = *vendor->second.base_path;
    }
    while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
    // Paths as the server sees them: Symphony's /v1/admin/... is /pod/v1/admin/... on the wire.
    SuiteResult suite_result{
        suite.name, suite.spec, suite.description, {}, documented_responses(*spec, base_path), {}};
    const SuiteContext context{options, client, *spec, base_url, base_path, values};
    std::vector<const Scenario*> selected;
    for (const auto& scenario : suite.scenarios) {
      if (options.scenario_glob.empty() ||
          fnmatch(options.scenario_glob.c_str(), scenario.id.c_str(), 0) == 0) {
        selected.push_back(&scenario);
      }
    }
    budget.start_vendor();
    for (int iteration = 1; iteration <= options.repeat; ++iteration) {
      for (const std::size_t index : run_order(selected.size(), random)) {
        const Scenario& scenario = *selected[index];
        ScenarioResult result;
        if (vendor == options.profile.vendors.end()) {
          result = describe(suite, scenario);
          result.outcome = Outcome::kSkipped;
          result.skip_reason = "not configured: the profile has no vendors." + suite.name;
        } else if (const std::string stop = budget.stop_reason(suite.name); !stop.empty()) {
          result = describe(suite, scenario);
          result.outcome = Outcome::kSkipped;
          result.skip_reason = stop;
          run.past_deadline += budget.past_deadline() ? 1 : 0;
        } else {
          result = run_scenario(context, suite, scenario, session_prefix);
          stamp_requests(result);
          budget.record(result);
        }
        result.iteration = iteration;
        if (options.on_scenario) options.on_scenario(result);
        suite_result.scenarios.push_back(std::move(result));
      }
    }
    run.suites.push_back(std::move(suite_result));
  }
  finish_run(run, client, started);
  return run;
}

}  // namespace statuskit::conformance
