// Routes arbitrary request lines ("METHOD path") against every bundled spec.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "statuskit/openapi/spec.h"

namespace {

struct Routes {
  std::vector<statuskit::openapi::Spec> specs;
  statuskit::openapi::OperationIndex index;
  Routes() {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(STATUSKIT_SOURCE_DIR) + "/specs")) {
      if (entry.path().extension() == ".yaml") {
        specs.push_back(statuskit::openapi::Spec::load_file(entry.path().string()));
      }
    }
    for (const auto& spec : specs) index.add(spec, spec.server_base_path());
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Routes routes;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto space = line.find(' ');
  const auto method =
      space == std::string_view::npos ? std::string_view("GET") : line.substr(0, space);
  const auto path = space == std::string_view::npos ? line : line.substr(space + 1);
  const auto match = routes.index.match(method, path);
  if (match.kind == statuskit::openapi::RouteMatch::Kind::kFound && match.operation == nullptr) {
    __builtin_trap();
  }
  return 0;
}
