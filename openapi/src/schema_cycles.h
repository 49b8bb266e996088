#pragma once
// Refuses schemas that would validate forever: a cycle of keywords that apply a schema to the
// same instance ($ref, allOf, anyOf, oneOf, not, if/then/else, dependentSchemas) never reads
// into the instance, so the walker would recurse until the stack ran out, on the first value it
// checked. A cycle through properties or items is fine: each step goes one level deeper into a
// finite instance. Internal to the engine.

#include <cstddef>
#include <memory>
#include <vector>

#include "schema_node.h"

namespace statuskit::openapi::detail {

/// Throws SchemaError, naming the cycle, when one runs through nodes[first..]; nodes before
/// `first` were checked by an earlier call.
void refuse_same_instance_cycles(const std::vector<std::unique_ptr<CompiledNode>>& nodes,
                                 std::size_t first);

}  // namespace statuskit::openapi::detail
