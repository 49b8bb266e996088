#include "transport/mock_request_from_http.h"

#include <string_view>

namespace statuskit::mock {

MockRequest mock_request_from_http(HttpRequest&& http) {
  MockRequest request;
  request.method = std::move(http.method);
  request.path = std::move(http.path);
  for (auto& [name, value] : decode_query_string(http.query_string)) {
    request.query[name] = std::move(value);
  }
  for (auto& [name, value] : http.headers) {
    auto [it, inserted] = request.headers.emplace(name, value);
    // Repeated fields combine into one list (RFC 9110 §5.3); cookies with their own separator.
    if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + value;
  }
  if (const auto* cookie_header = request.header("cookie")) {
    std::string_view rest = *cookie_header;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      auto pair = rest.substr(0, semicolon);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
      const auto equals = pair.find('=');
      if (equals != std::string_view::npos && equals > 0) {
        // The first of repeated names wins, as in the cookie parsers of the vendors' frameworks.
        request.cookies.emplace(std::string(pair.substr(0, equals)),
                                std::string(pair.substr(equals + 1)));
      }
      if (semicolon == std::string_view::npos) break;
      rest.remove_prefix(semicolon + 1);
    }
  }
  request.body = std::move(http.body);
  request.declared_body_size = http.oversized_body;
  return request;
}

}  // namespace statuskit::mock
