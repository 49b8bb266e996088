#include "generate/profile.h"

#include <stdexcept>

namespace statuskit::conformance {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& pointer, const std::string& reason) {
  throw std::invalid_argument("generate" + pointer + ": " + reason);
}

json object_at(const json& entry, const char* key, const std::string& pointer) {
  const auto found = entry.find(key);
  if (found == entry.end()) return json::object();
  if (!found->is_object()) fail(pointer + "/" + key, "expected an object");
  return *found;
}

}  // namespace

GenerationProfile GenerationProfile::from_json(const json& section) {
  GenerationProfile profile;
  if (section.is_null()) return profile;
  for (const auto& [key, value] : section.items()) {
    if (key != "operations") fail("/" + key, "unknown field (allowed: operations)");
    if (!value.is_object()) fail("/operations", "expected an object of operations");
    for (const auto& [operation, entry] : value.items()) {
      const std::string pointer = "/operations/" + operation;
      if (!entry.is_object()) fail(pointer, "expected an object");
      for (const auto& [field, unused] : entry.items()) {
        if (field != "path" && field != "query" && field != "headers" && field != "cookies" &&
            field != "body" && field != "forbidden") {
          fail(pointer + "/" + field,
               "unknown field (allowed: path, query, headers, cookies, body, forbidden)");
        }
      }
      GenerationRequest request;
      request.base.operation = operation;
      request.base.path = object_at(entry, "path", pointer);
      request.base.query = object_at(entry, "query", pointer);
      request.base.headers = object_at(entry, "headers", pointer);
      request.base.cookies = object_at(entry, "cookies", pointer);
      if (entry.contains("body")) {
        request.base.has_body = true;
        request.base.body = entry["body"];
      }
      if (entry.contains("forbidden")) {
        const json forbidden = object_at(entry, "forbidden", pointer);
        for (const auto& [field, unused] : forbidden.items()) {
          if (field != "headers" && field != "cookies") {
            fail(pointer + "/forbidden/" + field, "unknown field (allowed: headers, cookies)");
          }
        }
        request.forbidden_headers = object_at(forbidden, "headers", pointer + "/forbidden");
        request.forbidden_cookies = object_at(forbidden, "cookies", pointer + "/forbidden");
      }
      profile.operations.emplace(operation, std::move(request));
    }
  }
  return profile;
}

}  // namespace statuskit::conformance
