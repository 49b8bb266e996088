#pragma once
// DocSpace under --inferred alternative: the exception texts and rules of the other plausible
// choice where the server source leaves the outcome open (docs/inferred-choices.md,
// "ONLYOFFICE DocSpace"). The module (docspace.cc) decides when they apply.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace statuskit::mock::docspace_alternative {

/// System.Text.Json's exception, which a body that does not bind raises.
inline constexpr const char* kJsonExceptionType = "System.Text.Json.JsonException";
/// The 401 the published spec describes (an ErrorApiResponse), instead of an empty challenge.
inline constexpr const char* kUnauthorizedMessage = "Unauthorized";
inline constexpr const char* kUnauthorizedType = "System.UnauthorizedAccessException";
inline constexpr long long kUnauthorizedHresult = -2147024891;  // E_ACCESSDENIED
inline constexpr const char* kProfileNotFound = "The user with the specified ID was not found";
/// Kestrel's exception before ASP.NET Core 5 moved it to Microsoft.AspNetCore.Http.
inline constexpr const char* kBodyTooLargeType =
    "Microsoft.AspNetCore.Server.Kestrel.Core.BadHttpRequestException";
/// The tariff refusal raised by the same quota checker as the seat limits.
inline constexpr const char* kTariffType = "ASC.Core.Tenants.TenantQuotaException";

/// Binds UpdateMembersRequestDto as System.Text.Json does, reporting the first value that does
/// not convert ("The JSON value could not be converted to System.Guid. Path: $.userIds[0].").
/// A missing or null userIds binds to an empty list (the DTO initialises it). Returns the
/// message of the JsonException, or std::nullopt with `ids` filled (lower-case GUIDs).
std::optional<std::string> bind_body(const nlohmann::json* body, std::vector<std::string>& ids);

}  // namespace statuskit::mock::docspace_alternative
