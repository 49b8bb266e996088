#include "command_runner.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace statuskit::testing {

CommandResult run_command(const std::string& program, const std::string& arguments) {
  CommandResult result;
  const std::string command = program + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + program);
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CommandResult run_conformance(const std::string& arguments) {
  return run_command(STATUSKIT_CONFORMANCE_BIN, arguments);
}

}  // namespace statuskit::testing
