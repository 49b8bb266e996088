#include "scenarios/secret_mask.h"

#include <algorithm>
#include <cctype>

namespace statuskit::conformance {
namespace {

/// Values shorter than this are not masked: "1" or "on" would blank out half a report, and a
/// credential that short protects nothing.
constexpr std::size_t kShortestSecret = 6;

bool names_a_credential(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* word :
       {"token", "cookie", "password", "passwd", "secret", "key", "jwt", "auth", "credential"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  return false;
}

void replace_all(std::string& text, const std::string& secret, const std::string& marker) {
  for (auto at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + marker.size())) {
    text.replace(at, secret.size(), marker);
  }
}

void mask_mismatches(const SecretMask& mask, std::vector<Mismatch>& mismatches) {
  for (auto& mismatch : mismatches) {
    mismatch.message = mask.apply(std::move(mismatch.message));
    mismatch.request = mask.apply(std::move(mismatch.request));
  }
}

void mask_headers(const SecretMask& mask,
                  std::vector<std::pair<std::string, std::string>>& headers) {
  for (auto& [name, value] : headers) value = mask.apply(std::move(value));
}

}  // namespace

void SecretMask::add(const std::string& value, const std::string& marker) {
  if (value.size() < kShortestSecret) return;
  for (const auto& [known, unused] : secrets_) {
    if (known == value) return;  // the first place it was found names it
  }
  secrets_.emplace_back(value, "\u00ab" + marker + "\u00bb");
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

SecretMask SecretMask::of(const TargetProfile& profile,
                          const std::vector<std::pair<std::string, std::string>>& extra_headers) {
  SecretMask mask;
  mask.add(profile.admin_token, "admin_token");
  for (const auto& [vendor, entry] : profile.vendors) {
    const auto roles = entry.values.find("roles");
    if (roles == entry.values.end()) continue;
    // Leaves are scalars (the profile loader checks), at any depth under roles.
    std::vector<std::pair<std::string, const nlohmann::json*>> pending{
        {"vendors." + vendor + ".roles", &*roles}};
    while (!pending.empty()) {
      const auto [path, node] = pending.back();
      pending.pop_back();
      for (const auto& [key, value] : node->items()) {
        const std::string child = path + "." + key;
        if (value.is_object()) {
          pending.emplace_back(child, &value);
        } else if (value.is_string() && names_a_credential(key)) {
          mask.add(value.get<std::string>(), child);
        }
      }
    }
  }
  for (const auto& [name, value] : extra_headers) mask.add(value, "--header " + name);
  return mask;
}

std::string SecretMask::apply(std::string text) const {
  for (const auto& [secret, marker] : secrets_) replace_all(text, secret, marker);
  return text;
}

void SecretMask::apply(ScenarioResult& scenario) const {
  if (secrets_.empty()) return;
  scenario.skip_reason = apply(std::move(scenario.skip_reason));
  for (auto& step : scenario.steps) {
    step.url = apply(std::move(step.url));
    step.not_run_reason = apply(std::move(step.not_run_reason));
    step.request_body = apply(std::move(step.request_body));
    step.curl = apply(std::move(step.curl));
    step.response_body = apply(std::move(step.response_body));
    step.transport_error = apply(std::move(step.transport_error));
    mask_headers(*this, step.request_headers);
    mask_headers(*this, step.response_headers);
    mask_mismatches(*this, step.failures);
    mask_mismatches(*this, step.warnings);
  }
}

void SecretMask::apply(RunResult& run) const {
  if (secrets_.empty()) return;
  run.target = apply(std::move(run.target));
  for (auto& suite : run.suites) {
    for (auto& scenario : suite.scenarios) apply(scenario);
  }
  for (auto& resolved : run.resolved) resolved.message = apply(std::move(resolved.message));
}

}  // namespace statuskit::conformance
