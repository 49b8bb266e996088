#pragma once
// How the admin API names an operation (fault rules, journal filters): `vendor.operationId`, as
// the banner and the journal print it, or a bare operationId that exactly one served vendor
// has. Two vendors may share an operationId (DocSpace's and Symphony's updateUserStatus): a bare
// one that two vendors serve is refused, naming both, instead of matching either.

#include <string>
#include <vector>

#include "vendors/served_vendor.h"

namespace statuskit::mock {

struct OperationReference {
  std::string vendor;
  std::string operation_id;

  /// "docspace.updateUserStatus".
  std::string qualified() const { return vendor + "." + operation_id; }
};

/// Resolves `text` against the served vendors. Throws std::invalid_argument with the reason:
/// no such operation, or a bare id that several vendors serve (listing their qualified names).
OperationReference resolve_operation(const std::string& text,
                                     const std::vector<ServedVendor>& vendors);

}  // namespace statuskit::mock
