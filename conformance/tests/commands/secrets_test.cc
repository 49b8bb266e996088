// No credential in any report, console line or baseline (issue 29): a run with a profile whose
// secrets come from the environment, every report format and a recorded baseline, searched for
// each secret. The same run with --reveal-secrets shows them, so the search can find them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "statuskit/openapi/document_loader.h"
#include "support/command_runner.h"
#include "support/mock_server_process.h"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kRoot = STATUSKIT_SOURCE_DIR;
const std::string kFolders =
    " --suites-dir " + kRoot + "/conformance/suites --specs-dir " + kRoot + "/specs";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Every credential of the bundled profile's vendors `vendors` (the leaves the runner treats as
/// secrets), each with the marker reports show instead.
std::vector<std::pair<std::string, std::string>> secrets_of(const json& profile) {
  std::vector<std::pair<std::string, std::string>> secrets;
  for (const auto& [vendor, entry] : profile["vendors"].items()) {
    for (const auto& [role, fields] : entry["roles"].items()) {
      for (const auto& [field, value] : fields.items()) {
        if (field == "token" || field == "cookie" || field == "session_token") {
          secrets.emplace_back(value.get<std::string>(),
                               "vendors." + vendor + ".roles." + role + "." + field);
        }
      }
    }
  }
  return secrets;
}

class SecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<statuskit::testing::MockServerProcess>(
        STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
    folder_ = fs::path(::testing::TempDir()) / "statuskit-secrets";
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    json profile = statuskit::openapi::load_document_file(kRoot + "/fixtures/targets/mock.yaml");
    json kept = json::object();
    for (const char* vendor : {"pria", "rocketchat", "docspace", "symphony", "d3lay"}) {
      kept[vendor] = profile["vendors"][vendor];
    }
    profile["vendors"] = kept;
    secrets_ = secrets_of(profile);
    // Rocket.Chat's admin token comes from the environment, as docs/ci.md tells a CI job to do.
    environment_ = "STATUSKIT_TEST_RC_ADMIN_TOKEN=" +
                   profile["vendors"]["rocketchat"]["roles"]["admin"]["token"].get<std::string>();
    profile["vendors"]["rocketchat"]["roles"]["admin"]["token"] =
        "${env:STATUSKIT_TEST_RC_ADMIN_TOKEN}";
    profile_ = (folder_ / "profile.yaml").string();
    std::ofstream(profile_) << profile.dump(2);
  }

  /// Runs the suites with every report; returns the console output and every file written.
  std::string run(const std::string& extra) {
    const fs::path out = folder_ / "out";
    fs::remove_all(out);
    fs::create_directories(out);
    const std::string reports = " --report junit:" + (out / "c.xml").string() +
                                " --report json:" + (out / "c.json").string() +
                                " --report html:" + (out / "c.html").string() +
                                " --report sarif:" + (out / "c.sarif").string() +
                                " --report ctrf:" + (out / "c.ctrf.json").string() +
                                " --write-baseline " + (out / "baseline.json").string();
    const auto result = statuskit::testing::run_command(
        "env " + environment_ + " " + std::string(STATUSKIT_CONFORMANCE_BIN),
        "run --profile " + profile_ + " --target " + server_->base_url() + kFolders + reports +
            " --header 'X-Api-Key: header-secret-4711'" + extra);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    std::string everything = result.output;
    for (const auto& file : fs::directory_iterator(out)) everything += read_file(file.path());
    return everything;
  }

  std::unique_ptr<statuskit::testing::MockServerProcess> server_;
  fs::path folder_;
  std::string profile_;
  std::string environment_;
  std::vector<std::pair<std::string, std::string>> secrets_;
};

TEST_F(SecretsTest, NoCredentialAppearsInAnyReportConsoleLineOrBaseline) {
  ASSERT_GE(secrets_.size(), 10U);
  const std::string everything = run("");
  for (const auto& [secret, marker] : secrets_) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << marker << " leaked";
  }
  EXPECT_EQ(everything.find("header-secret-4711"), std::string::npos) << "--header leaked";
  // The curl lines stay replayable in shape: the marker says which profile value to put back.
  EXPECT_NE(everything.find("\u00abvendors.rocketchat.roles.admin.token\u00bb"), std::string::npos);
  EXPECT_NE(everything.find("\u00abvendors.pria.roles.super_admin.token\u00bb"), std::string::npos);
  EXPECT_NE(everything.find("\u00ab--header X-Api-Key\u00bb"), std::string::npos);
}

TEST_F(SecretsTest, RevealSecretsShowsThemForALocalDebuggingRun) {
  const std::string everything = run(" --reveal-secrets");
  std::size_t shown = 0;
  for (const auto& [secret, marker] : secrets_)
    shown += everything.find(secret) != std::string::npos;
  EXPECT_GE(shown, secrets_.size() / 2) << "the search above would find a leak";
  EXPECT_NE(everything.find("header-secret-4711"), std::string::npos);
}

}  // namespace
