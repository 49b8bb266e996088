// Feeds arbitrary bytes to the two parsers of saved state: the state file (a snapshot of every
// session, restored at start) and PUT /__admin/state (one vendor's fixture document). Both must
// refuse bad input with std::invalid_argument/runtime_error naming the problem, never crash,
// and what they accept must serialise and load again unchanged.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "mock_pipeline.h"
#include "statuskit/openapi/document_loader.h"
#include "vendors/vendor_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto pipeline = [] {
    statuskit::mock::PipelineOptions options;
    options.max_sessions = 16;
    return statuskit::mock::MockPipeline::load(
        statuskit::mock::all_vendor_modules(), std::string(STATUSKIT_SOURCE_DIR) + "/specs",
        std::string(STATUSKIT_SOURCE_DIR) + "/fixtures", options);
  }();
  nlohmann::json document;
  try {
    document = statuskit::openapi::parse_json_text(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz input");
  } catch (const statuskit::openapi::LoadError&) {
    return 0;
  }
  // As a state file.
  try {
    pipeline->restore(document);
    const auto saved = pipeline->snapshot().dump();
    pipeline->restore(statuskit::openapi::parse_json_text(saved, "snapshot"));
  } catch (const std::invalid_argument&) {
  }
  // As each vendor's PUT /__admin/state document.
  for (const auto& vendor : pipeline->vendors()) {
    std::unique_ptr<statuskit::mock::VendorState> state;
    try {
      state = vendor.module->load_state(document);
    } catch (const std::exception&) {
      continue;
    }
    const auto saved = state->to_json();
    const auto reloaded = vendor.module->load_state(saved);  // must not throw
    if (reloaded->to_json() != saved) __builtin_trap();
  }
  return 0;
}
