#include <iomanip>
#include <ostream>
#include <sstream>

#include "report/reporters.h"
#include "scenarios/finding_groups.h"
#include "statuskit/openapi/utf8.h"

namespace statuskit::conformance {
namespace {

std::string seconds(double milliseconds) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(3) << milliseconds / 1000.0;
  return text.str();
}

/// Length of the well-formed UTF-8 sequence starting at text[at] (a byte >= 0x80), or 0 when
/// it is malformed or one of the noncharacters U+FFFE/U+FFFF that XML forbids.
std::size_t xml_utf8_sequence_length(const std::string& text, std::size_t at) {
  const auto sequence = openapi::decode_utf8_sequence(text, at);
  if (sequence.code_point == 0xFFFE || sequence.code_point == 0xFFFF) return 0;
  return sequence.length;
}

/// A scenario's source and known deviations as testcase properties, the form Jenkins, GitLab
/// and pytest-style readers show next to the test.
void write_properties(std::ostream& out, const ScenarioResult& scenario) {
  int baselined = 0;
  for (const auto& step : scenario.steps) {
    for (const auto& warning : step.warnings) baselined += warning.baselined ? 1 : 0;
  }
  out << "      <properties><property name=\"source\" value=\""
      << escape_markup(scenario.source.to_string()) << "\"/>";
  if (scenario.iteration > 1)
    out << "<property name=\"iteration\" value=\"" << scenario.iteration << "\"/>";
  if (baselined > 0) out << "<property name=\"baselined\" value=\"" << baselined << "\"/>";
  out << "</properties>\n";
}

void write_testcase(std::ostream& out, const SuiteResult& suite, const ScenarioResult& scenario) {
  out << "    <testcase classname=\"" << escape_markup(suite.name) << "\" name=\""
      << escape_markup(scenario.display_id()) << "\" time=\"" << seconds(scenario.elapsed_ms)
      << "\">\n";
  write_properties(out, scenario);
  if (scenario.outcome == Outcome::kSkipped) {
    out << "      <skipped message=\"" << escape_markup(scenario.skip_reason) << "\"/>\n";
  } else if (scenario.outcome == Outcome::kFailed) {
    const auto failures = failure_lines(scenario);
    out << "      <failure message=\""
        << escape_markup(failures.empty() ? "failed" : failures.front()) << "\">";
    std::string details =
        "Requirement: " + scenario.requirement + " [" + scenario.source.to_string() + "]\n";
    for (const auto& failure : failures) details += "- " + failure + "\n";
    for (const auto& step : scenario.steps) {
      if (!step.failures.empty() && !step.curl.empty()) {
        details += "Replay: " + step.curl + "\nAnswer: " + std::to_string(step.status) + " " +
                   step.response_body + "\n";
      }
    }
    out << escape_markup(details) << "</failure>\n";
  }
  // What does not fail the test but must not be lost: warnings, known deviations, and the
  // steps a failure kept from running (JUnit has no element for a step).
  std::string notes;
  for (const auto& step : scenario.steps) {
    for (const auto& warning : step.warnings) {
      notes += std::string(warning.baselined ? "baselined: " : "warning: ") + step.label() + ": " +
               mismatch_line(warning) + "\n";
    }
    if (!step.ran) notes += not_run_line(step) + "\n";
  }
  if (!notes.empty()) out << "      <system-out>" << escape_markup(notes) << "</system-out>\n";
  out << "    </testcase>\n";
}

}  // namespace

std::string escape_markup(const std::string& text) {
  static const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // Answers from real servers may carry any bytes; XML and HTML need valid UTF-8.
      const std::size_t length = xml_utf8_sequence_length(text, i);
      if (length == 0) {
        out += kReplacement;
        ++i;
      } else {
        out.append(text, i, length);
        i += length;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += kReplacement;  // XML 1.0 cannot carry these control characters at all
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

void write_junit(std::ostream& out, const RunResult& run) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  int tests = 0;
  for (const auto& suite : run.suites) tests += static_cast<int>(suite.scenarios.size());
  out << "<testsuites name=\"statuskit conformance\" tests=\"" << tests << "\" failures=\""
      << run.count(Outcome::kFailed) << "\" skipped=\"" << run.count(Outcome::kSkipped)
      << "\" time=\"" << seconds(run.elapsed_ms) << "\" timestamp=\""
      << escape_markup(run.started_at) << "\">\n";
  for (const auto& suite : run.suites) {
    int failures = 0, skipped = 0;
    double time = 0;
    for (const auto& scenario : suite.scenarios) {
      failures += scenario.outcome == Outcome::kFailed ? 1 : 0;
      skipped += scenario.outcome == Outcome::kSkipped ? 1 : 0;
      time += scenario.elapsed_ms;
    }
    out << "  <testsuite name=\"" << escape_markup(suite.name) << "\" tests=\""
        << suite.scenarios.size() << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\""
        << skipped << "\" time=\"" << seconds(time) << "\">\n";
    out << "    <properties><property name=\"spec\" value=\"" << escape_markup(suite.spec)
        << "\"/><property name=\"target\" value=\"" << escape_markup(run.target) << "\"/>";
    if (run.generation_seed) {
      out << "<property name=\"generationSeed\" value=\"" << *run.generation_seed << "\"/>";
    }
    if (!run.baseline.empty())
      out << "<property name=\"baseline\" value=\"" << escape_markup(run.baseline) << "\"/>";
    out << "</properties>\n";
    for (const auto& scenario : suite.scenarios) write_testcase(out, suite, scenario);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace statuskit::conformance
