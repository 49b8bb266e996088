// Where the programs look for their bundled data: next to an installed program, else in the
// source tree; and how a relative path on the command line is resolved.
#include "statuskit/data_dir.h"

#include <gtest/gtest.h>

#include <fstream>

namespace {

namespace fs = std::filesystem;
using statuskit::choose_data_dir;
using statuskit::installed_data_dir_for;
using statuskit::resolve_data_path;

/// A fresh empty folder named after the test and `role`, removed afterwards.
class TempFolder {
 public:
  explicit TempFolder(const std::string& role)
      : path_(fs::path(::testing::TempDir()) / ("data-dir-test-" + unique_name() + "-" + role)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  static std::string unique_name() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    return std::string(test->test_suite_name()) + "." + test->name();
  }
  fs::path path_;
};

/// Runs in `folder` for its lifetime (a suite's cases share one process, so it is restored).
class CurrentFolder {
 public:
  explicit CurrentFolder(const fs::path& folder) : previous_(fs::current_path()) {
    fs::current_path(folder);
  }
  ~CurrentFolder() { fs::current_path(previous_); }

 private:
  fs::path previous_;
};

void touch(const fs::path& file) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "x";
}

TEST(DataDir, AnInstalledProgramsDataIsUnderShareNextToItsBinFolder) {
  EXPECT_EQ(installed_data_dir_for("/opt/statuskit/bin/statuskit-mock"),
            fs::path("/opt/statuskit/share/statuskit"));
  EXPECT_EQ(installed_data_dir_for("/usr/bin/statuskit-conformance"),
            fs::path("/usr/share/statuskit"));
}

TEST(DataDir, TheInstalledLocationWinsWhenItExists) {
  TempFolder root("root");
  fs::create_directories(root.path() / "share/statuskit");
  const statuskit::DataDirLocations locations{root.path() / "share/statuskit",
                                              root.path() / "source"};
  EXPECT_EQ(choose_data_dir(locations), root.path() / "share/statuskit");
}

TEST(DataDir, WithoutAnInstallationTheSourceTreeIsUsed) {
  TempFolder root("root");
  EXPECT_EQ(choose_data_dir({root.path() / "share/statuskit", root.path() / "source"}),
            root.path() / "source");
  EXPECT_EQ(choose_data_dir({fs::path(), root.path() / "source"}), root.path() / "source")
      << "/proc/self/exe unreadable";
}

TEST(DataDir, ThisTestBinaryRunsFromTheBuildTreeSoItFindsTheSourceTree) {
  const auto locations = statuskit::data_dir_locations();
  EXPECT_EQ(locations.installed, fs::path(STATUSKIT_BINARY_DIR "/share/statuskit"));
  EXPECT_EQ(statuskit::data_dir(), fs::path(STATUSKIT_SOURCE_DIR));
  EXPECT_TRUE(fs::is_regular_file(statuskit::data_dir() / "fixtures/targets/mock.yaml"));
}

TEST(DataDir, ARelativePathIsTheUsersFileWhenItExistsInTheCurrentFolder) {
  TempFolder data("data");
  TempFolder here("here");
  touch(data.path() / "fixtures/targets/mock.yaml");
  touch(here.path() / "fixtures/targets/mock.yaml");
  CurrentFolder in(here.path());
  EXPECT_EQ(resolve_data_path("fixtures/targets/mock.yaml", data.path()),
            "fixtures/targets/mock.yaml");
}

TEST(DataDir, ARelativePathMissingHereIsLookedUpInTheDataFolder) {
  TempFolder data("data");
  TempFolder here("here");
  touch(data.path() / "fixtures/targets/mock.yaml");
  CurrentFolder in(here.path());
  EXPECT_EQ(resolve_data_path("fixtures/targets/mock.yaml", data.path()),
            (data.path() / "fixtures/targets/mock.yaml").string());
  EXPECT_EQ(resolve_data_path("fixtures", data.path()), (data.path() / "fixtures").string());
}

TEST(DataDir, APathFoundNowhereOrAbsoluteIsLeftAsGivenSoTheErrorNamesIt) {
  TempFolder data("data");
  TempFolder here("here");
  touch(data.path() / "only-in-data.yaml");
  CurrentFolder in(here.path());
  EXPECT_EQ(resolve_data_path("no-such.yaml", data.path()), "no-such.yaml");
  EXPECT_EQ(resolve_data_path("/no/such.yaml", data.path()), "/no/such.yaml");
  EXPECT_EQ(resolve_data_path("", data.path()), "");
  EXPECT_EQ(resolve_data_path("only-in-data.yaml", fs::path()), "only-in-data.yaml")
      << "no data folder";
}

}  // namespace
