#pragma once
// An incremental, strict HTTP/1.1 request parser (RFC 9112) for the mock's transport.
//
// Pistache 0.0.5's own parser is too lenient and too fragile for a server that hostile clients
// talk to: it answers one of two pipelined requests, re-parses the whole header block on every
// read (quadratic), accepts duplicate, signed or overflowing Content-Length values and lets a
// header line without a colon swallow the next one. This parser replaces it: bytes go in as they
// arrive, whole requests come out in order, and every framing error is a definite status
// (400, 413, 414, 417, 431, 501, 505) with a message, after which the connection must close.
// It knows nothing about sockets, Pistache or the mock, so it is unit-tested and fuzzed alone.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace statuskit::mock {

struct HttpLimits {
  /// Request line plus header fields (and, separately, a chunked body's trailer fields).
  std::size_t max_header_bytes = 32 * 1024;
  std::size_t max_header_count = 100;
  /// Largest body read; a longer one is reported (HttpRequest::oversized_body) but not read.
  std::size_t max_body_bytes = 1024 * 1024;
};

struct HttpRequest {
  std::string method;        ///< as sent (methods are case-sensitive)
  std::string target;        ///< the request-target as sent
  std::string path;          ///< target without the query; absolute-form reduced to its path
  std::string query_string;  ///< after '?', without it; still percent-encoded
  int minor_version = 1;     ///< HTTP/1.<minor>
  /// Field names lower-cased, in arrival order; repeated fields stay separate.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< de-chunked
  bool keep_alive = true;
  /// Non-zero when the body is over HttpLimits::max_body_bytes: its declared length (or, for a
  /// chunked body, the bytes seen before the limit was crossed). The body was not read, so the
  /// connection cannot carry another request and must close after the answer.
  std::uint64_t oversized_body = 0;

  /// The first field called `lower_name`, or nullptr.
  const std::string* header(std::string_view lower_name) const;
};

class HttpRequestParser {
 public:
  enum class Result {
    kNeedMore,  ///< nothing complete yet: feed more bytes
    kRequest,   ///< a whole request is ready: take_request()
    kContinue,  ///< the client sent "Expect: 100-continue": send "100 Continue", call next()
    kError,     ///< malformed or over a limit: answer error_status(), then close
  };

  explicit HttpRequestParser(const HttpLimits& limits);

  /// Appends received bytes (kept until a request that uses them is complete).
  void feed(std::string_view bytes);
  /// Advances over the buffered bytes. After kError or an oversized request, always kError /
  /// kNeedMore: a connection is unusable once its framing is lost.
  Result next();
  /// The request completed by the last kRequest.
  HttpRequest take_request();

  int error_status() const { return error_status_; }
  const std::string& error_message() const { return error_message_; }
  /// Bytes received and not yet consumed by a completed request.
  std::size_t buffered() const { return buffer_.size() - consumed_; }
  /// True when part of a request has arrived (a timeout then means a slow client, not an idle one).
  bool mid_request() const { return stage_ != Stage::kRequestStart || buffered() > 0; }
  /// True once the connection must not carry another request (error, or an unread body).
  bool finished() const { return finished_; }

 private:
  enum class Stage {
    kRequestStart,
    kHeaders,
    kFixedBody,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailers,
    kComplete,
  };

  Result fail(int status, std::string message);
  /// Takes the next CRLF-terminated line (without its CRLF) into `line`. False when none is
  /// complete yet, or on a problem: then `error` is kError — with error_status() set for a bare
  /// LF, unset when the line would be longer than `limit` (the caller names that limit).
  bool next_line(std::size_t limit, std::string_view& line, Result& error);
  Result parse_request_line(std::string_view line);
  Result parse_header_line(std::string_view line);
  /// Framing from the complete header block: body length, chunking, keep-alive, Expect.
  Result finish_headers();
  /// Moves buffered bytes of the fixed body or the current chunk into the body; true once all
  /// `remaining_` bytes have arrived.
  bool take_body_bytes();
  /// kContinue once if the client waits for "100 Continue" before sending its body.
  Result wait_for_body();
  /// Reports the request with an unread body over the limit; the connection is then done.
  Result oversized(std::uint64_t size);
  Result complete();
  void compact();

  HttpLimits limits_;
  std::string buffer_;
  std::size_t consumed_ = 0;   ///< bytes of buffer_ already used
  std::size_t scan_from_ = 0;  ///< where the search for the next LF resumes (relative to buffer_)
  std::size_t header_bytes_ = 0;  ///< of the request line and header fields read so far
  Stage stage_ = Stage::kRequestStart;
  HttpRequest request_;
  bool chunked_ = false;
  bool expect_continue_ = false;
  bool continue_sent_ = false;
  std::uint64_t remaining_ = 0;  ///< of the fixed body or the current chunk
  std::size_t trailer_bytes_ = 0;
  bool finished_ = false;
  int error_status_ = 0;
  std::string error_message_;
};

/// "a=1&b=x%20y+z" → {{"a","1"},{"b","x y z"}}: percent-decoded, '+' as a space (the form
/// encoding every vendor's framework applies to query strings). A malformed escape is kept as
/// sent. Later repeats of a name win, like the frameworks that read one value per name.
std::vector<std::pair<std::string, std::string>> decode_query_string(std::string_view query);

}  // namespace statuskit::mock
