#pragma once
// Hostile strings for path and query parameters: the classes of values that break real
// servers. The request builder percent-encodes them, so a server sees each byte as written.

#include <string>
#include <vector>

namespace statuskit::conformance {

struct HostileValue {
  std::string value;
  std::string hostile_class;  ///< "prototype", "traversal", "control", "utf8", "long", "number", …
  std::string description;
};

/// Every hostile value, in a fixed order. None is empty or a bare dot segment (either would
/// route the request to another path, not test this one) and none holds "${" (the request
/// builder's template syntax).
const std::vector<HostileValue>& hostile_values();

}  // namespace statuskit::conformance
