// conformance generate against the real mock over loopback: zero failures on the undefected
// mock, in both inferred modes, over several seeds; the same seed replays the same cases; a
// real server (the mock without sessions) is left as it was found.
#include <gtest/gtest.h>

#include <set>

#include "generate/runner.h"
#include "scenarios/runner.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace statuskit::conformance {
namespace {

using statuskit::testing::MockServerProcess;

const std::string kRoot = STATUSKIT_SOURCE_DIR;
constexpr const char* kVendors[][2] = {{"pria", "pria-admin.yaml"},
                                       {"rocketchat", "rocketchat-users.yaml"},
                                       {"symphony", "symphony-pod.yaml"},
                                       {"d3lay", "d3lay-identity.yaml"},
                                       {"docspace", "onlyoffice-docspace-people.yaml"}};

GenerateOptions options_for(const std::string& base_url, std::uint64_t seed) {
  GenerateOptions options;
  options.target = base_url;
  options.profile = TargetProfile::load_file(kRoot + "/fixtures/targets/mock.yaml");
  options.specs_dir = kRoot + "/specs";
  options.seed = seed;
  for (const auto& vendor : kVendors) options.vendors.emplace_back(vendor[0], vendor[1]);
  return options;
}

/// "<case>: <failure>" for every failure of the run.
std::string failures_of(const RunResult& run) {
  std::string text;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& line : scenario.failures()) text += scenario.id + ": " + line + "\n";
    }
  }
  return text;
}

int case_count(const RunResult& run) {
  int count = 0;
  for (const auto& suite : run.suites) count += static_cast<int>(suite.scenarios.size());
  return count;
}

class GenerateAgainstMock : public ::testing::TestWithParam<std::string> {};

// The standing proof that the oracles never cry wolf: any failure here is a false alarm (or a
// real mock bug, to be fixed in the mock or, where the vendor's behaviour is in doubt, encoded
// in the spec).
TEST_P(GenerateAgainstMock, NoFailureOverSeveralSeeds) {
  auto arguments = statuskit::testing::project_mock_arguments();
  if (GetParam() == "alternative") arguments.insert(arguments.end(), {"--inferred", "alternative"});
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, arguments);
  for (std::uint64_t seed : {1ULL, 7ULL, 20261128ULL, 4242424242ULL}) {
    const RunResult run = run_generated(options_for(server.base_url(), seed));
    EXPECT_EQ(run.count(Outcome::kFailed), 0) << "seed " << seed << "\n" << failures_of(run);
    EXPECT_GT(case_count(run), 250) << "seed " << seed;
    EXPECT_EQ(run.generation_seed, seed);
    // Every vendor generated cases of every kind it has.
    std::set<std::string> kinds;
    for (const auto& suite : run.suites) {
      EXPECT_FALSE(suite.scenarios.empty()) << suite.name;
      for (const auto& scenario : suite.scenarios) kinds.insert(scenario.generated_kind);
    }
    EXPECT_EQ(kinds, (std::set<std::string>{"positive", "negative", "hostile", "auth", "method"}));
  }
}

INSTANTIATE_TEST_SUITE_P(InferredModes, GenerateAgainstMock,
                         ::testing::Values("default", "alternative"));

TEST(Generate, TheSameSeedReplaysTheSameCasesAndMaxCasesBoundsEachOperation) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  auto described = [](const RunResult& run) {
    std::vector<std::string> lines;
    for (const auto& suite : run.suites) {
      for (const auto& scenario : suite.scenarios) {
        for (const auto& step : scenario.steps) {
          lines.push_back(scenario.id + " " + scenario.requirement + " " + step.method + " " +
                          step.url + " " + step.request_body);
        }
      }
    }
    return lines;
  };
  auto options = options_for(server.base_url(), 99);
  options.max_cases = 6;
  const RunResult first = run_generated(options);
  const RunResult second = run_generated(options);
  // Session names differ between runs (a nonce); nothing else may.
  EXPECT_EQ(described(first), described(second));
  options.seed = 100;
  EXPECT_NE(described(first), described(run_generated(options)));
  for (const auto& suite : first.suites) {
    std::map<std::string, int> per_operation;
    for (const auto& scenario : suite.scenarios) ++per_operation[scenario.generated_operation];
    for (const auto& [operation, count] : per_operation) EXPECT_LE(count, 6) << operation;
  }
}

// Against a server without sessions, positive cases change state and the generator undoes
// them through the API (x-statuskit-state restore): the users end as they began.
TEST(Generate, ARealServerIsLeftAsItWasFound) {
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  statuskit::testing::HttpClient admin(server.base_url());
  const auto before = admin.request("GET", "/__admin/state");
  ASSERT_EQ(before.status, 200);
  auto options = options_for(server.base_url(), 5);
  options.profile.statuskit_mock = false;
  const RunResult run = run_generated(options);
  EXPECT_EQ(run.count(Outcome::kFailed), 0) << failures_of(run);
  int restores = 0;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& step : scenario.steps) restores += step.name == "restore the state";
    }
  }
  EXPECT_GT(restores, 0);
  const auto after = admin.request("GET", "/__admin/state");
  auto users_of = [](const std::string& body) { return nlohmann::json::parse(body)["state"]; };
  const auto begin_state = users_of(before.body);
  const auto end_state = users_of(after.body);
  for (const char* vendor : {"pria", "rocketchat", "symphony", "d3lay", "docspace"}) {
    ASSERT_TRUE(begin_state.contains(vendor)) << before.body.substr(0, 300);
    // Statuses are what the generator restores; timestamps it cannot put back.
    auto statuses = [](const nlohmann::json& vendor_state) {
      std::map<std::string, std::string> found;
      for (const auto& user : vendor_state.value("users", nlohmann::json::array())) {
        const std::string id = user.contains("id") ? user["id"].dump() : user["_id"].dump();
        found[id] = user.value("status", nlohmann::json()).dump() + " " +
                    user.value("active", nlohmann::json()).dump() + " " +
                    user.value("suspended", nlohmann::json()).dump();
      }
      return found;
    };
    EXPECT_EQ(statuses(begin_state[vendor]), statuses(end_state[vendor])) << vendor;
  }
}

}  // namespace
}  // namespace statuskit::conformance
