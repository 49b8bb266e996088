// conformance: checks a target server (or a captured document) against the bundled specs.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands/check_spec_command.h"
#include "commands/doctor_command.h"
#include "commands/explore_command.h"
#include "commands/generate_command.h"
#include "commands/run_command.h"
#include "commands/validate_command.h"
#include "statuskit/program_name.h"
#include "version.h"

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "statuskit conformance: validate documents and run scenario suites against a "
      "target server"};
  app.set_version_flag("--version",
                       "statuskit conformance " + std::string(statuskit::conformance::version()));
  app.require_subcommand(1);
  // Every subcommand's options on one page (the man page is made from it).
  app.set_help_all_flag("--help-all", "Print the help of every subcommand and exit");
  int exit_code = 0;
  statuskit::conformance::ValidateOptions validate;
  statuskit::conformance::add_validate_command(app, validate, exit_code);
  std::vector<std::string> spec_files;
  statuskit::conformance::add_check_spec_command(app, spec_files, exit_code);
  statuskit::conformance::RunCommandOptions run_options;
  statuskit::conformance::add_run_command(app, run_options, exit_code);
  statuskit::conformance::add_list_command(app, run_options, exit_code);
  statuskit::conformance::RunCommandOptions doctor_options;
  statuskit::conformance::add_doctor_command(app, doctor_options, exit_code);
  statuskit::conformance::GenerateCommandOptions generate_options;
  statuskit::conformance::add_generate_command(app, generate_options, exit_code);
  statuskit::conformance::ExploreCommandOptions explore_options;
  statuskit::conformance::add_explore_command(app, explore_options, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return 2;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  statuskit::set_program_name(argc > 0 ? argv[0] : nullptr, "statuskit-conformance");
  // What run() does not handle where it happens (an exception from the command-line library or
  // the standard library) ends the program with its message and status 1, not with an abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << statuskit::program_name() << ": " << error.what() << "\n";
  } catch (...) {
    std::cerr << statuskit::program_name() << ": unknown error\n";
  }
  return 1;
}
