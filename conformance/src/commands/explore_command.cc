#include "commands/explore_command.h"

#include <iostream>
#include <memory>
#include <random>

#include "commands/doctor_command.h"
#include "explore/reference_mock.h"
#include "explore/runner.h"
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

/// The mock profile with its base_url pointing at a started mock.
ExploreServer started_reference(const ReferenceMock& mock, const TargetProfile& profile) {
  ExploreServer server{mock.base_url(), profile};
  server.profile.base_url = mock.base_url();
  server.profile.statuskit_mock = true;
  server.profile.admin_token.clear();
  return server;
}

int explore(const ExploreCommandOptions& given) {
  const RunCommandOptions options = with_data_paths_resolved(given.run);
  ExploreOptions explore_options;
  std::vector<ReportTarget> reports;
  std::vector<std::unique_ptr<ReferenceMock>> mocks;
  try {
    reports = parse_reports(options.reports);
    require_existing(options.profile, "file", "--profile");
    require_existing(options.specs_dir, "folder", "--specs-dir");
    explore_options.target.profile = TargetProfile::load_file(options.profile);
    explore_options.target.base_url = options.target;
    explore_options.profile_path = options.profile;
    for (const auto& suite : load_suites(options)) {
      explore_options.vendors.emplace_back(suite.name, suite.spec);
    }
    explore_options.extra_headers = parse_headers(options.headers);
    const std::string reference_profile = resolve_data_path(
        given.reference_profile.empty() ? "fixtures/targets/mock.yaml" : given.reference_profile,
        data_dir());
    require_existing(reference_profile, "file", "--reference-profile");
    const TargetProfile model_profile = TargetProfile::load_file(reference_profile);
    if (!given.reference.empty()) {
      explore_options.references.push_back({given.reference, model_profile});
    } else {
      const std::string fixtures = resolve_data_path(
          given.reference_fixtures.empty() ? "fixtures" : given.reference_fixtures, data_dir());
      require_existing(fixtures, "folder", "--reference-fixtures");
      ReferenceMockOptions mock_options{find_mock_program(given.mock_program), options.specs_dir,
                                        fixtures, false};
      mocks.push_back(std::make_unique<ReferenceMock>(mock_options));
      explore_options.references.push_back(started_reference(*mocks.back(), model_profile));
      if (!given.no_alternative) {
        mock_options.alternative = true;
        mocks.push_back(std::make_unique<ReferenceMock>(mock_options));
        explore_options.references.push_back(started_reference(*mocks.back(), model_profile));
      }
    }
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << error.what() << "\n";
    return kUsageError;
  }
  explore_options.specs_dir = options.specs_dir;
  explore_options.timeout_ms = options.timeout_ms;
  explore_options.insecure = options.insecure;
  explore_options.max_response_bytes = options.max_response_bytes;
  explore_options.throttle = throttle_policy_of(options);
  explore_options.deadline_s = given.time_budget_s;
  explore_options.max_failures = given.max_failures;
  explore_options.strict = options.strict;
  explore_options.sequences = given.sequences;
  explore_options.max_calls = given.max_steps;
  explore_options.only_sequence = given.sequence;
  if (given.seed) {
    explore_options.seed = *given.seed;
  } else {
    std::random_device entropy;
    explore_options.seed = (static_cast<std::uint64_t>(entropy()) << 32) | entropy();
  }
  explore_options.replay_command = program_name() + " explore --profile " + options.profile +
                                   (options.target.empty() ? "" : " --target " + options.target);
  std::cout << "explore: seed " << explore_options.seed
            << " (the same --seed replays this run); the model: "
            << explore_options.references.front().base_url
            << (explore_options.references.size() > 1
                    ? " and its inferred alternative " + explore_options.references[1].base_url
                    : std::string())
            << "\n";
  const SecretMask mask = options.reveal_secrets ? SecretMask()
                                                 : SecretMask::of(explore_options.target.profile,
                                                                  explore_options.extra_headers);
  if (!options.quiet) {
    explore_options.on_sequence = [&mask](const ScenarioResult& scenario) {
      ScenarioResult shown = scenario;
      mask.apply(shown);
      write_console_progress(std::cout, shown);
    };
  }
  if (!options.no_preflight) {
    if (const int status = check_before_running(given.run, std::cout, /*verbose=*/false,
                                                &explore_options.target.profile)) {
      return status;
    }
  }
  RunResult result;
  try {
    result = run_explore(explore_options);
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << mask.apply(error.what()) << "\n";
    return kUsageError;
  }
  mask.apply(result);
  write_console_summary(std::cout, result);
  // Each failing sequence in its smallest form, with the command that replays it.
  bool header = false;
  for (const auto& suite : result.suites) {
    for (const auto& scenario : suite.scenarios) {
      if (scenario.outcome != Outcome::kFailed) continue;
      if (!header) std::cout << "\nFailing sequences (shrunk):\n";
      header = true;
      std::cout << "  " << scenario.id << ": " << scenario.requirement << "\n";
    }
  }
  for (const auto& suite : result.suites) {
    if (suite.notes.empty()) continue;
    std::cout << "\n" << suite.name << ":\n";
    for (const auto& note : suite.notes) std::cout << "  " << note << "\n";
  }
  if (!write_report_files(reports, result)) return kUsageError;
  // As for `run`: an exploration that compared nothing is not a pass.
  const auto untested = untested_reasons(result, explore_options.target.profile);
  for (const auto& reason : untested)
    std::cerr << program_name() << ": not a pass: " << reason << "\n";
  return result.count(Outcome::kFailed) > 0 || !untested.empty() ? kFailures : 0;
}

}  // namespace

