#pragma once
// `conformance check-spec FILE...`: the engine's half of the spec lint (tools/lint-specs).

namespace CLI {
class App;
}

#include <string>
#include <vector>

namespace statuskit::conformance {

void add_check_spec_command(CLI::App& app, std::vector<std::string>& files, int& exit_code);

}  // namespace statuskit::conformance
