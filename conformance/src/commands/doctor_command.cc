#include "commands/doctor_command.h"

#include <iostream>

#include "scenarios/preflight.h"
#include "scenarios/secret_mask.h"
#include "statuskit/data_dir.h"
#include "statuskit/program_name.h"

namespace statuskit::conformance {

int check_before_running(const RunCommandOptions& given, std::ostream& out, bool verbose,
                         const TargetProfile* profile) {
  const RunCommandOptions options = with_data_paths_resolved(given);
  RunOptions run_options;
  std::vector<std::pair<std::string, std::string>> vendors;
  try {
    require_existing(options.specs_dir, "folder", "--specs-dir");
    if (profile != nullptr) {
      run_options.profile = *profile;
    } else {
      require_existing(options.profile, "file", "--profile");
      run_options.profile = TargetProfile::load_file(options.profile);
    }
    for (const auto& suite : load_suites(options)) vendors.emplace_back(suite.name, suite.spec);
    run_options.extra_headers = parse_headers(options.headers);
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << error.what() << "\n";
    return 2;
  }
  run_options.target = options.target;
  run_options.specs_dir = options.specs_dir;
  run_options.timeout_ms = options.timeout_ms;
  run_options.insecure = options.insecure;
  run_options.max_response_bytes = options.max_response_bytes;
  run_options.throttle = throttle_policy_of(options);
  const SecretMask mask = options.reveal_secrets
                              ? SecretMask()
                              : SecretMask::of(run_options.profile, run_options.extra_headers);
  PreflightReport report;
  try {
    report = preflight(run_options, vendors);
  } catch (const std::exception& error) {
    std::cerr << program_name() << ": " << mask.apply(error.what()) << "\n";
    return 2;
  }
  if (verbose) {
    for (const auto& check : report.checks) out << "doctor: " << mask.apply(check) << "\n";
    for (const auto& unchecked : report.unchecked)
      out << "doctor: not checked: " << unchecked << "\n";
  }
  if (report.root_cause) {
    std::cerr << program_name() << ": " << (verbose ? "doctor" : "preflight") << ": "
              << mask.apply(*report.root_cause)
              << (verbose ? "\n" : " (--no-preflight skips this check)\n");
    return 2;
  }
  if (verbose) out << "doctor: the profile and the target agree; ready to run\n";
  return 0;
}

void add_doctor_command(CLI::App& app, RunCommandOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "doctor",
      "Check a profile against its target before a run: for each vendor, one read as each role "
      "its generate section names (base URL, path prefix, credentials accepted or refused as the "
      "role says), stopping at the first root cause. Exit 0 ready, 2 a problem.");
  command->add_option("--target", options.target,
                      "Base URL of the target (default: the profile's base_url)");
  options.profile = (data_dir() / "fixtures/targets/mock.yaml").string();
  command->add_option("--profile", options.profile, "Target profile")->capture_default_str();
  options.suites_dir = (data_dir() / "conformance/suites").string();
  options.specs_dir = (data_dir() / "specs").string();
  command->add_option("--suite", options.suites, "Comma-separated vendors to check (default: all)");
  command->add_option("--suites-dir", options.suites_dir, "Folder with the suite files")
      ->capture_default_str();
  command->add_option("--specs-dir", options.specs_dir, "Folder with the OpenAPI documents")
      ->capture_default_str();
  command->add_option("--timeout-ms", options.timeout_ms, "Per-request timeout")
      ->check(CLI::Range(1L, 600000L))
      ->capture_default_str();
  command->add_flag("--insecure", options.insecure, "Do not verify TLS certificates");
  command->add_option("--header", options.headers,
                      "Extra header on every request, 'Name: value' (repeatable)");
  add_reveal_secrets_flag(*command, options);
  command->callback([&options, &exit_code] {
    exit_code = check_before_running(options, std::cout, /*verbose=*/true);
  });
}

}  // namespace statuskit::conformance
