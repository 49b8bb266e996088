#pragma once
// Serialises a MockResponse into HTTP/1.1 bytes: status line, the response's own headers,
// framing headers the transport owns (Content-Length, Connection), then the body.

#include <string>

#include "mock_exchange.h"

namespace statuskit::mock {

/// The status line's reason phrase ("Not Found"), or "Unknown" for codes without one.
const char* reason_phrase(int status);

struct WireOptions {
  bool keep_alive = true;
  bool head = false;  ///< answer to HEAD: headers (with the body's length) but no body
};

/// The whole answer as it goes on the wire. 1xx, 204 and 304 answers carry neither a body nor
/// a Content-Length (RFC 9110 §8.6).
std::string serialize_response(const MockResponse& response, WireOptions options);

}  // namespace statuskit::mock
