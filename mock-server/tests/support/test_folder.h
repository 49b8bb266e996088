#pragma once
// A fresh, empty folder for the running test, named after the process and the test so parallel
// ctest runs never share one. The caller removes it in TearDown.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace statuskit::testing {

inline std::filesystem::path fresh_test_folder(const std::string& prefix) {
  const auto folder = std::filesystem::temp_directory_path() /
                      (prefix + "-" + std::to_string(::getpid()) + "-" +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

}  // namespace statuskit::testing
