#pragma once
// HTTP-free request and response types: what the pipeline hands a vendor module and what the
// module answers. No Pistache types here, so vendor modules are unit-tested directly.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inferred_choice.h"

namespace statuskit::openapi {
struct Operation;
}

namespace statuskit::mock {

struct MockRequest {
  std::string method;                          ///< upper case
  std::string path;                            ///< percent-encoded, without the query string
  std::map<std::string, std::string> query;    ///< decoded
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::map<std::string, std::string> cookies;  ///< from the Cookie header
  std::string body;                            ///< raw bytes as received
  /// Non-zero when the transport did not read a body over --max-body: its declared length (or
  /// the bytes seen before a chunked body crossed the limit). The pipeline answers 413.
  std::uint64_t declared_body_size = 0;
  /// The body parsed as JSON when its media type is JSON and it is non-empty; null otherwise.
  /// (A malformed JSON body never reaches a module: the pipeline answers 400 first.)
  std::shared_ptr<const nlohmann::json> json_body;
  /// Set by the router: the matched operation (never null when a module sees the request).
  const openapi::Operation* operation = nullptr;
  std::string operation_id;
  std::map<std::string, std::string> path_params;  ///< percent-decoded

  /// The header's value, or nullptr. `lower_name` must be lower case.
  const std::string* header(std::string_view lower_name) const;
  const std::string* cookie(std::string_view name) const;
};

struct MockResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// Transport directives from fault injection (set by the pipeline, never by a module): send
  /// the answer this much later without blocking a worker, or hang up without answering.
  int delay_ms = 0;
  bool drop_connection = false;

  /// A JSON response; the body is serialised compactly.
  static MockResponse json(int status, const nlohmann::json& body);
  /// A response without a body (e.g. a 401 challenge).
  static MockResponse empty(int status);
};

/// What a request runs with besides its own content.
struct RequestContext {
  /// Injected so tests can pin time (D3lay `updated_at`, Symphony suspensions, JWT expiry).
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  /// Named deviations from the spec switched on for this request (see --defect), empty normally.
  std::set<std::string> defects;
  /// Which choice to make where the vendor's behaviour is inferred (--inferred; set by the
  /// pipeline for every request).
  InferredChoice inferred = InferredChoice::kDefault;

  bool has_defect(std::string_view name) const { return defects.contains(std::string(name)); }
  /// Make the alternative choice where behaviour is inferred (see inferred_choice.h).
  bool inferred_alternative() const { return inferred == InferredChoice::kAlternative; }
};

}  // namespace statuskit::mock
