#pragma once
// Checks an HTTP response against what the spec documents for an operation. Shared by the mock
// (strict mode: its own answers) and the conformance runner (any target's answers), so the two
// can never disagree about what the spec says.

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "statuskit/openapi/spec.h"

namespace statuskit::openapi {

struct ResponseMismatch {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string
      kind;  ///< "undocumented-status", "content-type", "body-schema", "header", "body-json"
  std::string
      message;  ///< e.g. "undocumented status 500", "/user/active: expected boolean, got string"
  std::string pointer;  ///< body-schema: where in the body ("" for the root); others: ""
  std::string keyword;  ///< body-schema: the failing keyword ("required", "type"); others: kind
};

struct ObservedResponse {
  int status = 0;
  std::string content_type;                    ///< the header's value, parameters included
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;
};

/// Everything wrong with `response` as an answer to `operation`. Responses the spec marks
/// `x-statuskit-inferred` produce warnings instead of errors unless `strict`.
std::vector<ResponseMismatch> check_response(const Operation& operation,
                                             const ObservedResponse& response, bool strict);

}  // namespace statuskit::openapi
