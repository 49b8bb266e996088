#include "schema_cycles.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "statuskit/openapi/schema_validator.h"

namespace statuskit::openapi::detail {
namespace {

/// The schemas `node` applies to the instance it is given itself.
std::vector<const CompiledNode*> same_instance_schemas(const CompiledNode& node) {
  std::vector<const CompiledNode*> out;
  if (node.ref != nullptr) out.push_back(node.ref);
  if (node.ref != nullptr && node.ref_overrides_siblings) return out;  // siblings are ignored
  out.insert(out.end(), node.all_of.begin(), node.all_of.end());
  out.insert(out.end(), node.any_of.begin(), node.any_of.end());
  out.insert(out.end(), node.one_of.begin(), node.one_of.end());
  for (const CompiledNode* single :
       {node.not_schema, node.if_schema, node.then_schema, node.else_schema}) {
    if (single != nullptr) out.push_back(single);
  }
  for (const auto& [name, schema] : node.dependent_schemas) out.push_back(schema);
  return out;
}

enum class Mark { kOpen, kDone };

}  // namespace

void refuse_same_instance_cycles(const std::vector<std::unique_ptr<CompiledNode>>& nodes,
                                 std::size_t first) {
  std::unordered_map<const CompiledNode*, Mark> marks;
  struct Frame {
    const CompiledNode* node;
    std::vector<const CompiledNode*> next;
    std::size_t at = 0;
  };
  for (std::size_t i = first; i < nodes.size(); ++i) {
    if (marks.contains(nodes[i].get())) continue;
    // Depth first, without recursion: a chain of references may be long.
    std::vector<Frame> path;
    marks[nodes[i].get()] = Mark::kOpen;
    path.push_back({nodes[i].get(), same_instance_schemas(*nodes[i]), 0});
    while (!path.empty()) {
      Frame& frame = path.back();
      if (frame.at == frame.next.size()) {
        marks[frame.node] = Mark::kDone;
        path.pop_back();
        continue;
      }
      const CompiledNode* next = frame.next[frame.at++];
      const auto mark = marks.find(next);
      if (mark == marks.end()) {
        marks[next] = Mark::kOpen;
        path.push_back({next, same_instance_schemas(*next), 0});
      } else if (mark->second == Mark::kOpen) {
        const auto start = std::find_if(path.begin(), path.end(),
                                        [&](const Frame& open) { return open.node == next; });
        std::string cycle;
        for (auto it = start; it != path.end(); ++it) {
          cycle += (it->node->location.empty() ? "/" : it->node->location) + " -> ";
        }
        cycle += next->location.empty() ? "/" : next->location;
        throw SchemaError(next->location,
                          "applies itself to the same value without reading into it (" + cycle +
                              "): validating would never end");
      }
    }
  }
}

}  // namespace statuskit::openapi::detail
