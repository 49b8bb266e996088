#pragma once
// A small libcurl client for tests: one handle per client, so connections are kept alive.

#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace statuskit::testing {

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;
  long new_connections = 0;     ///< connections curl had to open for this request (0 = reused)
  nlohmann::json json() const;  ///< the body parsed; throws when it is not JSON
  const std::string* header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// `headers` as "Name: value". A body without a Content-Type header is sent as is (curl adds
  /// no Content-Type). Throws std::runtime_error when the server cannot be reached.
  HttpResult request(const std::string& method, const std::string& path,
                     const std::vector<std::string>& headers = {}, const std::string& body = "");
  HttpResult get(const std::string& path, const std::vector<std::string>& headers = {}) {
    return request("GET", path, headers);
  }
  /// Sends `body` as application/json.
  HttpResult send_json(const std::string& method, const std::string& path,
                       const nlohmann::json& body, std::vector<std::string> headers = {});

 private:
  std::string base_url_;
  void* curl_;  // CURL*, kept opaque to keep curl.h out of test files
};

}  // namespace statuskit::testing
