#include "commands/run_command.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands/doctor_command.h"
#include "report/reporters.h"
#include "scenarios/baseline.h"
#include "scenarios/run_gate.h"
#include "scenarios/runner.h"
#include "scenarios/secret_mask.h"
#include "statuskit/data_dir.h"
#include "statuskit/program_name.h"

namespace statuskit::conformance {
namespace {

constexpr int kMismatches = 1;
constexpr int kUsageError = 2;

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == ',') {
      if (!current.empty()) parts.push_back(current);
      current.clear();
    } else if (c != ' ') {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

/// " (relative to /where/the/runner/was/started or to /the/bundled/data)" for a relative path,
/// the two places it was looked for (statuskit/data_dir.h).
std::string resolved_from(const std::string& path) {
  std::error_code error;
  if (std::filesystem::path(path).is_absolute()) return "";
  const auto here = std::filesystem::current_path(error);
  return error ? "" : " (relative to " + here.string() + " or to " + data_dir().string() + ")";
}

}  // namespace

/// Throws std::invalid_argument when `path` is not an existing `kind` ("file" or "folder").
void require_existing(const std::string& path, const char* kind, const char* option) {
  std::error_code error;
  const bool folder = std::string(kind) == "folder";
  const bool exists = folder ? std::filesystem::is_directory(path, error)
                             // A pipe too: `--profile <(printf ...)` keeps a profile's secrets
                             // off the disk (docs/ci.md).
                             : std::filesystem::is_regular_file(path, error) ||
                                   std::filesystem::is_fifo(path, error);
  if (!exists) {
    throw std::invalid_argument(std::string(option) + " " + path + ": no such " + kind +
                                resolved_from(path));
  }
}

/// The options with each data path the user gave looked up here, then in the bundled data.
RunCommandOptions with_data_paths_resolved(RunCommandOptions options) {
  options.profile = resolve_data_path(options.profile, data_dir());
  options.suites_dir = resolve_data_path(options.suites_dir, data_dir());
  options.specs_dir = resolve_data_path(options.specs_dir, data_dir());
  return options;
}

/// Every suite file in the folder (sorted), or those named. Throws std::invalid_argument.
std::vector<std::pair<std::string, std::string>> parse_headers(
    const std::vector<std::string>& headers) {
  std::vector<std::pair<std::string, std::string>> parsed;
  for (const auto& header : headers) {
    const auto colon = header.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw std::invalid_argument("--header " + header + ": expected 'Name: value'");
    }
    std::string value = header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    parsed.emplace_back(header.substr(0, colon), std::move(value));
  }
  return parsed;
}

