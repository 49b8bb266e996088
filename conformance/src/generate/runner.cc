#include "generate/runner.h"

#include <chrono>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "generate/cases.h"
#include "generate/oracles.h"
#include "generate/profile.h"
#include "generate/shrink.h"
#include "generate/state.h"
#include "scenarios/run_budget.h"
#include "scenarios/runner.h"
#include "scenarios/step_runner.h"
#include "scenarios/substitution.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/spec.h"
#include "target/client.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

/// The profile's request for an operation with every template resolved.
BaseRequest resolve_base(const GenerationRequest& request, const json& profile_values,
                         const std::string& vendor) {
  Bindings bindings;
  bindings.profile = profile_values;
  BaseRequest base;
  base.step = request.base;
  auto resolved = [&](const json& value) {
    json out;
    if (auto missing = resolve(value, bindings, out)) {
      throw std::invalid_argument("vendors." + vendor + ".generate." + request.base.operation +
                                  ": the profile has no " + missing->key);
    }
    return out;
  };
  base.step.path = resolved(request.base.path);
  base.step.query = resolved(request.base.query);
  base.step.headers = resolved(request.base.headers);
  base.step.cookies = resolved(request.base.cookies);
  if (request.base.has_body) base.step.body = resolved(request.base.body);
  if (request.forbidden_headers) base.forbidden_headers = resolved(*request.forbidden_headers);
  if (request.forbidden_cookies) base.forbidden_cookies = resolved(*request.forbidden_cookies);
  return base;
}

class VendorRun {
 public:
  VendorRun(const SuiteContext& context, std::map<std::string, BaseRequest> bases,
            std::string session_prefix)
      : context_(context), bases_(std::move(bases)), session_prefix_(std::move(session_prefix)) {}

  /// Sends one case (with its read-backs) in `session` and judges it.
  std::vector<StepResult> execute(const GeneratedCase& generated, const std::string& session) {
    const openapi::Operation& operation = *context_.spec.find_operation(generated.operation);
    const auto state = state_extension_of(context_.spec, operation);
    StepRunner runner(context_, session);
    std::vector<StepResult> steps;
    std::optional<json> before;
    // The resource the profile's request names: a mutation may have removed or replaced it in
    // the case (a hostile id), but that resource is the one a wrong answer could change.
    const std::optional<json> subject =
        state ? state->subject.read(bases_.at(generated.operation).step) : std::nullopt;
    const bool reads_back =
        state && subject && generated.kind != CaseKind::kMethod &&
        (generated.kind != CaseKind::kPositive || !context_.options.profile.statuskit_mock);
    if (reads_back) {
      steps.push_back(runner.run(read_step(*state, *subject, "state before"), Phase::kSetup));
      before = state_fields(*state, steps.back());
    }
    steps.push_back(send(runner, generated, operation));
    StepResult& answer = steps.back();
    judge_status(generated, answer, context_.options.strict);
    const std::size_t answer_index = steps.size() - 1;
    if (reads_back && before) {
      steps.push_back(runner.run(read_step(*state, *subject, "state after"), Phase::kTest));
      const auto after = state_fields(*state, steps.back());
      if (after) {
        judge_state(generated, *state, *before, *after, steps[answer_index],
                    context_.options.strict);
        if (!context_.options.profile.statuskit_mock && *before != *after) {
          restore(runner, generated, *state, *subject, steps);
        }
      }
    }
    return steps;
  }

 private:
  Step read_step(const StateExtension& state, const json& subject, const char* name) const {
    Step read;
    const auto own = bases_.find(state.read_operation);
    if (own != bases_.end()) {
      read = own->second.step;
    } else {
      const Step& any = bases_.begin()->second.step;
      read.headers = any.headers;
      read.cookies = any.cookies;
    }
    read.name = name;
    read.operation = state.read_operation;
    read.has_body = false;
    const openapi::Operation* reader = context_.spec.find_operation(state.read_operation);
    for (const auto& parameter : reader->parameters) {
      if (parameter.name != state.read_parameter) continue;
      RequestPlace{parameter.in, parameter.name}.write(read, subject);
    }
    return read;
  }

  /// On a real server, a change the case made is undone through the API (a cleanup step).
  void restore(StepRunner& runner, const GeneratedCase& generated, const StateExtension& state,
               const json& subject, std::vector<StepResult>& steps) {
    json body;
    try {
      body = json::parse(steps.front().response_body);
    } catch (const json::exception&) {
      return;
    }
    Step undo = bases_.at(generated.operation).step;
    undo.name = "restore the state";
    state.subject.write(undo, subject);
    for (const auto& [from, to] : state.restore) {
      const json* value = openapi::find_pointer(body, from);
      if (value == nullptr) return;
      to.write(undo, *value);
    }
    StepResult done = runner.run(undo, Phase::kCleanup);
    for (auto& failure : done.failures) done.warnings.push_back(std::move(failure));
    done.failures.clear();
    steps.push_back(std::move(done));
  }

