#include "transport/http_response_writer.h"

namespace statuskit::mock {

const char* reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 207:
      return "Multi-Status";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Content";
    case 423:
      return "Locked";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

std::string serialize_response(const MockResponse& response, WireOptions options) {
  const int status = response.status;
  const bool bodiless = (status >= 100 && status < 200) || status == 204 || status == 304;
  std::string wire;
  wire.reserve(160 + response.body.size());
  wire += "HTTP/1.1 ";
  wire += std::to_string(status);
  wire += ' ';
  wire += reason_phrase(status);
  wire += "\r\n";
  if (!response.content_type.empty() && !bodiless) {
    wire += "Content-Type: ";
    wire += response.content_type;
    wire += "\r\n";
  }
  for (const auto& [name, value] : response.headers) {
    wire += name;
    wire += ": ";
    wire += value;
    wire += "\r\n";
  }
  if (!bodiless) {
    wire += "Content-Length: ";
    wire += std::to_string(response.body.size());
    wire += "\r\n";
  }
  wire += options.keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!bodiless && !options.head) wire += response.body;
  return wire;
}

}  // namespace statuskit::mock
