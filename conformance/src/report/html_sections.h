#pragma once
// The parts of the HTML report (report/html.cc assembles the page): the coverage matrix that
// opens it, and the findings grouped by root cause. Every text is escaped with escape_markup.

#include <iosfwd>
#include <string>

#include "scenarios/run_result.h"

namespace statuskit::conformance {

/// The id of a scenario's section, for links from the matrix and the findings: only letters,
/// digits, '.', '_' and '-', so it needs no escaping in an href.
std::string html_anchor(const std::string& suite, const std::string& display_id);

/// A mismatch as HTML: its text, then its provenance and a "baselined" mark as badges.
std::string html_mismatch(const Mismatch& mismatch);

/// One suite's coverage matrix, with a one-line tally above it.
void write_html_matrix(std::ostream& out, const SuiteResult& suite);

/// The colours of the matrix and what they mean.
void write_html_matrix_legend(std::ostream& out);

/// Failures, warnings and known (baselined) mismatches grouped by root cause; the resolved
/// baseline entries; the steps that did not run.
void write_html_findings(std::ostream& out, const RunResult& run);

}  // namespace statuskit::conformance
