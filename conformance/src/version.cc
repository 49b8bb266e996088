#include "version.h"

#include "statuskit/version.h"

namespace statuskit::conformance {
std::string_view version() { return kVersion; }
}  // namespace statuskit::conformance
