#pragma once
// D3lay (Hive) identity API: PATCH /users/{id-or-identifier} (change a user's status) and the
// read-back GET /users/{id-or-identifier}.

#include <memory>

#include "vendors/vendor_module.h"

namespace statuskit::mock {

std::unique_ptr<VendorModule> make_d3lay_module();

}  // namespace statuskit::mock
