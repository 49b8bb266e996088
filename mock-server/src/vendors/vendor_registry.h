#pragma once
// The five vendor modules the mock serves, in a fixed order.

#include <memory>
#include <vector>

#include "vendors/vendor_module.h"

namespace statuskit::mock {

std::vector<std::unique_ptr<VendorModule>> all_vendor_modules();

}  // namespace statuskit::mock
