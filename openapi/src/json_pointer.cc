#include "statuskit/openapi/json_pointer.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace statuskit::openapi {

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string append_pointer(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out.push_back('/');
  out += escape_pointer_token(token);
  return out;
}

std::string append_pointer(std::string_view pointer, std::size_t index) {
  return append_pointer(pointer, std::to_string(index));
}

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') {
    throw std::invalid_argument("JSON pointer must be empty or start with '/': " +
                                std::string(pointer));
  }
  std::string current;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
        throw std::invalid_argument("JSON pointer has a bad '~' escape: " + std::string(pointer));
      }
      current.push_back(pointer[i + 1] == '0' ? '~' : '/');
      ++i;
    } else {
      current.push_back(pointer[i]);
    }
  }
  return tokens;
}

const nlohmann::json* find_pointer(const nlohmann::json& root, std::string_view pointer) {
  const nlohmann::json* node = &root;
  for (const std::string& token : split_pointer(pointer)) {
    if (node->is_object()) {
      auto it = node->find(token);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      // RFC 6901: decimal digits without leading zeros; "-" never names an existing element.
      if (token.empty() || token.size() > 18 || (token.size() > 1 && token[0] == '0') ||
          token.find_first_not_of("0123456789") != std::string::npos) {
        return nullptr;
      }
      const auto index = std::stoull(token);
      if (index >= node->size()) return nullptr;
      node = &(*node)[index];
    } else {
      return nullptr;
    }
  }
  return node;
}

}  // namespace statuskit::openapi
