#include "raw_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace statuskit::testing {

const std::string* RawResponse::header(const std::string& lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error("connect: " + reason);
  }
}

RawConnection::~RawConnection() { close(); }

void RawConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawConnection::try_send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

void RawConnection::send(const std::string& bytes) {
  if (!try_send(bytes)) throw std::runtime_error(std::string("send: ") + std::strerror(errno));
}

bool RawConnection::fill(int limit_ms) {
  pollfd wait{fd_, POLLIN, 0};
  const int ready = ::poll(&wait, 1, limit_ms);
  if (ready == 0)
    throw std::runtime_error("nothing arrived within " + std::to_string(limit_ms) + " ms");
  if (ready < 0) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
  char chunk[65536];
  const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n < 0 && errno == ECONNRESET) return false;
  if (n < 0) throw std::runtime_error(std::string("recv: ") + std::strerror(errno));
  if (n == 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

RawResponse RawConnection::read_response(int limit_ms) {
  std::size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(limit_ms)) throw std::runtime_error("connection closed before an answer: " + buffer_);
  }
  RawResponse response;
  const std::string head = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  std::size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.rfind("HTTP/1.1 ", 0) != 0)
    throw std::runtime_error("not a status line: " + status_line);
  response.status = std::stoi(status_line.substr(9, 3));
  std::size_t length = 0;
  while (line_end != std::string::npos) {
    const std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line =
        head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "content-length") length = std::stoul(value);
    response.headers.emplace_back(name, value);
  }
  if (response.status == 100) return response;
  while (buffer_.size() < length) {
    if (!fill(limit_ms)) throw std::runtime_error("connection closed inside an answer's body");
  }
  response.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return response;
}

std::string RawConnection::read_until_closed(int limit_ms) {
  while (fill(limit_ms)) {
  }
  std::string all = std::move(buffer_);
  buffer_.clear();
  return all;
}

}  // namespace statuskit::testing
