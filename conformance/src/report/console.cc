#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ostream>

#include "report/reporters.h"
#include "scenarios/finding_groups.h"

namespace statuskit::conformance {
namespace {

/// "'b', setup 'c': not run: the test step 'a' failed", one line per reason: the steps a failure
/// kept from running all share the reason that names it.
std::vector<std::string> not_run_lines(const std::vector<const StepResult*>& steps) {
  std::vector<std::pair<std::string, std::string>> by_reason;  // reason, step titles
  for (const StepResult* step : steps) {
    auto at = by_reason.begin();
    while (at != by_reason.end() && at->first != step->not_run_reason) ++at;
    if (at == by_reason.end()) {
      by_reason.emplace_back(step->not_run_reason, step_title(*step));
    } else {
      at->second += ", " + step_title(*step);
    }
  }
  std::vector<std::string> lines;
  lines.reserve(by_reason.size());
  for (const auto& [reason, titles] : by_reason) lines.push_back(titles + ": " + reason);
  return lines;
}

std::vector<const StepResult*> not_run_of(const ScenarioResult& scenario) {
  std::vector<const StepResult*> steps;
  for (const auto& step : scenario.steps) {
    if (!step.ran) steps.push_back(&step);
  }
  return steps;
}

/// "0.4 ms", "12 ms", "2.3 s": fast answers from a mock are well under a millisecond.
std::string milliseconds_text(double ms) {
  char text[32];
  if (ms < 10) {
    std::snprintf(text, sizeof text, "%.1f ms", ms);
  } else if (ms < 10000) {
    std::snprintf(text, sizeof text, "%.0f ms", ms);
  } else {
    std::snprintf(text, sizeof text, "%.1f s", ms / 1000);
  }
  return text;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

/// One finding: "28x pria bulkSetUserStatus -> 200: /skipped/*/reason (required)", the first
/// occurrence's message with its provenance, and the scenarios it occurred in.
void write_group(std::ostream& out, const FindingGroup& group) {
  out << "  " << group.count << "x " << group.suite << " " << finding_title(group) << "\n";
  out << "      " << group.example_step << ": " << mismatch_line(group.example);
  // Each scenario may cite its own document: the example's is shown, the others only counted
  // (the HTML and JSON reports list them).
  if (group.sources.size() > 1) {
    const std::size_t others = group.sources.size() - 1;
    out << " (+" << others << (others == 1 ? " other source)" : " other sources)");
  }
  if (group.merged_warnings > 0) {
    out << " (+" << group.merged_warnings << " inferred "
        << (group.merged_warnings == 1 ? "warning" : "warnings") << " on the same answer)";
  }
  out << "\n      in ";
  if (group.scenarios.size() > 1) out << group.scenarios.size() << " scenarios: ";
  out << join(group.scenarios, ", ") << "\n";
}

void write_groups(std::ostream& out, const RunResult& run, FindingKind kind,
                  const std::string& title) {
  const auto groups = group_findings(run, kind);
  if (groups.empty()) return;
  int total = 0;
  for (const auto& group : groups) total += group.count;
  out << "\n" << title << ": " << groups.size() << (groups.size() == 1 ? " finding" : " findings");
  if (total != static_cast<int>(groups.size())) out << " (" << total << " mismatches)";
  out << "\n";
  for (const auto& group : groups) write_group(out, group);
}

}  // namespace

ConsoleStyle ConsoleStyle::for_stdout(int total) {
  ConsoleStyle style;
  const char* no_colour = std::getenv("NO_COLOR");
  const bool terminal = ::isatty(STDOUT_FILENO) == 1;
  style.colour = terminal && (no_colour == nullptr || no_colour[0] == '\0');
  style.total = terminal ? total : 0;
  return style;
}

void write_console_progress(std::ostream& out, const ScenarioResult& scenario,
                            const ConsoleStyle& style) {
  bool known = false;
  for (const auto& step : scenario.steps) {
    for (const auto& warning : step.warnings) known = known || warning.baselined;
  }
  const char* tag = scenario.outcome == Outcome::kFailed    ? "FAIL"
                    : scenario.outcome == Outcome::kSkipped ? "SKIP"
                    : known                                 ? "KNOWN"
                                                            : "PASS";
  // Green, red, yellow, cyan (ANSI SGR), only when the style says so.
  const char* colour = scenario.outcome == Outcome::kFailed    ? "\033[31m"
                       : scenario.outcome == Outcome::kSkipped ? "\033[33m"
                       : known                                 ? "\033[36m"
                                                               : "\033[32m";
  if (style.total > 0 && style.position > 0) {
    out << "[" << style.position << "/" << style.total << "] ";
  }
  if (style.colour) {
    out << colour << tag << "\033[0m";
  } else {
    out << tag;
  }
  out << std::string(tag == std::string("KNOWN") ? 1 : 2, ' ') << scenario.display_id();
  if (scenario.outcome == Outcome::kSkipped) {
    out << "  (" << scenario.skip_reason << ")";
  } else {
    out << "  (" << milliseconds_text(scenario.elapsed_ms) << ")";
  }
  out << "\n";
  // Under the failing scenario, so that a reader knows what its failure kept unchecked.
  for (const auto& line : not_run_lines(not_run_of(scenario))) out << "      " << line << "\n";
  out.flush();
}

void write_console_summary(std::ostream& out, const RunResult& run) {
  write_groups(out, run, FindingKind::kFailure, "Failures");
  // Not only failed scenarios: a baselined failure still kept the later steps from running.
  bool not_run_header = false;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      for (const auto& line : not_run_lines(not_run_of(scenario))) {
        if (!not_run_header) {
          out << "\nNot run (an earlier step failed):\n";
          not_run_header = true;
        }
        out << "  " << scenario.display_id() << ": " << line << "\n";
      }
    }
  }
  // Skipped scenarios by reason: a missing credential, a vendor not probed further, a deadline.
  std::vector<std::pair<std::string, int>> skip_reasons;
  for (const auto& suite : run.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (scenario.outcome != Outcome::kSkipped) continue;
      // The vendors a profile does not name are counted in one line by the command itself.
      if (scenario.skip_reason.rfind("not configured: the profile has no vendors.", 0) == 0)
        continue;
      auto at = std::find_if(skip_reasons.begin(), skip_reasons.end(), [&](const auto& entry) {
        return entry.first == scenario.skip_reason;
      });
      if (at == skip_reasons.end()) {
        skip_reasons.emplace_back(scenario.skip_reason, 1);
      } else {
        ++at->second;
      }
    }
  }
  if (!skip_reasons.empty()) {
    out << "\nSkipped:\n";
    for (const auto& [reason, count] : skip_reasons) out << "  " << count << "x " << reason << "\n";
  }
  // Warnings do not fail a run, but a vendor should see them next to the failures.
  write_groups(out, run, FindingKind::kWarning, "Warnings");
  write_groups(out, run, FindingKind::kKnown, "Known (in the baseline " + run.baseline + ")");
  if (!run.resolved.empty()) {
    out << "\nResolved (in the baseline " << run.baseline << ", no longer seen):\n";
    for (const auto& resolved : run.resolved) {
      out << "  " << resolved.scenario << ": " << resolved.message << "\n";
    }
  }
  if (run.generation_seed) {
    out << (run.seeded_command == "explore" ? "\nExplored" : "\nGenerated") << " with seed "
        << *run.generation_seed << " (replay: " << replay_command(run) << ")\n";
  }
  if (run.shuffle_seed) out << "\nOrder: shuffled with seed " << *run.shuffle_seed;
  if (run.repeat > 1) out << (run.shuffle_seed ? ", " : "\n") << run.repeat << " rounds";
  if (run.shuffle_seed || run.repeat > 1) out << "\n";
  if (run.throttled_answers > 0 || run.throttle_gave_up > 0) {
    char waited[32];
    std::snprintf(waited, sizeof waited, "%.1f", run.throttle_wait_ms / 1000.0);
    out << "\nThrottled: the target answered " << run.throttled_answers
        << " requests with 429 or 503 + Retry-After; waited " << waited
        << " s in all and retried them";
    if (run.throttle_gave_up > 0) {
      out << "; " << run.throttle_gave_up
          << " were still throttled after --max-wait-ms and are judged as answered";
    }
    out << "\n";
  }
  out << "\nRan in " << milliseconds_text(run.elapsed_ms) << "\n";
  out << run.count(Outcome::kPassed) << " passed, " << run.count(Outcome::kFailed) << " failed, "
      << run.count(Outcome::kSkipped) << " skipped";
  if (!run.baseline.empty()) out << ", " << run.baselined_count() << " baselined";
  out << std::endl;
}

}  // namespace statuskit::conformance
