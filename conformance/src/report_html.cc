#include <ostream>
#include <string>

#include "reporters.h"

namespace statuskit::conformance {
namespace {

const char* kStyle = R"(body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:2em}
.summary span{margin-right:1.5em;font-weight:600}.passed{color:#1a7f37}.failed{color:#cf222e}
.skipped{color:#9a6700}details{border:1px solid #ddd;border-radius:6px;margin:.4em 0;padding:.4em .8em}
summary{cursor:pointer}pre{background:#f6f8fa;padding:.6em;overflow-x:auto;white-space:pre-wrap;
word-break:break-all}ul.failures li{color:#cf222e}ul.warnings li{color:#9a6700}.req{color:#555})";

}  // namespace

void write_html(std::ostream& out, const RunResult& run) {
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<title>statuskit conformance report</title><style>" << kStyle
      << "</style></head><body>\n";
  out << "<h1>statuskit conformance report</h1>\n<p>Target <code>" << escape_markup(run.target)
      << "</code>, profile <code>" << escape_markup(run.profile) << "</code>, started "
      << escape_markup(run.started_at) << ".</p>\n";
  out << "<p class=\"summary\"><span class=\"passed\">" << run.count(Outcome::kPassed)
      << " passed</span><span class=\"failed\">" << run.count(Outcome::kFailed)
      << " failed</span><span class=\"skipped\">" << run.count(Outcome::kSkipped)
      << " skipped</span><span class=\"skipped\">" << run.warning_count()
      << " warnings</span></p>\n";
  for (const auto& suite : run.suites) {
    out << "<h2>" << escape_markup(suite.name) << " <small>(" << escape_markup(suite.spec)
        << ")</small></h2>\n<p>" << escape_markup(suite.description) << "</p>\n";
    for (const auto& scenario : suite.scenarios) {
      const char* outcome = outcome_name(scenario.outcome);
      out << "<details" << (scenario.outcome == Outcome::kFailed ? " open" : "")
          << "><summary><span class=\"" << outcome << "\">" << outcome << "</span> <strong>"
          << escape_markup(scenario.id) << "</strong> <span class=\"req\">"
          << escape_markup(scenario.requirement) << "</span></summary>\n";
      if (scenario.outcome == Outcome::kSkipped) {
        out << "<p>" << escape_markup(scenario.skip_reason) << "</p>\n";
      }
      for (const auto& step : scenario.steps) {
        out << "<h4>"
            << (step.phase == Phase::kTest ? "" : std::string(phase_name(step.phase)) + ": ")
            << escape_markup(step.label()) << "</h4>\n";
        if (!step.ran)
          out << "<p class=\"notrun\">" << escape_markup(step.not_run_reason) << "</p>\n";
        if (!step.curl.empty()) out << "<pre>" << escape_markup(step.curl) << "</pre>\n";
        if (step.status != 0 || !step.transport_error.empty()) {
          std::string answer = step.transport_error.empty()
                                   ? "HTTP " + std::to_string(step.status) + "\n"
                                   : "no answer: " + step.transport_error + "\n";
          for (const auto& [name, value] : step.response_headers)
            answer += name + ": " + value + "\n";
          answer += "\n" + step.response_body;
          if (step.response_body_size > step.response_body.size()) {
            answer += "\n[cut: the first " + std::to_string(step.response_body.size()) + " of " +
                      std::to_string(step.response_body_size) + " bytes]";
          }
          out << "<pre>" << escape_markup(answer) << "</pre>\n";
        }
        if (!step.failures.empty()) {
          out << "<ul class=\"failures\">";
          for (const auto& failure : step.failures)
            out << "<li>" << escape_markup(mismatch_line(failure)) << "</li>";
          out << "</ul>\n";
        }
        if (!step.warnings.empty()) {
          out << "<ul class=\"warnings\">";
          for (const auto& warning : step.warnings)
            out << "<li>" << escape_markup(mismatch_line(warning)) << "</li>";
          out << "</ul>\n";
        }
      }
      out << "</details>\n";
    }
  }
  out << "</body></html>\n";
}

}  // namespace statuskit::conformance
