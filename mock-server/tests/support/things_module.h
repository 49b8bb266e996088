#pragma once
// A tiny vendor module over tests/data/things.yaml, used to test the generic pipeline and the
// HTTP transport without any real vendor's rules.

#include <atomic>
#include <future>
#include <memory>

#include "vendors/vendor_module.h"

namespace statuskit::testing {

/// Things are id → integer. PUT with value 666 answers a body that violates the spec (to prove
/// strict mode catches it); GET of id "boom" throws (to prove the pipeline contains it).
std::unique_ptr<mock::VendorModule> make_things_module();

/// GET of id "block" signals `entered` and then waits for `release`: a request that is
/// deterministically in flight for as long as a test needs, with no sleeps.
struct BlockingGate {
  std::promise<void> entered;
  std::promise<void> release;
  std::atomic<bool> finished{false};  ///< set by the module just before it answers
};
/// The gate the next "block" request uses; set by the test before sending it.
void set_blocking_gate(BlockingGate* gate);

}  // namespace statuskit::testing
