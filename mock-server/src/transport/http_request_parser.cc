#include "transport/http_request_parser.h"

#include <algorithm>

#include "transport/http_syntax.h"

namespace statuskit::mock {
namespace {

/// Longest chunk-size line (size, extensions, CRLF) accepted; real clients send a few bytes.
constexpr std::size_t kMaxChunkLine = 4096;
/// More hex digits than this cannot be a size anyone means (and would overflow 64 bits).
constexpr std::size_t kMaxChunkSizeDigits = 15;
/// Content-Length values with more digits are over any body limit (and near 2^64).
constexpr std::size_t kMaxLengthDigits = 18;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// Calls `each` with every comma-separated, trimmed, lower-cased element of a list field.
template <typename Each>
void for_each_list_element(std::string_view value, Each each) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    const auto element = trim(value.substr(0, comma));
    if (!element.empty()) each(lower(element));
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// A chunk-size line after its size: nothing, or chunk extensions (RFC 9112 §7.1.1):
/// *( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] ). Extensions are ignored,
/// but only well-formed ones are: a NUL, a bare CR or an unterminated quote is where parsers
/// in front of the mock and the mock itself could disagree about where the chunk starts.
bool is_chunk_extension_list(std::string_view rest) {
  std::size_t at = 0;
  const auto skip_bws = [&] {
    while (at < rest.size() && (rest[at] == ' ' || rest[at] == '\t')) ++at;
  };
  const auto token = [&] {
    const std::size_t start = at;
    while (at < rest.size() && is_http_token_char(static_cast<unsigned char>(rest[at]))) ++at;
    return at > start;
  };
  while (true) {
    if (at == rest.size()) return true;
    skip_bws();
    if (at == rest.size() || rest[at] != ';') return false;
    ++at;
    skip_bws();
    if (!token()) return false;
    skip_bws();
    if (at == rest.size() || rest[at] != '=') continue;
    ++at;
    skip_bws();
    if (at < rest.size() && rest[at] == '"') {
      // quoted-string: qdtext or quoted-pair, closed by a quote.
      for (++at;; ++at) {
        if (at >= rest.size()) return false;
        const auto c = static_cast<unsigned char>(rest[at]);
        if (c == '"') break;
        if (c == '\\') {
          if (++at >= rest.size()) return false;
          const auto escaped = static_cast<unsigned char>(rest[at]);
          if (escaped != '\t' && (escaped < 0x20 || escaped == 0x7F)) return false;
        } else if (c != '\t' && (c < 0x20 || c == 0x7F)) {
          return false;
        }
      }
      ++at;
    } else if (!token()) {
      return false;
    }
  }
}

/// A Host value: one uri-host with an optional port, as a list of hosts is no host at all.
bool is_host_value(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) {
    return c == ',' || c == ' ' || c == '\t' || c == '/' || c == '?' || c == '#' || c == '@' ||
           c == '\\';
  });
}

/// The path of an origin-form ("/a?b") or absolute-form ("http://host/a?b") target, or "" when
/// the target is neither (asterisk-form is only for OPTIONS and has no path to route).
std::string_view path_and_query_of(std::string_view target) {
  if (!target.empty() && target.front() == '/') return target;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() > scheme.size() && lower(target.substr(0, scheme.size())) == scheme) {
      const auto rest = target.substr(scheme.size());
      const auto slash = rest.find_first_of("/?");
      if (slash == std::string_view::npos) return "/";
      if (rest[slash] == '?') return {};  // "http://host?x" has no path; rare enough to refuse
      return rest.substr(slash);
    }
  }
  return {};
}

}  // namespace

const std::string* HttpRequest::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

HttpRequestParser::HttpRequestParser(const HttpLimits& limits) : limits_(limits) {}

void HttpRequestParser::feed(std::string_view bytes) {
  if (finished_) return;  // nothing more is read from a connection that must close
  compact();
  buffer_.append(bytes.data(), bytes.size());
}

void HttpRequestParser::compact() {
  // Dropping used bytes keeps memory at one request plus what is in flight, and costs one move
  // per request (not per read), so pipelined or slow input stays linear.
  if (consumed_ == 0 || consumed_ < buffer_.size() / 2) return;
  buffer_.erase(0, consumed_);
  scan_from_ = scan_from_ > consumed_ ? scan_from_ - consumed_ : 0;
  consumed_ = 0;
}

HttpRequestParser::Result HttpRequestParser::fail(int status, std::string message) {
  finished_ = true;
  error_status_ = status;
  error_message_ = std::move(message);
  stage_ = Stage::kComplete;
  buffer_.clear();
  consumed_ = scan_from_ = 0;
  return Result::kError;
}

