#include "version.h"

namespace statuskit::conformance {
std::string_view version() { return "0.1.0"; }
}  // namespace statuskit::conformance