std::vector<Suite> load_suites(const RunCommandOptions& options) {
  namespace fs = std::filesystem;
  require_existing(options.suites_dir, "folder", "--suites-dir");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(options.suites_dir)) {
    if (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Suite> suites;
  for (const auto& file : files) {
    Suite suite = Suite::load_file(file.string());
    if (suite.name != file.stem().string()) {
      throw std::invalid_argument(file.string() + ": /suite: \"" + suite.name +
                                  "\" must match the file name");
    }
    suites.push_back(std::move(suite));
  }
  const auto wanted = split_commas(options.suites);
  if (wanted.empty()) return suites;
  std::vector<Suite> selected;
  for (const auto& name : wanted) {
    auto it =
        std::find_if(suites.begin(), suites.end(), [&](const Suite& s) { return s.name == name; });
    if (it == suites.end())
      throw std::invalid_argument("no suite called '" + name + "' in " + options.suites_dir);
    selected.push_back(*it);
  }
  return selected;
}

std::vector<ReportTarget> parse_reports(const std::vector<std::string>& reports) {
  std::vector<ReportTarget> targets;
  for (const auto& report : reports) {
    const auto colon = report.find(':');
    const std::string format = report.substr(0, colon);
    if (format != "junit" && format != "json" && format != "html" && format != "sarif" &&
        format != "ctrf") {
      throw std::invalid_argument("--report " + report +
                                  ": the format is junit, json, html, sarif or ctrf");
    }
    std::string path = colon == std::string::npos ? "" : report.substr(colon + 1);
    if (path.empty())
      path = "reports/conformance." + std::string(format == "junit"  ? "xml"
                                                  : format == "ctrf" ? "ctrf.json"
                                                                     : format);
    targets.push_back({format, path});
  }
  return targets;
}

bool write_report_files(const std::vector<ReportTarget>& reports, const RunResult& result) {
  for (const auto& report : reports) {
    std::error_code ignored;
    const auto folder = std::filesystem::path(report.path).parent_path();
    if (!folder.empty()) std::filesystem::create_directories(folder, ignored);
    std::ofstream out(report.path, std::ios::binary);
    if (report.format == "junit") write_junit(out, result);
    if (report.format == "json") write_json(out, result);
    if (report.format == "html") write_html(out, result);
    if (report.format == "sarif") write_sarif(out, result);
    if (report.format == "ctrf") write_ctrf(out, result);
    if (!out) {
      std::cerr << program_name() << ": cannot write " << report.path << "\n";
      return false;
    }
    std::cout << report.format << " report: " << report.path << "\n";
  }
  return true;
}

namespace {

/// `scenario` as the summary will judge it: mismatches the baseline knows (or, when
/// recording, every mismatch) moved to baselined warnings.
ScenarioResult as_judged(const ScenarioResult& scenario, const Baseline* baseline, bool recording) {
  if (baseline == nullptr && !recording) return scenario;
  RunResult one;
  one.suites.push_back(SuiteResult{scenario.suite, "", "", {scenario}, {}, {}});
  if (baseline != nullptr) apply_baseline(*baseline, "", one);
  if (recording) apply_baseline(Baseline::from_run(one), "", one);
  return one.suites.front().scenarios.front();
}

int run(const RunCommandOptions& given) {
  const RunCommandOptions options = with_data_paths_resolved(given);
  RunOptions run_options;
  std::vector<ReportTarget> reports;
  std::optional<Baseline> baseline;
  try {
    reports = parse_reports(options.reports);
    require_existing(options.profile, "file", "--profile");
    require_existing(options.specs_dir, "folder", "--specs-dir");
    if (!options.baseline.empty()) {
      require_existing(options.baseline, "file", "--baseline");
      baseline = Baseline::load_file(options.baseline);
    }
    run_options.profile = TargetProfile::load_file(options.profile);
    run_options.profile_path = options.profile;
    check_profile_vendors(run_options.profile, options.profile, suite_names_in(options.suites_dir));
    run_options.suites = load_suites(options);
    if (scenarios_selected(run_options.suites, options.scenario_glob) == 0) {
      throw std::invalid_argument("--scenario '" + options.scenario_glob +
                                  "' selects no scenario (`conformance list` shows their ids)");
    }
    run_options.extra_headers = parse_headers(options.headers);
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << error.what() << "\n";
    return kUsageError;
  }
  run_options.target = options.target;
  run_options.specs_dir = options.specs_dir;
  run_options.scenario_glob = options.scenario_glob;
  run_options.timeout_ms = options.timeout_ms;
  run_options.insecure = options.insecure;
  run_options.max_response_bytes = options.max_response_bytes;
  run_options.throttle = throttle_policy_of(options);
  run_options.deadline_s = options.deadline_s;
  run_options.strict = options.strict;
  run_options.shuffle_seed = options.shuffle_seed;
  run_options.repeat = options.repeat;
  const SecretMask mask = options.reveal_secrets
                              ? SecretMask()
                              : SecretMask::of(run_options.profile, run_options.extra_headers);
  // Progress lines judge each scenario as the summary will: with the baseline's deviations
  // known (KNOWN, not FAIL), and with --write-baseline every mismatch about to be recorded.
  const bool recording = !options.write_baseline.empty();
  int printed = 0;
  int to_print = 0;
  for (const auto& suite : run_options.suites) {
    if (!run_options.profile.vendors.contains(suite.name)) continue;
    to_print += static_cast<int>(scenarios_selected({suite}, options.scenario_glob));
  }
  to_print *= options.repeat;
  ConsoleStyle style = ConsoleStyle::for_stdout(to_print);
  if (!options.quiet) {
    // Scenarios of vendors the profile does not name are summed up in one line at the end.
    run_options.on_scenario = [&profile = run_options.profile, &mask, &baseline, recording,
                               &printed, &style](const ScenarioResult& scenario) {
      if (skipped_as_unnamed_vendor(scenario, profile)) return;
      ScenarioResult shown = as_judged(scenario, baseline ? &*baseline : nullptr, recording);
      mask.apply(shown);
      style.position = ++printed;
      write_console_progress(std::cout, shown, style);
    };
  }
  // A wrong URL, path or credential is one sentence here, not a mismatch in every scenario.
  if (!options.no_preflight) {
    if (const int status =
            check_before_running(given, std::cout, /*verbose=*/false, &run_options.profile)) {
      return status;
    }
  }
  RunResult result;
  try {
    result = run_suites(run_options);
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << mask.apply(error.what()) << "\n";
    return kUsageError;
  }
  // Before the baseline: it records and matches mismatches as reports show them.
  mask.apply(result);
  if (baseline) apply_baseline(*baseline, options.baseline, result);
  if (!options.write_baseline.empty()) {
    // Recording makes today's mismatches known: the run is then judged against them.
    const Baseline recorded = Baseline::from_run(result);
    try {
      recorded.save(options.write_baseline, result);
    } catch (const std::exception& error) {
      std::cerr << program_name() << ": " << error.what() << "\n";
      return kUsageError;
    }
    apply_baseline(recorded, options.write_baseline, result);
    std::cout << "baseline: " << recorded.entries.size() << " known deviations recorded in "
              << options.write_baseline;
    // A deviation seen in several rounds (--repeat) is one entry but several mismatches.
    if (static_cast<int>(recorded.entries.size()) != result.baselined_count()) {
      std::cout << " (" << result.baselined_count() << " mismatches of this run)";
    }
    std::cout << "\n";
  }
  if (!options.quiet) {
    const std::string skips = unnamed_vendor_skips_line(result, run_options.profile);
    if (!skips.empty()) std::cout << skips << "\n";
  }
  if (options.quiet) {
    // Nothing was printed before it: no blank line to separate it from.
    std::ostringstream summary;
    write_console_summary(summary, result);
    const std::string text = summary.str();
    std::cout << text.substr(std::min(text.find_first_not_of('\n'), text.size()));
  } else {
    write_console_summary(std::cout, result);
  }
  if (!write_report_files(reports, result)) return kUsageError;
  // A gate that passes because nothing ran would be the worst answer it could give.
  const auto untested = untested_reasons(result, run_options.profile);
  for (const auto& reason : untested)
    std::cerr << program_name() << ": not a pass: " << reason << "\n";
  return result.count(Outcome::kFailed) > 0 || !untested.empty() ? kMismatches : 0;
}

}  // namespace

ThrottlePolicy throttle_policy_of(const RunCommandOptions& options) {
  ThrottlePolicy policy;
  policy.max_wait_ms = options.max_wait_ms;
  policy.requests_per_second = options.rate_limit;
  return policy;
}

void add_max_response_bytes_option(CLI::App& command, RunCommandOptions& options) {
  command
      .add_option("--max-response-bytes", options.max_response_bytes,
                  "Read at most this many bytes of an answer's body; a longer one is a transport "
                  "mismatch, and the run goes on")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 34))
      ->capture_default_str();
  // Throttling shares the place: every command that sends has both.
  command
      .add_option("--max-wait-ms", options.max_wait_ms,
                  "A 429 (or 503 with Retry-After) is the target asking to be called later: wait "
                  "as it says and retry, up to this long per request; then the answer is judged")
      ->check(CLI::Range(0L, 3600000L))
      ->capture_default_str();
  command
      .add_option("--rate-limit", options.rate_limit,
                  "At most this many requests a second (vendors run one after another, so "
                  "this is each vendor's rate); 0: as fast as the target answers")
      ->check(CLI::Range(0.0, 100000.0))
      ->capture_default_str();
}