bool HttpRequestParser::next_line(std::size_t limit, std::string_view& line, Result& error) {
  const std::size_t from = std::max(scan_from_, consumed_);
  const auto lf = buffer_.find('\n', from);
  if (lf == std::string::npos) {
    scan_from_ = buffer_.size();
    if (buffer_.size() - consumed_ > limit) error = Result::kError;
    return false;
  }
  if (lf == consumed_ || buffer_[lf - 1] != '\r') {
    error = fail(400, "line ends in a bare LF; HTTP/1.1 lines end in CRLF");
    return false;
  }
  if (lf + 1 - consumed_ > limit) {
    error = Result::kError;
    return false;
  }
  line = std::string_view(buffer_).substr(consumed_, lf - 1 - consumed_);
  consumed_ = lf + 1;
  scan_from_ = consumed_;
  return true;
}

HttpRequestParser::Result HttpRequestParser::next() {
  if (finished_) return error_status_ != 0 ? Result::kError : Result::kNeedMore;
  for (;;) {
    switch (stage_) {
      case Stage::kRequestStart: {
        // RFC 9112 §2.2: empty lines before a request line are ignored.
        while (buffer_.size() - consumed_ >= 2 && buffer_.compare(consumed_, 2, "\r\n") == 0) {
          consumed_ += 2;
        }
        if (buffered() == 0 || (buffered() == 1 && buffer_[consumed_] == '\r')) {
          return Result::kNeedMore;
        }
        request_ = HttpRequest{};
        header_bytes_ = 0;
        chunked_ = expect_continue_ = continue_sent_ = false;
        remaining_ = 0;
        trailer_bytes_ = 0;
        stage_ = Stage::kHeaders;
        break;
      }
      case Stage::kHeaders: {
        const std::size_t room =
            limits_.max_header_bytes - std::min(header_bytes_, limits_.max_header_bytes);
        std::string_view line;
        Result error = Result::kNeedMore;
        if (!next_line(room, line, error)) {
          if (error != Result::kError) return Result::kNeedMore;
          if (error_status_ != 0) return error;  // a bare LF
          if (request_.method.empty()) {
            return fail(414, "request line longer than " +
                                 std::to_string(limits_.max_header_bytes) + " bytes");
          }
          return fail(431, "header fields larger than " + std::to_string(limits_.max_header_bytes) +
                               " bytes");
        }
        header_bytes_ += line.size() + 2;
        if (request_.method.empty()) {
          if (auto result = parse_request_line(line); result != Result::kNeedMore) return result;
          break;
        }
        if (line.empty()) {
          if (auto result = finish_headers(); result != Result::kNeedMore) return result;
          break;
        }
        if (auto result = parse_header_line(line); result != Result::kNeedMore) return result;
        break;
      }
      case Stage::kFixedBody: {
        if (!take_body_bytes()) return wait_for_body();
        return complete();
      }
      case Stage::kChunkSize: {
        std::string_view line;
        Result error = Result::kNeedMore;
        if (!next_line(kMaxChunkLine, line, error)) {
          if (error != Result::kError) return wait_for_body();
          if (error_status_ != 0) return error;
          return fail(400,
                      "chunk size line longer than " + std::to_string(kMaxChunkLine) + " bytes");
        }
        // chunk-size is 1*HEXDIG with nothing before it; only extensions may follow.
        std::size_t digits = 0;
        while (digits < line.size() && hex_digit(line[digits]) >= 0) ++digits;
        const auto size_text = line.substr(0, digits);
        if (size_text.empty() || size_text.size() > kMaxChunkSizeDigits) {
          return fail(400, "invalid chunk size '" + std::string(line.substr(0, 32)) + "'");
        }
        if (!is_chunk_extension_list(line.substr(digits))) {
          return fail(400, "malformed chunk extension or whitespace after the chunk size");
        }
        std::uint64_t size = 0;
        for (char c : size_text) {
          const int digit = hex_digit(c);
          if (digit < 0) return fail(400, "invalid chunk size '" + std::string(size_text) + "'");
          size = size * 16 + static_cast<std::uint64_t>(digit);
        }
        if (size == 0) {
          stage_ = Stage::kTrailers;
          break;
        }
        if (request_.body.size() + size > limits_.max_body_bytes) {
          return oversized(request_.body.size() + size);
        }
        remaining_ = size;
        stage_ = Stage::kChunkData;
        break;
      }
      case Stage::kChunkData: {
        if (!take_body_bytes()) return wait_for_body();
        stage_ = Stage::kChunkDataEnd;
        break;
      }
      case Stage::kChunkDataEnd: {
        if (buffered() < 2) return wait_for_body();
        if (buffer_.compare(consumed_, 2, "\r\n") != 0) {
          return fail(400, "chunk data not followed by CRLF");
        }
        consumed_ += 2;
        scan_from_ = consumed_;
        stage_ = Stage::kChunkSize;
        break;
      }
      case Stage::kTrailers: {
        // Trailer fields are read (bounded) and dropped: nothing in the mock uses them.
        std::string_view line;
        Result error = Result::kNeedMore;
        const std::size_t room =
            limits_.max_header_bytes - std::min(trailer_bytes_, limits_.max_header_bytes);
        if (!next_line(room, line, error)) {
          if (error != Result::kError) return Result::kNeedMore;
          if (error_status_ != 0) return error;
          return fail(431, "trailer fields larger than " +
                               std::to_string(limits_.max_header_bytes) + " bytes");
        }
        trailer_bytes_ += line.size() + 2;
        if (line.empty()) return complete();
        // The same rules as a header field: a token name right before the colon, no folding.
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || !is_http_token(line.substr(0, colon)) ||
            !is_http_field_value(line)) {
          return fail(400, "malformed trailer field");
        }
        break;
      }
      case Stage::kComplete:
        return Result::kNeedMore;
    }
  }
}

