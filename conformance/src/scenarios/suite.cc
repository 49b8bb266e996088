#include "scenarios/suite.h"

#include <set>
#include <stdexcept>

#include "scenarios/substitution.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

struct Reader {
  const std::string& source;

  [[noreturn]] void fail(const std::string& pointer, const std::string& reason) const {
    throw std::invalid_argument(source + ": " + (pointer.empty() ? "/" : pointer) + ": " + reason);
  }
  void only(const json& object, const std::string& pointer,
            std::initializer_list<std::string_view> allowed) const {
    if (!object.is_object())
      fail(pointer, std::string("expected an object, got ") + object.type_name());
    for (const auto& item : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
        fail(openapi::append_pointer(pointer, item.key()), "unknown field");
      }
    }
  }
  std::string string(const json& object, const std::string& pointer, const char* field,
                     bool required) const {
    const auto it = object.find(field);
    if (it == object.end()) {
      if (required) fail(openapi::append_pointer(pointer, field), "required field is missing");
      return {};
    }
    if (!it->is_string()) fail(openapi::append_pointer(pointer, field), "expected a string");
    return it->get<std::string>();
  }
  json object(const json& parent, const std::string& pointer, const char* field) const {
    const auto it = parent.find(field);
    if (it == parent.end()) return json::object();
    if (!it->is_object()) fail(openapi::append_pointer(pointer, field), "expected an object");
    return *it;
  }
};

Provenance read_source(const Reader& reader, const json& object, const std::string& pointer,
                       const Provenance& inherited) {
  if (!object.contains("source")) return inherited;
  const std::string text = reader.string(object, pointer, "source", true);
  try {
    return parse_provenance(text);
  } catch (const std::invalid_argument& error) {
    reader.fail(openapi::append_pointer(pointer, "source"), error.what());
  }
}

/// Malformed templates are suite errors, reported with their place before anything is sent.
void check_template(const Reader& reader, const json& value, const std::string& pointer) {
  if (auto problem = template_problem(value)) {
    reader.fail(pointer + problem->substr(0, problem->find(": ")),
                problem->substr(problem->find(": ") + 2));
  }
}

Expectation read_expectation(const Reader& reader, const json& expect, const std::string& pointer,
                             const Provenance& inherited) {
  reader.only(expect, pointer, {"status", "body", "headers", "source"});
  Expectation expectation;
  expectation.source = read_source(reader, expect, pointer, inherited);
  if (expect.contains("status")) {
    const json& status = expect.at("status");
    const std::string status_pointer = openapi::append_pointer(pointer, "status");
    if (status.is_number_integer()) {
      expectation.statuses.push_back(status.get<int>());
    } else if (status.is_array()) {
      for (const auto& code : status) {
        if (!code.is_number_integer()) reader.fail(status_pointer, "expected status codes");
        expectation.statuses.push_back(code.get<int>());
      }
    } else {
      reader.fail(status_pointer, "expected a status code or a list of them");
    }
  }
  expectation.body = reader.object(expect, pointer, "body");
  for (const auto& [key, unused] : expectation.body.items()) {
    if (!key.empty() && key.front() != '/') {
      reader.fail(openapi::append_pointer(openapi::append_pointer(pointer, "body"), key),
                  "keys are JSON pointers and start with /");
    }
  }
  const json expected_headers = reader.object(expect, pointer, "headers");
  for (const auto& [name, matcher] : expected_headers.items()) {
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    expectation.headers[lower] = matcher;
  }
  check_template(reader, expectation.body, openapi::append_pointer(pointer, "body"));
  check_template(reader, expectation.headers, openapi::append_pointer(pointer, "headers"));
  return expectation;
}

