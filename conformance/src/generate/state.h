#pragma once
// `x-statuskit-state` (beside an operation that changes state; specs/README.md): which
// resource the request changes, how the vendor's own read operation reads it back, which
// fields of that answer hold the state, and how a change is undone through the API.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/provenance.h"
#include "scenarios/suite.h"

namespace statuskit::openapi {
class Spec;
struct Operation;
}  // namespace statuskit::openapi

namespace statuskit::conformance {

/// A place in a request: "body:/ids/0", "path:uid", "query:userId", "header:X-Id".
struct RequestPlace {
  std::string in;    ///< "body", "path", "query", "header" or "cookie"
  std::string name;  ///< body: a JSON pointer; otherwise the parameter's name

  std::optional<nlohmann::json> read(const Step& request) const;
  void write(Step& request, const nlohmann::json& value) const;
};

struct StateExtension {
  RequestPlace subject;             ///< where the request names the resource it changes
  std::string read_operation;       ///< operationId of the vendor's read operation
  std::string read_parameter;       ///< its parameter that takes the subject
  std::vector<std::string> fields;  ///< JSON pointers into the read's answer: the state
  /// Each field of the read's answer, written back at its place in this operation's request,
  /// undoes a change (`restore: {from, to}` or a list of them).
  std::vector<std::pair<std::string, RequestPlace>> restore;
  Provenance source;
};

/// The operation's extension, or nullopt when it has none. Throws std::invalid_argument
/// "<pointer>: <reason>" when it is malformed or names what the spec does not have.
std::optional<StateExtension> state_extension_of(const openapi::Spec& spec,
                                                 const openapi::Operation& operation);

}  // namespace statuskit::conformance
