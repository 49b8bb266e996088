#include "explore/reference_mock.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace statuskit::conformance {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool executable(const fs::path& path) {
  return !path.empty() && ::access(path.c_str(), X_OK) == 0 && fs::is_regular_file(path);
}

}  // namespace

std::string find_mock_program(const std::string& given) {
  if (!given.empty()) {
    if (!executable(given))
      throw std::runtime_error("--mock-program " + given + " is not an executable file");
    return given;
  }
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    for (const fs::path& candidate :
         {self.parent_path() / "statuskit-mock",
          self.parent_path().parent_path() / "mock-server" / "statuskit-mock"}) {
      if (executable(candidate)) return candidate.string();
    }
  }
  if (const char* path = std::getenv("PATH")) {
    std::stringstream folders(path);
    for (std::string folder; std::getline(folders, folder, ':');) {
      if (!folder.empty() && executable(fs::path(folder) / "statuskit-mock")) {
        return (fs::path(folder) / "statuskit-mock").string();
      }
    }
  }
  throw std::runtime_error(
      "no statuskit-mock program to start as the reference: install it next to this program, "
      "name it with --mock-program, or give another reference with --reference");
}

ReferenceMock::ReferenceMock(const ReferenceMockOptions& options) {
  char pattern[] = "/tmp/statuskit-explore-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    throw std::runtime_error(std::string("cannot create a temporary folder: ") +
                             std::strerror(errno));
  }
  folder_ = pattern;
  const std::string ready = folder_ + "/ready";
  const std::string log = folder_ + "/mock.log";
  std::vector<std::string> arguments = {options.binary,
                                        "--host",
                                        "127.0.0.1",
                                        "--port",
                                        "0",
                                        "--ready-file",
                                        ready,
                                        "--threads",
                                        "1",
                                        "--quiet",
                                        "--specs",
                                        options.specs,
                                        "--fixtures",
                                        options.fixtures,
                                        "--inferred",
                                        options.alternative ? "alternative" : "default"};
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  const int spawned =
      ::posix_spawn(&pid_, options.binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    pid_ = -1;
    fs::remove_all(folder_);
    throw std::runtime_error("cannot start " + options.binary + ": " + std::strerror(spawned));
  }
  // The mock writes the ready file once it listens; a mock that exits first has said why in
  // its log. Starting takes milliseconds; the wait is bounded so a hung start is an error.
  for (int waited_ms = 0; waited_ms < 60000; waited_ms += 5) {
    std::error_code missing;
    if (fs::exists(ready, missing)) {
      base_url_ = "http://127.0.0.1:" + read_all(ready);
      while (!base_url_.empty() && (base_url_.back() == '\n' || base_url_.back() == ' '))
        base_url_.pop_back();
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      const std::string said = read_all(log);
      fs::remove_all(folder_);
      throw std::runtime_error("the reference mock " + options.binary +
                               " stopped at start: " + said);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
  fs::remove_all(folder_);
  throw std::runtime_error("the reference mock " + options.binary + " did not listen within 60 s");
}

ReferenceMock::~ReferenceMock() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    bool gone = false;
    for (int waited_ms = 0; waited_ms < 5000 && !gone; waited_ms += 5) {
      gone = ::waitpid(pid_, &status, WNOHANG) == pid_;
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!gone) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  std::error_code ignored;
  if (!folder_.empty()) fs::remove_all(folder_, ignored);
}

}  // namespace statuskit::conformance
