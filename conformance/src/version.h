#pragma once
#include <string_view>

namespace statuskit::conformance {
/// The runner's version, printed by `conformance --version` and written into reports.
std::string_view version();
}  // namespace statuskit::conformance
