#pragma once
// Pria (Praxis AI) admin API: PUT /api/admin/users/bulk-status and the read-back
// GET /api/admin/user/{userId}. Spec: specs/pria-admin.yaml, seed state: fixtures/pria.yaml.

#include <memory>

#include "vendors/vendor_module.h"

namespace statuskit::mock {

std::unique_ptr<VendorModule> make_pria_module();

}  // namespace statuskit::mock
