// A gate never lies (issue 29): the ways a vendor's run could go green with nothing tested —
// a profile that lacks a credential, a misspelt vendor, a filter that selects nothing — through
// the real binary against the real mock, as a CI job runs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "statuskit/openapi/document_loader.h"
#include "support/command_runner.h"
#include "support/mock_server_process.h"

namespace {

using nlohmann::json;
using statuskit::testing::MockServerProcess;
using statuskit::testing::run_conformance;

const std::string kRoot = STATUSKIT_SOURCE_DIR;
const std::string kFolders =
    " --suites-dir " + kRoot + "/conformance/suites --specs-dir " + kRoot + "/specs";

/// The bundled mock profile with only `vendors` kept (and `edit` applied), written as JSON (a
/// YAML subset) to a fresh file; returns its path.
template <typename Edit>
std::string profile_with(const std::string& name, const std::vector<std::string>& vendors,
                         Edit edit) {
  json profile = statuskit::openapi::load_document_file(kRoot + "/fixtures/targets/mock.yaml");
  json kept = json::object();
  for (const auto& vendor : vendors) kept[vendor] = profile["vendors"][vendor];
  profile["vendors"] = kept;
  edit(profile);
  const std::string path = ::testing::TempDir() + "/statuskit-gate-" + name + ".yaml";
  std::ofstream(path) << profile.dump(2);
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class RunGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<MockServerProcess>(STATUSKIT_MOCK_SERVER_BIN,
                                                  statuskit::testing::project_mock_arguments());
  }
  std::string run(const std::string& profile, const std::string& extra = "") {
    result_ = run_conformance("run --profile " + profile + " --target " + server_->base_url() +
                              kFolders + extra);
    return result_.output;
  }

  std::unique_ptr<MockServerProcess> server_;
  statuskit::testing::CommandResult result_;
};

TEST_F(RunGateTest, AVendorWhoseEveryScenarioIsSkippedFailsTheRunAndSaysWhy) {
  const auto profile = profile_with("no-admin-token", {"rocketchat"}, [](json& document) {
    document["vendors"]["rocketchat"]["roles"]["admin"].erase("token");
  });
  const std::string junit = ::testing::TempDir() + "/statuskit-gate.xml";
  const std::string output =
      run(profile, " --suite rocketchat --no-preflight --report junit:" + junit);
  EXPECT_EQ(result_.exit_code, 1) << output;
  EXPECT_NE(output.find(" passed, 0 failed, "), std::string::npos) << output;
  EXPECT_NE(output.find("conformance: not a pass: nothing was tested: all "), std::string::npos)
      << output;
  EXPECT_NE(output.find("conformance: not a pass: vendors.rocketchat is in the profile, but none "
                        "of its "),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("roles.admin.token"), std::string::npos) << "the skip reason: " << output;
  EXPECT_NE(read_file(junit).find("<testsuites"), std::string::npos) << "reports are written";
}

TEST_F(RunGateTest, AVendorThatRanNothingFailsEvenWhenOthersPassed) {
  const auto profile = profile_with(
      "pria-and-broken-rocketchat", {"pria", "rocketchat"},
      [](json& document) { document["vendors"]["rocketchat"]["roles"]["admin"].erase("token"); });
  const std::string output = run(profile, " --suite pria,rocketchat --quiet --no-preflight");
  EXPECT_EQ(result_.exit_code, 1) << output;
  EXPECT_EQ(output.find("nothing was tested"), std::string::npos) << output;
  EXPECT_NE(output.find("not a pass: vendors.rocketchat is in the profile"), std::string::npos)
      << output;
}

