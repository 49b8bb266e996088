#include "runner.h"

#include <fnmatch.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "statuskit/openapi/spec.h"
#include "step_runner.h"
#include "substitution.h"
#include "target_client.h"

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
  for (const auto* steps : {&scenario.steps, &scenario.cleanup}) {
    for (const auto& step : *steps) {
      for (const auto& [name, unused] : step.capture) bindings.captured[name] = "";
    }
  }
  for (const auto* steps : {&scenario.steps, &scenario.cleanup}) {
    for (const auto& step : *steps) {
      json out;
      for (const json* value : {&step.path, &step.query, &step.headers, &step.cookies,
                                &step.expect.body, &step.expect.headers}) {
        if (auto missing = resolve(*value, bindings, out)) return missing->key;
      }
      if (step.has_body) {
        if (auto missing = resolve(step.body, bindings, out)) return missing->key;
      }
    }
  }
  return std::nullopt;
}

ScenarioResult run_scenario(const SuiteContext& suite, const Suite& definition,
                            const Scenario& scenario) {
  ScenarioResult result;
  result.suite = definition.name;
  result.id = scenario.id;
  result.requirement = scenario.requirement;
  result.catches = scenario.catches;
  if (auto key = missing_key(scenario, suite.profile_values)) {
    result.outcome = Outcome::kSkipped;
    result.skip_reason =
        "not configured: the profile has no " + *key + " under vendors." + definition.name;
    return result;
  }
  const auto started = std::chrono::steady_clock::now();
  const std::string session = suite.options.profile.statuskit_mock
                                  ? "conformance-" + std::to_string(::getpid()) + "-" + scenario.id
                                  : "";
  StepRunner run(suite, session);
  for (const auto& step : scenario.steps) {
    result.steps.push_back(run.run(step, false));
    if (!result.steps.back().failures.empty()) {
      result.outcome = Outcome::kFailed;
      break;  // later steps build on this one
    }
  }
  for (const auto& step : scenario.cleanup) {
    StepResult cleanup = run.run(step, true);
    // A cleanup problem is reported, but it is not the scenario's failure.
    for (auto& failure : cleanup.failures) cleanup.warnings.push_back("cleanup: " + failure);
    cleanup.failures.clear();
    result.steps.push_back(std::move(cleanup));
  }
  if (!session.empty()) {
    TargetRequest reset;
    reset.method = "POST";
    reset.url = suite.base_url + "/__admin/reset?session=" + percent_encode(session);
    for (const auto& header : suite.options.extra_headers) reset.headers.push_back(header);
    if (!suite.options.profile.admin_token.empty()) {
      reset.headers.emplace_back("Authorization", "Bearer " + suite.options.profile.admin_token);
    }
    const TargetResponse answer = suite.client.send(reset);
    if (answer.status != 200 && !result.steps.empty()) {
      result.steps.back().warnings.push_back("could not reset mock session " + session + ": " +
                                             (answer.transport_error.empty()
                                                  ? "status " + std::to_string(answer.status)
                                                  : answer.transport_error));
    }
  }
  result.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace

RunResult run_suites(const RunOptions& options) {
  std::string base_url = options.target.empty() ? options.profile.base_url : options.target;
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  if (base_url.empty()) {
    throw std::invalid_argument("no target: give --target URL or base_url in the profile");
  }
  TargetClient client(options.timeout_ms, options.insecure);
  {
    TargetRequest probe;
    probe.method = "GET";
    probe.url = base_url + "/";
    const TargetResponse answer = client.send(probe);
    if (!answer.transport_error.empty()) {
      throw UnreachableTarget("cannot reach the target " + base_url + ": " +
                              answer.transport_error);
    }
  }
  RunResult run;
  run.target = base_url;
  run.profile = options.profile_path;
  run.started_at = now_iso8601();
  run.started_epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  const auto started = std::chrono::steady_clock::now();
  for (const auto& suite : options.suites) {
    const std::string spec_path = options.specs_dir + "/" + suite.spec;
    std::unique_ptr<openapi::Spec> spec;
    try {
      spec = std::make_unique<openapi::Spec>(openapi::Spec::load_file(spec_path));
    } catch (const std::exception& error) {
      throw std::invalid_argument(suite.source + ": cannot load spec " + spec_path + ": " +
                                  error.what());
    }
    SuiteResult suite_result{suite.name, suite.spec, suite.description, {}};
    const auto vendor = options.profile.vendors.find(suite.name);
    json values = vendor == options.profile.vendors.end() ? json::object() : vendor->second.values;
    std::string base_path = spec->server_base_path();
    if (vendor != options.profile.vendors.end() && vendor->second.base_path) {
      base_path = *vendor->second.base_path;
    }
    while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
    const SuiteContext context{options, client, *spec, base_url, base_path, values};
    for (const auto& scenario : suite.scenarios) {
      if (!options.scenario_glob.empty() &&
          fnmatch(options.scenario_glob.c_str(), scenario.id.c_str(), 0) != 0) {
        continue;
      }
      ScenarioResult result;
      if (vendor == options.profile.vendors.end()) {
        result.suite = suite.name;
        result.id = scenario.id;
        result.requirement = scenario.requirement;
        result.catches = scenario.catches;
        result.outcome = Outcome::kSkipped;
        result.skip_reason = "not configured: the profile has no vendors." + suite.name;
      } else {
        result = run_scenario(context, suite, scenario);
      }
      if (options.on_scenario) options.on_scenario(result);
      suite_result.scenarios.push_back(std::move(result));
    }
    run.suites.push_back(std::move(suite_result));
  }
  run.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return run;
}

}  // namespace statuskit::conformance
