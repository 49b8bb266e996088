// Both programs started from a folder that has nothing of statuskit in it, with no flag naming
// their data: they find the bundled specs, fixtures, suites and mock profile by themselves
// (statuskit/data_dir.h; for programs in the build tree, the source tree). A relative path the
// user gives is their own file when it exists here, else the bundled one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/command_runner.h"
#include "support/mock_server_process.h"

namespace {

namespace fs = std::filesystem;
using statuskit::testing::MockServerProcess;
using statuskit::testing::run_command;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

/// An empty folder, unique to this process, to start the programs in.
class Elsewhere {
 public:
  Elsewhere()
      : path_(fs::path(::testing::TempDir()) /
              ("statuskit-elsewhere-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~Elsewhere() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  /// `program arguments` started in this folder.
  statuskit::testing::CommandResult run(const std::string& program,
                                        const std::string& arguments) const {
    return run_command("cd '" + path_.string() + "' && " + program, arguments);
  }

 private:
  fs::path path_;
};

TEST(DataDirDefaults, TheHelpShowsTheBundledDataAsTheDefaults) {
  const Elsewhere elsewhere;
  const auto mock = elsewhere.run(STATUSKIT_MOCK_SERVER_BIN, "--help");
  EXPECT_NE(mock.output.find(kRoot + "/specs"), std::string::npos) << mock.output;
  EXPECT_NE(mock.output.find(kRoot + "/fixtures"), std::string::npos) << mock.output;
  const auto run = elsewhere.run(STATUSKIT_CONFORMANCE_BIN, "run --help");
  for (const std::string path : {"/fixtures/targets/mock.yaml", "/conformance/suites", "/specs"}) {
    EXPECT_NE(run.output.find(kRoot + path), std::string::npos) << path << "\n" << run.output;
  }
}

TEST(DataDirDefaults, TheMockAndTheSuitesRunFromAnUnrelatedFolderWithoutDataFlags) {
  const Elsewhere elsewhere;
  // No --specs, no --fixtures: the server loads the bundled ones.
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, {"--strict", "--quiet"},
                           {"env", "--chdir=" + elsewhere.path().string()});
  // No --profile, --suites-dir or --specs-dir: the bundled mock profile, suites and specs.
  const auto result = elsewhere.run(STATUSKIT_CONFORMANCE_BIN,
                                    "run --quiet --suite pria --target " + server.base_url());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(" passed, 0 failed"), std::string::npos) << result.output;
}

TEST(DataDirDefaults, ARelativeProfileMissingHereIsTheBundledOne) {
  const Elsewhere elsewhere;
  MockServerProcess server(STATUSKIT_MOCK_SERVER_BIN, statuskit::testing::project_mock_arguments());
  const auto result = elsewhere.run(STATUSKIT_CONFORMANCE_BIN,
                                    "run --quiet --suite pria --profile fixtures/targets/mock.yaml "
                                    "--target " +
                                        server.base_url());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  const auto spec = elsewhere.run(STATUSKIT_CONFORMANCE_BIN,
                                  "validate --spec specs/pria-admin.yaml --operation "
                                  "bulkSetUserStatus --status 200 " +
                                      kRoot + "/specs/pria-admin.yaml");
  // The document (a spec, not an answer) is invalid: exit 1, so the spec itself was found.
  EXPECT_EQ(spec.exit_code, 1) << spec.output;
  EXPECT_NE(spec.output.find("against bulkSetUserStatus 200 response"), std::string::npos)
      << spec.output;
}

TEST(DataDirDefaults, ARelativePathThatExistsHereIsTheUsersOwnFile) {
  const Elsewhere elsewhere;
  fs::create_directories(elsewhere.path() / "fixtures/targets");
  std::ofstream(elsewhere.path() / "fixtures/targets/mock.yaml") << "not: [a profile\n";
  const auto result = elsewhere.run(STATUSKIT_CONFORMANCE_BIN,
                                    "run --profile fixtures/targets/mock.yaml "
                                    "--target http://127.0.0.1:1");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(result.output.rfind("statuskit-conformance: fixtures/targets/mock.yaml", 0), 0u)
      << "the user's broken file, not the bundled one: " << result.output;
  // The mock likewise takes a folder that exists here.
  const auto mock = elsewhere.run(STATUSKIT_MOCK_SERVER_BIN, "--port 0 --specs fixtures");
  EXPECT_EQ(mock.exit_code, 1) << mock.output;
  EXPECT_NE(mock.output.find("cannot load spec"), std::string::npos) << mock.output;
}

}  // namespace
