#pragma once
// Derives the generated cases of one operation from its contract (docs/generated-tests.md):
// positive variants of the profile's request, one-constraint negative mutations of its body
// and parameters, hostile path and query values, auth cases and undocumented methods.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <vector>

#include "generate/case.h"

namespace statuskit::openapi {
class Spec;
struct Operation;
}  // namespace statuskit::openapi

namespace statuskit::conformance {

/// The profile's request for one operation, every template resolved.
struct BaseRequest {
  Step step;
  std::optional<nlohmann::json> forbidden_headers;
  std::optional<nlohmann::json> forbidden_cookies;
};

/// Every case of `operation`, in a fixed order; `random` picks among equivalent values.
/// Throws std::invalid_argument when the base request is not schema-valid (the profile is wrong).
std::vector<GeneratedCase> derive_cases(const openapi::Spec& spec,
                                        const openapi::Operation& operation,
                                        const BaseRequest& base, std::mt19937_64& random);

/// The undocumented methods of `operation`'s path, sent with `base`'s credentials.
std::vector<GeneratedCase> derive_method_cases(const openapi::Spec& spec,
                                               const openapi::Operation& operation,
                                               const BaseRequest& base);

/// At most `max_cases` of `cases` (0: all), drawn by `random`, in their original order; the
/// first case (the profile's own request) is always kept.
std::vector<GeneratedCase> sample_cases(std::vector<GeneratedCase> cases, std::size_t max_cases,
                                        std::mt19937_64& random);

/// The statuses the operation documents in `low`..`high` (a "4XX" key counts as all of them).
std::vector<int> documented_statuses(const openapi::Operation& operation, int low, int high);

}  // namespace statuskit::conformance
