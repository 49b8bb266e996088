#pragma once
// `conformance validate`: check one JSON document against a schema or a spec's operation, by
// hand (e.g. a response a vendor captured). Exit 0 valid, 1 invalid, 2 usage/unreadable input.

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace statuskit::conformance {

struct ValidateOptions {
  std::string document;  ///< the JSON (or YAML) file to check
  // Either a schema file (+ optional pointer) ...
  std::string schema_file;
  std::string pointer;
  std::string dialect;  ///< oas30 | oas31 | draft4 | draft7; default per source
  // ... or a spec + operation (+ status for a response, or --request).
  std::string spec_file;
  std::string operation_id;
  int status = 0;
  bool request = false;
  std::string content_type = "application/json";
};

/// Registers the subcommand; `exit_code` receives the result when it runs.
void add_validate_command(CLI::App& app, ValidateOptions& options, int& exit_code);

/// Runs a validation and prints to `out` / `err`; returns the exit code.
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace statuskit::conformance
