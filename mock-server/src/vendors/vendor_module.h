#pragma once
// The contract between the generic pipeline and one vendor's domain logic.

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "mock_exchange.h"

namespace statuskit::mock {

/// One named, deliberate deviation from the vendor's spec (see `mock-server --defect`). Defects
/// exist to prove that the conformance suites catch real bugs: each one mimics a mistake an
/// implementation could plausibly make.
struct DefectDescription {
  std::string name;         ///< "<vendor>.<kebab-case>", e.g. "pria.self-not-skipped"
  std::string description;  ///< one line: what the mock does wrong when it is on
};

/// One vendor's mutable state (users, roles, tokens, rooms, quotas...). Each session owns one.
class VendorState {
 public:
  virtual ~VendorState() = default;
  virtual std::unique_ptr<VendorState> clone() const = 0;
  /// A fixture document: load_state(to_json()) must reproduce this state exactly. Used for
  /// persistence and the admin state API.
  virtual nlohmann::json to_json() const = 0;
};

/// Pure domain logic for one vendor: (state, request, context) → (new state, response).
/// Implementations are stateless and thread-safe; all mutable data lives in VendorState, and
/// the pipeline serialises requests per state (one lock per session and vendor).
class VendorModule {
 public:
  virtual ~VendorModule() = default;
  /// Short stable id used in flags, logs and the admin API: "pria", "rocketchat", "symphony",
  /// "d3lay", "docspace".
  virtual std::string_view name() const = 0;
  /// File name of this vendor's OpenAPI document inside specs/.
  virtual std::string_view spec_file() const = 0;
  /// File name of this vendor's seed state inside fixtures/.
  virtual std::string_view fixture_file() const = 0;
  /// Builds state from a fixture document. Throws std::invalid_argument naming the JSON pointer
  /// and the problem when the document is not a valid fixture.
  virtual std::unique_ptr<VendorState> load_state(const nlohmann::json& fixture) const = 0;
  /// Answers a request routed to one of this vendor's operations, in the vendor's own check
  /// order and error format. Never throws for any client input.
  virtual MockResponse handle(VendorState& state, const MockRequest& request,
                              const RequestContext& context) const = 0;
  /// The vendor's error format for failures the pipeline detects before the module runs
  /// (malformed JSON 400, unsupported media type 415, body too large 413).
  virtual MockResponse error_response(int status, std::string_view message) const = 0;
  /// error_response for one request's context; the pipeline calls this one. A module overrides
  /// it when inferred details of its error format (an error code, an exception type) differ
  /// under --inferred alternative. The message itself is the pipeline's.
  virtual MockResponse error_response_for(int status, std::string_view message,
                                          const RequestContext& /*context*/) const {
    return error_response(status, message);
  }
  /// The defects this module can inject (RequestContext::defects holds the names switched on).
  virtual std::vector<DefectDescription> defects() const = 0;
};

}  // namespace statuskit::mock
