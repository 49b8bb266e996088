#include "explore/differential.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <utility>

#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

/// Every string leaf of the profile values (long enough not to occur by chance), longest
/// first, with its abstract name.
std::vector<std::pair<std::string, std::string>> named_values(const json& values) {
  std::vector<std::pair<std::string, std::string>> names;
  std::function<void(const json&, const std::string&)> walk = [&](const json& node,
                                                                  const std::string& prefix) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        walk(value, prefix.empty() ? key : prefix + "." + key);
      }
    } else if (node.is_string() && node.get<std::string>().size() >= 4) {
      names.emplace_back(node.get<std::string>(), "«" + prefix + "»");
    }
  };
  for (const char* section : {"roles", "users"}) {
    if (values.contains(section)) walk(values[section], section);
  }
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return names;
}

double now_s() {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count());
}

constexpr double kTimeWindowS = 2 * 86400.0;

/// An ISO 8601 date-time within two days of now: the server's clock, not a stored value (a
/// fixture's created_at stays compared).
bool is_time_text(const std::string& text) {
  // YYYY-MM-DDTHH:MM (or a space for the T), checked by hand: this runs on every string.
  static const char* shape = "dddd-dd-ddXdd:dd";
  if (text.size() < 16) return false;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = text[i];
    const bool ok = shape[i] == 'd'   ? std::isdigit(static_cast<unsigned char>(c)) != 0
                    : shape[i] == 'X' ? (c == 'T' || c == ' ')
                                      : c == shape[i];
    if (!ok) return false;
  }
  auto number = [&](std::size_t at, std::size_t length) {
    return std::stoi(text.substr(at, length));
  };
  std::tm when{};
  when.tm_year = number(0, 4) - 1900;
  when.tm_mon = number(5, 2) - 1;
  when.tm_mday = number(8, 2);
  when.tm_hour = number(11, 2);
  when.tm_min = number(14, 2);
  return std::abs(static_cast<double>(timegm(&when)) - now_s()) < kTimeWindowS;
}

bool is_time_number(const json& value) {
  if (!value.is_number_integer() && !value.is_number_unsigned()) return false;
  const double number = value.get<double>();
  return std::abs(number - now_s()) < kTimeWindowS ||
         std::abs(number - now_s() * 1000) < kTimeWindowS * 1000;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

void walk(const json& model, const json& server, const std::string& pointer,
          std::vector<Difference>& found) {
  if (model.type() != server.type() &&
      !(model.is_number() && server.is_number() && model == server)) {
    found.push_back({pointer, model, server});
    return;
  }
  if (model.is_object()) {
    for (const auto& [key, value] : model.items()) {
      const std::string at = openapi::append_pointer(pointer, key);
      const auto theirs = server.find(key);
      if (theirs == server.end()) {
        found.push_back({at, value, std::nullopt});
      } else {
        walk(value, *theirs, at, found);
      }
    }
    for (const auto& [key, value] : server.items()) {
      if (!model.contains(key))
        found.push_back({openapi::append_pointer(pointer, key), std::nullopt, value});
    }
    return;
  }
  if (model.is_array()) {
    if (model.size() != server.size()) {
      found.push_back({pointer, model, server});
      return;
    }
    for (std::size_t i = 0; i < model.size(); ++i) {
      walk(model[i], server[i], openapi::append_pointer(pointer, i), found);
    }
    return;
  }
  if (model != server) found.push_back({pointer, model, server});
}

std::string shown(const json& value) {
  std::string text = value.dump();
  if (text.size() > 160) {
    text.resize(157);
    text += "...";
  }
  return text;
}

}  // namespace

Normalizer::Normalizer(const json& profile_values, std::string base_url)
    : names_(named_values(profile_values)), base_url_(std::move(base_url)) {
  // The server's own address in links it builds, whatever scheme it names there.
  const auto authority = base_url_.find("://");
  if (authority != std::string::npos) {
    const std::string host_and_port = base_url_.substr(authority + 3);
    host_ = host_and_port.substr(0, host_and_port.find('/'));
  }
}

json Normalizer::body(const std::string& text) const {
  json parsed;
  try {
    parsed = text.empty() ? json() : json::parse(text);
  } catch (const json::exception&) {
    parsed = text;
  }
  return value(parsed);
}

json Normalizer::value(const json& node) const {
  if (node.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : node.items()) out[key] = value(item);
    return out;
  }
  if (node.is_array()) {
    json out = json::array();
    for (const auto& item : node) out.push_back(value(item));
    return out;
  }
  if (is_time_number(node)) return "«time»";
  if (!node.is_string()) return node;
  std::string text = node.get<std::string>();
  if (is_time_text(text)) return "«time»";
  replace_all(text, base_url_, "«base_url»");
  replace_all(text, host_, "«host»");
  for (const auto& [found, name] : names_) replace_all(text, found, name);
  return text;
}

std::vector<Difference> differences(const json& model, const json& server) {
  std::vector<Difference> found;
  walk(model, server, "", found);
  return found;
}

std::optional<json> value_at(const json& root, const std::string& pointer) {
  const json* found = openapi::find_pointer(root, pointer);
  return found == nullptr ? std::nullopt : std::optional<json>(*found);
}

std::string Difference::describe(const std::string& who) const {
  const std::string where = pointer.empty() ? "the body" : pointer;
  if (!server) return where + ": missing on " + who + " (the model answered " + shown(*model) + ")";
  if (!model)
    return where + ": " + who + " answered " + shown(*server) + ", the model has no such field";
  return where + ": the model answered " + shown(*model) + ", " + who + " " + shown(*server);
}

}  // namespace statuskit::conformance
