#pragma once
// A JSON Schema validator written for OpenAPI documents.
//
// Schemas are compiled once (SchemaCompiler) into an immutable tree; validation then only walks
// that tree: no regex compilation, no $ref lookups, no schema copies per call. A compiled
// SchemaValidator is safe to share between threads.

#include <cstddef>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace statuskit::openapi {

/// Which JSON Schema dialect a schema is written in.
enum class Dialect {
  kDraft4,     ///< JSON Schema draft 4 (boolean exclusiveMinimum/Maximum, `id`).
  kDraft7,     ///< JSON Schema draft 7 (if/then/else, const, contains, boolean schemas).
  kOpenApi30,  ///< OpenAPI 3.0 Schema Object: draft-4 style plus `nullable`, no type arrays.
  kOpenApi31,  ///< OpenAPI 3.1 = JSON Schema 2020-12 (type arrays, prefixItems, ...).
};

/// One reason an instance does not match its schema.
struct ValidationError {
  std::string instance_pointer;  ///< where in the instance, e.g. "/ids"
  std::string keyword_location;  ///< schema path that failed, e.g. "/properties/ids/maxItems"
  std::string message;           ///< precise reason, e.g. "501 items, maximum is 500"
  /// "/ids: 501 items, maximum is 500" (the pointer is "" for the root, printed as "/").
  std::string to_string() const;
};

/// How many errors an answer or report built from validation results lists at most; the rest
/// are counted ("... and N more"). An instance can hold millions of wrong values (a 1 MiB body
/// of 500,000 wrong ids), and listing every one would make a reply of many megabytes.
inline constexpr std::size_t kMaxListedErrors = 100;

/// The first errors of a validation, and how many more were found.
struct ValidationReport {
  std::vector<ValidationError> errors;  ///< in document order, at most the limit asked for
  std::size_t omitted = 0;              ///< errors found beyond the limit (only counted)
};

/// A schema uses something the validator cannot honour (unknown dialect feature, dangling
/// $ref, malformed keyword value). Raised at compile time so nothing is silently accepted.
class SchemaError : public std::runtime_error {
 public:
  SchemaError(std::string schema_pointer, std::string reason);
  const std::string& schema_pointer() const { return schema_pointer_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string schema_pointer_;
  std::string reason_;
};

class SchemaValidator;

namespace detail {
struct CompiledNode;  // internal representation, see schema_validator.cc
/// The compiled tree of `validator` (nullptr for the schema `{}`), for the engine's own units
/// and tests.
const CompiledNode* root_of(const SchemaValidator& validator);
}  // namespace detail

/// A compiled schema. Cheap to copy (shared immutable tree).
class SchemaValidator {
 public:
  SchemaValidator() = default;  ///< an empty validator accepts everything (schema `{}`)
  /// Every error found (not only the first), in document order.
  std::vector<ValidationError> validate(const nlohmann::json& instance) const;
  /// Keeps the first `max_errors` errors and only counts the others, so memory stays bounded
  /// however many values of the instance are wrong. Use this on untrusted instances.
  ValidationReport validate(const nlohmann::json& instance, std::size_t max_errors) const;
  bool is_valid(const nlohmann::json& instance) const;
  /// The report of validate(parse_json_text(text, source_name), max_errors), and the same
  /// LoadError when the text is not JSON. A text that is valid JSON and valid against the
  /// schema (every answer the mock sends) is checked in one pass, without building its
  /// document; any other is read and validated as above, so the messages are the same.
  ValidationReport validate_text(std::string_view text, std::size_t max_errors,
                                 const std::string& source_name) const;

 private:
  friend class SchemaCompiler;
  friend const detail::CompiledNode* detail::root_of(const SchemaValidator& validator);
  explicit SchemaValidator(std::shared_ptr<const detail::CompiledNode> root,
                           std::shared_ptr<const void> keep_alive);
  std::shared_ptr<const detail::CompiledNode> root_;
  std::shared_ptr<const void> keep_alive_;  // the compiler's node arena
};

/// Compiles schemas found inside one document. `$ref`s are resolved against that document
/// (local refs "#/..." and, for test-suite use, `id`/`$id` anchored refs inside it); each
/// schema location is compiled once and shared, so recursive schemas terminate.
class SchemaCompiler {
 public:
  SchemaCompiler(std::shared_ptr<const nlohmann::json> document, Dialect dialect);
  ~SchemaCompiler();
  SchemaCompiler(SchemaCompiler&&) noexcept;
  SchemaCompiler& operator=(SchemaCompiler&&) noexcept;

  /// Compiles the schema at `pointer` ("" = the whole document). Throws SchemaError.
  SchemaValidator compile(std::string_view pointer);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Convenience: compile a standalone schema document.
SchemaValidator compile_schema(const nlohmann::json& schema, Dialect dialect);

}  // namespace statuskit::openapi
