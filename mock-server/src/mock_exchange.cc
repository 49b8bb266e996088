#include "mock_exchange.h"

#include <nlohmann/json.hpp>

namespace statuskit::mock {

const std::string* MockRequest::header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? nullptr : &it->second;
}

const std::string* MockRequest::cookie(std::string_view name) const {
  auto it = cookies.find(std::string(name));
  return it == cookies.end() ? nullptr : &it->second;
}

MockResponse MockResponse::json(int status, const nlohmann::json& body) {
  MockResponse response;
  response.status = status;
  // Messages may quote what a client sent, bytes that are not UTF-8 included (a parser's "last
  // read" excerpt, a journaled body): replace them rather than fail the answer.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

MockResponse MockResponse::empty(int status) {
  MockResponse response;
  response.status = status;
  response.content_type.clear();
  return response;
}

}  // namespace statuskit::mock
