// The runner against the real mock over loopback: the bundled suites pass; undocumented answers,
// dropped connections and missing profile keys are reported as users rely on; cleanup leaves a
// real (non-mock) target as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "scenarios/runner.h"
#include "statuskit/openapi/document_loader.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "support/mock_target_test.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;
using statuskit::testing::HttpClient;
using statuskit::testing::MockServerProcess;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

class RunnerAgainstMock : public MockTargetTest {
 protected:
  RunOptions options(std::vector<std::string> suites, std::string glob = "") {
    RunOptions run = mock_options();
    run.scenario_glob = std::move(glob);
    for (const auto& name : suites) {
      run.suites.push_back(Suite::load_file(kRoot + "/conformance/suites/" + name + ".yaml"));
    }
    return run;
  }

  static const ScenarioResult& only_scenario(const RunResult& result) {
    EXPECT_EQ(result.suites.size(), 1u);
    EXPECT_EQ(result.suites.at(0).scenarios.size(), 1u);
    return result.suites.at(0).scenarios.at(0);
  }

  static std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
  }
};

TEST_F(RunnerAgainstMock, EveryBundledScenarioPassesAgainstTheStrictMock) {
  const auto result = run_suites(options({"pria", "rocketchat", "symphony", "d3lay", "docspace"}));
  std::set<std::string> ids;
  std::string failures;
  for (const auto& suite : result.suites) {
    for (const auto& scenario : suite.scenarios) {
      ids.insert(scenario.id);
      if (scenario.outcome != Outcome::kPassed) {
        failures += scenario.id + " " + outcome_name(scenario.outcome) + " " +
                    scenario.skip_reason + "\n" + joined(scenario.failures());
      }
    }
  }
  EXPECT_EQ(failures, "");
  EXPECT_GE(ids.size(), 80u);
  // The scenarios the conformance issue names, one or more per requirement.
  for (const char* id : {"pria.bulk.501-ids-rejected",
                         "pria.bulk.500-ids-accepted",
                         "pria.bulk.empty-ids",
                         "pria.bulk.invalid-status",
                         "pria.bulk.missing-status",
                         "pria.bulk.self-skip",
                         "pria.bulk.mixed-institutions",
                         "pria.bulk.admin-without-users-edit",
                         "pria.bulk.missing-token",
                         "pria.bulk.invalid-token",
                         "pria.bulk.deactivate-and-read-back",
                         "rocketchat.validation.missing-active-status",
                         "symphony.protected.keymanager",
                         "symphony.protected.ceservice",
                         "d3lay.status.inactive",
                         "d3lay.lookup.by-identifier",
                         "d3lay.version.unsupported",
                         "docspace.status.other-statuses-400-before-permission",
                         "docspace.status.list-with-owner-changes-nothing",
                         "docspace.status.quota-exhausted-402",
                         "docspace.status.terminated-cookie-401",
                         "docspace.status.envelope-shape"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  EXPECT_EQ(result.warning_count(), 0);
}

TEST_F(RunnerAgainstMock, OversizeBodiesAreSentWholeButReportedCut) {
  const auto result = run_suites(options({"pria"}, "pria.bulk.body-too-large"));
  const auto& scenario = only_scenario(result);
  ASSERT_EQ(scenario.outcome, Outcome::kPassed) << joined(scenario.failures());
  const auto& step = scenario.steps.at(0);
  EXPECT_EQ(step.status, 413);
  EXPECT_GT(step.request_body_size, std::size_t{1} << 20) << "the whole body went out";
  EXPECT_EQ(step.request_body.size(), kReportedBodyLimit);
  EXPECT_NE(step.curl.find("# body cut to its first 16384 of "), std::string::npos);
  EXPECT_LT(step.curl.size(), kReportedBodyLimit + 1024);
}

TEST_F(RunnerAgainstMock, DeviationsFromInferredResponsesWarnUnlessStrict) {
  // A copy of the specs whose (inferred) 404 of getUserById demands a field the mock never
  // sends: the target now deviates from an inferred response.
  const auto specs = std::filesystem::path(::testing::TempDir()) / "statuskit-inferred-specs";
  std::filesystem::remove_all(specs);
  std::filesystem::create_directories(specs);
  json pria = openapi::load_document_file(kRoot + "/specs/pria-admin.yaml");
  json& not_found = pria["paths"]["/api/admin/user/{userId}"]["get"]["responses"]["404"];
  ASSERT_EQ(not_found["x-statuskit-inferred"], true);
  not_found["content"]["application/json"] = {
      {"schema", {{"type", "object"}, {"required", {"nonexistent"}}}}};
  std::ofstream(specs / "pria-admin.yaml") << pria.dump();

  auto run = options({"pria"}, "pria.read.unknown-user");
  run.specs_dir = specs.string();
  const auto lenient = run_suites(run);
  const auto& warned = only_scenario(lenient);
  EXPECT_EQ(warned.outcome, Outcome::kPassed) << joined(warned.failures());
  ASSERT_EQ(lenient.warning_count(), 1);
  EXPECT_NE(warned.steps.at(0).warnings.at(0).message.find("'nonexistent'"), std::string::npos)
      << warned.steps.at(0).warnings.at(0).message;

  run.strict = true;
  const auto strict = run_suites(run);
  const auto& failed = only_scenario(strict);
  EXPECT_EQ(failed.outcome, Outcome::kFailed);
  EXPECT_NE(joined(failed.failures()).find("'nonexistent'"), std::string::npos);
}

TEST_F(RunnerAgainstMock, AnUndocumentedStatusIsAMismatch) {
  HttpClient admin(server_->base_url());
  ASSERT_EQ(
      admin.send_json("POST", "/__admin/faults", {{"status", 599}, {"operationId", "getUserById"}})
          .status,
      201);
  // A scenario whose status expectation is documented (401 or 403), so its mismatch fails too.
  const auto result = run_suites(options({"pria"}, "pria.read.missing-token"));
  const auto& scenario = only_scenario(result);
  EXPECT_EQ(scenario.outcome, Outcome::kFailed);
  const std::string failures = joined(scenario.failures());
  EXPECT_NE(failures.find("undocumented status 599"), std::string::npos) << failures;
  EXPECT_NE(failures.find("expected status 401 or 403, got 599"), std::string::npos) << failures;
}

TEST_F(RunnerAgainstMock, ADroppedConnectionFailsTheScenarioWithTheTransportError) {
  HttpClient admin(server_->base_url());
  ASSERT_EQ(admin
                .send_json("POST", "/__admin/faults",
                           {{"dropConnection", true}, {"operationId", "bulkSetUserStatus"}})
                .status,
            201);
  const auto result = run_suites(options({"pria"}, "pria.bulk.missing-token"));
  const auto& scenario = only_scenario(result);
  EXPECT_EQ(scenario.outcome, Outcome::kFailed);
  ASSERT_FALSE(scenario.steps.empty());
  EXPECT_EQ(scenario.steps[0].status, 0);
  EXPECT_FALSE(scenario.steps[0].transport_error.empty());
  EXPECT_NE(joined(scenario.failures()).find("no HTTP answer"), std::string::npos)
      << joined(scenario.failures());
}

TEST_F(RunnerAgainstMock, AMissingProfileKeySkipsTheScenarioAndNamesTheKey) {
  auto run = options({"pria"}, "pria.read.unknown-user");
  run.profile.vendors.at("pria").values["users"].erase("unknown");
  const auto result = run_suites(run);
  const auto& scenario = only_scenario(result);
  EXPECT_EQ(scenario.outcome, Outcome::kSkipped);
  EXPECT_EQ(scenario.skip_reason,
            "not configured: the profile has no users.unknown under vendors.pria");
  EXPECT_TRUE(scenario.steps.empty()) << "nothing was sent";
}

TEST_F(RunnerAgainstMock, AVendorMissingFromTheProfileSkipsItsWholeSuite) {
  auto run = options({"symphony"});
  run.profile.vendors.erase("symphony");
  const auto result = run_suites(run);
  EXPECT_EQ(result.count(Outcome::kSkipped), static_cast<int>(run.suites[0].scenarios.size()));
  EXPECT_EQ(result.suites[0].scenarios[0].skip_reason,
            "not configured: the profile has no vendors.symphony");
}

TEST_F(RunnerAgainstMock, AgainstANonMockTargetCleanupLeavesTheStateAsItWas) {
  HttpClient admin(server_->base_url());
  const json before = admin.get("/__admin/state?session=default").json();
  auto run = options({"pria", "symphony", "d3lay", "docspace"});
  run.profile.statuskit_mock =
      false;  // as against a vendor's staging server: no sessions, no reset
  const auto result = run_suites(run);
  std::string failures;
  for (const auto& suite : result.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (scenario.outcome == Outcome::kFailed)
        failures += scenario.id + "\n" + joined(scenario.failures());
    }
  }
  EXPECT_EQ(failures, "");
  const json after = admin.get("/__admin/state?session=default").json();
  // Timestamps of the last change legitimately move; statuses and suspensions must be restored.
  auto statuses = [](const json& state) {
    json summary;
    for (const auto& user : state["state"]["pria"]["users"])
      summary["pria"][user["_id"].get<std::string>()] = user["status"];
    for (const auto& user : state["state"]["d3lay"]["users"])
      summary["d3lay"][user["id"].get<std::string>()] = user["status"];
    for (const auto& user : state["state"]["symphony"]["users"]) {
      summary["symphony"][std::to_string(user["id"].get<std::int64_t>())] = {
          user["status"], user.value("suspended", false)};
    }
    for (const auto& user : state["state"]["docspace"]["users"])
      summary["docspace"][user["id"].get<std::string>()] = user["status"];
    return summary;
  };
  EXPECT_EQ(statuses(after), statuses(before));
  EXPECT_FALSE(statuses(before).empty());
}

TEST_F(RunnerAgainstMock, ExtraHeadersReachTheTarget) {
  auto run = options({"pria"}, "pria.bulk.missing-token");
  run.extra_headers = {{"X-Trace-Id", "conformance-test-7"}};
  run.profile.statuskit_mock = false;
  HttpClient admin(server_->base_url());
  admin.request("DELETE", "/__admin/requests");
  EXPECT_EQ(run_suites(run).count(Outcome::kPassed), 1);
  const std::string journal = admin.get("/__admin/requests").body;
  EXPECT_NE(journal.find("conformance-test-7"), std::string::npos) << journal;
}

TEST(RunnerUnreachable, AClosedPortIsOneClearError) {
  RunOptions run;
  run.target = "http://127.0.0.1:1";
  run.timeout_ms = 2000;
  try {
    run_suites(run);
    FAIL() << "no error for a closed port";
  } catch (const UnreachableTarget& error) {
    EXPECT_NE(std::string(error.what()).find("cannot reach the target http://127.0.0.1:1"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace statuskit::conformance
