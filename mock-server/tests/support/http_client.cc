#include "http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace statuskit::testing {
namespace {

size_t append_body(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

size_t append_header(char* data, size_t size, size_t count, void* target) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  }
  return size * count;
}

}  // namespace

nlohmann::json HttpResult::json() const { return nlohmann::json::parse(body); }

const std::string* HttpResult::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? nullptr : &it->second;
}

HttpClient::HttpClient(std::string base_url)
    : base_url_(std::move(base_url)), curl_(curl_easy_init()) {
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResult HttpClient::request(const std::string& method, const std::string& path,
                               const std::vector<std::string>& headers, const std::string& body) {
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // keeps the connection cache, forgets the previous request's options
  HttpResult result;
  const std::string url = base_url_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);  // a hang fails the test, never blocks CI
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_slist* header_list = nullptr;
  bool has_content_type = false;
  for (const auto& header : headers) {
    header_list = curl_slist_append(header_list, header.c_str());
    if (header.size() >= 13 && strncasecmp(header.c_str(), "content-type:", 13) == 0) {
      has_content_type = true;
    }
  }
  // Without this curl would label a body application/x-www-form-urlencoded.
  if (!body.empty() && !has_content_type)
    header_list = curl_slist_append(header_list, "Content-Type:");
  header_list = curl_slist_append(header_list, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  if (code != CURLE_OK) {
    throw std::runtime_error(method + " " + url + ": " + curl_easy_strerror(code));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &result.new_connections);
  return result;
}

HttpResult HttpClient::send_json(const std::string& method, const std::string& path,
                                 const nlohmann::json& body, std::vector<std::string> headers) {
  headers.push_back("Content-Type: application/json");
  return request(method, path, headers, body.dump());
}

}  // namespace statuskit::testing
