// Validates arbitrary JSON against every request and response schema of the bundled specs:
// the validator must never crash, loop or throw, whatever the instance.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "statuskit/openapi/spec.h"

namespace {

std::vector<statuskit::openapi::SchemaValidator> load_all_schemas() {
  std::vector<statuskit::openapi::SchemaValidator> schemas;
  static std::vector<statuskit::openapi::Spec> specs;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(STATUSKIT_SOURCE_DIR) + "/specs")) {
    if (entry.path().extension() != ".yaml") continue;
    specs.push_back(statuskit::openapi::Spec::load_file(entry.path().string()));
    for (const auto& operation : specs.back().operations()) {
      for (const auto& [type, schema] : operation.request_body) schemas.push_back(schema);
      for (const auto& response : operation.responses) {
        for (const auto& [type, schema] : response.content) schemas.push_back(schema);
      }
    }
  }
  return schemas;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto schemas = load_all_schemas();
  const auto instance = nlohmann::json::parse(
      std::string_view(reinterpret_cast<const char*>(data), size), nullptr, false);
  if (instance.is_discarded()) return 0;
  for (const auto& schema : schemas) {
    for (const auto& error : schema.validate(instance)) {
      // Every error must name a pointer that exists in the instance.
      if (!error.instance_pointer.empty() && error.instance_pointer[0] != '/') __builtin_trap();
    }
  }
  return 0;
}
