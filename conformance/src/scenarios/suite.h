#pragma once
// A scenario suite (conformance/suites/<vendor>.yaml, format in docs/conformance-suites.md).
// Values stay JSON templates here; ${...} references are resolved per run (substitution.h).

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/provenance.h"

namespace statuskit::conformance {

/// What one answer must show. A step may hold several, each with its own source: a documented
/// "400 or 415" next to an inferred "415" fails only on the first against a real server.
struct Expectation {
  std::vector<int> statuses;                          ///< empty: any status the spec documents
  nlohmann::json body = nlohmann::json::object();     ///< JSON pointer → matcher
  nlohmann::json headers = nlohmann::json::object();  ///< lower-case name → matcher
  Provenance source;  ///< its own, else the step's, else the scenario's
};

struct Step {
  std::string name;
  std::string operation;  ///< operationId
  nlohmann::json path = nlohmann::json::object();
  nlohmann::json query = nlohmann::json::object();
  nlohmann::json headers = nlohmann::json::object();
  nlohmann::json cookies = nlohmann::json::object();
  bool has_body = false;
  nlohmann::json body;
  std::string raw_body;
  bool has_raw_body = false;
  std::string content_type;
  std::vector<Expectation> expect;
  std::map<std::string, std::string> capture;  ///< name → JSON pointer into the answer
  Provenance source;                           ///< its own, else the scenario's
  /// Setup only: what the step checks is about the target's test data, not its behaviour (a
  /// token the profile gave is still valid). When it fails, the scenario is skipped with the
  /// reason instead of failing: the server is not to blame for stale test data.
  bool precondition = false;
};

struct Scenario {
  std::string id;
  std::string requirement;
  Provenance source;  ///< where the requirement comes from
  std::vector<std::string> catches;
  bool mutates = false;
  /// Establish the preconditions (reactivate the user the scenario needs, look up a value).
  std::vector<Step> setup;
  std::vector<Step> steps;
  /// Restore what the steps changed, on a server without sessions.
  std::vector<Step> cleanup;
};

struct Suite {
  std::string name;
  std::string spec;  ///< file name in the specs folder
  std::string description;
  std::string source;  ///< the file it was loaded from
  std::vector<Scenario> scenarios;

  /// Loads and checks a suite. Throws std::invalid_argument "<file>: <pointer>: <reason>".
  static Suite load_file(const std::string& path);
  static Suite from_json(const nlohmann::json& document, const std::string& source);
};

}  // namespace statuskit::conformance
