// The coverage matrix: every documented response of every operation is a cell, and a cell is
// passed, failed, warned or not covered by the steps whose answers landed in it, picked the way
// OpenAPI picks a response (exact code, then "4XX", then "default").
#include "report/coverage_matrix.h"

#include <gtest/gtest.h>

namespace statuskit::conformance {
namespace {

SuiteResult documented_suite() {
  SuiteResult suite;
  suite.name = "pria";
  suite.spec = "pria-admin.yaml";
  const std::string path = "/api/admin/users/{id}/status";
  for (const char* status : {"200", "400", "404", "4XX", "default"}) {
    suite.documented.push_back({"setUserStatus", "PUT", path, status, false});
  }
  suite.documented.back().inferred = true;  // "default"
  suite.documented.push_back({"getUser", "GET", "/api/admin/users/{id}", "200", false});
  suite.documented.push_back({"getUser", "GET", "/api/admin/users/{id}", "5XX", true});
  return suite;
}

StepResult answer(const std::string& operation, int status) {
  StepResult step;
  step.operation = operation;
  step.status = status;
  return step;
}

Mismatch about(int status, const std::string& keyword = "equals") {
  Mismatch mismatch;
  mismatch.status = status;
  mismatch.keyword = keyword;
  return mismatch;
}

void add_scenario(SuiteResult& suite, const std::string& id, std::vector<StepResult> steps) {
  ScenarioResult scenario;
  scenario.suite = suite.name;
  scenario.id = id;
  scenario.steps = std::move(steps);
  suite.scenarios.push_back(std::move(scenario));
}

const MatrixCell& cell(const CoverageMatrix& matrix, const std::string& operation,
                       const std::string& status) {
  for (const auto& row : matrix.rows) {
    if (row.operation != operation) continue;
    if (const MatrixCell* found = CoverageMatrix::find(row, status)) return *found;
  }
  throw std::runtime_error("no cell " + operation + " " + status);
}

TEST(CoverageMatrix, RowsAreOperationsAndCellsTheirDocumentedResponses) {
  const auto matrix = coverage_matrix(documented_suite());
  ASSERT_EQ(matrix.rows.size(), 2u);
  EXPECT_EQ(matrix.rows[0].operation, "setUserStatus");
  EXPECT_EQ(matrix.rows[0].method, "PUT");
  EXPECT_EQ(matrix.rows[0].path, "/api/admin/users/{id}/status");
  EXPECT_EQ(matrix.rows[0].cells.size(), 5u);
  EXPECT_EQ(matrix.rows[1].cells.size(), 2u);
  EXPECT_EQ(matrix.columns,
            (std::vector<std::string>{"200", "400", "404", "4XX", "5XX", "default"}));
  EXPECT_TRUE(cell(matrix, "setUserStatus", "default").inferred);
  EXPECT_FALSE(cell(matrix, "setUserStatus", "200").inferred);
  EXPECT_EQ(CoverageMatrix::find(matrix.rows[1], "404"), nullptr);
  for (const auto& row : matrix.rows) {
    for (const auto& entry : row.cells) EXPECT_EQ(entry.state, CellState::kNotCovered);
  }
}

TEST(CoverageMatrix, PassedFailedWarnedAndNotCovered) {
  SuiteResult suite = documented_suite();
  StepResult failed = answer("setUserStatus", 400);
  failed.failures = {about(400)};
  StepResult warned = answer("setUserStatus", 404);
  warned.warnings = {about(404, "body-schema")};
  add_scenario(suite, "pria.ok", {answer("setUserStatus", 200), answer("getUser", 200)});
  add_scenario(suite, "pria.bad", {failed, answer("setUserStatus", 400)});
  add_scenario(suite, "pria.meh", {warned, answer("setUserStatus", 200)});
  const auto matrix = coverage_matrix(suite);

  const MatrixCell& ok = cell(matrix, "setUserStatus", "200");
  EXPECT_EQ(ok.state, CellState::kPassed);
  EXPECT_EQ(ok.answers, 2);
  EXPECT_EQ(ok.scenarios, (std::vector<std::string>{"pria.ok", "pria.meh"}));
  const MatrixCell& bad = cell(matrix, "setUserStatus", "400");
  EXPECT_EQ(bad.state, CellState::kFailed) << "one failing answer fails the cell";
  EXPECT_EQ(bad.answers, 2);
  EXPECT_EQ(bad.failed, 1);
  EXPECT_EQ(bad.scenarios, std::vector<std::string>{"pria.bad"});
  EXPECT_EQ(cell(matrix, "setUserStatus", "404").state, CellState::kWarned);
  EXPECT_EQ(cell(matrix, "setUserStatus", "404").warned, 1);
  EXPECT_EQ(cell(matrix, "setUserStatus", "4XX").state, CellState::kNotCovered);
  EXPECT_EQ(cell(matrix, "getUser", "200").state, CellState::kPassed);
  EXPECT_EQ(cell(matrix, "getUser", "5XX").state, CellState::kNotCovered);
}

TEST(CoverageMatrix, AnAnswerLandsInTheExactCodeElseItsRangeElseDefault) {
  SuiteResult suite = documented_suite();
  add_scenario(suite, "pria.codes",
               {answer("setUserStatus", 404), answer("setUserStatus", 409),
                answer("setUserStatus", 302), answer("getUser", 503), answer("getUser", 404)});
  const auto matrix = coverage_matrix(suite);
  EXPECT_EQ(cell(matrix, "setUserStatus", "404").answers, 1) << "exact before 4XX";
  EXPECT_EQ(cell(matrix, "setUserStatus", "4XX").answers, 1) << "409 is in the range";
  EXPECT_EQ(cell(matrix, "setUserStatus", "default").answers, 1) << "302: only default fits";
  EXPECT_EQ(cell(matrix, "getUser", "5XX").state, CellState::kPassed);
  EXPECT_EQ(matrix.rows[1].undocumented, std::vector<int>{404}) << "no cell, listed apart";
  EXPECT_TRUE(matrix.rows[0].undocumented.empty());
}

TEST(CoverageMatrix, RangesMatchInAnyCase) {
  EXPECT_EQ(documented_key({"200", "4xx"}, 418), "4xx");
  EXPECT_EQ(documented_key({"200", "4XX", "default"}, 500), "default");
  EXPECT_EQ(documented_key({"200"}, 500), "");
  EXPECT_EQ(documented_key({"4XX", "404"}, 404), "404") << "exact wins whatever the order";
}

TEST(CoverageMatrix, AStepThatGotAnotherStatusThanExpectedFailsTheCellItExpected) {
  SuiteResult suite = documented_suite();
  StepResult wrong = answer("setUserStatus", 200);
  wrong.expected_statuses = {404};
  wrong.failures = {about(200, "status")};
  StepResult either = answer("setUserStatus", 400);
  either.expected_statuses = {400, 404};  // got one of the accepted statuses: no miss
  add_scenario(suite, "pria.unknown-user", {wrong, either});
  const auto matrix = coverage_matrix(suite);
  const MatrixCell& expected = cell(matrix, "setUserStatus", "404");
  EXPECT_EQ(expected.state, CellState::kFailed);
  EXPECT_EQ(expected.missed, 1);
  EXPECT_EQ(expected.answers, 0);
  EXPECT_EQ(expected.scenarios, std::vector<std::string>{"pria.unknown-user"});
  EXPECT_EQ(cell(matrix, "setUserStatus", "200").state, CellState::kFailed)
      << "where it landed, it failed too";
  EXPECT_EQ(cell(matrix, "setUserStatus", "400").state, CellState::kPassed);
}

TEST(CoverageMatrix, TwoExpectedStatusesInOneRangeMissItOnce) {
  SuiteResult suite = documented_suite();
  StepResult wrong = answer("setUserStatus", 200);
  wrong.expected_statuses = {409, 422};
  wrong.failures = {about(200, "status")};
  add_scenario(suite, "pria.conflict", {wrong});
  EXPECT_EQ(cell(coverage_matrix(suite), "setUserStatus", "4XX").missed, 1);
}

TEST(CoverageMatrix, CleanupNotRunAndUnansweredStepsProveNothing) {
  SuiteResult suite = documented_suite();
  StepResult cleanup = answer("setUserStatus", 200);
  cleanup.phase = Phase::kCleanup;
  StepResult not_run = answer("setUserStatus", 400);
  not_run.ran = false;
  StepResult no_answer = answer("setUserStatus", 0);
  no_answer.failures = {about(0, "transport")};
  StepResult setup = answer("getUser", 200);
  setup.phase = Phase::kSetup;
  add_scenario(suite, "pria.x", {setup, cleanup, not_run, no_answer});
  const auto matrix = coverage_matrix(suite);
  EXPECT_EQ(cell(matrix, "setUserStatus", "200").state, CellState::kNotCovered);
  EXPECT_EQ(cell(matrix, "setUserStatus", "400").state, CellState::kNotCovered);
  EXPECT_EQ(cell(matrix, "getUser", "200").state, CellState::kPassed) << "setup steps count";
}

TEST(CoverageMatrix, AProblemNotAboutTheAnswerDoesNotColourItsCell) {
  SuiteResult suite = documented_suite();
  StepResult step = answer("setUserStatus", 200);
  step.warnings = {about(0, "reset")};  // the mock session could not be reset afterwards
  add_scenario(suite, "pria.x", {step});
  EXPECT_EQ(cell(coverage_matrix(suite), "setUserStatus", "200").state, CellState::kPassed);
}

TEST(CoverageMatrix, RepeatedRoundsListEachRound) {
  SuiteResult suite = documented_suite();
  add_scenario(suite, "pria.x", {answer("getUser", 200)});
  add_scenario(suite, "pria.x", {answer("getUser", 200)});
  suite.scenarios.back().iteration = 2;
  const auto matrix = coverage_matrix(suite);
  const MatrixCell& found = cell(matrix, "getUser", "200");
  EXPECT_EQ(found.answers, 2);
  EXPECT_EQ(found.scenarios, (std::vector<std::string>{"pria.x", "pria.x #2"}));
}

// The "generated" column counts conformance generate's cases per operation: failed ones, and
// the ones with warnings only; a suite's own scenarios never count there.
TEST(CoverageMatrix, CountsGeneratedCasesPerOperation) {
  SuiteResult suite = documented_suite();
  add_scenario(suite, "pria.hand-written", {answer("getUser", 200)});
  for (int i = 0; i < 3; ++i) {
    add_scenario(suite, "pria.gen." + std::to_string(i), {answer("getUser", 200)});
    suite.scenarios.back().generated_kind = "negative";
    suite.scenarios.back().generated_operation = "getUser";
  }
  suite.scenarios[1].outcome = Outcome::kFailed;
  suite.scenarios[2].steps[0].warnings.push_back(about(200));
  const CoverageMatrix matrix = coverage_matrix(suite);
  ASSERT_EQ(matrix.rows.size(), 2u);
  EXPECT_EQ(matrix.rows[0].generated, 0);
  EXPECT_EQ(matrix.rows[1].generated, 3);
  EXPECT_EQ(matrix.rows[1].generated_failed, 1);
  EXPECT_EQ(matrix.rows[1].generated_warned, 1);
}

}  // namespace
}  // namespace statuskit::conformance
