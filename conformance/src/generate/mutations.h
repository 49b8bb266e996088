#pragma once
// The one-constraint mutations of a request the generator derives from a schema: each breaks
// exactly one keyword (a required property removed, a wrong type, null, a value outside the
// enum, a boundary ±1, a forbidden extra property, a format violation, a duplicate item). The
// caller keeps only those the schema and the vendor's `x-statuskit-accepts` both refuse.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace statuskit::conformance {

// The implicit noexcept constructors contain nlohmann::json's unreachable throw (see
// target/profile.h's VendorProfile): a clang-tidy false positive.
struct Mutation {                // NOLINT(bugprone-exception-escape): nlohmann's unreachable throw
  std::string instance_pointer;  ///< where in the value ("" = the value itself)
  bool remove = false;           ///< the property at instance_pointer is left out
  nlohmann::json value;          ///< otherwise: what replaces it
  /// The mutated constraint: the document pointer of the keyword ("…/properties/ids/maxItems")
  /// and the keyword itself ("maxItems").
  std::string schema_pointer;
  std::string keyword;
  std::string description;  ///< "/ids: 501 items (maxItems 500, +1)"
  /// The schema the mutated value sits under (where an `x-statuskit-accepts` would be).
  std::string value_schema_pointer;
};

/// A value that satisfies the boundaries, when the caller needs a valid one (positive cases).
struct BoundaryVariant {
  std::string instance_pointer;
  nlohmann::json value;
  std::string schema_pointer;
  std::string keyword;
  std::string description;
};

/// Follows `$ref`s (local ones) from the schema at `pointer`; returns the pointer of the schema
/// that holds the keywords, or "" when a reference dangles.
std::string resolve_schema_pointer(const nlohmann::json& document, std::string pointer);

/// Every one-constraint mutation of `value` under the schema at `schema_pointer`, walking into
/// the properties and the first item `value` has. `random` picks among equivalent wrong values,
/// so that a seed decides which (and replays it).
std::vector<Mutation> mutations_of(const nlohmann::json& document,
                                   const std::string& schema_pointer, const nlohmann::json& value,
                                   std::mt19937_64& random);

/// Values at the edges the schema allows (an array of exactly minItems and maxItems items, a
/// string of exactly min/maxLength), to be sent as positive cases.
std::vector<BoundaryVariant> valid_boundaries_of(const nlohmann::json& document,
                                                 const std::string& schema_pointer,
                                                 const nlohmann::json& value);

/// `value` with the mutation applied.
nlohmann::json apply_mutation(nlohmann::json value, const Mutation& mutation);

}  // namespace statuskit::conformance
