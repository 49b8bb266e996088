#pragma once
// Report formats of a conformance run. Reports/README.md documents the JSON schema.

#include <iosfwd>
#include <string>
#include <vector>

#include "scenarios/run_result.h"

namespace statuskit::conformance {

/// How progress lines look: colour (on a terminal, unless NO_COLOR is set) and a "[n/N]"
/// counter (on a terminal, for runs long enough to want one).
struct ConsoleStyle {
  bool colour = false;
  int position = 0;  ///< this scenario's number, from 1; 0: no counter
  int total = 0;
  /// The style for standard output: colour and counter only when it is a terminal and
  /// NO_COLOR is not set (https://no-color.org); the counter also needs `total`.
  static ConsoleStyle for_stdout(int total);
};

/// One progress line per scenario (as the run goes), and under it the steps that did not run.
/// PASS, FAIL, SKIP, or KNOWN for a scenario whose only mismatches are in the baseline.
void write_console_progress(std::ostream& out, const ScenarioResult& scenario,
                            const ConsoleStyle& style = {});
/// The findings grouped by root cause (failures, warnings, known ones), the steps that did not
/// run, the resolved baseline entries, then "N passed, N failed, N skipped".
void write_console_summary(std::ostream& out, const RunResult& run);
/// JUnit XML: one testsuite per vendor suite, one testcase per scenario.
void write_junit(std::ostream& out, const RunResult& run);
/// The stable JSON report (schema "statuskit-conformance-report/2").
void write_json(std::ostream& out, const RunResult& run);
/// SARIF 2.1.0 (code-scanning dashboards): one rule per scenario, one result per mismatch
/// (error) or warning with its provenance and fingerprint, a notApplicable result per skipped
/// scenario and per step that did not run; with a baseline, each result's baselineState and
/// the resolved deviations as "absent" notes.
void write_sarif(std::ostream& out, const RunResult& run);
/// CTRF (Common Test Report Format, specVersion 0.0.0): one test per scenario, one step per
/// step (not run: "skipped"), for CI dashboards that read CTRF.
void write_ctrf(std::ostream& out, const RunResult& run);
/// The command that replays a generated run where it is printed (the runner's own name, the
/// seed, the target and the profile), or "" for a run of suites.
std::string replay_command(const RunResult& run);
/// One self-contained HTML page: the coverage matrix, the grouped findings, every scenario.
void write_html(std::ostream& out, const RunResult& run);

/// A mismatch as one line of a report: "<text> [seed: 400 example]", with "[baselined]" for a
/// known deviation.
std::string mismatch_line(const Mismatch& mismatch);

/// Every failure of a scenario as "<step>: <mismatch_line>", in step order.
std::vector<std::string> failure_lines(const ScenarioResult& scenario);

/// Escapes &, <, >, " and ' for XML and HTML text and attributes, and replaces characters XML
/// 1.0 forbids (control characters other than tab, newline, carriage return).
std::string escape_markup(const std::string& text);

}  // namespace statuskit::conformance
