// Any byte string given to the YAML loader yields a document or a LoadError — nothing else.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "statuskit/openapi/document_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    statuskit::openapi::parse_yaml_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                        "fuzz.yaml");
  } catch (const statuskit::openapi::LoadError&) {
  }
  return 0;
}
