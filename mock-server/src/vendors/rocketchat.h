#pragma once
// Rocket.Chat: POST /api/v1/users.setActiveStatus and the read-back GET /api/v1/users.info.

#include <memory>

#include "vendors/vendor_module.h"

namespace statuskit::mock {

std::unique_ptr<VendorModule> make_rocketchat_module();

}  // namespace statuskit::mock
