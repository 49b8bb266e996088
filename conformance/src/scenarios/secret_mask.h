#pragma once
// Credentials never reach a report, a baseline or the console (issue 29): every value the
// profile holds as a credential, and every --header value, is replaced wherever it appears in a
// run's results by a stable marker naming where it came from (`«vendors.pria.roles.admin.token»`),
// so that a report can be shared and a baseline recorded with one secret still matches a run
// with another. `--reveal-secrets` turns this off for a local debugging run.

#include <string>
#include <utility>
#include <vector>

#include "scenarios/run_result.h"
#include "target/profile.h"

namespace statuskit::conformance {

class SecretMask {
 public:
  /// The credentials of `profile` (the admin token, and each leaf under vendors.*.roles whose
  /// name says it is one: token, cookie, password, secret, key, jwt, auth, credential) and the
  /// values of `extra_headers`.
  static SecretMask of(const TargetProfile& profile,
                       const std::vector<std::pair<std::string, std::string>>& extra_headers);

  /// `text` with every secret replaced by its marker.
  std::string apply(std::string text) const;
  /// Every text of the results that could carry a secret: requests, answers, messages.
  void apply(ScenarioResult& scenario) const;
  void apply(RunResult& run) const;

  bool empty() const { return secrets_.empty(); }
  /// The secrets and their markers, longest secret first (so a secret that contains another is
  /// replaced whole).
  const std::vector<std::pair<std::string, std::string>>& secrets() const { return secrets_; }

 private:
  void add(const std::string& value, const std::string& marker);

  std::vector<std::pair<std::string, std::string>> secrets_;
};

}  // namespace statuskit::conformance