  StepResult send(StepRunner& runner, const GeneratedCase& generated,
                  const openapi::Operation& operation) {
    Step step = generated.request;
    step.name = generated.description;
    step.operation = generated.operation;
    step.source = generated.source;
    if (generated.method.empty()) return runner.run(step, Phase::kTest);
    // An undocumented method: no operation describes the answer, so only the oracle judges it.
    StepResult result;
    result.name = step.name;
    // Not an operationId: the answer belongs to no operation's cell of the coverage matrix.
    result.operation = generated.method + " " + operation.path_template;
    TargetRequest request;
    if (auto problem = runner.build(step, operation, request)) {
      Mismatch mismatch;
      mismatch.origin = Mismatch::Origin::kSuite;
      mismatch.message = *problem;
      result.failures.push_back(std::move(mismatch));
      return result;
    }
    request.method = generated.method;
    result.method = request.method;
    result.url = request.url;
    result.request_headers = request.headers;
    result.curl = to_curl_command(request);
    const TargetResponse response = context_.client.send(request);
    result.status = response.status;
    result.elapsed_ms = response.elapsed_ms;
    result.response_body = response.body.substr(0, kReportedBodyLimit);
    result.response_body_size = response.body.size();
    for (const auto& header : response.headers) result.response_headers.emplace_back(header);
    if (!response.transport_error.empty()) {
      result.transport_error = response.transport_error;
      Mismatch mismatch;
      mismatch.origin = Mismatch::Origin::kTransport;
      mismatch.operation = step.operation;
      mismatch.keyword = "transport";
      mismatch.message = "no HTTP answer: " + response.transport_error;
      result.failures.push_back(std::move(mismatch));
    }
    return result;
  }

  const SuiteContext& context_;
  std::map<std::string, BaseRequest> bases_;
  std::string session_prefix_;

 public:
  /// Runs a case in a fresh session (reset afterwards): the steps, and whether any failed.
  ScenarioResult run_case(const GeneratedCase& generated, const std::string& id) {
    ScenarioResult result;
    result.id = id;
    auto attempt = [&](const GeneratedCase& which, const std::string& suffix) {
      const std::string session =
          context_.options.profile.statuskit_mock ? session_prefix_ + id + suffix : "";
      ScenarioResult tried;
      tried.steps = execute(which, session);
      if (!session.empty()) reset_session(context_, session, tried);
      return tried.steps;
    };
    auto failed = [](const std::vector<StepResult>& steps) {
      for (const auto& step : steps) {
        if (!step.failures.empty()) return true;
      }
      return false;
    };
    result.steps = attempt(generated, "");
    if (!failed(result.steps)) return result;
    // A failure is reported only when it happens again, and in its smallest form.
    const auto again = attempt(generated, ".rerun");
    if (!failed(again)) {
      for (auto& step : result.steps) {
        for (auto& failure : step.failures) {
          failure.message = "did not reproduce on a re-run: " + failure.message;
          step.warnings.push_back(std::move(failure));
        }
        step.failures.clear();
      }
      return result;
    }
    const auto shrunk = shrink_case(generated, [&](const GeneratedCase& smaller) {
      return failed(attempt(smaller, ".shrink"));
    });
    if (shrunk.left_out.empty()) return result;
    result.steps = attempt(shrunk.smallest, ".shrunk");
    std::string left_out;
    for (const auto& pointer : shrunk.left_out)
      left_out += (left_out.empty() ? "" : ", ") + pointer;
    result.requirement = "shrunk: still fails without " + left_out;  // the caller's note
    return result;
  }
};

}  // namespace