Step read_step(const Reader& reader, const json& value, const std::string& pointer,
               const Provenance& scenario_source) {
  reader.only(value, pointer,
              {"name", "operation", "path", "query", "headers", "cookies", "body", "raw_body",
               "content_type", "expect", "capture", "source", "precondition"});
  Step step;
  step.source = read_source(reader, value, pointer, scenario_source);
  if (value.contains("precondition")) {
    if (!value.at("precondition").is_boolean()) {
      reader.fail(openapi::append_pointer(pointer, "precondition"), "expected a boolean");
    }
    step.precondition = value.at("precondition").get<bool>();
  }
  step.name = reader.string(value, pointer, "name", false);
  step.operation = reader.string(value, pointer, "operation", true);
  step.path = reader.object(value, pointer, "path");
  step.query = reader.object(value, pointer, "query");
  step.cookies = reader.object(value, pointer, "cookies");
  // Bound to locals: items() of a temporary would dangle inside the loop.
  const json headers = reader.object(value, pointer, "headers");
  for (const auto& [name, header] : headers.items()) {
    step.headers[name] = header;
  }
  if (value.contains("body")) {
    step.has_body = true;
    step.body = value.at("body");
  }
  if (value.contains("raw_body")) {
    if (step.has_body) reader.fail(pointer, "body and raw_body exclude each other");
    step.has_raw_body = true;
    step.raw_body = reader.string(value, pointer, "raw_body", true);
  }
  step.content_type = reader.string(value, pointer, "content_type", false);
  if (value.contains("expect")) {
    const std::string expect_pointer = openapi::append_pointer(pointer, "expect");
    const json& expect = value.at("expect");
    if (expect.is_array()) {
      for (std::size_t i = 0; i < expect.size(); ++i) {
        step.expect.push_back(read_expectation(
            reader, expect[i], openapi::append_pointer(expect_pointer, i), step.source));
      }
    } else {
      step.expect.push_back(read_expectation(reader, expect, expect_pointer, step.source));
    }
  }
  const json captures = reader.object(value, pointer, "capture");
  for (const auto& [name, target] : captures.items()) {
    if (!target.is_string()) {
      reader.fail(openapi::append_pointer(openapi::append_pointer(pointer, "capture"), name),
                  "expected a JSON pointer");
    }
    step.capture[name] = target.get<std::string>();
  }
  for (const auto& [field, part] : {std::pair<const char*, const json*>{"path", &step.path},
                                    {"query", &step.query},
                                    {"headers", &step.headers},
                                    {"cookies", &step.cookies},
                                    {"body", &step.body}}) {
    check_template(reader, *part, openapi::append_pointer(pointer, field));
  }
  if (step.has_raw_body) {
    check_template(reader, json(step.raw_body), openapi::append_pointer(pointer, "raw_body"));
  }
  return step;
}

std::vector<Step> read_steps(const Reader& reader, const json& scenario, const std::string& pointer,
                             const char* field, bool required, const Provenance& source) {
  std::vector<Step> steps;
  const auto it = scenario.find(field);
  const std::string steps_pointer = openapi::append_pointer(pointer, field);
  if (it == scenario.end()) {
    if (required) reader.fail(steps_pointer, "required field is missing");
    return steps;
  }
  if (!it->is_array() || (required && it->empty())) {
    reader.fail(steps_pointer, "expected a non-empty list of steps");
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string step_pointer = openapi::append_pointer(steps_pointer, i);
    steps.push_back(read_step(reader, (*it)[i], step_pointer, source));
    if (steps.back().precondition && std::string_view(field) != "setup") {
      reader.fail(openapi::append_pointer(step_pointer, "precondition"),
                  "only a setup step can be a precondition");
    }
  }
  return steps;
}

}  // namespace

Suite Suite::load_file(const std::string& path) {
  json document;
  try {
    document = openapi::load_document_file(path);
  } catch (const std::exception& error) {
    throw std::invalid_argument(error.what());
  }
  return from_json(document, path);
}

Suite Suite::from_json(const json& document, const std::string& source) {
  const Reader reader{source};
  reader.only(document, "", {"suite", "spec", "description", "scenarios"});
  Suite suite;
  suite.source = source;
  suite.name = reader.string(document, "", "suite", true);
  suite.spec = reader.string(document, "", "spec", true);
  suite.description = reader.string(document, "", "description", false);
  const auto scenarios = document.find("scenarios");
  if (scenarios == document.end() || !scenarios->is_array()) {
    reader.fail("/scenarios", "expected a list of scenarios");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < scenarios->size(); ++i) {
    const std::string pointer = openapi::append_pointer("/scenarios", i);
    const json& value = (*scenarios)[i];
    reader.only(value, pointer,
                {"id", "requirement", "source", "catches", "mutates", "setup", "steps", "cleanup"});
    Scenario scenario;
    scenario.id = reader.string(value, pointer, "id", true);
    if (!ids.insert(scenario.id).second) {
      reader.fail(openapi::append_pointer(pointer, "id"), "duplicate scenario id " + scenario.id);
    }
    scenario.requirement = reader.string(value, pointer, "requirement", true);
    if (!value.contains("source")) {
      reader.fail(openapi::append_pointer(pointer, "source"),
                  "required field is missing: say where the requirement comes from (seed, docs, "
                  "src or inferred)");
    }
    scenario.source = read_source(reader, value, pointer, {});
    if (value.contains("catches")) {
      const json& catches = value.at("catches");
      if (!catches.is_array()) reader.fail(pointer + "/catches", "expected a list of defect names");
      for (const auto& name : catches) {
        if (!name.is_string()) reader.fail(pointer + "/catches", "expected a list of defect names");
        scenario.catches.push_back(name.get<std::string>());
      }
    }
    if (value.contains("mutates")) {
      if (!value.at("mutates").is_boolean())
        reader.fail(pointer + "/mutates", "expected a boolean");
      scenario.mutates = value.at("mutates").get<bool>();
    }
    scenario.setup = read_steps(reader, value, pointer, "setup", false, scenario.source);
    scenario.steps = read_steps(reader, value, pointer, "steps", true, scenario.source);
    scenario.cleanup = read_steps(reader, value, pointer, "cleanup", false, scenario.source);
    suite.scenarios.push_back(std::move(scenario));
  }
  return suite;
}

}  // namespace statuskit::conformance
