#pragma once
// Shrinking a failing generated case: leave out, one at a time, the optional body properties
// its mutation does not touch, keeping each removal after which the case still fails, so the
// report shows the smallest request that fails for the one constraint it breaks.

#include <functional>
#include <string>
#include <vector>

#include "generate/case.h"

namespace statuskit::conformance {

struct ShrinkResult {
  GeneratedCase smallest;
  std::vector<std::string> left_out;  ///< body pointers removed, in order
};

ShrinkResult shrink_case(const GeneratedCase& failing,
                         const std::function<bool(const GeneratedCase&)>& still_fails);

}  // namespace statuskit::conformance
