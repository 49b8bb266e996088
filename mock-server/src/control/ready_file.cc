#include "control/ready_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "control/atomic_file.h"
#include "control/state_file.h"

namespace statuskit::mock {

void withdraw_ready_file(const std::string& path) {
  remove_stale_temporaries(path);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    throw std::runtime_error("cannot remove the ready file " + path + ": " + std::strerror(errno));
  }
}

void publish_ready_file(const std::string& path, int port) {
  try {
    replace_file_atomically(path, std::to_string(port) + "\n", /*durable=*/false);
  } catch (const std::exception& error) {
    throw std::runtime_error(std::string("cannot write the ready file: ") + error.what());
  }
}

}  // namespace statuskit::mock
