#pragma once
// One vendor as the mock serves it: its module, the spec it answers to and its seed state.

#include <memory>

#include "statuskit/openapi/spec.h"
#include "vendors/vendor_module.h"

namespace statuskit::mock {

/// A vendor module with the spec and seed state it serves.
struct ServedVendor {
  std::unique_ptr<VendorModule> module;
  std::unique_ptr<openapi::Spec> spec;
  std::unique_ptr<VendorState> seed;  ///< parsed fixture
};

}  // namespace statuskit::mock
