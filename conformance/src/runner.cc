#include "runner.h"

#include <fnmatch.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "matchers.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/response_checker.h"
#include "statuskit/openapi/spec.h"
#include "substitution.h"
#include "target_client.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

constexpr const char* kSessionHeader = "X-Statuskit-Session";

std::string percent_encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string now_iso8601() {
  const auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

/// Everything one suite's scenarios share.
struct SuiteContext {
  const RunOptions& options;
  TargetClient& client;
  const openapi::Spec& spec;
  std::string base_url;   ///< target, no trailing slash
  std::string base_path;  ///< the API's prefix on the target
  json profile_values;
};

class ScenarioRun {
 public:
  ScenarioRun(const SuiteContext& suite, const Scenario& scenario, std::string session)
      : suite_(suite), scenario_(scenario), session_(std::move(session)) {
    bindings_.profile = suite.profile_values;
  }

  StepResult run(const Step& step, bool cleanup) {
    StepResult result;
    result.name = step.name;
    result.operation = step.operation;
    result.cleanup = cleanup;
    const openapi::Operation* operation = suite_.spec.find_operation(step.operation);
    if (operation == nullptr) {
      result.failures.push_back("the spec has no operation " + step.operation);
      return result;
    }
    TargetRequest request;
    if (auto problem = build(step, *operation, request)) {
      result.failures.push_back(*problem);
      return result;
    }
    result.method = request.method;
    result.url = request.url;
    result.request_headers = request.headers;
    result.request_body_size = request.body.size();
    result.request_body = request.body.substr(0, kReportedBodyLimit);
    if (request.body.size() > kReportedBodyLimit) {
      TargetRequest shown = request;
      shown.body = result.request_body;
      result.curl = to_curl_command(shown) + "  # body cut to its first " +
                    std::to_string(kReportedBodyLimit) + " of " +
                    std::to_string(request.body.size()) + " bytes";
    } else {
      result.curl = to_curl_command(request);
    }
    const TargetResponse response = suite_.client.send(request);
    result.elapsed_ms = response.elapsed_ms;
    result.status = response.status;
    result.response_body_size = response.body.size();
    result.response_body = response.body.substr(0, kReportedBodyLimit);
    for (const auto& header : response.headers) result.response_headers.push_back(header);
    if (!response.transport_error.empty()) {
      result.transport_error = response.transport_error;
      result.failures.push_back("no HTTP answer: " + response.transport_error);
      return result;
    }
    check(step, *operation, response, result);
    return result;
  }

 private:
  std::optional<std::string> build(const Step& step, const openapi::Operation& operation,
                                   TargetRequest& request) {
    json path, query, headers, cookies, body;
    for (auto [value, out] :
         {std::pair{&step.path, &path}, std::pair{&step.query, &query},
          std::pair{&step.headers, &headers}, std::pair{&step.cookies, &cookies}}) {
      if (auto missing = resolve(*value, bindings_, *out))
        return "no value for ${" + missing->key + "}";
    }
    if (step.has_body) {
      if (auto missing = resolve(step.body, bindings_, body)) {
        return "no value for ${" + missing->key + "}";
      }
    }
    std::string resource = operation.path_template;
    for (const auto& [name, value] : path.items()) {
      const std::string placeholder = "{" + name + "}";
      const auto at = resource.find(placeholder);
      if (at == std::string::npos)
        return "the path " + operation.path_template + " has no {" + name + "}";
      resource.replace(at, placeholder.size(), percent_encode(as_text(value)));
    }
    if (resource.find('{') != std::string::npos) {
      return "path parameters missing for " + operation.path_template;
    }
    std::string url = suite_.base_url + suite_.base_path + resource;
    char separator = '?';
    for (const auto& [name, value] : query.items()) {
      url += separator + percent_encode(name) + "=" + percent_encode(as_text(value));
      separator = '&';
    }
    request.method = operation.method;
    request.url = url;
    for (const auto& header : suite_.options.extra_headers) request.headers.push_back(header);
    for (const auto& [name, value] : headers.items())
      request.headers.emplace_back(name, as_text(value));
    if (!cookies.empty()) {
      std::string cookie;
      for (const auto& [name, value] : cookies.items()) {
        cookie += (cookie.empty() ? "" : "; ") + name + "=" + as_text(value);
      }
      request.headers.emplace_back("Cookie", cookie);
    }
    if (!session_.empty()) request.headers.emplace_back(kSessionHeader, session_);
    if (step.has_body) {
      request.has_body = true;
      request.body = body.dump();
      request.headers.emplace_back(
          "Content-Type", step.content_type.empty() ? "application/json" : step.content_type);
    } else if (step.has_raw_body) {
      request.has_body = true;
      request.body = step.raw_body;
      request.headers.emplace_back("Content-Type",
                                   step.content_type.empty() ? "text/plain" : step.content_type);
    }
    return std::nullopt;
  }

  void check(const Step& step, const openapi::Operation& operation, const TargetResponse& response,
             StepResult& result) {
    const auto& expected = step.expect.statuses;
    if (!expected.empty() &&
        std::find(expected.begin(), expected.end(), response.status) == expected.end()) {
      std::string list;
      for (int code : expected) list += (list.empty() ? "" : " or ") + std::to_string(code);
      result.failures.push_back("expected status " + list + ", got " +
                                std::to_string(response.status));
    }
    openapi::ObservedResponse observed;
    observed.status = static_cast<int>(response.status);
    observed.headers = response.headers;
    const auto content_type = response.headers.find("content-type");
    if (content_type != response.headers.end()) observed.content_type = content_type->second;
    observed.body = response.body;
    for (const auto& mismatch :
         openapi::check_response(operation, observed, suite_.options.strict)) {
      auto& list = mismatch.severity == openapi::ResponseMismatch::Severity::kError
                       ? result.failures
                       : result.warnings;
      list.push_back("spec (" + mismatch.kind + "): " + mismatch.message);
    }
    json body;
    bool body_is_json = false;
    try {
      if (!response.body.empty()) {
        body = json::parse(response.body);
        body_is_json = true;
      }
    } catch (const json::exception&) {
    }
    for (const auto& [pointer, matcher_template] : step.expect.body.items()) {
      json matcher;
      if (auto missing = resolve(matcher_template, bindings_, matcher)) {
        result.failures.push_back(pointer + ": no value for ${" + missing->key + "}");
        continue;
      }
      const json* actual = body_is_json ? openapi::find_pointer(body, pointer) : nullptr;
      if (auto problem = match(matcher, actual))
        result.failures.push_back(pointer + ": " + *problem);
    }
    for (const auto& [name, matcher_template] : step.expect.headers.items()) {
      json matcher;
      if (auto missing = resolve(matcher_template, bindings_, matcher)) {
        result.failures.push_back("header " + name + ": no value for ${" + missing->key + "}");
        continue;
      }
      const auto header = response.headers.find(name);
      const json actual = header == response.headers.end() ? json() : json(header->second);
      if (auto problem = match(matcher, header == response.headers.end() ? nullptr : &actual)) {
        result.failures.push_back("header " + name + ": " + *problem);
      }
    }
    for (const auto& [name, pointer] : step.capture) {
      const json* value = body_is_json ? openapi::find_pointer(body, pointer) : nullptr;
      if (value == nullptr) {
        result.failures.push_back("capture " + name + ": nothing at " + pointer);
      } else {
        bindings_.captured[name] = *value;
      }
    }
  }

  const SuiteContext& suite_;
  const Scenario& scenario_;
  std::string session_;
  Bindings bindings_;
};

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
  ScenarioRun run(suite, scenario, session);
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
