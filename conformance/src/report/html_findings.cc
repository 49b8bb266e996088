#include <map>
#include <ostream>
#include <string>

#include "report/html_sections.h"
#include "report/reporters.h"
#include "scenarios/finding_groups.h"

namespace statuskit::conformance {
namespace {

/// More scenarios than this fold into a <details>, so that a finding stays one row.
constexpr std::size_t kOpenScenarioList = 6;

/// Display id → suite, to link a finding's scenarios to their sections.
std::map<std::string, std::string> suites_by_scenario(const RunResult& run) {
  std::map<std::string, std::string> suites;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) suites[scenario.display_id()] = suite.name;
  }
  return suites;
}

std::string scenario_links(const FindingGroup& group,
                           const std::map<std::string, std::string>& suites) {
  std::string links;
  for (const auto& scenario : group.scenarios) {
    const auto suite = suites.find(scenario);
    links += (links.empty() ? "" : ", ");
    links += "<a href=\"#" +
             html_anchor(suite == suites.end() ? group.suite : suite->second, scenario) + "\">" +
             escape_markup(scenario) + "</a>";
  }
  if (group.scenarios.size() <= kOpenScenarioList) return links;
  return "<details><summary>" + std::to_string(group.scenarios.size()) + " scenarios</summary>" +
         links + "</details>";
}

/// The example shows its own provenance; the group's other sources (each scenario may cite its
/// own document) are counted in a badge whose hover text lists them, so a row stays short.
std::string other_sources(const FindingGroup& group) {
  std::string list;
  for (std::size_t i = 1; i < group.sources.size(); ++i)
    list += (i == 1 ? "" : "\n") + group.sources[i];
  const std::size_t others = group.sources.size() - 1;
  return "<span class=\"src more\" title=\"" + escape_markup(list) + "\">+" +
         std::to_string(others) + (others == 1 ? " source" : " sources") + "</span>";
}

void write_groups(std::ostream& out, const RunResult& run, FindingKind kind, const char* title,
                  const char* css) {
  const auto groups = group_findings(run, kind);
  if (groups.empty()) return;
  int total = 0;
  for (const auto& group : groups) total += group.count;
  out << "<h3 class=\"" << css << "\">" << title << ": " << groups.size()
      << (groups.size() == 1 ? " finding" : " findings");
  if (total != static_cast<int>(groups.size())) out << " (" << total << " mismatches)";
  out << "</h3>\n<table class=\"findings\"><thead><tr><th>count</th><th>root cause</th><th>first "
         "occurrence</th>"
         "<th>scenarios</th></tr></thead><tbody>\n";
  const auto suites = suites_by_scenario(run);
  for (const auto& group : groups) {
    out << "<tr><td class=\"count " << css << "\">" << group.count << "&#215;</td><td><small>"
        << escape_markup(group.suite) << "</small><code>" << escape_markup(finding_title(group))
        << "</code></td><td>" << escape_markup(group.example_step) << ": "
        << html_mismatch(group.example);
    if (group.sources.size() > 1) out << other_sources(group);
    if (group.merged_warnings > 0) {
      out << " <small>(+" << group.merged_warnings << " inferred "
          << (group.merged_warnings == 1 ? "warning" : "warnings")
          << " on the same answer)</small>";
    }
    out << "</td><td>" << scenario_links(group, suites) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

}  // namespace

void write_html_findings(std::ostream& out, const RunResult& run) {
  write_groups(out, run, FindingKind::kFailure, "Failures", "failed");
  const auto not_run = not_run_steps(run);
  if (!not_run.empty()) {
    out << "<h3 class=\"skipped\">Not run: " << not_run.size() << " step"
        << (not_run.size() == 1 ? "" : "s") << "</h3>\n<ul class=\"notrun\">";
    for (const auto& entry : not_run) {
      out << "<li><a href=\"#" << html_anchor(entry.suite, entry.scenario) << "\">"
          << escape_markup(entry.scenario) << "</a>: " << escape_markup(not_run_line(*entry.step))
          << "</li>";
    }
    out << "</ul>\n";
  }
  write_groups(out, run, FindingKind::kWarning, "Warnings", "warned");
  write_groups(out, run, FindingKind::kKnown, "Known (baselined)", "known");
  if (!run.resolved.empty()) {
    out << "<h3 class=\"passed\">Resolved: in the baseline, no longer seen</h3>\n<ul>";
    for (const auto& resolved : run.resolved) {
      out << "<li>" << escape_markup(resolved.scenario) << ": " << escape_markup(resolved.message)
          << "</li>";
    }
    out << "</ul>\n";
  }
}

}  // namespace statuskit::conformance
