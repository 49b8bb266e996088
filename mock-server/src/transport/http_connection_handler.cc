#include "transport/http_connection_handler.h"

#include <linux/tcp.h>
#include <netinet/in.h>
#include <pistache/async.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <pistache/transport.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <vector>

#include "mock_pipeline.h"
#include "statuskit/program_name.h"
#include "transport/http_response_writer.h"
#include "transport/mock_request_from_http.h"

namespace statuskit::mock {
namespace {

using Clock = std::chrono::steady_clock;
using Pistache::Tcp::Peer;

/// Answers go to Pistache in pieces of this size: it copies what is left of a piece after each
/// partial write, so one large piece would make a slow reader cost quadratic time.
constexpr std::size_t kWritePiece = 64 * 1024;
/// Larger answers become a 500 that says so (the journal pages, so none of ours comes close).
constexpr std::size_t kMaxAnswerBytes = 256 * 1024 * 1024;
/// A connection that must close but whose client keeps it open is cut after this long.
constexpr auto kLingerLimit = std::chrono::seconds(2);
/// A client that pipelines without reading its answers is not served further until some are
/// written, so unread answers cannot pile up in memory: at most this many answers, and at most
/// this many bytes of them (beyond what the kernel's socket buffer took) wait for the client.
/// One answer is always written, whatever its size; the next request waits behind it.
constexpr int kMaxUnwrittenAnswers = 16;
constexpr std::size_t kMaxUnwrittenBytes = 1024 * 1024;

/// One client connection. Lives on its reactor thread only: no locks.
struct Connection {
  Connection(const std::shared_ptr<Peer>& client, const HttpLimits& limits)
      : peer(client), fd(client->fd()), parser(limits) {}

  std::weak_ptr<Peer> peer;
  int fd;
  HttpRequestParser parser;
  Clock::time_point last_activity = Clock::now();
  Clock::time_point request_started = Clock::now();
  bool open = true;       ///< false once Pistache reported the disconnection
  bool closing = false;   ///< answers no further request; later input is dropped
  bool waiting = false;   ///< a delayed answer is pending; pipelined requests wait behind it
  int delay_timer = -1;   ///< the timer descriptor of that delayed answer, while it is armed
  int unanswered = 0;     ///< requests counted in the tracker whose answer is not yet written
  int queued_writes = 0;  ///< answers (or their rests) in Pistache's write queue, not yet sent
  std::size_t queued_bytes = 0;          ///< of those answers, not yet on the wire
  std::uint64_t bytes_acknowledged = 0;  ///< by the client, at the last sweep
  bool counted = true;  ///< holds one of the --max-connections places (until hung up or gone)

  /// Later requests wait (stay buffered) until this is false again.
  bool held_back() const {
    return waiting || unanswered >= kMaxUnwrittenAnswers || queued_bytes >= kMaxUnwrittenBytes;
  }
};

/// What a finished request needs to be answered and logged later.
struct Answer {
  std::string method;
  std::string path;
  std::string operation_id;
  std::string session;
  MockResponse response;
  bool keep_alive = true;
  bool head = false;
  Clock::time_point started;
};

std::string error_code_for(int status) {
  switch (status) {
    case 408:
      return "request_timeout";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 417:
      return "expectation_failed";
    case 431:
      return "request_header_fields_too_large";
    case 501:
      return "not_implemented";
    case 503:
      return "draining";
    case 505:
      return "http_version_not_supported";
    default:
      return status >= 500 ? "internal_error" : "bad_request";
  }
}

MockResponse transport_error(int status, const std::string& message) {
  return MockResponse::json(status, {{"error", error_code_for(status)}, {"message", message}});
}

void write_log_line(const Answer& answer) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - answer.started).count();
  std::string line = answer.method + " " + answer.path + " " +
                     std::to_string(answer.response.status) + " " + std::to_string(micros) + "us";
  if (!answer.operation_id.empty()) line += " op=" + answer.operation_id;
  if (!answer.session.empty()) line += " session=" + answer.session;
  line += "\n";
  // One write() per line keeps lines from different reactor threads whole.
  [[maybe_unused]] auto written = ::write(STDOUT_FILENO, line.data(), line.size());
}

