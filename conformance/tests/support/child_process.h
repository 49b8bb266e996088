#pragma once
// A program started in the background, its output kept in a file: for tests that run several
// processes at once (mocks, nginx, concurrent runners) and look at each one's exit and output.

#include <sys/types.h>

#include <string>
#include <vector>

namespace statuskit::testing {

struct SpawnOptions {
  std::vector<std::string> environment;  ///< "NAME=value", added to the test's, overriding
  std::string working_directory;         ///< empty: the test's
  pid_t process_group = 0;               ///< join this group; 0: a group of its own
};

class ChildProcess {
 public:
  /// Starts `argv` (argv[0] looked up on PATH) with stdout and stderr appended to
  /// `output_file` and stdin from /dev/null. Throws std::runtime_error when it cannot start.
  ChildProcess(const std::vector<std::string>& argv, const std::string& output_file,
               const SpawnOptions& options = {});
  /// Kills it if it is still running (its whole group, when the group is its own), and reaps
  /// it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  /// Waits for the exit; the exit code, or 128+N when killed by signal N.
  int wait();
  /// Whether it has exited (reaps it if so), without waiting.
  bool exited();
  /// Sends `signal_number` to the program (and to whatever it started, when the group is its
  /// own), then waits for the program's exit; returns wait()'s result.
  int stop(int signal_number);
  std::string output() const;

 private:
  void signal(int signal_number) const;

  pid_t pid_ = -1;
  bool own_group_ = true;
  std::string output_file_;
  bool reaped_ = false;
  int exit_code_ = -1;
};

/// A process group that outlives the processes put into it (a sleeping leader holds it), so
/// that a CI job's steps, each started after the previous one ended, share one group, and the
/// processes they leave in the background can be ended with the job, as CI runners do.
class ProcessGroup {
 public:
  ProcessGroup();
  /// Kills every process still in the group.
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;
  pid_t id() const { return leader_.pid(); }

 private:
  ChildProcess leader_;
};

/// Where `program` is on PATH, else in /usr/sbin and /sbin (not on a user's PATH on Debian,
/// where nginx lives); "" when nowhere.
std::string find_program(const std::string& program);

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released). Another
/// process may take it before the caller does: callers retry on "address in use".
int probably_free_port();

}  // namespace statuskit::testing
