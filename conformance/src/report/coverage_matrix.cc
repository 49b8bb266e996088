#include "report/coverage_matrix.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace statuskit::conformance {
namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

/// Column order: by status class, an exact code before the class's range, "default" last.
std::tuple<int, int, int, std::string> column_rank(const std::string& key) {
  if (key == "default") return {10, 0, 0, key};
  if (key.size() == 3 && std::isdigit(static_cast<unsigned char>(key[0]))) {
    const int status_class = key[0] - '0';
    if (upper(key.substr(1)) == "XX") return {status_class, 1, 0, key};
    if (std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(c); })) {
      return {status_class, 0, std::stoi(key), key};
    }
  }
  return {9, 0, 0, key};  // not a status key OpenAPI defines: keep it visible, before default
}

template <typename T>
void add_once(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

/// Whether the step has a failure (or else a warning) about this answer: mismatches without
/// the answer's status, such as a failed reset of the mock session, are not about the cell.
bool has_mismatch_about(const std::vector<Mismatch>& mismatches, long status) {
  return std::any_of(mismatches.begin(), mismatches.end(),
                     [status](const Mismatch& mismatch) { return mismatch.status == status; });
}

}  // namespace

const char* cell_state_name(CellState state) {
  switch (state) {
    case CellState::kNotCovered:
      return "not covered";
    case CellState::kPassed:
      return "passed";
    case CellState::kWarned:
      return "warned";
    case CellState::kFailed:
      return "failed";
  }
  return "not covered";
}

std::string documented_key(const std::vector<std::string>& keys, int status) {
  std::string exact = std::to_string(status);
  if (std::find(keys.begin(), keys.end(), exact) != keys.end()) return exact;
  const std::string range = exact.substr(0, 1) + "XX";
  for (const auto& key : keys) {
    if (upper(key) == range) return key;
  }
  return std::find(keys.begin(), keys.end(), "default") != keys.end() ? "default" : "";
}

const MatrixCell* CoverageMatrix::find(const MatrixRow& row, const std::string& status) {
  for (const auto& cell : row.cells) {
    if (cell.status == status) return &cell;
  }
  return nullptr;
}

CoverageMatrix coverage_matrix(const SuiteResult& suite) {
  CoverageMatrix matrix;
  matrix.suite = suite.name;
  std::map<std::string, std::size_t> row_of;
  for (const auto& response : suite.documented) {
    const auto [at, added] = row_of.emplace(response.operation, matrix.rows.size());
    if (added) {
      MatrixRow row;
      row.operation = response.operation;
      row.method = response.method;
      row.path = response.path;
      matrix.rows.push_back(std::move(row));
    }
    MatrixCell cell;
    cell.status = response.status;
    cell.inferred = response.inferred;
    matrix.rows[at->second].cells.push_back(std::move(cell));
    add_once(matrix.columns, response.status);
  }
  std::sort(
      matrix.columns.begin(), matrix.columns.end(),
      [](const std::string& a, const std::string& b) { return column_rank(a) < column_rank(b); });

  for (const auto& scenario : suite.scenarios) {
    if (const auto generated_row = row_of.find(scenario.generated_operation);
        !scenario.generated_kind.empty() && generated_row != row_of.end()) {
      MatrixRow& row = matrix.rows[generated_row->second];
      ++row.generated;
      bool warned = false;
      for (const auto& step : scenario.steps) warned = warned || !step.warnings.empty();
      if (scenario.outcome == Outcome::kFailed) {
        ++row.generated_failed;
      } else if (warned) {
        ++row.generated_warned;
      }
    }
    for (const auto& step : scenario.steps) {
      if (!step.ran || step.phase == Phase::kCleanup || step.status == 0) continue;
      const auto row_at = row_of.find(step.operation);
      if (row_at == row_of.end()) continue;
      MatrixRow& row = matrix.rows[row_at->second];
      std::vector<std::string> keys;
      for (const auto& cell : row.cells) keys.push_back(cell.status);
      auto cell_for = [&row](const std::string& key) -> MatrixCell& {
        return *std::find_if(row.cells.begin(), row.cells.end(),
                             [&key](const MatrixCell& cell) { return cell.status == key; });
      };
      const int status = static_cast<int>(step.status);
      const std::string landed = documented_key(keys, status);
      if (landed.empty()) {
        add_once(row.undocumented, status);
      } else {
        MatrixCell& cell = cell_for(landed);
        ++cell.answers;
        if (has_mismatch_about(step.failures, step.status)) {
          ++cell.failed;
        } else if (has_mismatch_about(step.warnings, step.status)) {
          ++cell.warned;
        }
        add_once(cell.scenarios, scenario.display_id());
      }
      const auto& expected = step.expected_statuses;
      if (expected.empty() || std::find(expected.begin(), expected.end(), status) != expected.end())
        continue;
      // A miss the run does not fail on (a known deviation of the baseline, or an inferred
      // status) warns in its cell; only one that fails the run is drawn failed.
      const bool fails_the_run = has_mismatch_about(step.failures, step.status);
      std::set<std::string> missed;  // 400 and 422 both fall in a 4XX cell: count it once
      for (const int code : expected) {
        const std::string key = documented_key(keys, code);
        if (!key.empty() && key != landed) missed.insert(key);
      }
      for (const auto& key : missed) {
        MatrixCell& cell = cell_for(key);
        ++(fails_the_run ? cell.missed : cell.warned);
        add_once(cell.scenarios, scenario.display_id());
      }
    }
  }
  for (auto& row : matrix.rows) {
    std::sort(row.undocumented.begin(), row.undocumented.end());
    for (auto& cell : row.cells) {
      cell.state = cell.failed + cell.missed > 0 ? CellState::kFailed
                   : cell.warned > 0             ? CellState::kWarned
                   : cell.answers > 0            ? CellState::kPassed
                                                 : CellState::kNotCovered;
    }
  }
  return matrix;
}

}  // namespace statuskit::conformance
