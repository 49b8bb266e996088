#include "scenarios/step_runner.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string_view>

#include "scenarios/matchers.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/response_checker.h"
#include "statuskit/openapi/spec.h"
#include "target/client.h"

namespace statuskit::conformance {

using nlohmann::json;

namespace {

constexpr std::string_view kNotInCookieValue{";, \t\r\n\"\\\0", 9};

std::string describe_char(char c) {
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (c == '\r' || c == '\n') return "a line break";
  if (c == '\0') return "a NUL byte";
  return std::string("'") + c + "'";
}

/// A mismatch of `step`'s answer (status 0: there was none) at `pointer`, of kind `keyword`.
Mismatch mismatch_of(Mismatch::Origin origin, Provenance source, const Step& step, int status,
                     std::string pointer, std::string keyword, std::string message) {
  Mismatch mismatch;
  mismatch.origin = origin;
  mismatch.source = std::move(source);
  mismatch.message = std::move(message);
  mismatch.operation = step.operation;
  mismatch.status = status;
  mismatch.pointer = std::move(pointer);
  mismatch.keyword = std::move(keyword);
  return mismatch;
}

}  // namespace

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

StepRunner::StepRunner(const SuiteContext& suite, std::string session)
    : suite_(suite), session_(std::move(session)) {
  bindings_.profile = suite.profile_values;
}

StepResult StepRunner::run(const Step& step, Phase phase) {
  StepResult result;
  result.name = step.name;
  result.operation = step.operation;
  result.phase = phase;
  for (const auto& expectation : step.expect) {
    result.expected_statuses.insert(result.expected_statuses.end(), expectation.statuses.begin(),
                                    expectation.statuses.end());
  }
  auto suite_problem = [&](std::string message) {
    result.failures.push_back(mismatch_of(Mismatch::Origin::kSuite, step.source, step, 0, "",
                                          "suite", std::move(message)));
  };
  const openapi::Operation* operation = suite_.spec.find_operation(step.operation);
  if (operation == nullptr) {
    suite_problem("the spec has no operation " + step.operation);
    return result;
  }
  TargetRequest request;
  if (auto problem = build(step, *operation, request)) {
    suite_problem(*problem);
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
  // A step that asserts throttling itself sees it; every other one has it waited out.
  request.throttling_expected =
      std::any_of(result.expected_statuses.begin(), result.expected_statuses.end(),
                  [](int status) { return status == 429 || status == 503; });
  const TargetResponse response = suite_.client.send(request);
  result.elapsed_ms = response.elapsed_ms;
  result.status = response.status;
  result.response_body_size = response.body.size();
  result.response_body = response.body.substr(0, kReportedBodyLimit);
  for (const auto& header : response.headers) result.response_headers.emplace_back(header);
  if (!response.transport_error.empty()) {
    result.transport_error = response.transport_error;
    result.failures.push_back(mismatch_of(Mismatch::Origin::kTransport, step.source, step, 0, "",
                                          "transport",
                                          "no HTTP answer: " + response.transport_error));
    return result;
  }
  if (suite_.options.check_answers) check(step, *operation, response, result);
  return result;
}

std::optional<std::string> StepRunner::build(const Step& step, const openapi::Operation& operation,
                                             TargetRequest& request) const {
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
  // A raw body is text: its references are substituted as text, like those inside a longer
  // string (a body with a repeated key, say, still names the profile's user).
  json raw_body;
  if (step.has_raw_body) {
    if (auto missing = resolve(json(step.raw_body), bindings_, raw_body)) {
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
      const std::string text = as_text(value);
      // A Cookie header has no escaping: these characters would split or end the value, and
      // the server would see a different cookie than the profile names (RFC 6265 §4.1.1).
      if (const auto bad = text.find_first_of(kNotInCookieValue); bad != std::string::npos) {
        return "cookie " + name + ": its value contains " + describe_char(text[bad]) +
               ", which a Cookie header cannot carry";
      }
      cookie += (cookie.empty() ? "" : "; ") + name + "=" + text;
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
    request.body = as_text(raw_body);
    request.headers.emplace_back("Content-Type",
                                 step.content_type.empty() ? "text/plain" : step.content_type);
  }
  return std::nullopt;
}

void StepRunner::check(const Step& step, const openapi::Operation& operation,
                       const TargetResponse& response, StepResult& result) {
  const int status = static_cast<int>(response.status);
  openapi::ObservedResponse observed;
  observed.status = status;
  observed.headers = response.headers;
  const auto content_type = response.headers.find("content-type");
  if (content_type != response.headers.end()) observed.content_type = content_type->second;
  observed.body = response.body;
  const openapi::ResponseSpec* documented = operation.find_response(status);
  for (const auto& found : openapi::check_response(operation, observed, suite_.options.strict)) {
    Provenance source{SourceKind::kDocs, "spec"};
    if (documented != nullptr && documented->inferred) {
      source = {SourceKind::kInferred, "spec response " + documented->status_key};
    } else if (documented == nullptr &&
               found.severity == openapi::ResponseMismatch::Severity::kWarning) {
      source = {SourceKind::kInferred, "every documented " + std::to_string(status / 100) +
                                           "xx response of the operation is inferred"};
    }
    auto& list = found.severity == openapi::ResponseMismatch::Severity::kError ? result.failures
                                                                               : result.warnings;
    list.push_back(mismatch_of(Mismatch::Origin::kSpec, std::move(source), step, status,
                               found.pointer, found.keyword, found.message));
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
  for (const auto& expectation : step.expect) {
    // What the vendor publishes fails; what this project inferred warns unless --strict.
    auto& list =
        expectation.source.inferred() && !suite_.options.strict ? result.warnings : result.failures;
    auto add = [&](std::string pointer, std::string keyword, std::string message) {
      list.push_back(mismatch_of(Mismatch::Origin::kExpectation, expectation.source, step, status,
                                 std::move(pointer), std::move(keyword), std::move(message)));
    };
    const auto& expected = expectation.statuses;
    if (!expected.empty() &&
        std::find(expected.begin(), expected.end(), status) == expected.end()) {
      std::string codes;
      for (int code : expected) codes += (codes.empty() ? "" : " or ") + std::to_string(code);
      add("status", "status", "expected status " + codes + ", got " + std::to_string(status));
    }
    for (const auto& [pointer, matcher_template] : expectation.body.items()) {
      json matcher;
      if (auto missing = resolve(matcher_template, bindings_, matcher)) {
        add(pointer, "suite", pointer + ": no value for ${" + missing->key + "}");
        continue;
      }
      const json* actual = body_is_json ? openapi::find_pointer(body, pointer) : nullptr;
      if (auto problem = match(matcher, actual)) {
        add(pointer, matcher_kind(matcher), pointer + ": " + *problem);
      }
    }
    for (const auto& [name, matcher_template] : expectation.headers.items()) {
      json matcher;
      if (auto missing = resolve(matcher_template, bindings_, matcher)) {
        add("header " + name, "suite", "header " + name + ": no value for ${" + missing->key + "}");
        continue;
      }
      const auto header = response.headers.find(name);
      const json actual = header == response.headers.end() ? json() : json(header->second);
      if (auto problem = match(matcher, header == response.headers.end() ? nullptr : &actual)) {
        add("header " + name, matcher_kind(matcher), "header " + name + ": " + *problem);
      }
    }
  }
  for (const auto& [name, pointer] : step.capture) {
    const json* value = body_is_json ? openapi::find_pointer(body, pointer) : nullptr;
    if (value == nullptr) {
      result.failures.push_back(mismatch_of(Mismatch::Origin::kCapture, step.source, step, status,
                                            pointer, "capture", name + ": nothing at " + pointer));
    } else {
      bindings_.captured[name] = *value;
    }
  }
}

bool blocks_later_steps(const StepResult& step) {
  for (const auto& failure : step.failures) {
    if (failure.origin != Mismatch::Origin::kSpec) return true;
  }
  return false;
}

}  // namespace statuskit::conformance
