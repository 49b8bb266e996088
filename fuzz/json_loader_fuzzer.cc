// Any byte string given to the strict JSON loader yields a document or a LoadError.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "statuskit/openapi/document_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    statuskit::openapi::parse_json_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                        "fuzz.json");
  } catch (const statuskit::openapi::LoadError&) {
  }
  return 0;
}