void add_deadline_option(CLI::App& command, RunCommandOptions& options) {
  command
      .add_option("--deadline-s", options.deadline_s,
                  "Start no scenario after this many seconds: the rest are skipped and the run "
                  "fails, saying so (a vendor whose last 3 requests got no answer in time is "
                  "not probed further in any case)")
      ->check(CLI::Range(1L, 7L * 24 * 3600));
}

void add_no_preflight_flag(CLI::App& command, RunCommandOptions& options) {
  command.add_flag("--no-preflight", options.no_preflight,
                   "Do not check the profile against the target first (`conformance doctor`: "
                   "one read per vendor and role, stopping at a wrong URL, path or credential)");
}

void add_reveal_secrets_flag(CLI::App& command, RunCommandOptions& options) {
  command.add_flag("--reveal-secrets", options.reveal_secrets,
                   "Show the profile's credentials and --header values in the console and the "
                   "reports (by default each is replaced by a marker such as "
                   "\u00abvendors.pria.roles.admin.token\u00bb); for a local debugging run only");
}

namespace {

void add_shared_options(CLI::App& command, RunCommandOptions& options) {
  options.suites_dir = (data_dir() / "conformance/suites").string();
  options.specs_dir = (data_dir() / "specs").string();
  command.add_option("--suite", options.suites, "Comma-separated suites to run (default: all)");
  command.add_option("--scenario", options.scenario_glob,
                     "Only scenarios whose id matches this glob");
  command.add_option("--suites-dir", options.suites_dir, "Folder with the suite files")
      ->capture_default_str();
  command.add_option("--specs-dir", options.specs_dir, "Folder with the OpenAPI documents")
      ->capture_default_str();
}

}  // namespace

