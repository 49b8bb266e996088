#include "target/client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <thread>

namespace statuskit::conformance {
namespace {

/// Where an answer's body goes, and how much of it the runner keeps.
struct BodySink {
  std::string* body;
  std::size_t limit;
  bool over_limit = false;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  auto& sink = *static_cast<BodySink*>(out);
  if (sink.body->size() + size * count > sink.limit) {
    sink.over_limit = true;
    return 0;  // curl stops the transfer (CURLE_WRITE_ERROR)
  }
  sink.body->append(data, size * count);
  return size * count;
}

std::size_t append_header(char* data, std::size_t size, std::size_t count, void* out) {
  auto& headers = *static_cast<std::map<std::string, std::string>*>(out);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) headers.clear();  // a new response (e.g. after 100-continue)
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.pop_back();
    }
    headers[name] = value;
  }
  return size * count;
}

/// Retry-After (RFC 9110 §10.2.3) in milliseconds from now: delay-seconds or an HTTP-date.
std::optional<double> retry_after_ms(const std::string& value) {
  if (!value.empty() &&
      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return value.size() > 6 ? 1e9 : std::stod(value) * 1000.0;
  }
  const std::time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const double seconds = std::difftime(when, std::time(nullptr));
  return std::max(0.0, seconds) * 1000.0;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

TargetClient::TargetClient(long timeout_ms, bool insecure, std::size_t max_response_bytes,
                           ThrottlePolicy throttle)
    : curl_(curl_easy_init()),
      timeout_ms_(timeout_ms),
      insecure_(insecure),
      max_response_bytes_(max_response_bytes),
      throttle_(throttle) {
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

TargetClient::~TargetClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

void TargetClient::pace() {
  const auto now = std::chrono::steady_clock::now();
  if (throttle_.requests_per_second > 0 && last_start_ != std::chrono::steady_clock::time_point{}) {
    const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / throttle_.requests_per_second));
    const auto next = last_start_ + interval;
    if (next > now) {
      std::this_thread::sleep_until(next);
      stats_.waited_ms += std::chrono::duration<double, std::milli>(next - now).count();
    }
  }
  last_start_ = std::chrono::steady_clock::now();
}

TargetResponse TargetClient::send(const TargetRequest& request) {
  double waited_ms = 0;
  while (true) {
    pace();
    TargetResponse response = send_once(request);
    const auto retry_after = response.headers.find("retry-after");
    const bool throttled =
        response.status == 429 || (response.status == 503 && retry_after != response.headers.end());
    if (!throttled || request.throttling_expected) return response;
    const double wait_ms = retry_after == response.headers.end()
                               ? 1000.0
                               : retry_after_ms(retry_after->second).value_or(1000.0);
    if (waited_ms + wait_ms > static_cast<double>(throttle_.max_wait_ms)) {
      ++stats_.gave_up;
      return response;
    }
    ++stats_.throttled_answers;
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait_ms));
    waited_ms += wait_ms;
    stats_.waited_ms += wait_ms;
  }
}

TargetResponse TargetClient::send_once(const TargetRequest& request) {
  CURL* curl = static_cast<CURL*>(curl_);
  TargetResponse response;
  curl_easy_reset(curl);  // keeps the connection cache: keep-alive survives
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms_);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms_);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (insecure_) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (request.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (request.has_body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  if (request.has_body &&
      std::none_of(request.headers.begin(), request.headers.end(), [](const auto& h) {
        std::string name = h.first;
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return name == "content-type";
      })) {
    headers = curl_slist_append(headers, "Content-Type:");  // curl would add a form type
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  BodySink sink{&response.body, max_response_bytes_};
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  // curl's detailed message ("SSL certificate problem: self-signed certificate") says more
  // than the error code's generic text.
  char error_detail[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_detail);
  const auto started = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(curl);
  response.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  curl_slist_free_all(headers);
  long new_connections = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &new_connections);
  response.new_connections = new_connections;
  if (code != CURLE_OK) {
    response.transport_error = error_detail[0] != '\0' ? error_detail : curl_easy_strerror(code);
    if (sink.over_limit) {
      response.transport_error = "the answer's body is over " +
                                 std::to_string(max_response_bytes_) +
                                 " bytes (--max-response-bytes); the runner stopped reading it";
      response.body.clear();
      response.body.shrink_to_fit();
    } else if (code == CURLE_OUT_OF_MEMORY) {
      // What curl reports for a header field over its 100 KB limit: say what it means.
      response.transport_error = "curl gave up reading the answer (" + response.transport_error +
                                 "): a response header field over curl's limit of 100 KB is "
                                 "the usual cause";
    }
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    return response;
  }
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::string to_curl_command(const TargetRequest& request) {
  std::string command = "curl -i -X " + request.method + " " + shell_quote(request.url);
  for (const auto& [name, value] : request.headers) {
    command += " -H " + shell_quote(name + ": " + value);
  }
  if (request.has_body) command += " --data-binary " + shell_quote(request.body);
  return command;
}

}  // namespace statuskit::conformance
