#include "scenarios/preflight.h"

#include <algorithm>
#include <regex>
#include <set>

#include "generate/profile.h"
#include "scenarios/step_runner.h"
#include "statuskit/openapi/spec.h"
#include "target/client.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

/// The credential keys a request's templates name: "roles.admin.token", in order, once each.
std::vector<std::string> credentials_named(const json& headers, const json& cookies,
                                           const json& query) {
  static const std::regex kReference(R"(\$\{(roles\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)\})");
  std::vector<std::string> keys;
  for (const json* part : {&headers, &cookies, &query}) {
    const std::string text = part->dump();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kReference);
         it != std::sregex_iterator(); ++it) {
      const std::string key = (*it)[1];
      const std::string field = key.substr(key.rfind('.') + 1);
      if (field == "id" || (field.size() > 3 && field.compare(field.size() - 3, 3, "_id") == 0)) {
        continue;  // who the caller is, not what proves it
      }
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  return keys;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

/// "roles.admin" from "roles.admin.token".
std::string role_of(const std::string& key) { return key.substr(0, key.rfind('.')); }

struct Attempt {
  std::string url;
  long status = 0;
  std::string problem;  ///< a template without a value, or no answer at all
};

Attempt send(StepRunner& runner, const Step& step) {
  const StepResult result = runner.run(step, Phase::kTest);
  Attempt attempt{result.url, result.status, ""};
  if (!result.transport_error.empty()) {
    attempt.problem = "got no answer: " + result.transport_error;
  } else if (result.status == 0 && !result.failures.empty()) {
    attempt.problem = result.failures.front().message;
  }
  return attempt;
}

}  // namespace

PreflightReport preflight(const RunOptions& options,
                          const std::vector<std::pair<std::string, std::string>>& vendors) {
  PreflightReport report;
  TargetClient client(options.timeout_ms, options.insecure, options.max_response_bytes,
                      options.throttle);
  const std::string base_url = reachable_base_url(options.target, options.profile, client);
  for (const auto& [vendor, spec_file] : vendors) {
    const auto entry = options.profile.vendors.find(vendor);
    if (entry == options.profile.vendors.end()) continue;
    const openapi::Spec spec = openapi::Spec::load_file(options.specs_dir + "/" + spec_file);
    std::string base_path = entry->second.base_path.value_or(spec.server_base_path());
    while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
    const SuiteContext context{options, client, spec, base_url, base_path, entry->second.values};
    StepRunner runner(context, "");
    GenerationProfile generation;
    try {
      generation = GenerationProfile::from_json(entry->second.generate);
    } catch (const std::exception& error) {
      report.root_cause = "vendors." + vendor + "." + error.what();
      return report;
    }
    std::vector<const GenerationRequest*> reads;
    for (const auto& [operation_id, request] : generation.operations) {
      const auto* operation = spec.find_operation(operation_id);
      if (operation != nullptr && operation->method == "GET") reads.push_back(&request);
    }
    if (reads.empty()) {
      report.unchecked.push_back(vendor + ": no read (GET) operation in vendors." + vendor +
                                 ".generate to check with");
      continue;
    }
    std::vector<std::string> not_found;
    for (const GenerationRequest* read : reads) {
      const std::string operation_id = read->base.operation;
      const auto credentials =
          credentials_named(read->base.headers, read->base.cookies, read->base.query);
      const std::string as =
          credentials.empty() ? "without credentials" : "as " + role_of(credentials.front());
      const Attempt attempt = send(runner, read->base);
      if (!attempt.problem.empty()) {
        report.root_cause = "vendors." + vendor + ": " + operation_id + " " + as + ": " +
                            attempt.problem +
                            (attempt.url.empty() ? "" : " (GET " + attempt.url + ")");
        return report;
      }
      report.checks.push_back(vendor + " " + operation_id + " " + as + ": GET " + attempt.url +
                              " -> " + std::to_string(attempt.status));
      if (attempt.status == 404) {
        not_found.push_back(attempt.url);
        continue;
      }
      if (attempt.status == 401) {
        report.root_cause = (credentials.empty() ? "the request" : joined(credentials)) +
                            " of vendors." + vendor + " was refused (401) on GET " + attempt.url +
                            ": the credential is wrong or expired";
        return report;
      }
      if (!read->forbidden_headers && !read->forbidden_cookies) continue;
      Step forbidden = read->base;
      // Named, not temporaries: a range-for over a temporary's items() would dangle.
      const json forbidden_headers = read->forbidden_headers.value_or(json::object());
      const json forbidden_cookies = read->forbidden_cookies.value_or(json::object());
      for (const auto& [name, value] : forbidden_headers.items()) forbidden.headers[name] = value;
      for (const auto& [name, value] : forbidden_cookies.items()) forbidden.cookies[name] = value;
      const auto forbidden_credentials =
          credentials_named(forbidden_headers, forbidden_cookies, json::object());
      const std::string forbidden_as = forbidden_credentials.empty()
                                           ? "the forbidden role"
                                           : role_of(forbidden_credentials.front());
      const Attempt refused = send(runner, forbidden);
      if (!refused.problem.empty()) {
        report.root_cause = "vendors." + vendor + ": " + operation_id + " as " + forbidden_as +
                            ": " + refused.problem;
        return report;
      }
      report.checks.push_back(vendor + " " + operation_id + " as " + forbidden_as + ": GET " +
                              refused.url + " -> " + std::to_string(refused.status));
      if (refused.status == 401) {
        report.root_cause = joined(forbidden_credentials) + " of vendors." + vendor +
                            " was refused (401) on GET " + refused.url +
                            ", where its role should be known and only lack the permission: the "
                            "credential is wrong or expired";
        return report;
      }
    }
    if (not_found.size() == reads.size()) {
      const bool from_profile = entry->second.base_path.has_value();
      report.root_cause = "every request of vendors." + vendor + " got 404 (" + joined(not_found) +
                          "): check the path prefix: the requests put '" + base_path +
                          "' before the spec's paths (from " +
                          (from_profile ? "vendors." + vendor + ".base_path"
                                        : std::string("the spec's server URL")) +
                          "); set vendors." + vendor + ".base_path to the prefix the server uses";
      return report;
    }
  }
  return report;
}

}  // namespace statuskit::conformance