void add_run_command(CLI::App& app, RunCommandOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "run",
      "Fire the scenario suites at a target and check every answer against the specs. "
      "Exit 0 all passed, 1 mismatches, 2 usage, configuration or unreachable target.");
  command->add_option("--target", options.target,
                      "Base URL of the target (default: the profile's base_url)");
  options.profile = (data_dir() / "fixtures/targets/mock.yaml").string();
  command
      ->add_option("--profile", options.profile,
                   "Target profile (default: the bundled statuskit mock's; a relative path not "
                   "found here is looked up in the bundled data)")
      ->capture_default_str();
  add_shared_options(*command, options);
  command->add_option(
      "--report", options.reports,
      "junit:PATH, json:PATH, html:PATH, sarif:PATH or ctrf:PATH (repeatable; PATH defaults "
      "to reports/conformance.<xml|json|html|sarif|ctrf.json>)");
  command->add_option("--timeout-ms", options.timeout_ms, "Per-request timeout")
      ->check(CLI::Range(1L, 600000L))
      ->capture_default_str();
  command->add_flag("--insecure", options.insecure, "Do not verify TLS certificates");
  command->add_flag("--strict", options.strict,
                    "Deviations from responses the specs mark as inferred fail instead of warn");
  command->add_option("--header", options.headers,
                      "Extra header on every request, 'Name: value' (repeatable)");
  add_reveal_secrets_flag(*command, options);
  add_max_response_bytes_option(*command, options);
  add_no_preflight_flag(*command, options);
  add_deadline_option(*command, options);
  command->add_flag("--quiet", options.quiet, "No progress lines, only failures and the summary");
  command->add_option("--shuffle", options.shuffle_seed,
                      "Run suites and scenarios in an order drawn from this seed (the summary "
                      "prints it; the same seed gives the same order)");
  command
      ->add_option("--repeat", options.repeat,
                   "Run every selected scenario N times in a row (scenarios must leave the "
                   "target as they found it)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->add_option("--baseline", options.baseline,
                      "Known deviations (a file written by --write-baseline): they warn, only new "
                      "mismatches fail, and the ones that no longer occur are listed as resolved");
  command->add_option("--write-baseline", options.write_baseline,
                      "Record this run's mismatches as the target's known deviations in FILE "
                      "(the run then passes unless it cannot write the file)");
  command->callback([&options, &exit_code] { exit_code = run(options); });
}

void add_list_command(CLI::App& app, RunCommandOptions& options, int& exit_code) {
  auto* command =
      app.add_subcommand("list", "List the suites and their scenarios with requirements");
  add_shared_options(*command, options);
  command->callback([&options, &exit_code] {
    try {
      const auto selected = [&options](const Scenario& scenario) {
        return options.scenario_glob.empty() ||
               fnmatch(options.scenario_glob.c_str(), scenario.id.c_str(), 0) == 0;
      };
      for (const auto& suite : load_suites(with_data_paths_resolved(options))) {
        if (std::none_of(suite.scenarios.begin(), suite.scenarios.end(), selected)) continue;
        std::cout << suite.name << " (" << suite.spec << ", " << suite.scenarios.size()
                  << " scenarios): " << suite.description << "\n";
        for (const auto& scenario : suite.scenarios) {
          if (!selected(scenario)) continue;
          std::cout << "  " << scenario.id << "  " << scenario.requirement << "  ["
                    << scenario.source.to_string() << "]";
          if (!scenario.catches.empty()) {
            std::cout << "  [catches:";
            for (const auto& defect : scenario.catches) std::cout << " " << defect;
            std::cout << "]";
          }
          std::cout << "\n";
        }
      }
      exit_code = 0;
    } catch (const std::exception& error) {
      std::cerr << program_name() << ": " << error.what() << "\n";
      exit_code = kUsageError;
    }
  });
}

}  // namespace statuskit::conformance
