#include "mock_server_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <stdexcept>

extern char** environ;

namespace statuskit::testing {
namespace {
constexpr const char* kReadyPrefix = "listening on http://";
}

MockServerProcess::MockServerProcess(const std::string& binary, std::vector<std::string> arguments)
    : MockServerProcess(binary, std::move(arguments), {}) {}

MockServerProcess::MockServerProcess(const std::string& binary, std::vector<std::string> arguments,
                                     std::vector<std::string> launcher) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_strings = std::move(launcher);
  const std::string program = argv_strings.empty() ? binary : argv_strings.front();
  for (const auto& argument : {binary, std::string("--host"), std::string("127.0.0.1"),
                               std::string("--port"), std::string("0")}) {
    argv_strings.push_back(argument);
  }
  argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& argument : argv_strings) argv.push_back(argument.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  const int spawned = posix_spawnp(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    throw std::runtime_error("cannot start " + binary);
  }
  output_fd_ = pipe_fds[0];

  // Read until the readiness line (or EOF), then keep draining in the background so the
  // server never blocks on a full pipe while logging requests.
  std::string pending;
  char buffer[4096];
  while (port_ == 0) {
    const ssize_t n = read(output_fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    pending.append(buffer, static_cast<size_t>(n));
    const auto at = pending.find(kReadyPrefix);
    if (at != std::string::npos) {
      const auto colon = pending.find(':', at + std::string(kReadyPrefix).size());
      const auto end = pending.find('\n', colon);
      if (colon != std::string::npos && end != std::string::npos) {
        port_ = std::stoi(pending.substr(colon + 1, end - colon - 1));
      }
    }
  }
  {
    std::lock_guard lock(mutex_);
    output_ = pending;
  }
  if (port_ == 0) {
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    close(output_fd_);
    throw std::runtime_error("mock-server exited before listening:\n" + pending);
  }
  reader_ = std::thread([this] { read_output(); });
}

void MockServerProcess::read_output() {
  char buffer[4096];
  ssize_t n;
  while ((n = read(output_fd_, buffer, sizeof buffer)) > 0) {
    std::lock_guard lock(mutex_);
    output_.append(buffer, static_cast<size_t>(n));
  }
}

std::string MockServerProcess::output() const {
  std::lock_guard lock(mutex_);
  return output_;
}

int MockServerProcess::stop(int signal_number) {
  if (!exited_) {
    kill(pid_, signal_number);
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (reader_.joinable()) reader_.join();
    close(output_fd_);
  }
  return exit_code_;
}

MockServerProcess::~MockServerProcess() { stop(SIGTERM); }

std::vector<std::string> project_mock_arguments() {
  return {"--specs",    std::string(STATUSKIT_SOURCE_DIR) + "/specs",
          "--fixtures", std::string(STATUSKIT_SOURCE_DIR) + "/fixtures",
          "--strict",   "--threads",
          "2"};
}

}  // namespace statuskit::testing
