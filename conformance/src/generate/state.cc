#include "generate/state.h"

#include <stdexcept>

#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

const json& part(const Step& request, const std::string& in) {
  if (in == "path") return request.path;
  if (in == "query") return request.query;
  if (in == "header") return request.headers;
  return request.cookies;
}

RequestPlace parse_place(const json& text, const std::string& pointer) {
  const auto colon = text.is_string() ? text.get<std::string>().find(':') : std::string::npos;
  if (colon == std::string::npos) {
    throw std::invalid_argument(pointer +
                                ": expected \"<in>:<name or pointer>\", e.g. body:/ids/0");
  }
  RequestPlace place{text.get<std::string>().substr(0, colon),
                     text.get<std::string>().substr(colon + 1)};
  if (place.in != "body" && place.in != "path" && place.in != "query" && place.in != "header" &&
      place.in != "cookie") {
    throw std::invalid_argument(pointer + ": the place is body, path, query, header or cookie");
  }
  if (place.in == "body") openapi::split_pointer(place.name);  // throws when malformed
  return place;
}

std::string string_at(const json& object, const char* key, const std::string& pointer) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) {
    throw std::invalid_argument(pointer + "/" + key + ": expected a string");
  }
  return found->get<std::string>();
}

}  // namespace

std::optional<json> RequestPlace::read(const Step& request) const {
  if (in == "body") {
    if (!request.has_body) return std::nullopt;
    const json* found = openapi::find_pointer(request.body, name);
    return found == nullptr ? std::nullopt : std::optional<json>(*found);
  }
  const json& values = part(request, in);
  const auto found = values.find(name);
  return found == values.end() ? std::nullopt : std::optional<json>(*found);
}

void RequestPlace::write(Step& request, const json& value) const {
  if (in == "body") {
    request.body[json::json_pointer(name)] = value;
  } else if (in == "path") {
    request.path[name] = value;
  } else if (in == "query") {
    request.query[name] = value;
  } else if (in == "header") {
    request.headers[name] = value;
  } else {
    request.cookies[name] = value;
  }
}

std::optional<StateExtension> state_extension_of(const openapi::Spec& spec,
                                                 const openapi::Operation& operation) {
  const std::string pointer = openapi::append_pointer(operation.pointer, "x-statuskit-state");
  const json* node = openapi::find_pointer(spec.document(), pointer);
  if (node == nullptr) return std::nullopt;
  if (!node->is_object()) throw std::invalid_argument(pointer + ": expected an object");
  for (const auto& [key, unused] : node->items()) {
    if (key != "subject" && key != "read" && key != "fields" && key != "restore" &&
        key != "source" && key != "description") {
      throw std::invalid_argument(
          pointer + "/" + key +
          ": unknown field (allowed: subject, read, fields, restore, source, description)");
    }
  }
  StateExtension state;
  state.subject = parse_place(node->value("subject", json()), pointer + "/subject");
  const json read = node->value("read", json());
  if (!read.is_object()) throw std::invalid_argument(pointer + "/read: expected an object");
  state.read_operation = string_at(read, "operation", pointer + "/read");
  state.read_parameter = string_at(read, "parameter", pointer + "/read");
  const openapi::Operation* reader = spec.find_operation(state.read_operation);
  if (reader == nullptr) {
    throw std::invalid_argument(pointer + "/read/operation: the spec has no operation " +
                                state.read_operation);
  }
  bool has_parameter = false;
  for (const auto& parameter : reader->parameters) {
    has_parameter = has_parameter || parameter.name == state.read_parameter;
  }
  if (!has_parameter) {
    throw std::invalid_argument(pointer + "/read/parameter: " + state.read_operation +
                                " has no parameter " + state.read_parameter);
  }
  const json fields = node->value("fields", json());
  if (!fields.is_array() || fields.empty()) {
    throw std::invalid_argument(pointer + "/fields: expected a non-empty array of JSON pointers");
  }
  for (const auto& field : fields) {
    if (!field.is_string()) throw std::invalid_argument(pointer + "/fields: expected strings");
    openapi::split_pointer(field.get<std::string>());
    state.fields.push_back(field.get<std::string>());
  }
  json restore = node->value("restore", json());
  if (restore.is_object()) restore = json::array({restore});
  if (!restore.is_array() || restore.empty()) {
    throw std::invalid_argument(pointer + "/restore: expected {from, to} or a list of them");
  }
  for (std::size_t i = 0; i < restore.size(); ++i) {
    const std::string at = openapi::append_pointer(pointer + "/restore", i);
    if (!restore[i].is_object()) throw std::invalid_argument(at + ": expected {from, to}");
    state.restore.emplace_back(string_at(restore[i], "from", at),
                               parse_place(restore[i].value("to", json()), at + "/to"));
  }
  try {
    state.source = parse_provenance(string_at(*node, "source", pointer));
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(pointer + "/source: " + error.what());
  }
  return state;
}

}  // namespace statuskit::conformance