HttpRequestParser::Result HttpRequestParser::parse_request_line(std::string_view line) {
  // method SP request-target SP HTTP-version, single spaces (RFC 9112 §3).
  const auto first = line.find(' ');
  const auto last = line.rfind(' ');
  if (first == std::string_view::npos || first == last) {
    return fail(400, "malformed request line (expected METHOD TARGET HTTP/1.1)");
  }
  const auto method = line.substr(0, first);
  const auto target = line.substr(first + 1, last - first - 1);
  const auto version = line.substr(last + 1);
  if (!is_http_token(method)) return fail(400, "malformed method in the request line");
  if (target.empty() || target.find(' ') != std::string_view::npos ||
      !std::all_of(target.begin(), target.end(), [](char ch) {
        // Visible ASCII only: bytes over 0x7F must be percent-encoded, and a fragment ('#')
        // is never sent (RFC 9112 §3.2).
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7F && c != '#';
      })) {
    return fail(400, "malformed request target");
  }
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      hex_digit(version[5]) < 0 || version[5] > '9' || hex_digit(version[7]) < 0 ||
      version[7] > '9') {
    return fail(400, "malformed HTTP version '" + std::string(version.substr(0, 16)) + "'");
  }
  if (version[5] != '1') {
    return fail(
        505, "HTTP version " + std::string(version.substr(5)) + " is not supported (use HTTP/1.1)");
  }
  request_.minor_version = version[7] - '0';
  request_.method = std::string(method);
  request_.target = std::string(target);
  if (target == "*") {
    if (method != "OPTIONS") return fail(400, "'*' is a target only for OPTIONS");
    request_.path = "*";
  } else {
    const auto path_and_query = path_and_query_of(target);
    if (path_and_query.empty()) return fail(400, "request target must be a path (origin-form)");
    const auto question = path_and_query.find('?');
    request_.path = std::string(path_and_query.substr(0, question));
    if (question != std::string_view::npos) {
      request_.query_string = std::string(path_and_query.substr(question + 1));
    }
  }
  return Result::kNeedMore;
}

HttpRequestParser::Result HttpRequestParser::parse_header_line(std::string_view line) {
  if (line.front() == ' ' || line.front() == '\t') {
    return fail(400, "obsolete line folding in header fields is not accepted");
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return fail(400, "header line without a colon: '" + std::string(line.substr(0, 64)) + "'");
  }
  const auto name = line.substr(0, colon);
  if (!is_http_token(name)) {
    return fail(400, "invalid header field name '" + std::string(name.substr(0, 64)) + "'");
  }
  const auto value = trim(line.substr(colon + 1));
  if (!is_http_field_value(value)) {
    return fail(400, "header field " + std::string(name) + " has a control character in its value");
  }
  if (request_.headers.size() == limits_.max_header_count) {
    return fail(431, "more than " + std::to_string(limits_.max_header_count) + " header fields");
  }
  request_.headers.emplace_back(lower(name), std::string(value));
  return Result::kNeedMore;
}

