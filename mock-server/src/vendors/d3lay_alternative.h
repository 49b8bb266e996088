#pragma once
// D3lay under --inferred alternative: the error codes, texts and rules of the other plausible
// choice where D3lay publishes nothing, which is every error (docs/inferred-choices.md,
// "D3lay"). The module (d3lay.cc) decides when they apply.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace statuskit::mock::d3lay_alternative {

/// PATCH needs this permission instead of `update:user_status`: the operation:resource
/// convention names the resource (`users`, as `read:users` does), not the field.
inline constexpr std::string_view kPatchPermission = "update:users";

inline constexpr std::string_view kUnauthenticatedCode = "unauthenticated";
inline constexpr std::string_view kUnauthenticated = "A valid Bearer access token is required";
inline constexpr std::string_view kForbiddenCode = "forbidden";
inline constexpr std::string_view kOwnStatus = "Users cannot change their own status";
inline constexpr std::string_view kNotFoundCode = "user_not_found";
inline constexpr std::string_view kInvalidCode = "validation_error";

std::string missing_permission(std::string_view permission);
std::string user_not_found(std::string_view key);

/// The first problem of a status-change body ("status must be one of ..."), or std::nullopt.
std::optional<std::string> body_problem(const nlohmann::json* body);

/// The `error` code of an error the pipeline answers (413, 415, 400 for a body that is not
/// JSON).
std::string_view pipeline_error_code(int status);

}  // namespace statuskit::mock::d3lay_alternative
