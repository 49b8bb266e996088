#include "target/profile.h"

#include <cstdlib>
#include <stdexcept>

#include "did_you_mean.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

[[noreturn]] void fail(const std::string& source, const std::string& pointer,
                       const std::string& reason) {
  throw std::invalid_argument(source + ": " + (pointer.empty() ? "/" : pointer) + ": " + reason);
}

/// `text` with each `${env:NAME}` replaced by the environment variable's value, so that a CI job
/// passes credentials without writing them to disk. Throws (via fail) for an unset variable.
std::string with_environment(const std::string& text, const std::string& source,
                             const std::string& pointer) {
  static const std::string kOpen = "${env:";
  std::string out;
  std::size_t from = 0;
  for (auto at = text.find(kOpen); at != std::string::npos; at = text.find(kOpen, from)) {
    const auto close = text.find('}', at);
    if (close == std::string::npos) fail(source, pointer, "'${env:' without a closing '}'");
    const std::string name = text.substr(at + kOpen.size(), close - at - kOpen.size());
    const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
    if (value == nullptr) {
      fail(source, pointer,
           "the environment variable " + (name.empty() ? "''" : name) + " (named by ${env:" + name +
               "}) is not set");
    }
    out.append(text, from, at - from).append(value);
    from = close + 1;
  }
  return out.append(text, from, std::string::npos);
}

/// The string at `value` with its ${env:NAME} references resolved.
std::string read_string(const nlohmann::json& value, const std::string& source,
                        const std::string& pointer) {
  if (!value.is_string()) fail(source, pointer, "expected a string");
  return with_environment(value.get<std::string>(), source, pointer);
}

// Leaves of the free-form trees must be scalars: they end up in headers, paths and bodies.
// String leaves may name environment variables (${env:NAME}), resolved here.
void check_tree(nlohmann::json& tree, const std::string& source, const std::string& pointer) {
  if (tree.is_object()) {
    for (const auto& [key, value] : tree.items()) {
      check_tree(value, source, openapi::append_pointer(pointer, key));
    }
  } else if (tree.is_string()) {
    tree = with_environment(tree.get<std::string>(), source, pointer);
  } else if (!(tree.is_number() || tree.is_boolean())) {
    fail(source, pointer,
         std::string("expected a string, number, boolean or object, got ") + tree.type_name());
  }
}

}  // namespace

TargetProfile TargetProfile::load_file(const std::string& path) {
  nlohmann::json document;
  try {
    document = openapi::load_document_file(path);
  } catch (const std::exception& error) {
    throw std::invalid_argument(error.what());
  }
  return from_json(document, path);
}

TargetProfile TargetProfile::from_json(const nlohmann::json& document, const std::string& source) {
  if (!document.is_object()) fail(source, "", "expected a profile object");
  TargetProfile profile;
  for (const auto& [key, value] : document.items()) {
    const std::string pointer = "/" + key;
    if (key == "name") {
      profile.name = read_string(value, source, pointer);
    } else if (key == "base_url") {
      profile.base_url = read_string(value, source, pointer);
    } else if (key == "statuskit_mock") {
      if (!value.is_boolean()) fail(source, pointer, "expected a boolean");
      profile.statuskit_mock = value.get<bool>();
    } else if (key == "admin_token") {
      profile.admin_token = read_string(value, source, pointer);
    } else if (key == "vendors") {
      if (!value.is_object()) fail(source, pointer, "expected an object of vendors");
      for (const auto& [vendor, entry] : value.items()) {
        const std::string vendor_pointer = openapi::append_pointer(pointer, vendor);
        if (!entry.is_object()) fail(source, vendor_pointer, "expected an object");
        VendorProfile vendor_profile;
        vendor_profile.values = nlohmann::json::object();
        for (const auto& [field, field_value] : entry.items()) {
          const std::string field_pointer = openapi::append_pointer(vendor_pointer, field);
          if (field == "base_path") {
            vendor_profile.base_path = read_string(field_value, source, field_pointer);
          } else if (field == "roles" || field == "users" || field == "values") {
            if (!field_value.is_object()) fail(source, field_pointer, "expected an object");
            nlohmann::json tree = field_value;
            check_tree(tree, source, field_pointer);
            vendor_profile.values[field] = std::move(tree);
          } else if (field == "generate") {
            // Checked in full by the generator (generate/profile.cc), which alone reads it.
            if (!field_value.is_object()) fail(source, field_pointer, "expected an object");
            vendor_profile.generate = field_value;
          } else if (field == "explore") {
            // Checked in full by explore (explore/vocabulary.cc), which alone reads it.
            if (!field_value.is_object()) fail(source, field_pointer, "expected an object");
            vendor_profile.explore = field_value;
          } else {
            fail(source, field_pointer,
                 "unknown field" +
                     did_you_mean(
                         field, {"base_path", "roles", "users", "values", "generate", "explore"}) +
                     " (allowed: base_path, roles, users, values, generate, explore)");
          }
        }
        profile.vendors[vendor] = std::move(vendor_profile);
      }
    } else {
      fail(source, pointer,
           "unknown field" +
               did_you_mean(key, {"name", "base_url", "statuskit_mock", "admin_token", "vendors"}) +
               " (allowed: name, base_url, statuskit_mock, admin_token, vendors)");
    }
  }
  return profile;
}

}  // namespace statuskit::conformance
