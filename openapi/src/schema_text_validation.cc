// SchemaValidator::validate_text: the one-pass check for the texts that are valid, the DOM for
// the others (schema_text_checker.h says why the two never both describe one text).
#include <nlohmann/json.hpp>

#include "schema_text_checker.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/schema_validator.h"

namespace statuskit::openapi {

ValidationReport SchemaValidator::validate_text(std::string_view text, std::size_t max_errors,
                                                const std::string& source_name) const {
  if (detail::text_certainly_valid(root_.get(), text)) return {};
  return validate(parse_json_text(text, source_name), max_errors);
}

}  // namespace statuskit::openapi
