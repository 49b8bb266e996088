#pragma once
// The differential oracle of `conformance explore` (docs/explore.md): one server's answer
// compared with the model's, field by field, after both are put in the same terms. Values a
// profile names (ids, tokens) become their abstract names, the server's own base URL becomes
// «base_url», and timestamps (ISO 8601 date-times, epoch seconds or milliseconds within two
// days of now) become «time»: what is left should be equal on a conformant server.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace statuskit::conformance {

/// Puts one server's answers in comparable terms. Built once per server and vendor: the
/// profile's values are collected once, not per answer.
class Normalizer {
 public:
  Normalizer(const nlohmann::json& profile_values, std::string base_url);

  /// The answer body: parsed JSON (a body that is not JSON becomes its text as a JSON string)
  /// with profile values, the base URL and timestamps replaced.
  nlohmann::json body(const std::string& text) const;
  /// One value with profile values, the base URL and timestamps replaced.
  nlohmann::json value(const nlohmann::json& node) const;

 private:
  std::vector<std::pair<std::string, std::string>> names_;  ///< value → «name», longest first
  std::string base_url_;
  std::string host_;
};

/// One place where two comparable bodies differ.
struct Difference {
  std::string pointer;                   ///< JSON pointer ("" for the whole body)
  std::optional<nlohmann::json> model;   ///< nullopt: absent in the model's answer
  std::optional<nlohmann::json> server;  ///< nullopt: absent in the server's answer

  /// `/updated: the model answered 1, the target 2` (with `who` = "the target").
  std::string describe(const std::string& who) const;
};

/// Every difference, outermost first: a value of another type, an array of another length or
/// a missing or extra member is one difference, not one per leaf below it.
std::vector<Difference> differences(const nlohmann::json& model, const nlohmann::json& server);

/// The value at `pointer`, or nullopt.
std::optional<nlohmann::json> value_at(const nlohmann::json& root, const std::string& pointer);

}  // namespace statuskit::conformance
