// Loads an OpenAPI 3.0/3.1 document: resolves component $refs, compiles every schema once and
// extracts the operations.
#include "statuskit/openapi/spec.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"

namespace statuskit::openapi {

using nlohmann::json;

namespace {

constexpr const char* kMethods[] = {"get",     "put",  "post",  "delete",
                                    "options", "head", "patch", "trace"};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

/// "http://host:8080/pod/" → "/pod"; server variables take their defaults.
std::string base_path_of(const json& document) {
  auto servers = document.find("servers");
  if (servers == document.end() || !servers->is_array() || servers->empty()) return "";
  const json& server = servers->front();
  if (!server.is_object() || !server.contains("url") || !server["url"].is_string()) return "";
  std::string url = server["url"].get<std::string>();
  if (auto variables = server.find("variables");
      variables != server.end() && variables->is_object()) {
    for (const auto& [name, variable] : variables->items()) {
      if (!variable.is_object() || !variable.contains("default")) continue;
      const std::string placeholder = "{" + name + "}";
      const std::string value = variable["default"].is_string()
                                    ? variable["default"].get<std::string>()
                                    : variable["default"].dump();
      for (auto at = url.find(placeholder); at != std::string::npos; at = url.find(placeholder)) {
        url.replace(at, placeholder.size(), value);
      }
    }
  }
  if (auto scheme = url.find("://"); scheme != std::string::npos) {
    const auto path = url.find('/', scheme + 3);
    url = path == std::string::npos ? "" : url.substr(path);
  }
  if (const auto query = url.find_first_of("?#"); query != std::string::npos) url.erase(query);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

constexpr const char* kRequestJsonExtension = "x-statuskit-request-json";

}  // namespace

struct Spec::Impl {
  std::shared_ptr<const json> document;
  std::string source_name;
  std::string version;
  std::string base_path;
  RequestJsonParsing request_json;
  Dialect dialect = Dialect::kOpenApi30;
  mutable std::mutex compiler_mutex;  // compile_schema_at may be called after load
  std::unique_ptr<SchemaCompiler> compiler;
  std::vector<Operation> operations;

  [[noreturn]] void fail(const std::string& pointer, const std::string& reason) const {
    throw SpecError(source_name + ": " + (pointer.empty() ? "/" : pointer) + ": " + reason);
  }

  RequestJsonParsing read_request_json(const json& root) const {
    RequestJsonParsing parsing;
    const auto extension = root.find(kRequestJsonExtension);
    if (extension == root.end()) return parsing;
    const std::string at = std::string("/") + kRequestJsonExtension;
    if (!extension->is_object()) fail(at, "must be an object");
    for (const auto& [key, value] : extension->items()) {
      if (key == "duplicate-keys") {
        if (value == "last-wins") {
          parsing.duplicate_keys = DuplicateKeys::kLastWins;
        } else if (value != "reject") {
          fail(at + "/duplicate-keys", "must be 'reject' or 'last-wins'");
        }
      } else if (key == "source") {
        if (!value.is_string()) fail(at + "/source", "must be a string");
        parsing.source = value.get<std::string>();
      } else {
        fail(at + "/" + key, "unknown field (allowed: duplicate-keys, source)");
      }
    }
    // The project's rule for every vendor fact: say where it comes from.
    if (parsing.source.empty()) fail(at + "/source", "required: where the behaviour is documented");
    return parsing;
  }

  /// Follows `$ref` chains from the node at `pointer`; returns the final node and its pointer.
  std::pair<const json*, std::string> resolve(std::string pointer) const {
    std::set<std::string> seen;
    const json* node = find_pointer(*document, pointer);
    while (node != nullptr && node->is_object() && node->contains("$ref")) {
      if (!seen.insert(pointer).second) fail(pointer, "circular $ref");
      const json& ref = (*node)["$ref"];
      if (!ref.is_string() || ref.get<std::string>().rfind("#", 0) != 0) {
        fail(pointer, "only local $refs (\"#/...\") are supported, got " + ref.dump());
      }
      const auto decoded = percent_decode(ref.get<std::string>().substr(1));
      if (!decoded) fail(pointer, "malformed $ref " + ref.dump());
      const std::string& target = *decoded;
      const json* resolved = find_pointer(*document, target);
      if (resolved == nullptr) {
        fail(pointer, "dangling $ref '" + ref.get<std::string>() + "'");
      }
      node = resolved;
      pointer = target;
    }
    if (node == nullptr) fail(pointer, "missing");
    return {node, pointer};
  }

