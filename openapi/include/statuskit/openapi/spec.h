#pragma once
// One loaded OpenAPI 3.0.x / 3.1.x document: its operations and their compiled schemas.

#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/schema_validator.h"

namespace statuskit::openapi {

/// The document is readable but not a usable OpenAPI document (wrong version, dangling $ref,
/// unsupported schema keyword, duplicate operationId, ...). what() names the file and pointer.
class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A parameter of an operation (path-, operation- and $ref-level merged).
struct Parameter {
  std::string name;
  std::string in;  ///< "path", "query", "header" or "cookie"
  bool required = false;
  SchemaValidator schema;
  std::string pointer;  ///< where it is defined in the document
};

/// A documented response of an operation for one status key ("200", "4XX" or "default").
struct ResponseSpec {
  std::string status_key;
  bool inferred = false;  ///< `x-statuskit-inferred: true`: behaviour not confirmed by the vendor
  /// media type → compiled schema (media types without a schema map to an empty validator).
  std::map<std::string, SchemaValidator> content;
  std::vector<std::string> required_headers;
  std::string pointer;
};

struct Operation {
  std::string method;         ///< upper case: "PUT"
  std::string path_template;  ///< as written in the document: "/users/{id-or-identifier}"
  std::string operation_id;   ///< may be synthesised as "METHOD path" when the document has none
  std::string pointer;        ///< "/paths/~1users~1{id-or-identifier}/patch"
  std::vector<Parameter> parameters;
  bool request_body_required = false;
  std::map<std::string, SchemaValidator> request_body;  ///< media type → schema
  std::vector<ResponseSpec> responses;

  /// The response spec for a concrete status: exact key first, then "4XX"-style, then
  /// "default". nullptr when the status is undocumented.
  const ResponseSpec* find_response(int status) const;
};

/// How the vendor's server parses a JSON request body: the document's
/// `x-statuskit-request-json: {duplicate-keys: reject | last-wins, source: "..."}`. Without it,
/// the strict default (duplicates rejected).
struct RequestJsonParsing {
  DuplicateKeys duplicate_keys = DuplicateKeys::kReject;
  std::string source;  ///< where that behaviour is documented ("src: ...", "inferred: ...")
};

class Spec {
 public:
  /// Loads, resolves and compiles a document. Throws LoadError or SpecError.
  static Spec load_file(const std::string& path);
  static Spec from_json(nlohmann::json document, const std::string& source_name);

  const nlohmann::json& document() const;
  const std::string& source_name() const;
  const std::string& openapi_version() const;  ///< "3.0.3", "3.1.0", ...
  Dialect dialect() const;
  /// Path prefix of the first `servers` url ("/pod" for "http://host/pod"), "" if none.
  const std::string& server_base_path() const;
  const RequestJsonParsing& request_json_parsing() const;
  const std::vector<Operation>& operations() const;
  const Operation* find_operation(std::string_view operation_id) const;
  /// Compiles any schema in this document (e.g. "/components/schemas/User"). Throws SchemaError.
  SchemaValidator compile_schema_at(std::string_view pointer) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

/// Result of matching a concrete request line against every operation of one or more specs.
struct RouteMatch {
  enum class Kind { kFound, kPathNotFound, kMethodNotAllowed };
  Kind kind = Kind::kPathNotFound;
  const Spec* spec = nullptr;
  const Operation* operation = nullptr;
  std::map<std::string, std::string> path_params;  ///< percent-decoded values
  std::vector<std::string> allowed_methods;        ///< filled for kMethodNotAllowed, sorted
};

/// Maps method + concrete path to an operation. Literal segments win over templated ones
/// ("/users/me" beats "/users/{id}"); a templated segment matches one non-empty segment and may
/// be a part of it ("/files/{name}.json"). Immutable after construction: safe to share.
class OperationIndex {
 public:
  /// Registers every operation of `spec` under `base_path` + path_template. The spec must
  /// outlive the index.
  void add(const Spec& spec, const std::string& base_path);
  /// `raw_path` may carry a query string, which is ignored. Segments are percent-decoded after
  /// splitting, so "%2F" inside a parameter stays part of that parameter.
  RouteMatch match(std::string_view method, std::string_view raw_path) const;

 private:
  struct Route;
  std::vector<std::shared_ptr<Route>> routes_;
};

/// Decodes %XX escapes; returns std::nullopt on a malformed escape. '+' is left alone (paths).
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace statuskit::openapi
