// The traceability map (conformance/traceability/<vendor>.yaml): every behaviour the vendor
// publishes (seed page, docs or source code) names the scenarios that would fail if a server
// broke it, or says why no request through the API can provoke it. This test keeps the map
// honest: the scenarios exist and can fail on a real server (they hold an expectation whose
// source is not inferred), and nothing is traced to an inferred source.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "scenarios/provenance.h"
#include "scenarios/suite.h"
#include "statuskit/openapi/document_loader.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

/// Does the scenario hold an expectation that fails (not only warns) against a real server?
bool can_fail_on_a_real_server(const Scenario& scenario) {
  for (const auto* steps : {&scenario.setup, &scenario.steps}) {
    for (const auto& step : *steps) {
      for (const auto& expectation : step.expect) {
        const bool asserts_something = !expectation.statuses.empty() || !expectation.body.empty() ||
                                       !expectation.headers.empty();
        if (asserts_something && !expectation.source.inferred()) return true;
      }
    }
  }
  return false;
}

std::map<std::string, Suite> bundled_suites() {
  std::map<std::string, Suite> suites;
  for (const auto& entry : fs::directory_iterator(kRoot + "/conformance/suites")) {
    Suite suite = Suite::load_file(entry.path().string());
    suites.emplace(suite.name, std::move(suite));
  }
  return suites;
}

TEST(Traceability, EveryVendorHasAMapAndEveryBehaviourIsProvenOrExplained) {
  const auto suites = bundled_suites();
  std::set<std::string> mapped_vendors;
  std::set<std::string> behaviour_ids;
  std::string problems;
  for (const auto& entry : fs::directory_iterator(kRoot + "/conformance/traceability")) {
    const std::string file = entry.path().filename().string();
    const json map = openapi::load_document_file(entry.path().string());
    const std::string vendor = map.value("vendor", "");
    if (vendor + ".yaml" != file) {
      problems += file + ": vendor \"" + vendor + "\" must match the file name\n";
      continue;
    }
    const auto suite = suites.find(vendor);
    if (suite == suites.end()) {
      problems += file + ": no suite " + vendor + "\n";
      continue;
    }
    mapped_vendors.insert(vendor);
    std::map<std::string, const Scenario*> scenarios;
    for (const auto& scenario : suite->second.scenarios) scenarios[scenario.id] = &scenario;
    const json& behaviours = map.at("behaviours");
    ASSERT_TRUE(behaviours.is_array()) << file;
    EXPECT_GE(behaviours.size(), 5u) << file << ": a vendor publishes more than this";
    for (const auto& behaviour : behaviours) {
      const std::string id = behaviour.value("id", "");
      const std::string where = file + ": " + (id.empty() ? behaviour.dump() : id) + ": ";
      if (id.empty() || !behaviour_ids.insert(id).second) {
        problems += where + "needs a unique id\n";
      }
      if (behaviour.value("says", "").empty()) problems += where + "says nothing\n";
      try {
        if (parse_provenance(behaviour.value("source", "")).inferred()) {
          problems += where + "an inferred behaviour is a recommendation: it is not traced\n";
        }
      } catch (const std::invalid_argument& error) {
        problems += where + error.what() + "\n";
      }
      const bool explained = !behaviour.value("untestable", "").empty();
      const json named = behaviour.value("scenarios", json::array());
      if (explained == !named.empty()) {
        problems += where + "needs either scenarios or an untestable reason\n";
      }
      for (const auto& scenario_id : named) {
        const auto found = scenarios.find(scenario_id.get<std::string>());
        if (found == scenarios.end()) {
          problems += where + "no scenario " + scenario_id.get<std::string>() + "\n";
        } else if (!can_fail_on_a_real_server(*found->second)) {
          problems += where + found->first +
                      " asserts only inferred expectations: it cannot fail on a real server\n";
        }
      }
    }
  }
  EXPECT_EQ(problems, "");
  for (const auto& [vendor, unused] : suites) {
    EXPECT_TRUE(mapped_vendors.count(vendor))
        << "no conformance/traceability/" << vendor << ".yaml";
  }
}

}  // namespace
}  // namespace statuskit::conformance
