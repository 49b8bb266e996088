#include "generate/shrink.h"

#include <nlohmann/json.hpp>

namespace statuskit::conformance {

ShrinkResult shrink_case(const GeneratedCase& failing,
                         const std::function<bool(const GeneratedCase&)>& still_fails) {
  ShrinkResult result{failing, {}};
  if (!failing.request.has_body || !failing.request.body.is_object()) return result;
  for (const auto& pointer : failing.droppable) {
    GeneratedCase smaller = result.smallest;
    const nlohmann::json::json_pointer where(pointer);
    if (!smaller.request.body.contains(where)) continue;
    smaller.request.body.at(where.parent_pointer()).erase(where.back());
    if (still_fails(smaller)) {
      smaller.description += " (without " + pointer + ")";
      result.smallest = std::move(smaller);
      result.left_out.push_back(pointer);
    }
  }
  return result;
}

}  // namespace statuskit::conformance