  SchemaValidator compile(const std::string& pointer) const {
    std::lock_guard lock(compiler_mutex);
    try {
      return compiler->compile(pointer);
    } catch (const SchemaError& error) {
      throw SpecError(source_name + ": " + error.what());
    }
  }

  std::map<std::string, SchemaValidator> content(const json& node,
                                                 const std::string& pointer) const {
    std::map<std::string, SchemaValidator> media;
    auto content_node = node.find("content");
    if (content_node == node.end()) return media;
    if (!content_node->is_object()) fail(append_pointer(pointer, "content"), "must be an object");
    const std::string content_pointer = append_pointer(pointer, "content");
    for (const auto& [type, media_object] : content_node->items()) {
      const std::string media_pointer = append_pointer(content_pointer, type);
      media[type] = media_object.is_object() && media_object.contains("schema")
                        ? compile(append_pointer(media_pointer, "schema"))
                        : SchemaValidator();
    }
    return media;
  }

  std::vector<Parameter> parameters(const json& list, const std::string& pointer) const {
    std::vector<Parameter> result;
    if (!list.is_array()) fail(pointer, "parameters must be an array");
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto [node, resolved] = resolve(append_pointer(pointer, i));
      if (!node->is_object() || !(*node)["name"].is_string() || !(*node)["in"].is_string()) {
        fail(resolved, "a parameter needs string 'name' and 'in'");
      }
      Parameter parameter;
      parameter.name = (*node)["name"].get<std::string>();
      parameter.in = (*node)["in"].get<std::string>();
      parameter.required = node->value("required", false);
      parameter.pointer = resolved;
      if (node->contains("schema")) parameter.schema = compile(append_pointer(resolved, "schema"));
      result.push_back(std::move(parameter));
    }
    return result;
  }

  ResponseSpec response(const std::string& status, const std::string& pointer) const {
    auto [node, resolved] = resolve(pointer);
    if (!node->is_object()) fail(resolved, "a response must be an object");
    ResponseSpec spec;
    spec.status_key = status;
    spec.pointer = resolved;
    if (auto inferred = node->find("x-statuskit-inferred"); inferred != node->end()) {
      if (!inferred->is_boolean()) fail(resolved, "x-statuskit-inferred must be a boolean");
      spec.inferred = inferred->get<bool>();
    }
    spec.content = content(*node, resolved);
    if (auto headers = node->find("headers"); headers != node->end() && headers->is_object()) {
      for (const auto& [name, header] : headers->items()) {
        auto [header_node, header_pointer] =
            resolve(append_pointer(append_pointer(resolved, "headers"), name));
        if (header_node->value("required", false)) spec.required_headers.push_back(name);
      }
    }
    return spec;
  }

