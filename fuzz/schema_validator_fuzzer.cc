// Validates arbitrary JSON against every request and response schema of the bundled specs:
// the validator must never crash, loop or throw, whatever the instance. And the one-pass
// check of a text (validate_text: the recursive descent, RapidJSON's events, then the DOM)
// must report exactly what parsing the text and validating the document reports.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "statuskit/openapi/document_loader.h"
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

bool same_reports(const statuskit::openapi::ValidationReport& a,
                  const statuskit::openapi::ValidationReport& b) {
  if (a.omitted != b.omitted || a.errors.size() != b.errors.size()) return false;
  for (std::size_t i = 0; i < a.errors.size(); ++i) {
    const auto &x = a.errors[i], &y = b.errors[i];
    if (x.instance_pointer != y.instance_pointer || x.keyword_location != y.keyword_location ||
        x.message != y.message) {
      return false;
    }
  }
  return true;
}

/// validate_text(text) against parse_json_text(text) + validate, for every schema.
void check_text_validation(const std::vector<statuskit::openapi::SchemaValidator>& schemas,
                           std::string_view text) {
  using statuskit::openapi::kMaxListedErrors;
  std::optional<nlohmann::json> document;
  try {
    document = statuskit::openapi::parse_json_text(text, "body");
  } catch (const statuskit::openapi::LoadError&) {
  }
  for (const auto& schema : schemas) {
    std::optional<statuskit::openapi::ValidationReport> streamed;
    try {
      streamed = schema.validate_text(text, kMaxListedErrors, "body");
    } catch (const statuskit::openapi::LoadError&) {
    }
    if (streamed.has_value() != document.has_value()) __builtin_trap();
    if (document && !same_reports(*streamed, schema.validate(*document, kMaxListedErrors))) {
      __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto schemas = load_all_schemas();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_text_validation(schemas, text);
  const auto instance = nlohmann::json::parse(text, nullptr, false);
  if (instance.is_discarded()) return 0;
  for (const auto& schema : schemas) {
    for (const auto& error : schema.validate(instance)) {
      // Every error must name a pointer that exists in the instance.
      if (!error.instance_pointer.empty() && error.instance_pointer[0] != '/') __builtin_trap();
    }
  }
  return 0;
}