void add_explore_command(CLI::App& app, ExploreCommandOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "explore",
      "Random sequences of calls (every caller, target and value the profile names, near-miss "
      "ids, read-backs) sent to the target and to the model (statuskit mocks started from the "
      "bundled specs and fixtures, in both inferred modes); every answer and read-back is "
      "compared. A divergence on documented behaviour fails, on inferred behaviour warns; a "
      "failing sequence is shrunk and printed with a replay command. Exit 0 no failures, 1 "
      "failures or nothing explored, 2 usage, unreachable target or reference.");
  RunCommandOptions& run = options.run;
  command->add_option("--target", run.target,
                      "Base URL of the target (default: the profile's base_url)");
  run.profile = (data_dir() / "fixtures/targets/mock.yaml").string();
  run.suites_dir = (data_dir() / "conformance/suites").string();
  run.specs_dir = (data_dir() / "specs").string();
  command
      ->add_option("--profile", run.profile,
                   "Target profile; its vendors' `generate` sections give the requests, its "
                   "roles and users the abstract names")
      ->capture_default_str();
  command->add_option("--suite", run.suites,
                      "Comma-separated vendors (suite names) to explore (default: all)");
  command
      ->add_option("--suites-dir", run.suites_dir,
                   "Folder with the suite files (they name each vendor's spec)")
      ->capture_default_str();
  command->add_option("--specs-dir", run.specs_dir, "Folder with the OpenAPI documents")
      ->capture_default_str();
  command->add_option("--seed", options.seed,
                      "Seed of the sequences (default: random; printed, and the same seed "
                      "gives the same sequences on every machine)");
  command->add_option("--sequences", options.sequences, "Sequences per vendor")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  command->add_option("--max-steps", options.max_steps, "Calls per sequence at most")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100}))
      ->capture_default_str();
  command->add_option("--sequence", options.sequence,
                      "Run only sequence N of each vendor (the replay command of a finding)");
  command
      ->add_option("--time-budget", options.time_budget_s,
                   "Start no sequence after this many seconds (the coverage says what was "
                   "left)")
      ->check(CLI::Range(1L, 7L * 24 * 3600));
  command->add_option("--max-failures", options.max_failures,
                      "Stop starting sequences after N failed (default 0: run them all)");
  command->add_option("--reference", options.reference,
                      "Base URL of the model to compare with, a statuskit mock you run "
                      "(default: start one, and one in the inferred alternative mode)");
  command->add_option("--reference-profile", options.reference_profile,
                      "Profile mapping the abstract names on the model (default: the bundled "
                      "fixtures/targets/mock.yaml)");
  command->add_option("--mock-program", options.mock_program,
                      "The statuskit-mock program to start as the model (default: the one "
                      "installed next to this program, else statuskit-mock on the PATH)");
  command->add_option("--reference-fixtures", options.reference_fixtures,
                      "Fixtures folder the started model loads (default: the bundled one)");
  command->add_flag("--no-alternative", options.no_alternative,
                    "Compare with the default inferred choices only (no second mock)");
  command->add_option("--report", run.reports,
                      "junit:PATH, json:PATH, html:PATH, sarif:PATH or ctrf:PATH (repeatable)");
  command->add_option("--timeout-ms", run.timeout_ms, "Per-request timeout")
      ->check(CLI::Range(1L, 600000L))
      ->capture_default_str();
  command->add_flag("--insecure", run.insecure, "Do not verify the target's TLS certificate");
  command->add_flag("--strict", run.strict,
                    "Divergences on inferred behaviour fail instead of warn");
  command->add_option("--header", run.headers,
                      "Extra header on every request to the target, 'Name: value' (repeatable)");
  add_reveal_secrets_flag(*command, run);
  add_max_response_bytes_option(*command, run);
  add_no_preflight_flag(*command, run);
  command->add_flag("--quiet", run.quiet, "No progress lines, only failures and the summary");
  command->callback([&options, &exit_code] { exit_code = explore(options); });
}

}  // namespace statuskit::conformance
