// Checks one observed response against the operation's documented responses.
#include "statuskit/openapi/response_checker.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "statuskit/openapi/document_loader.h"

namespace statuskit::openapi {

namespace {

std::string media_type_of(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  type.erase(0, type.find_first_not_of(" \t"));
  type.erase(type.find_last_not_of(" \t") + 1);
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

bool is_json_media_type(const std::string& type) {
  return type == "application/json" || type == "text/json" ||
         (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

/// The documented media type that covers `actual` ("application/*+json" and "*/*" included).
const SchemaValidator* find_media(const ResponseSpec& response, const std::string& actual,
                                  std::string* matched_type) {
  for (const auto& [declared, schema] : response.content) {
    std::string pattern = media_type_of(declared);
    bool matches = pattern == actual || pattern == "*/*";
    if (!matches) {
      const auto star = pattern.find('*');
      if (star != std::string::npos) {
        const auto prefix = pattern.substr(0, star);
        const auto suffix = pattern.substr(star + 1);
        matches = actual.size() >= prefix.size() + suffix.size() &&
                  actual.compare(0, prefix.size(), prefix) == 0 &&
                  actual.compare(actual.size() - suffix.size(), suffix.size(), suffix) == 0;
      }
    }
    if (matches) {
      *matched_type = declared;
      return &schema;
    }
  }
  return nullptr;
}

std::string documented_statuses(const Operation& operation) {
  std::string list;
  for (const auto& response : operation.responses) {
    list += (list.empty() ? "" : ", ") + response.status_key;
  }
  return list;
}

/// True when the spec documents responses in the class of `status` (4xx for 422) and every one
/// of them is inferred: the list of that class is then this project's guess, and another
/// status of the same class is a plausible choice of the server, not a contradiction.
bool class_is_inferred(const Operation& operation, int status) {
  const char status_class = static_cast<char>('0' + status / 100);
  bool any = false;
  for (const auto& response : operation.responses) {
    if (response.status_key.empty() || response.status_key[0] != status_class) continue;
    if (!response.inferred) return false;
    any = true;
  }
  return any;
}

}  // namespace

std::vector<ResponseMismatch> check_response(const Operation& operation,
                                             const ObservedResponse& response, bool strict) {
  std::vector<ResponseMismatch> mismatches;
  const ResponseSpec* documented = operation.find_response(response.status);
  if (documented == nullptr) {
    const auto severity = class_is_inferred(operation, response.status) && !strict
                              ? ResponseMismatch::Severity::kWarning
                              : ResponseMismatch::Severity::kError;
    mismatches.push_back({severity, "undocumented-status",
                          "undocumented status " + std::to_string(response.status) +
                              " (documented: " + documented_statuses(operation) + ")",
                          "", "undocumented-status"});
    return mismatches;
  }
  const auto severity = documented->inferred && !strict ? ResponseMismatch::Severity::kWarning
                                                        : ResponseMismatch::Severity::kError;
  auto add = [&](const char* kind, std::string message) {
    mismatches.push_back({severity, kind, std::move(message), "", kind});
  };
  for (const auto& header : documented->required_headers) {
    std::string lower = header;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!response.headers.contains(lower))
      add("header", "required header " + header + " is missing");
  }
  if (documented->content.empty()) {
    if (!response.body.empty()) {
      add("content-type", "status " + std::to_string(response.status) +
                              " documents no body, but the response has " +
                              std::to_string(response.body.size()) + " bytes");
    }
    return mismatches;
  }
  const std::string actual = media_type_of(response.content_type);
  if (actual.empty() && response.body.empty()) {
    add("body-json", "status " + std::to_string(response.status) +
                         " documents a body, but the response has none");
    return mismatches;
  }
  std::string declared;
  const SchemaValidator* schema = find_media(*documented, actual, &declared);
  if (schema == nullptr) {
    std::string documented_types;
    for (const auto& [type, unused] : documented->content) {
      documented_types += (documented_types.empty() ? "" : ", ") + type;
    }
    add("content-type", "content type '" + (actual.empty() ? std::string("(none)") : actual) +
                            "' is not documented for status " + std::to_string(response.status) +
                            " (documented: " + documented_types + ")");
    return mismatches;
  }
  if (!is_json_media_type(actual)) return mismatches;  // only JSON bodies are schema-checked
  // Capped: a target's (or the mock's) answer can be wrong in millions of places.
  ValidationReport report;
  try {
    report = schema->validate_text(response.body, kMaxListedErrors, "response body");
  } catch (const LoadError& error) {
    add("body-json", std::string("body is not valid JSON: ") + error.what());
    return mismatches;
  }
  for (const auto& error : report.errors) {
    add("body-schema", error.to_string());
    const auto slash = error.keyword_location.rfind('/');
    mismatches.back().pointer = error.instance_pointer;
    mismatches.back().keyword = error.keyword_location.substr(slash + 1);
  }
  if (report.omitted > 0) {
    add("body-schema", "... and " + std::to_string(report.omitted) + " more schema errors");
  }
  return mismatches;
}

}  // namespace statuskit::openapi