RunResult run_generated(const GenerateOptions& options) {
  TargetClient client(options.timeout_ms, options.insecure, options.max_response_bytes,
                      options.throttle);
  const std::string base_url = reachable_base_url(options.target, options.profile, client);
  RunOptions run_options;
  run_options.profile = options.profile;
  run_options.strict = options.strict;
  run_options.extra_headers = options.extra_headers;
  RunResult run;
  run.target = base_url;
  run.profile = options.profile_path;
  start_run(run);
  run.generation_seed = options.seed;
  const std::string session_prefix = session_prefix_of_this_run();
  RunBudget budget(options.deadline_s);
  const auto started = std::chrono::steady_clock::now();
  for (const auto& [vendor, spec_file] : options.vendors) {
    budget.start_vendor();
    const std::string spec_path = options.specs_dir + "/" + spec_file;
    const openapi::Spec spec = openapi::Spec::load_file(spec_path);
    const auto found = options.profile.vendors.find(vendor);
    std::string shown_base_path = found != options.profile.vendors.end() && found->second.base_path
                                      ? *found->second.base_path
                                      : spec.server_base_path();
    while (!shown_base_path.empty() && shown_base_path.back() == '/') shown_base_path.pop_back();
    SuiteResult suite{vendor,
                      spec_file,
                      "generated from " + spec_file,
                      {},
                      documented_responses(spec, shown_base_path),
                      {}};
    if (found == options.profile.vendors.end() || found->second.generate.is_null()) {
      run.suites.push_back(std::move(suite));  // not configured: nothing to generate
      continue;
    }
    const GenerationProfile profile = GenerationProfile::from_json(found->second.generate);
    std::map<std::string, BaseRequest> bases;
    for (const auto& [operation_id, request] : profile.operations) {
      if (spec.find_operation(operation_id) == nullptr) {
        throw std::invalid_argument("vendors." + vendor + ".generate: " + spec_file +
                                    " has no operation " + operation_id);
      }
      bases.emplace(operation_id, resolve_base(request, found->second.values, vendor));
    }
    std::string base_path = found->second.base_path.value_or(spec.server_base_path());
    while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
    const SuiteContext context{run_options, client,    spec,
                               base_url,    base_path, found->second.values};
    VendorRun vendor_run(context, bases, session_prefix);
    // One generator per vendor, seeded from the run's seed and the vendor's name, so that a
    // vendor's cases do not depend on which other vendors run.
    std::uint64_t vendor_seed = options.seed;
    for (char c : vendor) vendor_seed = vendor_seed * 131 + static_cast<unsigned char>(c);
    std::mt19937_64 random(vendor_seed);
    for (const auto& operation : spec.operations()) {
      const auto base = bases.find(operation.operation_id);
      if (base == bases.end()) continue;
      auto cases = derive_cases(spec, operation, base->second, random);
      for (auto& method_case : derive_method_cases(spec, operation, base->second)) {
        cases.push_back(std::move(method_case));
      }
      cases = sample_cases(std::move(cases), options.max_cases, random);
      int number = 0;
      for (const auto& generated : cases) {
        char index[16];
        std::snprintf(index, sizeof index, "%03d", ++number);
        const std::string id = vendor + ".gen." + operation.operation_id + "." + index + "-" +
                               case_kind_name(generated.kind);
        if (const std::string stop = budget.stop_reason(vendor); !stop.empty()) {
          ScenarioResult skipped;
          skipped.suite = vendor;
          skipped.id = id;
          skipped.requirement =
              std::string(case_kind_name(generated.kind)) + ": " + generated.description;
          skipped.source = generated.source;
          skipped.generated_kind = case_kind_name(generated.kind);
          skipped.generated_operation = generated.operation;
          skipped.outcome = Outcome::kSkipped;
          skipped.skip_reason = stop;
          run.past_deadline += budget.past_deadline() ? 1 : 0;
          if (options.on_case) options.on_case(skipped);
          suite.scenarios.push_back(std::move(skipped));
          continue;
        }
        const auto case_started = std::chrono::steady_clock::now();
        ScenarioResult result = vendor_run.run_case(generated, id);
        stamp_requests(result);
        budget.record(result);
        const std::string note = result.requirement;
        result.suite = vendor;
        result.requirement = std::string(case_kind_name(generated.kind)) + ": " +
                             generated.description + (note.empty() ? "" : " (" + note + ")");
        result.source = generated.source;
        result.generated_kind = case_kind_name(generated.kind);
        result.generated_operation = generated.operation;
        result.constraint = generated.constraint;
        result.constraint_keyword = generated.keyword;
        for (const auto& step : result.steps) {
          if (!step.failures.empty()) result.outcome = Outcome::kFailed;
        }
        result.elapsed_ms = std::chrono::duration<double, std::milli>(
                                std::chrono::steady_clock::now() - case_started)
                                .count();
        if (options.on_case) options.on_case(result);
        suite.scenarios.push_back(std::move(result));
      }
    }
    run.suites.push_back(std::move(suite));
  }
  finish_run(run, client, started);
  return run;
}

}  // namespace statuskit::conformance
