#include "control/operation_reference.h"

#include <stdexcept>

#include "statuskit/openapi/spec.h"

namespace statuskit::mock {

OperationReference resolve_operation(const std::string& text,
                                     const std::vector<ServedVendor>& vendors) {
  std::vector<OperationReference> matches;
  for (const auto& vendor : vendors) {
    const std::string name(vendor.module->name());
    // "vendor.operationId": operationIds never contain a dot here, vendor names never do.
    const bool qualified = text.size() > name.size() + 1 &&
                           text.compare(0, name.size(), name) == 0 && text[name.size()] == '.';
    const std::string operation_id = qualified ? text.substr(name.size() + 1) : text;
    if (vendor.spec->find_operation(operation_id) == nullptr) continue;
    if (qualified) return {name, operation_id};
    matches.push_back({name, operation_id});
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) throw std::invalid_argument("no served operation is called '" + text + "'");
  std::string names;
  for (const auto& match : matches) names += (names.empty() ? "" : " or ") + match.qualified();
  throw std::invalid_argument("'" + text + "' is an operation of " +
                              std::to_string(matches.size()) + " vendors: write " + names);
}

}  // namespace statuskit::mock
