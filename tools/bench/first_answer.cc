// Starts a server and measures how long it takes to answer its first HTTP request: the bench's
// "start to first answer" column (tools/bench/run). A shell loop cannot do this fairly: each
// try costs it a `date` and a `sleep` process, milliseconds the server did not spend.
// Polls 127.0.0.1:PORT every 0.5 ms with a bodiless bulk-status request until an answer's
// first bytes ("HTTP/") arrive, then prints "PID MILLISECONDS" and exits, leaving the server
// running (the caller stops it by PID).
// Usage: first-answer PORT LOG_FILE COMMAND [ARG...]   (the server's output goes to LOG_FILE)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

/// True once a server on `port` answers an HTTP request.
bool answers(unsigned short port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};  // a server that accepts but never answers is not up
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  bool answered = false;
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    const std::string request =
        "PUT /api/admin/users/bulk-status HTTP/1.1\r\nHost: bench\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n";
    char head[5];
    std::size_t got = 0;
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      while (got < sizeof head) {
        const ssize_t n = recv(fd, head + got, sizeof head - got, 0);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
      }
    }
    answered = got == sizeof head && std::memcmp(head, "HTTP/", sizeof head) == 0;
  }
  close(fd);
  return answered;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: first-answer PORT LOG_FILE COMMAND [ARG...]\n");
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::strtoul(argv[1], nullptr, 10));
  const auto started = std::chrono::steady_clock::now();
  const pid_t server = fork();
  if (server < 0) return 1;
  if (server == 0) {
    const int log = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log >= 0) {
      dup2(log, STDOUT_FILENO);
      dup2(log, STDERR_FILENO);
    }
    execvp(argv[3], argv + 3);
    std::perror(argv[3]);
    _exit(127);
  }
  constexpr auto kGiveUp = std::chrono::seconds(60);
  while (!answers(port)) {
    int status = 0;
    if (waitpid(server, &status, WNOHANG) == server) {
      std::fprintf(stderr, "first-answer: %s exited before answering\n", argv[3]);
      return 1;
    }
    if (std::chrono::steady_clock::now() - started > kGiveUp) {
      std::fprintf(stderr, "first-answer: %s did not answer within 60 s\n", argv[3]);
      kill(server, SIGTERM);
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  std::printf("%d %.1f\n", static_cast<int>(server),
              std::chrono::duration<double, std::milli>(elapsed).count());
  return 0;
}
