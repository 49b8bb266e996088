// Suite files come from users: any bytes given to the suite loader, and any suite it accepts
// resolved against a profile and matched against answers, yield results or a clear
// std::invalid_argument / LoadError — never a crash, a hang or another exception.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

#include "scenarios/matchers.h"
#include "scenarios/substitution.h"
#include "scenarios/suite.h"
#include "statuskit/openapi/document_loader.h"

namespace {

using nlohmann::json;

const statuskit::conformance::Bindings& bindings() {
  static const auto value = [] {
    statuskit::conformance::Bindings b;
    b.profile = {{"roles", {{"admin", {{"token", "t"}, {"id", 7}}}}},
                 {"users", {{"a", "u1"}, {"list", {{"x", true}}}}},
                 {"values", {{"n", 3}, {"big", 100001}, {"text", "many"}}}};
    b.captured = {{"c", json::array({1, 2})}};
    return b;
  }();
  return value;
}

void exercise(const json& template_value) {
  json out;
  try {
    statuskit::conformance::resolve(template_value, bindings(), out);
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  json document;
  try {
    document = statuskit::openapi::parse_yaml_text(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  } catch (const statuskit::openapi::LoadError&) {
    return 0;
  }
  statuskit::conformance::Suite suite;
  try {
    suite = statuskit::conformance::Suite::from_json(document, "fuzz.yaml");
  } catch (const std::invalid_argument&) {
    return 0;
  }
  // An answer to match against: the document itself is as arbitrary as any server's.
  for (const auto& scenario : suite.scenarios) {
    for (const auto* steps : {&scenario.setup, &scenario.steps, &scenario.cleanup}) {
      for (const auto& step : *steps) {
        for (const json* part :
             {&step.path, &step.query, &step.headers, &step.cookies, &step.body}) {
          exercise(*part);
        }
        for (const auto& expectation : step.expect) {
          for (const auto& [pointer, matcher] : expectation.body.items()) {
            json resolved;
            try {
              if (statuskit::conformance::resolve(matcher, bindings(), resolved)) continue;
            } catch (const std::invalid_argument&) {
              continue;
            }
            statuskit::conformance::match(resolved, &document);
            statuskit::conformance::match(resolved, nullptr);
          }
        }
      }
    }
  }
  return 0;
}
