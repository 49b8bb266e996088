#pragma once
// Runs the real mock-server binary on 127.0.0.1 with an ephemeral port for integration tests.
// Readiness is the "listening on http://…" line the server prints once bound — no sleeps.

#include <sys/types.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace statuskit::testing {

class MockServerProcess {
 public:
  /// Starts `binary` with `--host 127.0.0.1 --port 0` plus `arguments`; returns once the server
  /// is listening. Throws std::runtime_error (with the server's output) if it exits first.
  MockServerProcess(const std::string& binary, std::vector<std::string> arguments);
  /// The same, run through `launcher` (e.g. {"prlimit", "--nofile=128"}): the program the
  /// server's command line is handed to, looked up on PATH.
  MockServerProcess(const std::string& binary, std::vector<std::string> arguments,
                    std::vector<std::string> launcher);
  /// Sends SIGTERM and reaps the process if still running.
  ~MockServerProcess();
  MockServerProcess(const MockServerProcess&) = delete;
  MockServerProcess& operator=(const MockServerProcess&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }
  /// Sends `signal_number` and waits for the exit; returns the exit code (128+N if killed).
  int stop(int signal_number);
  /// Everything the server printed on stdout and stderr so far.
  std::string output() const;

 private:
  void read_output();

  pid_t pid_ = -1;
  int output_fd_ = -1;
  int port_ = 0;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::string output_;
  bool exited_ = false;
  int exit_code_ = 0;
};

/// The default arguments for the project's own specs and fixtures, strict mode on.
std::vector<std::string> project_mock_arguments();

}  // namespace statuskit::testing
