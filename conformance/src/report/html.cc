#include <cctype>
#include <ostream>
#include <string>

#include "report/html_sections.h"
#include "report/reporters.h"

// One self-contained page: inline CSS, no scripts, nothing fetched, every text the target sent
// escaped. It opens with the coverage matrix (what was proven), then the findings grouped by
// root cause (what is wrong), then every scenario with its requests and answers (the evidence).

namespace statuskit::conformance {
namespace {

const char* kStyle =
    R"(body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:110em}
h1{font-size:1.4em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #d0d7de}
h3{font-size:1.05em;margin:1.2em 0 .3em}h4{margin:.8em 0 .2em;font-size:1em}
.summary span{margin-right:1.5em;font-weight:600}.passed{color:#1a7f37}.failed{color:#cf222e}
.skipped,.warned{color:#9a6700}.known{color:#57606a}.meta{color:#444}
details{border:1px solid #ddd;border-radius:6px;margin:.4em 0;padding:.4em .8em}
summary{cursor:pointer}.side{display:grid;grid-template-columns:1fr 1fr;gap:.6em}.side h5{margin:.2em 0}pre{background:#f6f8fa;padding:.6em;overflow-x:auto;white-space:pre-wrap;
word-break:break-all;margin:.3em 0}ul.failures li{color:#cf222e}ul.warnings li{color:#9a6700}
ul.warnings li.known{color:#57606a}.req{color:#555}
.src{display:inline-block;font-size:.8em;color:#0550ae;background:#ddf4ff;border-radius:4px;
padding:0 .4em;margin-left:.3em}.mark{display:inline-block;font-size:.8em;color:#fff;
background:#57606a;border-radius:4px;padding:0 .4em;margin-left:.3em}
p.notrun,ul.notrun li{color:#9a6700;font-style:italic}.step.notrun h4{color:#8c959f}
table{border-collapse:collapse;margin:.3em 0 1em}th,td{border:1px solid #d0d7de;padding:.25em .5em}
thead th{background:#f6f8fa}table.matrix td{text-align:center;min-width:4.5em;white-space:nowrap}
table.matrix th.op{text-align:left;font-weight:600}table.matrix th.op code{font-weight:400;
font-size:.85em;color:#555}td small{display:block;font-size:.75em}
.c-passed{background:#dafbe1;color:#116329}.c-failed{background:#ffcecb;color:#a40e26;
font-weight:600}.c-warned{background:#fff1a8;color:#7d4e00}.c-none{background:#eaeef2;color:#57606a}
.c-na{background:#fff}.inf{font-style:italic}
ul.legend{padding:0;margin:.5em 0}ul.legend li{display:inline-block;white-space:nowrap;
margin:0 1.2em .3em 0}ul.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;
border:1px solid #d0d7de;border-radius:4px}
table.findings td{vertical-align:top}table.findings td.count{text-align:right;font-weight:600}
table.findings details{border:0;padding:0;margin:0}.more{cursor:help}
table.findings small{color:#555}.nav a{margin-right:1em})";

std::string anchor_part(const std::string& text) {
  std::string part;
  for (const char c : text) {
    const bool kept =
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    part += kept ? c : '-';
  }
  return part;
}

void write_header(std::ostream& out, const RunResult& run) {
  out << "<h1>statuskit conformance report</h1>\n<p class=\"meta\">Target <code>"
      << escape_markup(run.target) << "</code>, profile <code>" << escape_markup(run.profile)
      << "</code>, started " << escape_markup(run.started_at) << ", "
      << static_cast<long>(run.elapsed_ms) << " ms.";
  if (run.shuffle_seed) out << " Order shuffled with seed " << *run.shuffle_seed << ".";
  if (run.generation_seed) {
    out << (run.seeded_command == "explore" ? " Explored, seed " : " Generated tests, seed ")
        << *run.generation_seed << " (replay: <code>" << escape_markup(replay_command(run))
        << "</code>).";
  }
  if (run.repeat > 1) out << " " << run.repeat << " rounds.";
  if (!run.baseline.empty()) {
    out << " Baseline <code>" << escape_markup(run.baseline) << "</code>: " << run.baselined_count()
        << " known, " << run.resolved.size() << " resolved.";
  }
  out << "</p>\n<p class=\"summary\"><span class=\"passed\">" << run.count(Outcome::kPassed)
      << " passed</span><span class=\"failed\">" << run.count(Outcome::kFailed)
      << " failed</span><span class=\"skipped\">"
      << run.count(Outcome::kSkipped)
      // Baselined mismatches are kept as warnings; counted once, as baselined.
      << " skipped</span><span class=\"warned\">" << run.warning_count() - run.baselined_count()
      << (run.warning_count() - run.baselined_count() == 1 ? " warning" : " warnings") << "</span>";
  if (!run.baseline.empty())
    out << "<span class=\"known\">" << run.baselined_count() << " baselined</span>";
  out << "</p>\n<p class=\"nav\"><a href=\"#findings\">Findings</a><a "
         "href=\"#coverage\">Coverage</a>"
         "<a href=\"#scenarios\">Scenarios</a></p>\n";
}

void write_step(std::ostream& out, const StepResult& step) {
  out << "<div class=\"step" << (step.ran ? "" : " notrun") << "\"><h4>"
      << (step.phase == Phase::kTest ? "" : std::string(phase_name(step.phase)) + ": ")
      << escape_markup(step.label());
  if (step.status != 0) out << " <small>&#8594; " << step.status << "</small>";
  out << "</h4>\n";
  if (!step.ran) out << "<p class=\"notrun\">" << escape_markup(step.not_run_reason) << "</p>\n";
  if (!step.curl.empty()) out << "<pre>" << escape_markup(step.curl) << "</pre>\n";
  if (step.status != 0 || !step.transport_error.empty()) {
    std::string answer = step.transport_error.empty() ? "HTTP " + std::to_string(step.status) + "\n"
                                                      : "no answer: " + step.transport_error + "\n";
    for (const auto& [name, value] : step.response_headers) answer += name + ": " + value + "\n";
    answer += "\n" + step.response_body;
    if (step.response_body_size > step.response_body.size()) {
      answer += "\n[cut: the first " + std::to_string(step.response_body.size()) + " of " +
                std::to_string(step.response_body_size) + " bytes]";
    }
    if (step.model_status) {
      // `explore`: the model's answer to the same call, beside the target's.
      const std::string model =
          "HTTP " + std::to_string(*step.model_status) + "\n\n" + step.model_body;
      out << "<div class=\"side\"><div><h5>target</h5><pre>" << escape_markup(answer)
          << "</pre></div><div><h5>model</h5><pre>" << escape_markup(model)
          << "</pre></div></div>\n";
    } else {
      out << "<pre>" << escape_markup(answer) << "</pre>\n";
    }
  }
  if (!step.failures.empty()) {
    out << "<ul class=\"failures\">";
    for (const auto& failure : step.failures) out << "<li>" << html_mismatch(failure) << "</li>";
    out << "</ul>\n";
  }
  if (!step.warnings.empty()) {
    out << "<ul class=\"warnings\">";
    for (const auto& warning : step.warnings) {
      out << "<li" << (warning.baselined ? " class=\"known\"" : "") << ">" << html_mismatch(warning)
          << "</li>";
    }
    out << "</ul>\n";
  }
  out << "</div>\n";
}

void write_scenario(std::ostream& out, const SuiteResult& suite, const ScenarioResult& scenario) {
  const char* outcome = outcome_name(scenario.outcome);
  out << "<details id=\"" << html_anchor(suite.name, scenario.display_id()) << "\""
      << (scenario.outcome == Outcome::kFailed ? " open" : "") << "><summary><span class=\""
      << outcome << "\">" << outcome << "</span> <strong>" << escape_markup(scenario.display_id())
      << "</strong> <span class=\"req\">" << escape_markup(scenario.requirement)
      << "</span><span class=\"src\">" << escape_markup(scenario.source.to_string())
      << "</span></summary>\n";
  if (scenario.outcome == Outcome::kSkipped) {
    out << "<p>" << escape_markup(scenario.skip_reason) << "</p>\n";
  }
  for (const auto& step : scenario.steps) write_step(out, step);
  out << "</details>\n";
}

}  // namespace

std::string html_anchor(const std::string& suite, const std::string& display_id) {
  return "s-" + anchor_part(suite) + "--" + anchor_part(display_id);
}

std::string html_mismatch(const Mismatch& mismatch) {
  std::string html = escape_markup(mismatch.text()) + "<span class=\"src\">" +
                     escape_markup(mismatch.source.to_string()) + "</span>";
  if (mismatch.baselined) html += "<span class=\"mark\">baselined</span>";
  if (!mismatch.request.empty())
    html += " <small><code>" + escape_markup(mismatch.request) + "</code></small>";
  return html;
}

void write_html(std::ostream& out, const RunResult& run) {
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<title>statuskit conformance report</title><style>" << kStyle
      << "</style></head><body>\n";
  write_header(out, run);
  // What failed first, then what was covered: a reader opens the report to see what broke.
  out << "<h2 id=\"findings\">Findings</h2>\n";
  if (run.count(Outcome::kFailed) == 0 && run.warning_count() == 0 && run.resolved.empty()) {
    out << "<p class=\"passed\">No failures, no warnings.</p>\n";
  }
  write_html_findings(out, run);
  out << "<h2 id=\"coverage\">Coverage</h2>\n";
  write_html_matrix_legend(out);
  for (const auto& suite : run.suites) write_html_matrix(out, suite);
  out << "<h2 id=\"scenarios\">Scenarios</h2>\n";
  for (const auto& suite : run.suites) {
    out << "<h3>" << escape_markup(suite.name) << " <small>(" << escape_markup(suite.spec)
        << ")</small></h3>\n<p>" << escape_markup(suite.description) << "</p>\n";
    // `explore`: what its calls combined and what they did not, before the sequences.
    if (!suite.notes.empty()) {
      out << "<ul class=\"notes\">";
      for (const auto& note : suite.notes) out << "<li>" << escape_markup(note) << "</li>";
      out << "</ul>\n";
    }
    for (const auto& scenario : suite.scenarios) write_scenario(out, suite, scenario);
  }
  out << "</body></html>\n";
}

}  // namespace statuskit::conformance
