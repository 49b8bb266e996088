#pragma once
// Symphony Pod API: POST /pod/v1/admin/user/{uid}/status/update and the read-backs
// GET /pod/v1/admin/user/{uid}/status and GET /pod/v2/admin/user/{uid}.

#include <memory>

#include "vendors/vendor_module.h"

namespace statuskit::mock {

std::unique_ptr<VendorModule> make_symphony_module();

}  // namespace statuskit::mock
