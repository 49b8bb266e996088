#pragma once
// A tiny vendor module over tests/data/things.yaml, used to test the generic pipeline and the
// HTTP transport without any real vendor's rules.

#include <memory>

#include "vendor_module.h"

namespace statuskit::testing {

/// Things are id → integer. PUT with value 666 answers a body that violates the spec (to prove
/// strict mode catches it); GET of id "boom" throws (to prove the pipeline contains it).
std::unique_ptr<mock::VendorModule> make_things_module();

}  // namespace statuskit::testing
