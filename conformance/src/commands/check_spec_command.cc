#include "commands/check_spec_command.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "commands/spec_check.h"

namespace statuskit::conformance {

void add_check_spec_command(CLI::App& app, std::vector<std::string>& files, int& exit_code) {
  auto* command = app.add_subcommand(
      "check-spec",
      "Load OpenAPI documents with the engine: every $ref resolves, every schema compiles, "
      "every example validates. Exit 0 clean, 1 problems found.");
  command->add_option("files", files, "OpenAPI documents (YAML or JSON)")->required();
  command->callback([&files, &exit_code] {
    std::size_t problems = 0;
    for (const auto& file : files) {
      const auto found = check_spec_file(file);
      for (const auto& problem : found) std::cout << problem.to_string() << "\n";
      if (found.empty()) std::cout << file << ": ok\n";
      problems += found.size();
    }
    exit_code = problems == 0 ? 0 : 1;
  });
}

}  // namespace statuskit::conformance