/// Bytes of this connection's answers the client has received (TCP's count), or 0 unknown.
std::uint64_t bytes_acknowledged(int fd) {
  tcp_info info{};
  socklen_t size = sizeof info;
  if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) return 0;
  return info.tcpi_bytes_acked;
}

/// A request already waiting in the socket: the connection only looks idle.
bool has_unread_input(int fd) {
  int bytes = 0;
  return ::ioctl(fd, FIONREAD, &bytes) == 0 && bytes > 0;
}

void set_timer(int timer_fd, std::chrono::milliseconds delay) {
  itimerspec when{};
  when.it_value.tv_sec = static_cast<time_t>(delay.count() / 1000);
  when.it_value.tv_nsec = static_cast<long>((delay.count() % 1000) * 1'000'000);
  if (when.it_value.tv_sec == 0 && when.it_value.tv_nsec == 0) when.it_value.tv_nsec = 1;
  ::timerfd_settime(timer_fd, 0, &when, nullptr);
}

class ConnectionHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(ConnectionHandler)

  explicit ConnectionHandler(TransportContext* context) : context_(context) {}

  // Pistache's HTTP parser is bypassed: onInput below replaces it, so this is never called.
  void onRequest(const Pistache::Http::Request&, Pistache::Http::ResponseWriter) override {}

  void onConnection(const std::shared_ptr<Peer>& peer) override {
    close_retired_timers();
    // Pistache's idle checker (disabled through its timeouts, see HttpServer::start) still
    // reads every peer's parser; it must exist even though it is never fed.
    peer->putData(Pistache::Http::Handler::ParserData,
                  std::make_shared<Pistache::Http::RequestParser>(Pistache::Const::MaxBuffer));
    peer->setIdle(true);
    auto connection = std::make_shared<Connection>(peer, context_->limits);
    connections_.emplace(peer->getID(), connection);
    // Pistache hands connections to reactors in turn, so each enforces its share of the limit:
    // room can only be made among the connections this thread owns.
    const std::size_t share = std::max<std::size_t>(
        1, context_->max_connections /
               static_cast<std::size_t>(std::max(1, context_->options.threads)));
    if (++live_connections_ > share) make_room_for(*connection);
    arm_sweeper();
  }

  void onInput(const char* buffer, size_t length, const std::shared_ptr<Peer>& peer) override {
    close_retired_timers();
    const auto it = connections_.find(peer->getID());
    if (it == connections_.end()) return;
    const auto connection = it->second;
    // Nothing thrown while serving may end the process: the connection ends instead.
    try {
      if (connection->closing) return;  // the client's leftover bytes after our final answer
      const auto now = Clock::now();
      if (!connection->parser.mid_request()) connection->request_started = now;
      connection->last_activity = now;
      connection->parser.feed(std::string_view(buffer, length));
      if (connection->held_back() &&
          connection->parser.buffered() >
              context_->limits.max_header_bytes + context_->limits.max_body_bytes) {
        // Pipelining far ahead of the answers: more than a whole request's worth is queued.
        hang_up(*connection);
        return;
      }
      serve(connection);
    } catch (const std::exception& error) {
      fail_connection(*connection, error.what());
    } catch (...) {
      fail_connection(*connection, "unknown error");
    }
  }

  void onDisconnection(const std::shared_ptr<Peer>& peer) override {
    close_retired_timers();
    const auto it = connections_.find(peer->getID());
    if (it == connections_.end()) return;
    Connection& connection = *it->second;
    connection.open = false;
    // A delayed answer for a client that left is due now: its timer fires at once, and its
    // descriptor is closed then, instead of staying open for the rest of the delay (a 60 s
    // latency fault and 1,100 clients that hung up held 1,009 descriptors and starved the
    // state file and the accept loop).
    if (connection.delay_timer >= 0)
      set_timer(connection.delay_timer, std::chrono::milliseconds(0));
    // Answers that never reached the wire are finished too: a client that hung up must not
    // hold shutdown for the whole drain timeout.
    while (connection.unanswered > 0) settle_one(connection);
    release_place(connection);
    connections_.erase(it);
  }

 private:
  /// Answers every complete request buffered on the connection, in order.
  void serve(const std::shared_ptr<Connection>& connection) {
    while (connection->open && !connection->closing && !connection->held_back()) {
      switch (connection->parser.next()) {
        case HttpRequestParser::Result::kNeedMore:
          return;
        case HttpRequestParser::Result::kContinue:
          write(connection, "HTTP/1.1 100 Continue\r\n\r\n", /*settles=*/false, true);
          break;
        case HttpRequestParser::Result::kError:
          refuse(connection, connection->parser.error_status(), connection->parser.error_message());
          return;
        case HttpRequestParser::Result::kRequest:
          answer(connection, connection->parser.take_request());
          connection->request_started = Clock::now();
          break;
      }
    }
  }

  void answer(const std::shared_ptr<Connection>& connection, HttpRequest http) {
    Answer answer;
    answer.started = Clock::now();
    answer.head = http.method == "HEAD";
    answer.keep_alive = http.keep_alive && http.oversized_body == 0;
    if (!context_->tracker.enter()) {
      answer.method = http.method;
      answer.path = http.path;
      answer.response = transport_error(503, "the mock server is shutting down");
      answer.keep_alive = false;
      send_answer(connection, answer, /*settles=*/false);
      return;
    }
    ++connection->unanswered;
    MockRequest request = mock_request_from_http(std::move(http));
    // Read before handle(), which moves the headers into the journal.
    if (const auto* session = request.header(MockPipeline::kSessionHeader);
        session != nullptr && context_->options.log_requests) {
      answer.session = *session;
    }
    RequestContext request_context;
    try {
      answer.response = context_->pipeline->handle(request, request_context);
    } catch (const std::exception& error) {
      answer.response = transport_error(500, error.what());
    }
    answer.method = std::move(request.method);
    answer.path = std::move(request.path);
    answer.operation_id = std::move(request.operation_id);
    if (answer.response.delay_ms > 0) {
      // Without a timer the answer goes out at once, undelayed.
      const int timer_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
      if (timer_fd >= 0) {
        delay(connection, timer_fd, std::move(answer));
        return;
      }
    }
    send_answer(connection, answer, /*settles=*/true);
  }

  /// Holds the answer back on `timer_fd`, a timer of this reactor, which it then owns.
  void delay(const std::shared_ptr<Connection>& connection, int timer_fd, Answer answer) {
    const auto delay = std::chrono::milliseconds(answer.response.delay_ms);
    auto held = std::make_shared<Answer>(std::move(answer));
    connection->waiting = true;
    connection->delay_timer = timer_fd;
    Pistache::Async::Promise<uint64_t> fired([&](Pistache::Async::Deferred<uint64_t> deferred) {
      transport()->armTimer(timer_fd, delay, std::move(deferred));
    });
    // Pistache 0.0.5 rounds timers of a second or more down to whole seconds: set the exact one.
    set_timer(timer_fd, delay);
    context_->delay_timers.add(timer_fd);
    auto on_fired = [this, connection, timer_fd, held] {
      context_->delay_timers.remove(timer_fd);
      close_retired_timers();
      retired_timers_.push_back(timer_fd);
      connection->waiting = false;
      connection->delay_timer = -1;
      if (!connection->open) return;
      try {
        send_answer(connection, *held, /*settles=*/true);
        serve(connection);
      } catch (const std::exception& error) {
        fail_connection(*connection, error.what());
      }
    };
    fired.then([on_fired](uint64_t) { on_fired(); },
               [on_fired](const std::exception_ptr&) { on_fired(); });
  }

  void send_answer(const std::shared_ptr<Connection>& connection, const Answer& answer,
                   bool settles) {
    if (context_->options.log_requests) write_log_line(answer);
    if (answer.response.drop_connection) {
      // Injected hang-up: no status line at all; the client sees an empty reply.
      hang_up(*connection);
      if (settles) settle_one(*connection);
      return;
    }
    std::string wire = serialize_response(answer.response, {answer.keep_alive, answer.head});
    if (wire.size() > kMaxAnswerBytes) {
      wire =
          serialize_response(transport_error(500, "the answer of " + std::to_string(wire.size()) +
                                                      " bytes is over the transport's limit of " +
                                                      std::to_string(kMaxAnswerBytes) + " bytes"),
                             {answer.keep_alive, answer.head});
    }
    if (!answer.keep_alive) connection->closing = true;
    write(connection, wire, settles, answer.keep_alive);
  }

  /// A request the parser could not frame: a generic JSON error, then the connection closes.
  void refuse(const std::shared_ptr<Connection>& connection, int status,
              const std::string& message) {
    Answer answer;
    answer.method = "-";
    answer.path = "-";
    answer.started = Clock::now();
    answer.response = transport_error(status, message);
    answer.keep_alive = false;
    send_answer(connection, answer, /*settles=*/false);
  }

  void write(const std::shared_ptr<Connection>& connection, const std::string& wire, bool settles,
             bool keep_alive) {
    const auto peer = connection->peer.lock();
    if (!peer) {
      if (settles) settle_one(*connection);
      return;
    }
    // Pistache 0.0.5 queues every write for its reactor through an eventfd, even one made on
    // the reactor itself: a wake-up and three more system calls per answer. This runs on the
    // reactor, so while nothing of this connection is queued (order is kept) the answer goes
    // straight to the socket, and only what the socket does not take now is queued.
    std::size_t offset = 0;
    if (connection->queued_writes == 0) {
      offset = send_now(connection->fd, wire);
      if (offset == wire.size()) {
        written(*connection, settles, keep_alive);
        return;
      }
    }
    ++connection->queued_writes;
    const std::size_t queued = wire.size() - offset;
    connection->queued_bytes += queued;
    std::optional<Pistache::Async::Promise<ssize_t>> last;
    do {
      const std::size_t piece = std::min(kWritePiece, wire.size() - offset);
      last.emplace(peer->send(Pistache::RawBuffer(wire.substr(offset, piece), piece)));
      offset += piece;
    } while (offset < wire.size());
    // Runs on this reactor thread once the last piece is on the wire (never, if the client
    // went away first: onDisconnection settles the request then).
    auto after = [this, connection, settles, keep_alive, queued] {
      const bool was_held_back = connection->held_back();
      --connection->queued_writes;
      connection->queued_bytes -= queued;
      written(*connection, settles, keep_alive);
      if (!connection->open || !keep_alive) return;
      // The request timeout of what waited behind the answers starts when it can be served.
      // cppcheck-suppress incorrectLogicOperator ; written() above changes what held_back() reads
      if (was_held_back && !connection->held_back()) connection->request_started = Clock::now();
      try {
        serve(connection);  // requests held back while too many answers were unwritten
      } catch (const std::exception& error) {
        fail_connection(*connection, error.what());
      }
    };
    last->then([after](ssize_t) { after(); }, [after](const std::exception_ptr&) { after(); });
  }

  /// Writes what the socket takes without waiting; returns how many bytes that was. A broken
  /// connection counts as all written: its answer has nowhere to go, and Pistache reports the
  /// disconnection.
  static std::size_t send_now(int fd, const std::string& wire) {
    std::size_t sent = 0;
    while (sent < wire.size()) {
      const ssize_t n =
          ::send(fd, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        break;
      } else {
        return wire.size();
      }
    }
    return sent;
  }

  /// What follows an answer's last byte on the wire.
  void written(Connection& connection, bool settles, bool keep_alive) {
    if (settles) settle_one(connection);
    connection.last_activity = Clock::now();
    // Half-close: the client reads the whole answer, then sees the end of the stream.
    if (connection.open && !keep_alive) ::shutdown(connection.fd, SHUT_WR);
  }

  void settle_one(Connection& connection) {
    if (connection.unanswered == 0) return;
    --connection.unanswered;
    context_->tracker.leave();
  }

  void hang_up(Connection& connection) {
    connection.closing = true;
    // Its place is free at once: many connections arriving together must not each find the
    // limit taken by ones already being closed.
    release_place(connection);
    if (connection.open) ::shutdown(connection.fd, SHUT_RDWR);
  }

  void release_place(Connection& connection) {
    if (!connection.counted) return;
    connection.counted = false;
    --live_connections_;
  }

  void fail_connection(Connection& connection, const std::string& reason) {
    const std::string line =
        program_name() + ": connection closed after an internal error: " + reason + "\n";
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, line.data(), line.size());
    hang_up(connection);
  }

  /// Over the connection limit: the longest-idle connection of this thread makes room for
  /// `newcomer`. When none is idle, the one whose request has been arriving the longest is
  /// answered 408 and closed: otherwise a few clients holding requests half-sent would lock
  /// everyone else out until their request timeout. Only when every connection is being
  /// answered is the newcomer closed instead.
  void make_room_for(Connection& newcomer) {
    Connection* idle = nullptr;
    std::shared_ptr<Connection> slowest_sender;
    for (auto& [id, connection] : connections_) {
      if (connection.get() == &newcomer || connection->closing || connection->waiting ||
          connection->unanswered > 0 || connection->queued_writes > 0) {
        continue;
      }
      if (connection->parser.mid_request() || has_unread_input(connection->fd)) {
        if (connection->parser.mid_request() &&
            (!slowest_sender || connection->request_started < slowest_sender->request_started)) {
          slowest_sender = connection;
        }
        continue;
      }
      if (idle == nullptr || connection->last_activity < idle->last_activity) {
        idle = connection.get();
      }
    }
    if (idle != nullptr) {
      hang_up(*idle);
    } else if (slowest_sender) {
      release_place(*slowest_sender);
      refuse(slowest_sender, 408,
             "closed to make room for another client: the connection limit is reached and this "
             "request was still arriving");
    } else {
      hang_up(newcomer);
    }
  }

  void arm_sweeper() {
    if (sweeping_ || connections_.empty()) return;
    const int timer_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (timer_fd < 0) return;
    sweeping_ = true;
    const auto shortest =
        std::min(context_->options.idle_timeout, context_->options.request_timeout);
    const auto interval =
        std::clamp(shortest / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
    Pistache::Async::Promise<uint64_t> tick([&](Pistache::Async::Deferred<uint64_t> deferred) {
      transport()->armTimer(timer_fd, interval, std::move(deferred));
    });
    auto on_tick = [this, timer_fd] {
      close_retired_timers();
      retired_timers_.push_back(timer_fd);
      sweeping_ = false;
      sweep();
      arm_sweeper();
    };
    tick.then([on_tick](uint64_t) { on_tick(); },
              [on_tick](const std::exception_ptr&) { on_tick(); });
  }

  /// Closes idle connections, answers 408 to requests that take too long to arrive, and cuts
  /// connections that should have closed but linger.
  void sweep() {
    const auto now = Clock::now();
    for (auto& [id, connection] : connections_) {
      if (connection->waiting || !connection->open) continue;
      // A client still taking a large answer is not idle, though the last byte left the mock
      // long ago: the kernel's buffers hold megabytes. What it received since the last sweep
      // counts as activity; a client that stops reading is cut like an idle one.
      const std::uint64_t acknowledged = bytes_acknowledged(connection->fd);
      if (acknowledged != connection->bytes_acknowledged) connection->last_activity = now;
      connection->bytes_acknowledged = acknowledged;
      if (connection->closing) {
        if (now - connection->last_activity > kLingerLimit) hang_up(*connection);
        continue;
      }
      // Requests buffered behind unwritten answers arrived whole: the client is slow to read,
      // not slow to send, and is judged by the idle rule above (bytes it acknowledges).
      if (connection->parser.mid_request() && !connection->held_back()) {
        if (now - connection->request_started > context_->options.request_timeout) {
          refuse(connection, 408,
                 "the request did not arrive whole within " +
                     std::to_string(context_->options.request_timeout.count()) + " ms");
        }
      } else if (now - connection->last_activity > context_->options.idle_timeout) {
        hang_up(*connection);
      }
    }
  }

  /// Timer descriptors are closed only after Pistache has forgotten them: it keys its timers by
  /// descriptor and erases the entry after the callback returns, so closing inside the callback
  /// could let a new timer reuse the number while the old entry still exists.
  void close_retired_timers() {
    for (int timer_fd : retired_timers_) ::close(timer_fd);
    retired_timers_.clear();
  }

  TransportContext* context_;
  std::unordered_map<std::size_t, std::shared_ptr<Connection>> connections_;
  std::vector<int> retired_timers_;
  std::size_t live_connections_ = 0;  ///< connections of this thread holding a place
  bool sweeping_ = false;
};

}  // namespace

std::shared_ptr<Pistache::Http::Handler> make_connection_handler(TransportContext& context) {
  return Pistache::Http::make_handler<ConnectionHandler>(&context);
}

}  // namespace statuskit::mock
