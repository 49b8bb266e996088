#include "commands/spec_check.h"

#include <nlohmann/json.hpp>
#include <set>

#include "generate/state.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::conformance {

namespace {

using nlohmann::json;
using openapi::append_pointer;
using openapi::find_pointer;

class ExampleChecker {
 public:
  ExampleChecker(const openapi::Spec& spec, std::string file)
      : spec_(spec), file_(std::move(file)) {}

  /// A media type or parameter object at `pointer` whose schema is at `pointer`/schema.
  void check_holder(const std::string& pointer) {
    const json* holder = find_pointer(spec_.document(), pointer);
    if (holder == nullptr || !holder->is_object() || !holder->contains("schema")) return;
    const bool has_examples = holder->contains("example") || holder->contains("examples");
    if (!has_examples) return;
    const auto schema = spec_.compile_schema_at(append_pointer(pointer, "schema"));
    if (holder->contains("example")) {
      validate(schema, (*holder)["example"], append_pointer(pointer, "example"));
    }
    if (auto examples = holder->find("examples");
        examples != holder->end() && examples->is_object()) {
      for (const auto& [name, example] : examples->items()) {
        const std::string example_pointer =
            append_pointer(append_pointer(pointer, "examples"), name);
        const json* resolved = &example;
        if (example.is_object() && example.contains("$ref") && example["$ref"].is_string()) {
          resolved = find_pointer(spec_.document(), example["$ref"].get<std::string>().substr(1));
          if (resolved == nullptr) {
            problems_.push_back(
                {file_, example_pointer, "dangling $ref " + example["$ref"].dump()});
            continue;
          }
        }
        if (resolved->is_object() && resolved->contains("value")) {
          validate(schema, (*resolved)["value"], append_pointer(example_pointer, "value"));
        }
      }
    }
  }

  void check_content(const std::string& owner_pointer) {
    const json* owner = find_pointer(spec_.document(), owner_pointer);
    if (owner == nullptr || !owner->is_object()) return;
    if (owner->contains("$ref") && (*owner)["$ref"].is_string()) return;  // checked at the target
    auto content = owner->find("content");
    if (content == owner->end() || !content->is_object()) return;
    for (const auto& [type, unused] : content->items()) {
      check_holder(append_pointer(append_pointer(owner_pointer, "content"), type));
    }
  }

  void run() {
    const json& document = spec_.document();
    // Components first: shared responses, bodies and parameters are checked once, where defined.
    if (auto components = document.find("components"); components != document.end()) {
      for (const char* section : {"responses", "requestBodies"}) {
        if (auto entries = components->find(section); entries != components->end()) {
          for (const auto& [name, unused] : entries->items()) {
            check_content(append_pointer(append_pointer("/components", section), name));
          }
        }
      }
      if (auto parameters = components->find("parameters"); parameters != components->end()) {
        for (const auto& [name, unused] : parameters->items()) {
          const std::string pointer = append_pointer("/components/parameters", name);
          checked_parameters_.insert(pointer);
          check_holder(pointer);
        }
      }
    }
    for (const auto& operation : spec_.operations()) {
      const json& node = *find_pointer(document, operation.pointer);
      if (node.contains("requestBody"))
        check_content(append_pointer(operation.pointer, "requestBody"));
      if (auto responses = node.find("responses"); responses != node.end()) {
        for (const auto& [status, unused] : responses->items()) {
          check_content(append_pointer(append_pointer(operation.pointer, "responses"), status));
        }
      }
      // The engine's merged list: path-item parameters too, each checked once where defined.
      for (const auto& parameter : operation.parameters) {
        if (checked_parameters_.insert(parameter.pointer).second) check_holder(parameter.pointer);
      }
    }
  }

  std::vector<SpecProblem> problems() && { return std::move(problems_); }

 private:
  void validate(const openapi::SchemaValidator& schema, const json& example,
                const std::string& pointer) {
    for (const auto& error : schema.validate(example)) {
      problems_.push_back({file_, pointer, error.to_string()});
    }
  }

  const openapi::Spec& spec_;
  std::string file_;
  std::vector<SpecProblem> problems_;
  std::set<std::string> checked_parameters_;  ///< pointers of parameter objects already checked
};

}  // namespace

std::vector<SpecProblem> check_spec_file(const std::string& path) {
  try {
    const auto spec = openapi::Spec::load_file(path);
    ExampleChecker checker(spec, path);
    checker.run();
    auto problems = std::move(checker).problems();
    // x-statuskit-state must name what the spec has: the generator reads it back through it.
    for (const auto& operation : spec.operations()) {
      try {
        state_extension_of(spec, operation);
      } catch (const std::invalid_argument& error) {
        const std::string message = error.what();
        const auto colon = message.find(": ");
        problems.push_back({path, message.substr(0, colon), message.substr(colon + 2)});
      }
    }
    return problems;
  } catch (const openapi::LoadError& error) {
    return {{path, "", error.what()}};
  } catch (const std::exception& error) {
    return {{path, "", error.what()}};
  }
}

}  // namespace statuskit::conformance
