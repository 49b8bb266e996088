#include "control/state_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "control/atomic_file.h"
#include "statuskit/openapi/document_loader.h"

namespace statuskit::mock {
namespace {

std::runtime_error io_error(const std::string& what, const std::string& path) {
  return std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

std::string read_all(int fd, const std::string& path) {
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw io_error("cannot read state file", path);
    }
    if (n == 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

/// Closes a file descriptor when it goes out of scope: also when an exception leaves, and then
/// after the exception was built, so close() cannot change the errno the message names.
class FileCloser {
 public:
  explicit FileCloser(int fd) : fd_(fd) {}
  FileCloser(const FileCloser&) = delete;
  FileCloser& operator=(const FileCloser&) = delete;
  ~FileCloser() { ::close(fd_); }

 private:
  int fd_;
};

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

}  // namespace

void remove_stale_temporaries(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string prefix = temporary_file_prefix(target.filename().string());
  std::error_code ignored;
  const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  for (const auto& entry : std::filesystem::directory_iterator(folder, ignored)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) {
      std::filesystem::remove(entry.path(), ignored);
    }
  }
}

std::optional<nlohmann::json> read_state_file(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw io_error("cannot read state file", path);
  }
  std::string text;
  {
    const FileCloser closer(fd);
    struct stat info {};
    if (::fstat(fd, &info) != 0) throw io_error("cannot stat state file", path);
    if (!S_ISREG(info.st_mode)) {
      throw std::runtime_error("state file " + path + " is " + file_kind(info.st_mode) +
                               ", not a regular file; give the path of a regular file (it is "
                               "replaced by rename on every save)");
    }
    text = read_all(fd, path);
  }
  try {
    return openapi::parse_json_text(text, path);
  } catch (const std::exception& error) {
    throw std::runtime_error("state file " + path + " is not a valid JSON document (" +
                             error.what() + "); move it away or fix it to start");
  }
}

void write_state_file(const std::string& path, const nlohmann::json& document, bool durable) {
  std::string text;
  try {
    text = document.dump(1) + "\n";  // throws on a string that is not UTF-8
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot write state file " + path + ": " + error.what());
  }
  replace_file_atomically(path, text, durable);
}

}  // namespace statuskit::mock
