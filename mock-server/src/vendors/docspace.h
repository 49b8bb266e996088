#pragma once
// ONLYOFFICE DocSpace People API: PUT /api/2.0/people/status/{status} (updateUserStatus) and the
// read-back GET /api/2.0/people/{userid} (getProfileById). Behaviour is DocSpace-server v3.7.1+
// (UserController.cs L2062-2190). Spec: specs/onlyoffice-docspace-people.yaml, seed state:
// fixtures/docspace.yaml.

#include <memory>

#include "vendors/vendor_module.h"

namespace statuskit::mock {

std::unique_ptr<VendorModule> make_docspace_module();

}  // namespace statuskit::mock
