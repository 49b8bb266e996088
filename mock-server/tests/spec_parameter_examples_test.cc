// Every parameter of every operation in specs/ carries an example, and every path parameter's
// example names something the mock's fixtures hold (a real user id, an identifier, a status).
// Tools that build requests from a spec depend on it: Dredd refuses to load a spec with a path
// parameter that has no example, and Dredd, Specmatic and Prism's mock send the example values,
// so with fixture values their requests reach a real user instead of a 404. That each example
// also validates against its schema is `conformance check-spec`'s job (tools/lint-specs).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/spec.h"
#include "vendors/d3lay.h"
#include "vendors/docspace.h"
#include "vendors/pria.h"
#include "vendors/rocketchat.h"
#include "vendors/symphony.h"
#include "vendors/vendor_module.h"

namespace statuskit::mock {
namespace {

using nlohmann::json;

const std::string kRoot = STATUSKIT_SOURCE_DIR;

/// A scalar as text: strings as they are, numbers and booleans as JSON ("13056700580005").
std::string as_text(const json& scalar) {
  return scalar.is_string() ? scalar.get<std::string>() : scalar.dump();
}

void collect_scalars(const json& node, std::set<std::string>& out) {
  if (node.is_structured()) {
    for (const auto& child : node) collect_scalars(child, out);
  } else if (!node.is_null()) {
    out.insert(as_text(node));
  }
}

/// The values a schema enumerates (`enum`, `const`), through local $refs, oneOf and anyOf.
void collect_enumerated(const json& document, const json& schema, std::set<std::string>& out) {
  if (!schema.is_object()) return;
  if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    if (const json* target = openapi::find_pointer(document, ref->get<std::string>().substr(1))) {
      collect_enumerated(document, *target, out);
    }
  }
  if (auto values = schema.find("enum"); values != schema.end()) collect_scalars(*values, out);
  if (auto value = schema.find("const"); value != schema.end()) collect_scalars(*value, out);
  for (const char* branches : {"oneOf", "anyOf"}) {
    if (auto list = schema.find(branches); list != schema.end() && list->is_array()) {
      for (const auto& branch : *list) collect_enumerated(document, branch, out);
    }
  }
}

/// `example`, then the value of each entry of `examples`, of the parameter object at `pointer`.
std::vector<json> example_values(const json& document, const std::string& pointer) {
  std::vector<json> values;
  const json* parameter = openapi::find_pointer(document, pointer);
  if (parameter == nullptr) return values;
  if (auto example = parameter->find("example"); example != parameter->end()) {
    values.push_back(*example);
  }
  if (auto examples = parameter->find("examples");
      examples != parameter->end() && examples->is_object()) {
    for (const auto& [name, entry] : examples->items()) {
      if (entry.is_object() && entry.contains("value")) values.push_back(entry["value"]);
    }
  }
  return values;
}

std::string describe(const openapi::Operation& operation, const openapi::Parameter& parameter) {
  return operation.operation_id + " " + parameter.in + ":" + parameter.name + " (" +
         parameter.pointer + ")";
}

/// Every parameter of `spec` without an example, described.
std::vector<std::string> parameters_without_example(const openapi::Spec& spec) {
  std::vector<std::string> missing;
  for (const auto& operation : spec.operations()) {
    for (const auto& parameter : operation.parameters) {
      if (example_values(spec.document(), parameter.pointer).empty()) {
        missing.push_back(describe(operation, parameter));
      }
    }
  }
  return missing;
}

/// Every path-parameter example of `spec` that is neither a value in `fixture_values` nor one
/// of the values the parameter's schema enumerates (a status code like DocSpace's 2 is the
/// schema's, not the fixtures').
std::vector<std::string> path_examples_outside(const openapi::Spec& spec,
                                               const std::set<std::string>& fixture_values) {
  std::vector<std::string> outside;
  for (const auto& operation : spec.operations()) {
    for (const auto& parameter : operation.parameters) {
      if (parameter.in != "path") continue;
      std::set<std::string> allowed = fixture_values;
      if (const json* schema = openapi::find_pointer(
              spec.document(), openapi::append_pointer(parameter.pointer, "schema"))) {
        collect_enumerated(spec.document(), *schema, allowed);
      }
      for (const auto& value : example_values(spec.document(), parameter.pointer)) {
        if (!value.is_structured() && allowed.count(as_text(value)) > 0) continue;
        outside.push_back(describe(operation, parameter) + ": " + value.dump());
      }
    }
  }
  return outside;
}

std::vector<std::unique_ptr<VendorModule>> vendor_modules() {
  std::vector<std::unique_ptr<VendorModule>> modules;
  modules.push_back(make_pria_module());
  modules.push_back(make_rocketchat_module());
  modules.push_back(make_symphony_module());
  modules.push_back(make_d3lay_module());
  modules.push_back(make_docspace_module());
  return modules;
}

/// Every scalar of the vendor's seed state and of its section of the mock's target profile.
std::set<std::string> fixture_values(const VendorModule& module) {
  std::set<std::string> values;
  collect_scalars(
      openapi::load_document_file(kRoot + "/fixtures/" + std::string(module.fixture_file())),
      values);
  const json profile = openapi::load_document_file(kRoot + "/fixtures/targets/mock.yaml");
  collect_scalars(profile.at("vendors").at(std::string(module.name())), values);
  return values;
}

std::vector<std::string> spec_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(kRoot + "/specs")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(SpecParameterExamples, EveryParameterInSpecsHasAnExample) {
  const auto files = spec_files();
  ASSERT_GE(files.size(), 6U);
  for (const auto& file : files) {
    const auto spec = openapi::Spec::load_file(kRoot + "/specs/" + file);
    EXPECT_EQ(parameters_without_example(spec), std::vector<std::string>{}) << file;
  }
}

TEST(SpecParameterExamples, EveryPathParameterExampleIsInItsVendorsFixtures) {
  std::set<std::string> vendor_specs;
  for (const auto& module : vendor_modules()) {
    const std::string file(module->spec_file());
    vendor_specs.insert(file);
    const auto spec = openapi::Spec::load_file(kRoot + "/specs/" + file);
    EXPECT_EQ(path_examples_outside(spec, fixture_values(*module)), std::vector<std::string>{})
        << file << " against fixtures/" << module->fixture_file();
  }
  // A spec no vendor module serves (the admin API) has no fixtures to name, so no path
  // parameters either: a new one must be given fixtures before it gets path parameters.
  for (const auto& file : spec_files()) {
    if (vendor_specs.count(file) > 0) continue;
    const auto spec = openapi::Spec::load_file(kRoot + "/specs/" + file);
    EXPECT_EQ(path_examples_outside(spec, {}), std::vector<std::string>{}) << file;
  }
}

// The checks above can fail: a document with a missing example and an invented id.
TEST(SpecParameterExamples, FindsAMissingExampleAndAnIdTheFixturesDoNotHold) {
  const json document = json::parse(R"({
    "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
    "paths": {"/users/{id}/status/{status}": {
      "parameters": [
        {"name": "id", "in": "path", "required": true, "schema": {"type": "string"},
         "example": "nobody"},
        {"name": "status", "in": "path", "required": true,
         "schema": {"oneOf": [{"type": "string", "enum": ["Active"]},
                              {"type": "integer", "enum": [1]}]},
         "examples": {"name": {"value": "Active"}, "number": {"value": 1}}}],
      "get": {"operationId": "getStatus",
              "parameters": [{"name": "verbose", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"description": "ok"}}}}}})");
  const auto spec = openapi::Spec::from_json(document, "inline.yaml");
  EXPECT_EQ(
      parameters_without_example(spec),
      std::vector<std::string>{
          "getStatus query:verbose (/paths/~1users~1{id}~1status~1{status}/get/parameters/0)"});
  EXPECT_EQ(
      path_examples_outside(spec, {"somebody"}),
      std::vector<std::string>{
          "getStatus path:id (/paths/~1users~1{id}~1status~1{status}/parameters/0): \"nobody\""});
  EXPECT_EQ(path_examples_outside(spec, {"nobody"}), std::vector<std::string>{});
}

}  // namespace
}  // namespace statuskit::mock