TEST_F(RunGateTest, AMisspeltVendorIsAConfigurationErrorWithASuggestion) {
  const auto profile = profile_with("misspelt", {"rocketchat"}, [](json& document) {
    document["vendors"]["rocket.chat"] = document["vendors"]["rocketchat"];
    document["vendors"].erase("rocketchat");
  });
  const std::string output = run(profile);
  EXPECT_EQ(result_.exit_code, 2) << output;
  EXPECT_NE(output.find("/vendors/rocket.chat: no suite tests a vendor called 'rocket.chat' (did "
                        "you mean rocketchat?)"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("known vendors: d3lay, docspace, pria, rocketchat, symphony"),
            std::string::npos)
      << output;
}

TEST_F(RunGateTest, AScenarioFilterThatSelectsNothingIsAUsageError) {
  const std::string output =
      run(kRoot + "/fixtures/targets/mock.yaml", " --scenario 'nosuch.*' --quiet");
  EXPECT_EQ(result_.exit_code, 2) << output;
  EXPECT_NE(output.find("--scenario 'nosuch.*' selects no scenario"), std::string::npos) << output;
}

TEST_F(RunGateTest, VendorsTheProfileDoesNotNameAreOneSkipLine) {
  const auto profile = profile_with("pria-only", {"pria"}, [](json&) {});
  const std::string output = run(profile);
  EXPECT_EQ(result_.exit_code, 0) << output;
  EXPECT_EQ(output.find("SKIP  rocketchat."), std::string::npos) << output;
  EXPECT_EQ(output.find("SKIP  docspace."), std::string::npos) << output;
  EXPECT_NE(output.find(" of d3lay, docspace, rocketchat, symphony: the profile names no such "
                        "vendor\n"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("PASS  pria.bulk.self-skip"), std::string::npos) << output;
}

// Issue 29 item 2: the preflight (and `conformance doctor`) stops at the first root cause with
// one sentence, instead of a mismatch in every scenario.
TEST_F(RunGateTest, ThePreflightNamesAMissingCredentialBeforeAnythingRuns) {
  const auto profile = profile_with("preflight-no-token", {"rocketchat"}, [](json& document) {
    document["vendors"]["rocketchat"]["roles"]["admin"].erase("token");
  });
  const std::string output = run(profile, " --suite rocketchat");
  EXPECT_EQ(result_.exit_code, 2) << output;
  EXPECT_NE(output.find("conformance: preflight: vendors.rocketchat: getUserInfo as "
                        "roles.admin: no value for ${roles.admin.token}"),
            std::string::npos)
      << output;
  EXPECT_EQ(output.find("PASS"), std::string::npos) << "nothing ran: " << output;
}

TEST_F(RunGateTest, ThePreflightNamesAWrongPathInOneSentence) {
  const auto profile = profile_with("preflight-wrong-path", {"pria"}, [](json& document) {
    document["vendors"]["pria"]["base_path"] = "/api/v9";
  });
  const std::string output = run(profile, " --suite pria");
  EXPECT_EQ(result_.exit_code, 2) << output;
  EXPECT_NE(output.find("every request of vendors.pria got 404 (" + server_->base_url() +
                        "/api/v9/api/admin/user/"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("check the path prefix: the requests put '/api/v9' before the spec's "
                        "paths (from vendors.pria.base_path)"),
            std::string::npos)
      << output;
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
}

TEST_F(RunGateTest, DoctorNamesARefusedCredentialWithoutShowingIt) {
  const auto profile = profile_with("doctor-bad-token", {"pria"}, [](json& document) {
    document["vendors"]["pria"]["roles"]["super_admin"]["token"] = "not-a-valid-jwt-0000";
  });
  const auto result =
      statuskit::testing::run_conformance("doctor --profile " + profile + " --target " +
                                          server_->base_url() + kFolders + " --suite pria");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("conformance: doctor: roles.super_admin.token of vendors.pria was "
                               "refused (401) on GET "),
            std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("not-a-valid-jwt-0000"), std::string::npos) << result.output;
}

TEST_F(RunGateTest, DoctorShowsEveryCheckOfAHealthyProfile) {
  const auto result = statuskit::testing::run_conformance("doctor --profile " + kRoot +
                                                          "/fixtures/targets/mock.yaml --target " +
                                                          server_->base_url() + kFolders);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  for (const char* line : {"doctor: pria getUserById as roles.super_admin: GET ",
                           "doctor: pria getUserById as "
                           "roles.plain_user: GET ",
                           "doctor: rocketchat getUserInfo as roles.admin: GET ",
                           "doctor: the profile and the target agree; ready to run"}) {
    EXPECT_NE(result.output.find(line), std::string::npos) << line << "\n" << result.output;
  }
}

}  // namespace
