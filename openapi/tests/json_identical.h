#pragma once
// For the differential tests of the engine's JSON readers: two documents are the same only if
// their values *and* number types are (nlohmann's == takes 5U and 5 for equal).

#include <cstddef>
#include <nlohmann/json.hpp>

namespace statuskit::openapi {

/// Equal values of equal types all the way down.
inline bool identical(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key()) || !identical(it.value(), b.at(it.key()))) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!identical(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace statuskit::openapi
