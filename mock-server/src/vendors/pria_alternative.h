#pragma once
// Pria under --inferred alternative: the texts and rules of the other plausible choice where
// Pria publishes nothing (docs/inferred-choices.md, "Pria"). The module (pria.cc) decides when
// they apply; this file only says what they are.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace statuskit::mock::pria_alternative {

// Skip reasons as sentences instead of the default's codes (self, not_found, forbidden).
inline constexpr std::string_view kSkipSelf = "cannot change your own status";
inline constexpr std::string_view kSkipNotFound = "user not found";
inline constexpr std::string_view kSkipForbidden = "not authorized to edit this user";

inline constexpr std::string_view kNoToken = "Unauthorized - access token required";
inline constexpr std::string_view kUnknownAccount = "Invalid access token account not found";
/// An inactive account's token is refused at authentication, as if it had been revoked.
inline constexpr std::string_view kInactiveAccount = "Invalid access token account inactive";
/// The read-back's caller-level refusal (the seed's 403 text belongs to bulk-status).
inline constexpr std::string_view kReadForbidden =
    "Access denied - users.list or users.edit required";

/// The read-back's answer for an unknown, deleted or out-of-reach user alike.
std::string user_not_found(std::string_view id);

/// The first problem of a bulk-status body the way Joi reports it with its defaults (abortEarly,
/// unknown keys refused), e.g. `"ids" must contain less than or equal to 500 items`; ids must
/// look like ObjectIds. std::nullopt when the body is valid. `max_ids` is 500 (501 with the
/// pria.accepts-501-ids defect).
std::optional<std::string> bulk_body_problem(const nlohmann::json* body, std::size_t max_ids);

}  // namespace statuskit::mock::pria_alternative
