#include "scenarios/substitution.h"

#include <cstdint>
#include <stdexcept>

#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

constexpr std::size_t kMaxRepeat = 100000;

/// The value `key` names: its first dotted part is "captured" or a profile entry, and each
/// further part is a field of the value before it. nullptr when any part is missing.
const nlohmann::json* lookup(const Bindings& bindings, const std::string& key) {
  auto dot = key.find('.');
  const std::string root = key.substr(0, dot);
  const nlohmann::json* node = &bindings.captured;
  if (root != "captured") {
    const auto it = bindings.profile.find(root);
    if (it == bindings.profile.end()) return nullptr;
    node = &*it;
  }
  while (dot != std::string::npos) {
    const auto start = dot + 1;
    dot = key.find('.', start);
    const std::string part =
        key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object()) return nullptr;
    const auto it = node->find(part);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

std::optional<MissingKey> resolve_string(const std::string& text, const Bindings& bindings,
                                         nlohmann::json& out) {
  const auto first = text.find("${");
  if (first == std::string::npos) {
    out = text;
    return std::nullopt;
  }
  // Exactly one reference: keep the value's type (numbers stay numbers).
  if (first == 0 && text.back() == '}' && text.find("${", 2) == std::string::npos &&
      text.find('}') == text.size() - 1) {
    const std::string key = text.substr(2, text.size() - 3);
    const nlohmann::json* value = lookup(bindings, key);
    if (value == nullptr) return MissingKey{key};
    out = *value;
    return std::nullopt;
  }
  std::string result;
  std::size_t position = 0;
  while (true) {
    const auto open = text.find("${", position);
    if (open == std::string::npos) break;
    const auto close = text.find('}', open);
    if (close == std::string::npos) throw std::invalid_argument("unclosed ${ in \"" + text + "\"");
    result += text.substr(position, open - position);
    const std::string key = text.substr(open + 2, close - open - 2);
    const nlohmann::json* value = lookup(bindings, key);
    if (value == nullptr) return MissingKey{key};
    result += as_text(*value);
    position = close + 1;
  }
  result += text.substr(position);
  out = result;
  return std::nullopt;
}

bool is_repeat_block(const nlohmann::json& value) {
  return value.is_object() && value.contains("$repeat");
}

bool is_whole_reference(const nlohmann::json& value) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  return text.size() > 3 && text.rfind("${", 0) == 0 && text.find('}') == text.size() - 1;
}

bool is_repeat_count(const nlohmann::json& count) {
  // YAML integers arrive signed, so check the sign rather than the storage type.
  return count.is_number_integer() && count.get<std::int64_t>() >= 0 &&
         count.get<std::uint64_t>() <= kMaxRepeat;
}

/// Why a $repeat block is malformed, if it is. The count may be a reference to a profile
/// value (a target-specific size, e.g. more items than its body limit allows).
std::optional<std::string> repeat_problem(const nlohmann::json& block) {
  const auto& count = block.at("$repeat");
  if (!(is_repeat_count(count) || is_whole_reference(count)) || !block.contains("item") ||
      block.size() != 2) {
    return "$repeat needs {$repeat: N (0 to 100000) or \"${key}\", item: V}";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> template_problem(const nlohmann::json& template_value) {
  if (template_value.is_string()) {
    const auto& text = template_value.get_ref<const std::string&>();
    for (auto open = text.find("${"); open != std::string::npos; open = text.find("${", open + 2)) {
      if (text.find('}', open) == std::string::npos) return ": unclosed ${ in \"" + text + "\"";
    }
    return std::nullopt;
  }
  if (is_repeat_block(template_value)) {
    if (auto problem = repeat_problem(template_value)) return ": " + *problem;
    if (auto inner = template_problem(template_value.at("item"))) return "/item" + *inner;
    return std::nullopt;
  }
  if (template_value.is_array()) {
    for (std::size_t i = 0; i < template_value.size(); ++i) {
      if (auto inner = template_problem(template_value[i])) return "/" + std::to_string(i) + *inner;
    }
  } else if (template_value.is_object()) {
    for (const auto& [key, value] : template_value.items()) {
      if (auto inner = template_problem(value)) return openapi::append_pointer("", key) + *inner;
    }
  }
  return std::nullopt;
}

std::string as_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::optional<MissingKey> resolve(const nlohmann::json& template_value, const Bindings& bindings,
                                  nlohmann::json& out) {
  if (template_value.is_string()) {
    return resolve_string(template_value.get<std::string>(), bindings, out);
  }
  if (template_value.is_array()) {
    out = nlohmann::json::array();
    for (const auto& item : template_value) {
      nlohmann::json resolved;
      if (auto missing = resolve(item, bindings, resolved)) return missing;
      out.push_back(std::move(resolved));
    }
    return std::nullopt;
  }
  if (template_value.is_object()) {
    if (is_repeat_block(template_value)) {
      if (auto problem = repeat_problem(template_value)) throw std::invalid_argument(*problem);
      nlohmann::json count = template_value.at("$repeat");
      if (count.is_string()) {
        const std::string reference = count.get<std::string>();
        if (auto missing = resolve_string(reference, bindings, count)) return missing;
        if (!is_repeat_count(count)) {
          throw std::invalid_argument("$repeat: " + reference + " is " + count.dump() +
                                      ", not an integer from 0 to 100000");
        }
      }
      nlohmann::json item;
      if (auto missing = resolve(template_value.at("item"), bindings, item)) return missing;
      out = nlohmann::json::array();
      for (std::size_t i = 0; i < count.get<std::size_t>(); ++i) out.push_back(item);
      return std::nullopt;
    }
    out = nlohmann::json::object();
    for (const auto& [key, value] : template_value.items()) {
      nlohmann::json resolved;
      if (auto missing = resolve(value, bindings, resolved)) return missing;
      out[key] = std::move(resolved);
    }
    return std::nullopt;
  }
  out = template_value;
  return std::nullopt;
}

}  // namespace statuskit::conformance
