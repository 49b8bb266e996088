#include "vendors/vendor_registry.h"

#include "vendors/d3lay.h"
#include "vendors/docspace.h"
#include "vendors/pria.h"
#include "vendors/rocketchat.h"
#include "vendors/symphony.h"

namespace statuskit::mock {

std::vector<std::unique_ptr<VendorModule>> all_vendor_modules() {
  std::vector<std::unique_ptr<VendorModule>> modules;
  modules.push_back(make_pria_module());
  modules.push_back(make_rocketchat_module());
  modules.push_back(make_symphony_module());
  modules.push_back(make_d3lay_module());
  modules.push_back(make_docspace_module());
  return modules;
}

}  // namespace statuskit::mock
