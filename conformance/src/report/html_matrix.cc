#include <ostream>
#include <string>

#include "report/coverage_matrix.h"
#include "report/html_sections.h"
#include "report/reporters.h"

namespace statuskit::conformance {
namespace {

/// A cell's title lists at most this many scenarios: a 500-scenario run must not bloat the page.
constexpr std::size_t kListedScenarios = 8;

const char* css_class(CellState state) {
  switch (state) {
    case CellState::kNotCovered:
      return "c-none";
    case CellState::kPassed:
      return "c-passed";
    case CellState::kWarned:
      return "c-warned";
    case CellState::kFailed:
      return "c-failed";
  }
  return "c-none";
}

/// What the cell shows: a symbol (readable without colour) and its counts.
std::string cell_text(const MatrixCell& cell) {
  const std::string of = "/" + std::to_string(cell.answers);
  switch (cell.state) {
    case CellState::kNotCovered:
      return "&#8211;";
    case CellState::kPassed:
      return "&#10003; " + std::to_string(cell.answers);
    case CellState::kWarned:
      return "! " + std::to_string(cell.warned) + of;
    case CellState::kFailed: {
      std::string text = "&#10007;";
      if (cell.answers > 0) text += " " + std::to_string(cell.failed) + of;
      if (cell.missed > 0) text += " " + std::to_string(cell.missed) + " missed";
      return text;
    }
  }
  return "";
}

/// The hover text: what the numbers mean and which scenarios they come from.
std::string cell_title(const MatrixCell& cell) {
  std::string title = cell.status + (cell.inferred ? " (inferred by this project)" : "") + ": " +
                      cell_state_name(cell.state);
  if (cell.answers > 0) {
    title += "; " + std::to_string(cell.answers) + " answer" + (cell.answers == 1 ? "" : "s");
    if (cell.failed > 0) title += ", " + std::to_string(cell.failed) + " with failures";
    if (cell.warned > 0) title += ", " + std::to_string(cell.warned) + " with warnings only";
  }
  if (cell.missed > 0) {
    title += "; " + std::to_string(cell.missed) + " step" + (cell.missed == 1 ? "" : "s") +
             " expected this status and got another";
  }
  if (!cell.scenarios.empty()) {
    title += "; in ";
    for (std::size_t i = 0; i < cell.scenarios.size() && i < kListedScenarios; ++i)
      title += (i == 0 ? "" : ", ") + cell.scenarios[i];
    if (cell.scenarios.size() > kListedScenarios)
      title += " and " + std::to_string(cell.scenarios.size() - kListedScenarios) + " more";
  }
  return title;
}

/// The "generated" column: the operation's generated cases, failed / all (none: not run).
void write_generated_cell(std::ostream& out, const MatrixRow& row) {
  if (row.generated == 0) {
    out << "<td class=\"c-none\" title=\"no generated case in this run (conformance "
           "generate)\">&#8211;</td>";
    return;
  }
  const char* state = row.generated_failed > 0   ? "c-failed"
                      : row.generated_warned > 0 ? "c-warned"
                                                 : "c-passed";
  out << "<td class=\"" << state << "\" title=\"" << row.generated << " generated cases, "
      << row.generated_failed << " failed, " << row.generated_warned << " with warnings only\">"
      << row.generated_failed << "/" << row.generated << "</td>";
}

}  // namespace

void write_html_matrix_legend(std::ostream& out) {
  // One item per state, each kept whole on its line, so the legend reads as a key.
  out << "<ul class=\"legend\">"
         "<li><span class=\"c-passed\">&#10003; passed</span>every answer there conformed</li>"
         "<li><span class=\"c-warned\">! warned</span>warnings only (inferred, baselined)</li>"
         "<li><span class=\"c-failed\">&#10007; failed</span>an answer there failed, or a step "
         "expected it and got another status (missed)</li>"
         "<li><span class=\"c-none\">&#8211; not covered</span>no step got this answer</li>"
         "<li><span class=\"c-na\">&#160;&#160;&#160;&#160;</span>not documented for the "
         "operation</li>"
         "<li><span class=\"c-none inf\">inferred</span>a response this project inferred; the "
         "vendor documents none</li>"
         "<li><span class=\"c-none\">2/5</span>answers with a problem / answers there; in the "
         "generated column, failed / generated cases of the operation</li>"
         "</ul>\n";
}

void write_html_matrix(std::ostream& out, const SuiteResult& suite) {
  const CoverageMatrix matrix = coverage_matrix(suite);
  int cells = 0, covered = 0, passed = 0, warned = 0, failed = 0;
  bool undocumented = false;
  for (const auto& row : matrix.rows) {
    undocumented = undocumented || !row.undocumented.empty();
    for (const auto& cell : row.cells) {
      ++cells;
      covered += cell.answers > 0 ? 1 : 0;
      passed += cell.state == CellState::kPassed ? 1 : 0;
      warned += cell.state == CellState::kWarned ? 1 : 0;
      failed += cell.state == CellState::kFailed ? 1 : 0;
    }
  }
  out << "<h3>" << escape_markup(suite.name) << " <small>(" << escape_markup(suite.spec)
      << ")</small></h3>\n<p class=\"tally\">" << covered << " of " << cells
      << " documented responses answered: <span class=\"passed\">" << passed
      << " passed</span>, <span class=\"warned\">" << warned
      << " warned</span>, <span class=\"failed\">" << failed << " failed</span>, "
      << cells - passed - warned - failed << " not covered.</p>\n";
  if (matrix.rows.empty()) return;
  out << "<table class=\"matrix\"><thead><tr><th>operation</th>";
  for (const auto& column : matrix.columns) out << "<th>" << escape_markup(column) << "</th>";
  if (undocumented) out << "<th title=\"statuses the spec does not document\">undocumented</th>";
  out << "<th title=\"cases conformance generate derived from the operation's contract\">"
         "generated</th>";
  out << "</tr></thead><tbody>\n";
  for (const auto& row : matrix.rows) {
    out << "<tr><th class=\"op\">" << escape_markup(row.operation) << "<br><code>"
        << escape_markup(row.method) << " " << escape_markup(row.path) << "</code></th>";
    for (const auto& column : matrix.columns) {
      const MatrixCell* cell = CoverageMatrix::find(row, column);
      if (cell == nullptr) {
        out << "<td class=\"c-na\"></td>";
        continue;
      }
      out << "<td class=\"" << css_class(cell->state) << (cell->inferred ? " inf" : "")
          << "\" title=\"" << escape_markup(cell_title(*cell)) << "\">" << cell_text(*cell);
      if (cell->inferred) out << "<small>inferred</small>";
      out << "</td>";
    }
    if (undocumented) {
      std::string statuses;
      for (const int status : row.undocumented)
        statuses += (statuses.empty() ? "" : " ") + std::to_string(status);
      out << "<td class=\"" << (statuses.empty() ? "c-na" : "c-failed")
          << "\" title=\"answered, but not in the spec\">" << statuses << "</td>";
    }
    write_generated_cell(out, row);
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

}  // namespace statuskit::conformance
