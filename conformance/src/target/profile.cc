#include "target/profile.h"

#include <stdexcept>

#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

[[noreturn]] void fail(const std::string& source, const std::string& pointer,
                       const std::string& reason) {
  throw std::invalid_argument(source + ": " + (pointer.empty() ? "/" : pointer) + ": " + reason);
}

// Leaves of the free-form trees must be scalars: they end up in headers, paths and bodies.
void check_tree(const nlohmann::json& tree, const std::string& source, const std::string& pointer) {
  if (tree.is_object()) {
    for (const auto& [key, value] : tree.items()) {
      check_tree(value, source, openapi::append_pointer(pointer, key));
    }
  } else if (!(tree.is_string() || tree.is_number() || tree.is_boolean())) {
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
      if (!value.is_string()) fail(source, pointer, "expected a string");
      profile.name = value.get<std::string>();
    } else if (key == "base_url") {
      if (!value.is_string()) fail(source, pointer, "expected a string");
      profile.base_url = value.get<std::string>();
    } else if (key == "statuskit_mock") {
      if (!value.is_boolean()) fail(source, pointer, "expected a boolean");
      profile.statuskit_mock = value.get<bool>();
    } else if (key == "admin_token") {
      if (!value.is_string()) fail(source, pointer, "expected a string");
      profile.admin_token = value.get<std::string>();
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
            if (!field_value.is_string()) fail(source, field_pointer, "expected a string");
            vendor_profile.base_path = field_value.get<std::string>();
          } else if (field == "roles" || field == "users" || field == "values") {
            if (!field_value.is_object()) fail(source, field_pointer, "expected an object");
            check_tree(field_value, source, field_pointer);
            vendor_profile.values[field] = field_value;
          } else if (field == "generate") {
            // Checked in full by the generator (gen_profile.cc), which alone reads it.
            if (!field_value.is_object()) fail(source, field_pointer, "expected an object");
            vendor_profile.generate = field_value;
          } else {
            fail(source, field_pointer,
                 "unknown field (allowed: base_path, roles, users, values, generate)");
          }
        }
        profile.vendors[vendor] = std::move(vendor_profile);
      }
    } else {
      fail(source, pointer,
           "unknown field (allowed: name, base_url, statuskit_mock, admin_token, vendors)");
    }
  }
  return profile;
}

}  // namespace statuskit::conformance
