// state_file.h on files that are not what they should be: a FIFO or a folder is refused at once
// (never waited on), and a document that cannot be written as JSON is an error naming the file.
#include "control/state_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_folder.h"

namespace statuskit::mock {
namespace {

class StateFileTest : public ::testing::Test {
 protected:
  void SetUp() override { folder_ = statuskit::testing::fresh_test_folder("statuskit-state-file"); }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  static std::string error_of(const std::string& path) {
    try {
      read_state_file(path);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "<no error>";
  }

  std::filesystem::path folder_;
};

TEST_F(StateFileTest, AFifoIsRefusedWithoutWaitingForAWriter) {
  const std::string fifo = (folder_ / "state.fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string error = error_of(fifo);
  EXPECT_NE(error.find(fifo), std::string::npos) << error;
  EXPECT_NE(error.find("a FIFO"), std::string::npos) << error;
}

TEST_F(StateFileTest, AFolderIsRefused) {
  const std::string error = error_of(folder_.string());
  EXPECT_NE(error.find("a directory, not a regular file"), std::string::npos) << error;
}

TEST_F(StateFileTest, AMissingFileIsNoDocumentAndAWrittenOneReadsBack) {
  const std::string path = (folder_ / "state.json").string();
  EXPECT_FALSE(read_state_file(path).has_value());
  write_state_file(path, {{"sessions", nlohmann::json::object()}}, false);
  EXPECT_EQ(read_state_file(path), (nlohmann::json{{"sessions", nlohmann::json::object()}}));
}

TEST_F(StateFileTest, AStringThatIsNotUtf8IsAnErrorNamingTheFileAndLeavesTheOldFile) {
  const std::string path = (folder_ / "state.json").string();
  write_state_file(path, {{"kept", true}}, false);
  try {
    write_state_file(path, {{"caf\xC3(", 1}}, false);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
  }
  EXPECT_EQ(read_state_file(path), (nlohmann::json{{"kept", true}}));
}

}  // namespace
}  // namespace statuskit::mock
