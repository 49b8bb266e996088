#include "commands/validate_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "statuskit/data_dir.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::conformance {

namespace {

constexpr int kValid = 0;
constexpr int kInvalid = 1;
constexpr int kUsage = 2;

std::optional<openapi::Dialect> parse_dialect(const std::string& name) {
  if (name == "oas30") return openapi::Dialect::kOpenApi30;
  if (name == "oas31") return openapi::Dialect::kOpenApi31;
  if (name == "draft4") return openapi::Dialect::kDraft4;
  if (name == "draft7") return openapi::Dialect::kDraft7;
  return std::nullopt;
}

/// The schema the document is checked against, per the options.
openapi::SchemaValidator select_schema(const ValidateOptions& options, std::string* description) {
  if (!options.spec_file.empty()) {
    const auto spec = openapi::Spec::load_file(options.spec_file);
    const auto* operation = spec.find_operation(options.operation_id);
    if (operation == nullptr) {
      throw std::invalid_argument("no operation '" + options.operation_id + "' in " +
                                  options.spec_file);
    }
    if (options.request) {
      auto media = operation->request_body.find(options.content_type);
      if (media == operation->request_body.end()) {
        throw std::invalid_argument(options.operation_id + " has no " + options.content_type +
                                    " request body");
      }
      *description = options.operation_id + " request body (" + options.content_type + ")";
      return media->second;
    }
    const auto* response = operation->find_response(options.status);
    if (response == nullptr) {
      throw std::invalid_argument("status " + std::to_string(options.status) +
                                  " is not documented for " + options.operation_id);
    }
    auto media = response->content.find(options.content_type);
    if (media == response->content.end()) {
      throw std::invalid_argument("status " + std::to_string(options.status) + " of " +
                                  options.operation_id + " documents no " + options.content_type +
                                  " body");
    }
    *description = options.operation_id + " " + response->status_key + " response (" +
                   options.content_type + ")";
    return media->second;
  }
  auto document = openapi::load_document_file(options.schema_file);
  // A schema inside an OpenAPI document uses that document's dialect unless told otherwise.
  std::string dialect_name = options.dialect;
  if (dialect_name.empty()) {
    const auto version = document.value("openapi", std::string());
    dialect_name = version.rfind("3.0.", 0) == 0   ? "oas30"
                   : version.rfind("3.1.", 0) == 0 ? "oas31"
                                                   : "draft7";
  }
  const auto dialect = parse_dialect(dialect_name);
  if (!dialect) throw std::invalid_argument("unknown dialect '" + dialect_name + "'");
  openapi::SchemaCompiler compiler(std::make_shared<const nlohmann::json>(std::move(document)),
                                   *dialect);
  *description = options.schema_file + (options.pointer.empty() ? "" : "#" + options.pointer);
  return compiler.compile(options.pointer);
}

}  // namespace

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  if (options.spec_file.empty() == options.schema_file.empty()) {
    err << "conformance validate: give either --schema FILE or --spec FILE --operation ID\n";
    return kUsage;
  }
  if (!options.spec_file.empty() && options.operation_id.empty()) {
    err << "conformance validate: --spec needs --operation\n";
    return kUsage;
  }
  if (!options.spec_file.empty() && !options.request && options.status == 0) {
    err << "conformance validate: --spec needs --status CODE (or --request)\n";
    return kUsage;
  }
  try {
    std::string description;
    const auto schema = select_schema(options, &description);
    const auto document = openapi::load_document_file(options.document);
    const auto errors = schema.validate(document);
    if (errors.empty()) {
      out << options.document << ": valid against " << description << "\n";
      return kValid;
    }
    for (const auto& error : errors) {
      out << error.to_string()
          << "  (schema: " << (error.keyword_location.empty() ? "/" : error.keyword_location)
          << ")\n";
    }
    out << options.document << ": " << errors.size() << " error" << (errors.size() == 1 ? "" : "s")
        << " against " << description << "\n";
    return kInvalid;
  } catch (const std::exception& error) {
    err << "conformance validate: " << error.what() << "\n";
    return kUsage;
  }
}

void add_validate_command(CLI::App& app, ValidateOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "validate",
      "Check a JSON document against a schema, or against an operation's request/response in "
      "a spec. Exit 0 valid, 1 invalid, 2 usage error or unreadable input.");
  command->add_option("document", options.document, "JSON (or YAML) document to check")->required();
  command->add_option("--schema", options.schema_file,
                      "Schema file (JSON or YAML), or an OpenAPI document with --pointer");
  command->add_option("--pointer", options.pointer,
                      "JSON pointer of the schema inside --schema, e.g. /components/schemas/User");
  command
      ->add_option("--dialect", options.dialect,
                   "oas30, oas31, draft4 or draft7 (default: from the file's openapi "
                   "version, else draft7)")
      ->check(CLI::IsMember({"oas30", "oas31", "draft4", "draft7"}));
  command
      ->add_option("--spec", options.spec_file,
                   "OpenAPI document of the operation (a relative path not found here is looked "
                   "up in the bundled data, e.g. specs/pria-admin.yaml)")
      ->transform([](const std::string& file) { return resolve_data_path(file, data_dir()); });
  command->add_option("--operation", options.operation_id, "operationId inside --spec");
  command->add_option("--status", options.status, "Validate as this status's response body")
      ->check(CLI::Range(100, 599));
  command->add_flag("--request", options.request, "Validate as the operation's request body");
  command->add_option("--content-type", options.content_type, "Media type to pick")
      ->capture_default_str();
  command->callback(
      [&options, &exit_code] { exit_code = run_validate(options, std::cout, std::cerr); });
}

}  // namespace statuskit::conformance