HttpRequestParser::Result HttpRequestParser::finish_headers() {
  const bool http11 = request_.minor_version >= 1;
  const std::string* content_length = nullptr;
  const std::string* transfer_encoding = nullptr;
  int hosts = 0;
  bool close = false;
  bool keep_alive = false;
  for (const auto& [name, value] : request_.headers) {
    if (name == "content-length") {
      if (content_length != nullptr) return fail(400, "more than one Content-Length field");
      content_length = &value;
    } else if (name == "transfer-encoding") {
      if (transfer_encoding != nullptr) return fail(400, "more than one Transfer-Encoding field");
      transfer_encoding = &value;
    } else if (name == "host") {
      ++hosts;
      if (!is_host_value(value)) {
        return fail(400, "invalid Host field '" + value.substr(0, 64) + "' (one host[:port])");
      }
    } else if (name == "connection") {
      for_each_list_element(value, [&](const std::string& option) {
        close = close || option == "close";
        keep_alive = keep_alive || option == "keep-alive";
      });
    } else if (name == "expect") {
      if (lower(value) != "100-continue") {
        return fail(417, "unsupported expectation '" + std::string(value.substr(0, 64)) + "'");
      }
      expect_continue_ = http11;
    }
  }
  if (hosts > 1 || (http11 && hosts != 1)) {
    return fail(400,
                hosts == 0 ? "HTTP/1.1 request without a Host field" : "more than one Host field");
  }
  request_.keep_alive = http11 ? !close : (keep_alive && !close);
  if (transfer_encoding != nullptr) {
    // RFC 9112 §6.1: both framings at once is how requests are smuggled; refuse it.
    if (content_length != nullptr) return fail(400, "both Transfer-Encoding and Content-Length");
    if (!http11) return fail(400, "Transfer-Encoding in an HTTP/1.0 request");
    if (lower(*transfer_encoding) != "chunked") {
      return fail(501, "transfer coding '" + transfer_encoding->substr(0, 64) +
                           "' is not supported (only chunked)");
    }
    chunked_ = true;
    stage_ = Stage::kChunkSize;
    return Result::kNeedMore;
  }
  if (content_length == nullptr) return complete();
  const std::string& text = *content_length;
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return fail(400, "invalid Content-Length '" + text.substr(0, 32) + "'");
  }
  const auto digits = text.find_first_not_of('0') == std::string::npos
                          ? std::size_t{0}
                          : text.size() - text.find_first_not_of('0');
  if (digits > kMaxLengthDigits) return oversized(UINT64_MAX);
  remaining_ = digits == 0 ? 0 : std::stoull(text);
  if (remaining_ > limits_.max_body_bytes) return oversized(remaining_);
  if (remaining_ == 0) return complete();
  request_.body.reserve(static_cast<std::size_t>(remaining_));
  stage_ = Stage::kFixedBody;
  return Result::kNeedMore;
}

bool HttpRequestParser::take_body_bytes() {
  const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, buffered()));
  request_.body.append(buffer_, consumed_, take);
  consumed_ += take;
  remaining_ -= take;
  return remaining_ == 0;
}

HttpRequestParser::Result HttpRequestParser::wait_for_body() {
  if (expect_continue_ && !continue_sent_) {
    continue_sent_ = true;
    return Result::kContinue;
  }
  return Result::kNeedMore;
}

HttpRequestParser::Result HttpRequestParser::oversized(std::uint64_t size) {
  request_.oversized_body = size;
  // Released, not only emptied: the request lives on in the journal, and a cleared string keeps
  // its capacity (up to --max-body of chunks already read) for as long as the entry lives.
  std::string().swap(request_.body);
  request_.keep_alive = false;
  finished_ = true;  // the rest of the body is never read: this connection is done
  buffer_.clear();
  consumed_ = scan_from_ = 0;
  stage_ = Stage::kComplete;
  return Result::kRequest;
}

HttpRequestParser::Result HttpRequestParser::complete() {
  stage_ = Stage::kRequestStart;
  return Result::kRequest;
}

HttpRequest HttpRequestParser::take_request() { return std::move(request_); }

std::vector<std::pair<std::string, std::string>> decode_query_string(std::string_view query) {
  auto decode = [](std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '+') {
        out.push_back(' ');
      } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
                 hex_digit(text[i + 2]) >= 0) {
        out.push_back(static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2])));
        i += 2;
      } else {
        out.push_back(text[i]);
      }
    }
    return out;
  };
  std::vector<std::pair<std::string, std::string>> parameters;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      parameters.emplace_back(
          decode(pair.substr(0, equals)),
          equals == std::string_view::npos ? std::string() : decode(pair.substr(equals + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return parameters;
}

}  // namespace statuskit::mock
