#include "commands/generate_command.h"

#include <iostream>
#include <random>

#include "commands/doctor_command.h"
#include "generate/runner.h"
#include "report/reporters.h"
#include "scenarios/run_gate.h"
#include "scenarios/runner.h"
#include "scenarios/secret_mask.h"
#include "statuskit/data_dir.h"
#include "statuskit/program_name.h"

namespace statuskit::conformance {
namespace {

constexpr int kFailures = 1;
constexpr int kUsageError = 2;

int generate(const GenerateCommandOptions& given) {
  const RunCommandOptions options = with_data_paths_resolved(given.run);
  GenerateOptions generate_options;
  std::vector<ReportTarget> reports;
  try {
    reports = parse_reports(options.reports);
    require_existing(options.profile, "file", "--profile");
    require_existing(options.specs_dir, "folder", "--specs-dir");
    generate_options.profile = TargetProfile::load_file(options.profile);
    generate_options.profile_path = options.profile;
    // The suites name each vendor's spec; the generator needs nothing else from them.
    for (const auto& suite : load_suites(options)) {
      generate_options.vendors.emplace_back(suite.name, suite.spec);
    }
    generate_options.extra_headers = parse_headers(options.headers);
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << error.what() << "\n";
    return kUsageError;
  }
  generate_options.target = options.target;
  generate_options.specs_dir = options.specs_dir;
  generate_options.timeout_ms = options.timeout_ms;
  generate_options.insecure = options.insecure;
  generate_options.max_response_bytes = options.max_response_bytes;
  generate_options.throttle = throttle_policy_of(options);
  generate_options.deadline_s = options.deadline_s;
  generate_options.strict = options.strict;
  generate_options.max_cases = given.max_cases;
  if (given.seed) {
    generate_options.seed = *given.seed;
  } else {
    std::random_device entropy;
    generate_options.seed = (static_cast<std::uint64_t>(entropy()) << 32) | entropy();
  }
  std::cout << "generate: seed " << generate_options.seed
            << " (the same --seed replays this run)\n";
  const SecretMask mask = options.reveal_secrets ? SecretMask()
                                                 : SecretMask::of(generate_options.profile,
                                                                  generate_options.extra_headers);
  if (!options.quiet) {
    generate_options.on_case = [&mask](const ScenarioResult& scenario) {
      ScenarioResult shown = scenario;
      mask.apply(shown);
      write_console_progress(std::cout, shown);
    };
  }
  if (!options.no_preflight) {
    if (const int status = check_before_running(given.run, std::cout, /*verbose=*/false,
                                                &generate_options.profile)) {
      return status;
    }
  }
  RunResult result;
  try {
    result = run_generated(generate_options);
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << mask.apply(error.what()) << "\n";
    return kUsageError;
  }
  mask.apply(result);
  write_console_summary(std::cout, result);
  if (!write_report_files(reports, result)) return kUsageError;
  // As for `run`: a generation that tested nothing is not a pass.
  const auto untested = untested_reasons(result, generate_options.profile);
  for (const auto& reason : untested)
    std::cerr << program_name() << ": not a pass: " << reason << "\n";
  return result.count(Outcome::kFailed) > 0 || !untested.empty() ? kFailures : 0;
}

}  // namespace

void add_generate_command(CLI::App& app, GenerateCommandOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "generate",
      "Generate tests from the specs (positive, one-constraint negative, hostile, auth and "
      "method cases) and fire them at a target; oracles: the documented status, the spec, and "
      "the target's state read back. Exit 0 no failures, 1 failures, 2 usage or unreachable.");
  RunCommandOptions& run = options.run;
  command->add_option("--target", run.target,
                      "Base URL of the target (default: the profile's base_url)");
  run.profile = (data_dir() / "fixtures/targets/mock.yaml").string();
  run.suites_dir = (data_dir() / "conformance/suites").string();
  run.specs_dir = (data_dir() / "specs").string();
  command
      ->add_option("--profile", run.profile,
                   "Target profile; its vendors' `generate` sections give the requests")
      ->capture_default_str();
  command->add_option("--suite", run.suites,
                      "Comma-separated vendors (suite names) to generate for (default: all)");
  command
      ->add_option("--suites-dir", run.suites_dir,
                   "Folder with the suite files (they name "
                   "each vendor's spec)")
      ->capture_default_str();
  command->add_option("--specs-dir", run.specs_dir, "Folder with the OpenAPI documents")
      ->capture_default_str();
  command->add_option("--seed", options.seed,
                      "Seed of the case generator (default: random; every report prints it, "
                      "and the same seed replays the same run)");
  command->add_option("--max-cases", options.max_cases,
                      "At most N cases per operation, drawn by the seed (default: all)");
  command->add_option("--report", run.reports,
                      "junit:PATH, json:PATH, html:PATH, sarif:PATH or ctrf:PATH (repeatable)");
  command->add_option("--timeout-ms", run.timeout_ms, "Per-request timeout")
      ->check(CLI::Range(1L, 600000L))
      ->capture_default_str();
  command->add_flag("--insecure", run.insecure, "Do not verify TLS certificates");
  command->add_flag("--strict", run.strict,
                    "Deviations from responses the specs mark as inferred fail instead of warn");
  command->add_option("--header", run.headers,
                      "Extra header on every request, 'Name: value' (repeatable)");
  add_reveal_secrets_flag(*command, run);
  add_max_response_bytes_option(*command, run);
  add_no_preflight_flag(*command, run);
  add_deadline_option(*command, run);
  command->add_flag("--quiet", run.quiet, "No progress lines, only failures and the summary");
  command->callback([&options, &exit_code] { exit_code = generate(options); });
}

}  // namespace statuskit::conformance
