// Compiles schema JSON into CompiledNode trees (see schema_node.h). Every keyword is checked
// against the dialect here, once: unsupported or malformed keywords are SchemaErrors, so
// nothing is ever silently accepted at validation time.
#include <algorithm>
#include <map>
#include <set>

#include "schema_cycles.h"
#include "schema_node.h"
#include "schema_text_descent.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/schema_validator.h"
#include "uri_reference.h"

namespace statuskit::openapi {

SchemaError::SchemaError(std::string schema_pointer, std::string reason)
    : std::runtime_error("schema " + (schema_pointer.empty() ? std::string("/") : schema_pointer) +
                         ": " + reason),
      schema_pointer_(std::move(schema_pointer)),
      reason_(std::move(reason)) {}

using detail::CompiledNode;
using detail::CompiledRegex;
using nlohmann::json;

namespace {

bool is_draft4_style(Dialect dialect) {
  return dialect == Dialect::kDraft4 || dialect == Dialect::kOpenApi30;
}
bool allows_boolean_schemas(Dialect dialect) {
  return dialect == Dialect::kDraft7 || dialect == Dialect::kOpenApi31;
}
const char* id_keyword(Dialect dialect) { return dialect == Dialect::kDraft4 ? "id" : "$id"; }

/// Keywords whose values are data, not schemas: never scanned for $id.
bool is_data_keyword(const std::string& key) {
  return key == "enum" || key == "const" || key == "example" || key == "examples" ||
         key == "default";
}

}  // namespace

struct SchemaCompiler::Impl {
  std::shared_ptr<detail::NodeArena> arena = std::make_shared<detail::NodeArena>();
  Dialect dialect;
  std::map<std::string, CompiledNode*> by_location;
  std::map<std::string, std::string> resources;  ///< absolute URI (no fragment) → pointer
  std::map<std::string, std::string> anchors;    ///< "uri#name" → pointer
  struct PendingRef {
    CompiledNode* node;
    std::string resolved;  ///< absolute reference
  };
  std::vector<PendingRef> pending_refs;
  std::size_t nodes_with_text_facts = 0;  ///< arena->nodes before this have their TextFacts

  const json& document() const { return *arena->document; }

  // ---- $id pre-scan ---------------------------------------------------------------------