  void load_operations() {
    auto paths = document->find("paths");
    if (paths == document->end()) return;  // 3.1 allows webhooks-only documents
    if (!paths->is_object()) fail("/paths", "must be an object");
    std::set<std::string> operation_ids;
    for (const auto& [path, unused] : paths->items()) {
      if (path.empty() || path[0] != '/')
        fail(append_pointer("/paths", path), "paths start with '/'");
      auto [item, item_pointer] = resolve(append_pointer("/paths", path));
      std::vector<Parameter> shared;
      if (item->contains("parameters")) {
        shared = parameters((*item)["parameters"], append_pointer(item_pointer, "parameters"));
      }
      for (const char* method : kMethods) {
        if (!item->contains(method)) continue;
        const std::string pointer = append_pointer(item_pointer, method);
        const json& node = (*item)[method];
        if (!node.is_object()) fail(pointer, "an operation must be an object");
        Operation operation;
        operation.method = upper(method);
        operation.path_template = path;
        operation.pointer = pointer;
        operation.operation_id = node.contains("operationId") && node["operationId"].is_string()
                                     ? node["operationId"].get<std::string>()
                                     : operation.method + " " + path;
        if (!operation_ids.insert(operation.operation_id).second) {
          fail(pointer, "duplicate operationId '" + operation.operation_id + "'");
        }
        operation.parameters = shared;
        if (node.contains("parameters")) {
          for (auto& own : parameters(node["parameters"], append_pointer(pointer, "parameters"))) {
            auto same = std::find_if(
                operation.parameters.begin(), operation.parameters.end(),
                [&](const Parameter& p) { return p.name == own.name && p.in == own.in; });
            if (same != operation.parameters.end()) {
              *same = std::move(own);
            } else {
              operation.parameters.push_back(std::move(own));
            }
          }
        }
        if (node.contains("requestBody")) {
          auto [body, body_pointer] = resolve(append_pointer(pointer, "requestBody"));
          operation.request_body_required = body->value("required", false);
          operation.request_body = content(*body, body_pointer);
        }
        auto responses = node.find("responses");
        if (responses == node.end() || !responses->is_object() || responses->empty()) {
          fail(pointer, "an operation needs at least one response");
        }
        for (const auto& [status, unused_response] : responses->items()) {
          if (status.rfind("x-", 0) == 0) continue;
          operation.responses.push_back(
              response(status, append_pointer(append_pointer(pointer, "responses"), status)));
        }
        operations.push_back(std::move(operation));
      }
    }
  }
};

const ResponseSpec* Operation::find_response(int status) const {
  const std::string exact = std::to_string(status);
  const std::string range = exact.substr(0, 1) + "XX";
  const ResponseSpec* fallback = nullptr;
  for (const auto& response : responses) {
    if (response.status_key == exact) return &response;
  }
  for (const auto& response : responses) {
    if (upper(response.status_key) == range) return &response;
    if (response.status_key == "default") fallback = &response;
  }
  return fallback;
}

Spec Spec::load_file(const std::string& path) { return from_json(load_document_file(path), path); }

Spec Spec::from_json(json document, const std::string& source_name) {
  Spec spec;
  spec.impl_ = std::make_shared<Impl>();
  Impl& impl = *spec.impl_;
  impl.source_name = source_name;
  if (!document.is_object()) impl.fail("", "an OpenAPI document must be an object");
  if (document.contains("swagger")) {
    impl.fail("/swagger", "Swagger 2.0 documents are not supported; convert to OpenAPI 3");
  }
  if (!document.contains("openapi") || !document["openapi"].is_string()) {
    impl.fail("/openapi", "missing the 'openapi' version field");
  }
  impl.version = document["openapi"].get<std::string>();
  if (impl.version.rfind("3.0.", 0) == 0) {
    impl.dialect = Dialect::kOpenApi30;
  } else if (impl.version.rfind("3.1.", 0) == 0) {
    impl.dialect = Dialect::kOpenApi31;
    auto schema_dialect = document.find("jsonSchemaDialect");
    if (schema_dialect != document.end() &&
        (!schema_dialect->is_string() ||
         schema_dialect->get<std::string>().find("2020-12") == std::string::npos)) {
      impl.fail("/jsonSchemaDialect", "only the JSON Schema 2020-12 dialect is supported");
    }
  } else {
    impl.fail("/openapi", "unsupported OpenAPI version '" + impl.version + "' (3.0.x or 3.1.x)");
  }
  impl.base_path = base_path_of(document);
  impl.request_json = impl.read_request_json(document);
  impl.document = std::make_shared<const json>(std::move(document));
  impl.compiler = std::make_unique<SchemaCompiler>(impl.document, impl.dialect);
  impl.load_operations();
  return spec;
}

const json& Spec::document() const { return *impl_->document; }
const std::string& Spec::source_name() const { return impl_->source_name; }
const std::string& Spec::openapi_version() const { return impl_->version; }
Dialect Spec::dialect() const { return impl_->dialect; }
const std::string& Spec::server_base_path() const { return impl_->base_path; }
const RequestJsonParsing& Spec::request_json_parsing() const { return impl_->request_json; }
const std::vector<Operation>& Spec::operations() const { return impl_->operations; }

const Operation* Spec::find_operation(std::string_view operation_id) const {
  for (const auto& operation : impl_->operations) {
    if (operation.operation_id == operation_id) return &operation;
  }
  return nullptr;
}

SchemaValidator Spec::compile_schema_at(std::string_view pointer) const {
  if (find_pointer(*impl_->document, pointer) == nullptr) {
    impl_->fail(std::string(pointer), "no schema at this location");
  }
  return impl_->compile(std::string(pointer));
}

}  // namespace statuskit::openapi
