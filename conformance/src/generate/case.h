#pragma once
// One generated test case: a request derived from an operation's contract, and what the
// oracles may accept as its answer.

#include <string>
#include <vector>

#include "scenarios/provenance.h"
#include "scenarios/suite.h"

namespace statuskit::conformance {

enum class CaseKind {
  kPositive,  ///< schema-valid: must not be refused as invalid input, never a 5xx
  kNegative,  ///< one constraint broken: a documented 4xx, never a 2xx or a 5xx
  kHostile,   ///< a hostile path or query value the schema allows: never a 5xx
  kAuth,      ///< credentials removed, garbled or of a role without the permission: 401/403
  kMethod,    ///< a method the path does not document: never a 2xx or a 5xx, 405 expected
};

/// "positive", "negative", "hostile", "auth", "method".
const char* case_kind_name(CaseKind kind);

struct GeneratedCase {
  CaseKind kind = CaseKind::kPositive;
  std::string operation;    ///< operationId (kMethod: the operation whose path it probes)
  std::string description;  ///< what the case changes: "body /ids: 501 items (maxItems, +1)"
  /// The constraint it breaks (or exercises): the document pointer of the schema keyword, and
  /// the keyword; for auth and method cases the security requirement or the path item.
  std::string constraint;
  std::string keyword;
  Step request;        ///< fully resolved: no ${...} left
  std::string method;  ///< the HTTP method to send ("" = the operation's)
  /// Negative and auth cases: the statuses the spec documents that the answer may have.
  std::vector<int> accepted;
  /// The expected status rests on inferred responses only: another 4xx warns, never fails.
  bool inferred = false;
  /// The refusal itself is inferred (`x-statuskit-inferred` beside the mutated parameter or
  /// schema): even a 2xx only warns.
  bool refusal_inferred = false;
  Provenance source;  ///< what the oracle's expectation rests on
  /// Body properties (instance pointers) the shrinker may leave out: optional ones the
  /// mutation does not touch.
  std::vector<std::string> droppable;
};

}  // namespace statuskit::conformance
