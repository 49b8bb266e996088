#pragma once
// The coverage matrix of one suite: for every operation of the vendor's spec (rows) and every
// response the spec documents for it (cells), whether the run proved it. The HTML report opens
// with it, so that a vendor sees in one picture what was checked and what was not.
//
// A cell is covered by every step that ran (setup or test; cleanup only tidies up) whose answer
// landed in it, the way OpenAPI picks a response: the exact status, else its "4XX" range, else
// "default". The cell is failed when such a step has a failure about that answer, warned when
// it has only warnings (inferred deviations, baselined ones), passed otherwise, and not covered
// when no step landed there. A step that expected other statuses than it got also fails the
// cells it expected: the status it was written to prove did not come.

#include <string>
#include <vector>

#include "scenarios/run_result.h"

namespace statuskit::conformance {

enum class CellState { kNotCovered, kPassed, kWarned, kFailed };

/// "not covered", "passed", "warned", "failed".
const char* cell_state_name(CellState state);

struct MatrixCell {
  std::string status;  ///< the spec's key: "200", "4XX", "default"
  bool inferred = false;
  CellState state = CellState::kNotCovered;
  int answers = 0;  ///< steps whose answer landed here
  int failed = 0;   ///< of those, with a failure about the answer
  int warned = 0;   ///< of those, with warnings only
  int missed = 0;   ///< steps that expected this cell and got a status of another cell
  std::vector<std::string> scenarios;  ///< display ids, each once, in run order
};

struct MatrixRow {
  std::string operation;  ///< operationId
  std::string method;
  std::string path;
  std::vector<MatrixCell> cells;  ///< the operation's documented responses, in spec order
  /// Cases of `conformance generate` that exercised the operation, and of those the failed
  /// ones and the ones with warnings only (the matrix's "generated" column).
  int generated = 0;
  int generated_failed = 0;
  int generated_warned = 0;
  /// Statuses answered that the operation does not document (each once, ascending): the spec
  /// check failed them; they have no cell.
  std::vector<int> undocumented;
};

struct CoverageMatrix {
  std::string suite;
  std::vector<MatrixRow> rows;  ///< in spec order
  /// The union of every row's status keys, ordered 1XX..5XX with exact codes before their
  /// range, then "default": the columns a report draws.
  std::vector<std::string> columns;

  /// The cell of `row` for `status`, or nullptr when the operation does not document it.
  static const MatrixCell* find(const MatrixRow& row, const std::string& status);
};

CoverageMatrix coverage_matrix(const SuiteResult& suite);

/// The documented key an answer with `status` is checked against, as OpenAPI picks it: the
/// exact code, else its range ("4XX", any case), else "default"; "" when none applies.
std::string documented_key(const std::vector<std::string>& keys, int status);

}  // namespace statuskit::conformance