  /// Records every $id and $anchor under `node`, whose location is `pointer`. The pointer is
  /// one buffer, extended and cut back as the walk goes: a document has thousands of nodes
  /// and this walk is part of every start-up.
  void scan_ids(const json& node, std::string& pointer, const std::string& base) {
    const std::size_t length = pointer.size();
    if (node.is_array()) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        pointer.append("/").append(std::to_string(i));
        scan_ids(node[i], pointer, base);
        pointer.resize(length);
      }
      return;
    }
    if (!node.is_object()) return;
    const std::string* current = &base;
    std::string own_base;
    auto id = node.find(id_keyword(dialect));
    // Draft 7 and earlier: an $id beside $ref is ignored like every other sibling.
    const bool ref_hides_id = dialect != Dialect::kOpenApi31 && node.contains("$ref");
    if (id != node.end() && id->is_string() && !ref_hides_id) {
      const std::string resolved = detail::resolve_uri_reference(base, id->get<std::string>());
      auto [document_uri, fragment] = detail::split_fragment(resolved);
      if (!fragment.empty() && fragment[0] != '/') {
        anchors[document_uri + "#" + fragment] = pointer;
      }
      if (!document_uri.empty() && (fragment.empty() || fragment[0] != '/')) {
        if (id->get<std::string>()[0] != '#') {
          resources[document_uri] = pointer;
          own_base = document_uri;
          current = &own_base;
        }
      }
    }
    auto anchor = node.find("$anchor");
    if (dialect == Dialect::kOpenApi31 && anchor != node.end() && anchor->is_string()) {
      anchors[detail::split_fragment(*current).first + "#" + anchor->get<std::string>()] = pointer;
    }
    for (const auto& [key, value] : node.items()) {
      if (is_data_keyword(key)) continue;
      pointer.append("/").append(escape_pointer_token(key));
      scan_ids(value, pointer, *current);
      pointer.resize(length);
    }
  }

  // ---- compilation ------------------------------------------------------------------------

  [[noreturn]] void fail(const std::string& pointer, const std::string& reason) const {
    throw SchemaError(pointer, reason);
  }

  const json& at(const std::string& pointer) const {
    const json* node = find_pointer(document(), pointer);
    if (node == nullptr) fail(pointer, "no schema at this location");
    return *node;
  }

  CompiledNode* compile_location(const std::string& pointer, const std::string& base) {
    auto cached = by_location.find(pointer);
    if (cached != by_location.end()) return cached->second;
    arena->nodes.push_back(std::make_unique<CompiledNode>());
    CompiledNode* node = arena->nodes.back().get();
    node->location = pointer;
    // Registered before its children compile, so recursive references find it.
    by_location[pointer] = node;
    fill(*node, at(pointer), pointer, base);
    return node;
  }

  CompiledNode* child(const std::string& parent, const std::string& keyword,
                      const std::string& base) {
    return compile_location(append_pointer(parent, keyword), base);
  }

  std::size_t non_negative(const json& value, const std::string& pointer,
                           const char* keyword) const {
    if (value.is_number_unsigned() ||
        (value.is_number_integer() && value.get<std::int64_t>() >= 0)) {
      return value.get<std::size_t>();
    }
    if (value.is_number_float() && value.get<double>() >= 0 &&
        value.get<double>() == static_cast<double>(static_cast<std::size_t>(value.get<double>()))) {
      return static_cast<std::size_t>(value.get<double>());
    }
    fail(append_pointer(pointer, keyword), "must be a non-negative integer");
  }

  CompiledRegex regex(const json& value, const std::string& pointer) const {
    if (!value.is_string()) fail(pointer, "a pattern must be a string");
    try {
      return CompiledRegex{value.get<std::string>(),
                           std::regex(value.get<std::string>(), std::regex::ECMAScript)};
    } catch (const std::regex_error& error) {
      fail(pointer, "unsupported or invalid regular expression '" + value.get<std::string>() +
                        "': " + error.what());
    }
  }

  void fill(CompiledNode& node, const json& schema, const std::string& pointer,
            const std::string& inherited_base) {
    if (schema.is_boolean()) {
      if (!allows_boolean_schemas(dialect)) fail(pointer, "boolean schemas need draft 6 or later");
      (schema.get<bool>() ? node.always_valid : node.always_invalid) = true;
      return;
    }
    if (!schema.is_object()) fail(pointer, "a schema must be an object");

    std::string base = inherited_base;
    const bool has_ref = schema.contains("$ref");
    auto id = schema.find(id_keyword(dialect));
    if (id != schema.end() && id->is_string() && (!has_ref || dialect == Dialect::kOpenApi31)) {
      const auto resolved = detail::resolve_uri_reference(base, id->get<std::string>());
      const auto document_uri = detail::split_fragment(resolved).first;
      if (id->get<std::string>()[0] != '#' && !document_uri.empty()) base = document_uri;
    }

    if (has_ref) {
      const json& ref = schema["$ref"];
      if (!ref.is_string()) fail(append_pointer(pointer, "$ref"), "$ref must be a string");
      node.ref_text = ref.get<std::string>();
      pending_refs.push_back({&node, detail::resolve_uri_reference(base, node.ref_text)});
      if (dialect != Dialect::kOpenApi31) {
        node.ref_overrides_siblings = true;
        return;  // draft 4/7 and OpenAPI 3.0: siblings of $ref are ignored
      }
    }
    for (const char* unsupported : {"$dynamicRef", "$dynamicAnchor", "$recursiveRef"}) {
      if (dialect == Dialect::kOpenApi31 && schema.contains(unsupported)) {
        fail(append_pointer(pointer, unsupported), std::string(unsupported) + " is not supported");
      }
    }

    compile_type(node, schema, pointer);
    if (dialect == Dialect::kOpenApi30) {
      auto nullable = schema.find("nullable");
      if (nullable != schema.end()) {
        if (!nullable->is_boolean()) fail(append_pointer(pointer, "nullable"), "must be a boolean");
        node.nullable = nullable->get<bool>();
      }
    }
    if (auto e = schema.find("enum"); e != schema.end()) {
      if (!e->is_array()) fail(append_pointer(pointer, "enum"), "enum must be an array");
      node.enum_values = std::vector<json>(e->begin(), e->end());
    }
    if (dialect != Dialect::kDraft4 && dialect != Dialect::kOpenApi30) {
      if (auto c = schema.find("const"); c != schema.end()) node.const_value = *c;
    }
    compile_numeric(node, schema, pointer);
    compile_string(node, schema, pointer);
    compile_array(node, schema, pointer, base);
    compile_object(node, schema, pointer, base);
    compile_applicators(node, schema, pointer, base);
  }

  void compile_type(CompiledNode& node, const json& schema, const std::string& pointer) const {
    auto type = schema.find("type");
    if (type == schema.end()) return;
    auto add = [&](const json& name) {
      static const std::map<std::string, unsigned> kBits = {
          {"null", detail::kNull},     {"boolean", detail::kBoolean}, {"integer", detail::kInteger},
          {"number", detail::kNumber}, {"string", detail::kString},   {"array", detail::kArray},
          {"object", detail::kObject}};
      if (!name.is_string() || !kBits.contains(name.get<std::string>())) {
        fail(append_pointer(pointer, "type"), "unknown type " + name.dump());
      }
      if (dialect == Dialect::kOpenApi30 && name.get<std::string>() == "null") {
        fail(append_pointer(pointer, "type"),
             "type 'null' does not exist in OpenAPI 3.0 (use nullable: true)");
      }
      node.types |= kBits.at(name.get<std::string>());
      node.type_names.push_back(name.get<std::string>());
    };
    if (type->is_array()) {
      if (dialect == Dialect::kOpenApi30) {
        fail(append_pointer(pointer, "type"),
             "type arrays are not allowed in OpenAPI 3.0 (use nullable: true)");
      }
      for (const auto& name : *type) add(name);
    } else {
      add(*type);
    }
  }

  void compile_numeric(CompiledNode& node, const json& schema, const std::string& pointer) const {
    auto number = [&](const char* keyword) -> std::optional<json> {
      auto it = schema.find(keyword);
      if (it == schema.end()) return std::nullopt;
      if (!it->is_number()) fail(append_pointer(pointer, keyword), "must be a number");
      return *it;
    };
    node.minimum = number("minimum");
    node.maximum = number("maximum");
    node.multiple_of = number("multipleOf");
    if (node.multiple_of && node.multiple_of->get<double>() <= 0) {
      fail(append_pointer(pointer, "multipleOf"), "must be greater than 0");
    }
    if (is_draft4_style(dialect)) {
      // Draft 4 / OpenAPI 3.0: booleans that make minimum/maximum exclusive.
      for (const char* keyword : {"exclusiveMinimum", "exclusiveMaximum"}) {
        auto it = schema.find(keyword);
        if (it == schema.end()) continue;
        if (!it->is_boolean()) {
          fail(append_pointer(pointer, keyword), "must be a boolean in this dialect");
        }
        if (!it->get<bool>()) continue;
        const bool is_min = std::string(keyword) == "exclusiveMinimum";
        auto& bound = is_min ? node.minimum : node.maximum;
        if (!bound) continue;
        (is_min ? node.exclusive_minimum : node.exclusive_maximum) = bound;
        bound.reset();
      }
    } else {
      node.exclusive_minimum = number("exclusiveMinimum");
      node.exclusive_maximum = number("exclusiveMaximum");
    }
  }

  void compile_string(CompiledNode& node, const json& schema, const std::string& pointer) const {
    if (auto it = schema.find("minLength"); it != schema.end()) {
      node.min_length = non_negative(*it, pointer, "minLength");
    }
    if (auto it = schema.find("maxLength"); it != schema.end()) {
      node.max_length = non_negative(*it, pointer, "maxLength");
    }
    if (auto it = schema.find("pattern"); it != schema.end()) {
      node.pattern = regex(*it, append_pointer(pointer, "pattern"));
    }
    if (auto it = schema.find("format"); it != schema.end()) {
      if (!it->is_string()) fail(append_pointer(pointer, "format"), "must be a string");
      node.format_name = it->get<std::string>();
      node.format = detail::format_kind_from_name(node.format_name);
    }
  }

  void compile_array(CompiledNode& node, const json& schema, const std::string& pointer,
                     const std::string& base) {
    auto items = schema.find("items");
    if (dialect == Dialect::kOpenApi31) {
      if (auto prefix = schema.find("prefixItems"); prefix != schema.end()) {
        if (!prefix->is_array()) fail(append_pointer(pointer, "prefixItems"), "must be an array");
        for (std::size_t i = 0; i < prefix->size(); ++i) {
          node.prefix_items.push_back(
              compile_location(append_pointer(append_pointer(pointer, "prefixItems"), i), base));
        }
      }
      if (items != schema.end()) {
        if (items->is_array()) {
          fail(append_pointer(pointer, "items"), "array-form items is prefixItems in 2020-12");
        }
        node.items = child(pointer, "items", base);
      }
    } else if (items != schema.end()) {
      if (items->is_array()) {
        for (std::size_t i = 0; i < items->size(); ++i) {
          node.prefix_items.push_back(
              compile_location(append_pointer(append_pointer(pointer, "items"), i), base));
        }
        if (auto additional = schema.find("additionalItems"); additional != schema.end()) {
          node.items = compile_maybe_boolean(pointer, "additionalItems", *additional, base);
          node.items_keyword_is_additional_items = true;
        }
      } else {
        node.items = child(pointer, "items", base);
      }
    }
    if (auto it = schema.find("minItems"); it != schema.end()) {
      node.min_items = non_negative(*it, pointer, "minItems");
    }
    if (auto it = schema.find("maxItems"); it != schema.end()) {
      node.max_items = non_negative(*it, pointer, "maxItems");
    }
    if (auto it = schema.find("uniqueItems"); it != schema.end()) {
      if (!it->is_boolean()) fail(append_pointer(pointer, "uniqueItems"), "must be a boolean");
      node.unique_items = it->get<bool>();
    }
    if (dialect == Dialect::kDraft7 || dialect == Dialect::kOpenApi31) {
      if (schema.contains("contains")) node.contains = child(pointer, "contains", base);
    }
    if (dialect == Dialect::kOpenApi31) {
      if (auto it = schema.find("minContains"); it != schema.end()) {
        node.min_contains = non_negative(*it, pointer, "minContains");
      }
      if (auto it = schema.find("maxContains"); it != schema.end()) {
        node.max_contains = non_negative(*it, pointer, "maxContains");
      }
      if (schema.contains("unevaluatedItems")) {
        node.unevaluated_items = child(pointer, "unevaluatedItems", base);
      }
    }
  }

  /// additionalProperties / additionalItems accept a boolean in every dialect.
  CompiledNode* compile_maybe_boolean(const std::string& pointer, const char* keyword,
                                      const json& value, const std::string& base) {
    const std::string location = append_pointer(pointer, keyword);
    if (!value.is_boolean()) return compile_location(location, base);
    auto cached = by_location.find(location);
    if (cached != by_location.end()) return cached->second;
    arena->nodes.push_back(std::make_unique<CompiledNode>());
    CompiledNode* node = arena->nodes.back().get();
    node->location = location;
    (value.get<bool>() ? node->always_valid : node->always_invalid) = true;
    by_location[location] = node;
    return node;
  }

  void compile_object(CompiledNode& node, const json& schema, const std::string& pointer,
                      const std::string& base) {
    if (auto properties = schema.find("properties"); properties != schema.end()) {
      if (!properties->is_object())
        fail(append_pointer(pointer, "properties"), "must be an object");
      const auto location = append_pointer(pointer, "properties");
      for (const auto& [name, value] : properties->items()) {
        node.properties.emplace_back(name, compile_location(append_pointer(location, name), base));
      }
      std::sort(node.properties.begin(), node.properties.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    if (auto patterns = schema.find("patternProperties"); patterns != schema.end()) {
      if (!patterns->is_object()) {
        fail(append_pointer(pointer, "patternProperties"), "must be an object");
      }
      const auto location = append_pointer(pointer, "patternProperties");
      for (const auto& [pattern, value] : patterns->items()) {
        node.pattern_properties.emplace_back(
            regex(json(pattern), append_pointer(location, pattern)),
            compile_location(append_pointer(location, pattern), base));
      }
    }
    if (auto additional = schema.find("additionalProperties"); additional != schema.end()) {
      node.additional_properties =
          compile_maybe_boolean(pointer, "additionalProperties", *additional, base);
    }
    if (auto required = schema.find("required"); required != schema.end()) {
      if (!required->is_array()) fail(append_pointer(pointer, "required"), "must be an array");
      for (const auto& name : *required) {
        if (!name.is_string()) fail(append_pointer(pointer, "required"), "must hold strings");
        node.required.push_back(name.get<std::string>());
      }
    }
    if (auto it = schema.find("minProperties"); it != schema.end()) {
      node.min_properties = non_negative(*it, pointer, "minProperties");
    }
    if (auto it = schema.find("maxProperties"); it != schema.end()) {
      node.max_properties = non_negative(*it, pointer, "maxProperties");
    }
    auto dependency_list = [&](const json& value, const std::string& location) {
      std::vector<std::string> names;
      if (!value.is_array()) fail(location, "must be an array of property names");
      for (const auto& name : value) {
        if (!name.is_string()) fail(location, "must hold strings");
        names.push_back(name.get<std::string>());
      }
      return names;
    };
    if (dialect == Dialect::kOpenApi31) {
      if (auto it = schema.find("dependentRequired"); it != schema.end()) {
        const auto location = append_pointer(pointer, "dependentRequired");
        for (const auto& [name, value] : it->items()) {
          node.dependent_required.emplace_back(
              name, dependency_list(value, append_pointer(location, name)));
        }
      }
      if (auto it = schema.find("dependentSchemas"); it != schema.end()) {
        const auto location = append_pointer(pointer, "dependentSchemas");
        for (const auto& [name, value] : it->items()) {
          node.dependent_schemas.emplace_back(
              name, compile_location(append_pointer(location, name), base));
        }
      }
      if (schema.contains("unevaluatedProperties")) {
        node.unevaluated_properties = child(pointer, "unevaluatedProperties", base);
      }
    } else if (auto it = schema.find("dependencies"); it != schema.end()) {
      const auto location = append_pointer(pointer, "dependencies");
      for (const auto& [name, value] : it->items()) {
        if (value.is_array()) {
          node.dependent_required.emplace_back(
              name, dependency_list(value, append_pointer(location, name)));
        } else {
          node.dependent_schemas.emplace_back(
              name, compile_location(append_pointer(location, name), base));
        }
      }
    }
    if (dialect == Dialect::kDraft7 || dialect == Dialect::kOpenApi31) {
      if (schema.contains("propertyNames")) {
        node.property_names = child(pointer, "propertyNames", base);
      }
    }
  }

  void compile_applicators(CompiledNode& node, const json& schema, const std::string& pointer,
                           const std::string& base) {
    auto list = [&](const char* keyword, std::vector<const CompiledNode*>& out) {
      auto it = schema.find(keyword);
      if (it == schema.end()) return;
      if (!it->is_array() || it->empty()) {
        fail(append_pointer(pointer, keyword), "must be a non-empty array of schemas");
      }
      for (std::size_t i = 0; i < it->size(); ++i) {
        out.push_back(compile_location(append_pointer(append_pointer(pointer, keyword), i), base));
      }
    };
    list("allOf", node.all_of);
    list("anyOf", node.any_of);
    list("oneOf", node.one_of);
    if (schema.contains("not")) node.not_schema = child(pointer, "not", base);
    if (dialect == Dialect::kDraft7 || dialect == Dialect::kOpenApi31) {
      if (schema.contains("if")) {
        node.if_schema = child(pointer, "if", base);
        if (schema.contains("then")) node.then_schema = child(pointer, "then", base);
        if (schema.contains("else")) node.else_schema = child(pointer, "else", base);
      }
    }
  }

  void resolve_pending_refs() {
    while (!pending_refs.empty()) {
      PendingRef pending = pending_refs.back();
      pending_refs.pop_back();
      auto [document_uri, fragment] = detail::split_fragment(pending.resolved);
      std::string resource_pointer;
      if (!document_uri.empty()) {
        auto resource = resources.find(document_uri);
        if (resource == resources.end()) {
          fail(pending.node->location, "unsupported remote $ref '" + pending.node->ref_text +
                                           "' (only references inside the document are supported)");
        }
        resource_pointer = resource->second;
      }
      std::string target;
      if (fragment.empty()) {
        target = resource_pointer;
      } else if (fragment[0] == '/') {
        target = resource_pointer + fragment;
      } else {
        auto anchor = anchors.find(document_uri + "#" + fragment);
        if (anchor == anchors.end()) {
          fail(pending.node->location, "dangling $ref '" + pending.node->ref_text + "'");
        }
        target = anchor->second;
      }
      if (find_pointer(document(), target) == nullptr) {
        fail(pending.node->location, "dangling $ref '" + pending.node->ref_text + "'");
      }
      pending.node->ref = compile_location(target, document_uri);
    }
  }
};

SchemaCompiler::SchemaCompiler(std::shared_ptr<const json> document, Dialect dialect)
    : impl_(std::make_unique<Impl>()) {
  impl_->arena->document = std::move(document);
  impl_->dialect = dialect;
  std::string root_pointer;
  impl_->scan_ids(*impl_->arena->document, root_pointer, "");
}

SchemaCompiler::~SchemaCompiler() = default;
SchemaCompiler::SchemaCompiler(SchemaCompiler&&) noexcept = default;
SchemaCompiler& SchemaCompiler::operator=(SchemaCompiler&&) noexcept = default;

SchemaValidator SchemaCompiler::compile(std::string_view pointer) {
  std::string location(pointer);
  // The base URI of a nested location is the nearest enclosing resource's; for documents
  // without $id (every OpenAPI document we serve) that is simply "".
  std::string base;
  for (const auto& [uri, resource_pointer] : impl_->resources) {
    if (location.rfind(resource_pointer, 0) == 0) base = uri;
  }
  try {
    const CompiledNode* root = impl_->compile_location(location, base);
    impl_->resolve_pending_refs();
    detail::refuse_same_instance_cycles(impl_->arena->nodes, impl_->nodes_with_text_facts);
    // Facts from each node's own keywords, now that its $ref is resolved too.
    auto& nodes = impl_->arena->nodes;
    for (; impl_->nodes_with_text_facts < nodes.size(); ++impl_->nodes_with_text_facts) {
      detail::note_text_facts(*nodes[impl_->nodes_with_text_facts]);
    }
    return SchemaValidator(std::shared_ptr<const CompiledNode>(impl_->arena, root), impl_->arena);
  } catch (const std::invalid_argument& error) {
    throw SchemaError(location, error.what());
  } catch (const nlohmann::json::exception& error) {
    throw SchemaError(location, error.what());
  }
}

SchemaValidator compile_schema(const json& schema, Dialect dialect) {
  SchemaCompiler compiler(std::make_shared<const json>(schema), dialect);
  return compiler.compile("");
}

}  // namespace statuskit::openapi
