#pragma once
// What a Symphony status-update body asks for, read under either inferred choice. The vendor
// documents only the four optional fields (UserStatus); which combinations are refused is
// inferred, so the two readers differ (docs/inferred-choices.md, "Symphony").

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace statuskit::mock::symphony {

struct StatusUpdate {
  std::optional<std::string> status;  ///< ENABLED | DISABLED
  std::optional<bool> suspended;
  std::optional<std::int64_t> suspended_until;
  std::optional<std::string> suspension_reason;

  bool empty() const { return !status && !suspended && !suspended_until && !suspension_reason; }
};

/// The default reading: unknown properties are ignored; `suspended: true` needs suspendedUntil
/// and suspensionReason (the rule of the suspension endpoint), which are dropped without it (that
/// endpoint calls them optional with `suspended: false`); a body with nothing left to update
/// (`{}`) is refused. Returns "<pointer>: <reason>" for the first problem.
std::optional<std::string> read_update(const nlohmann::json* body, StatusUpdate& update);

/// The alternative reading, a Jackson bean with FAIL_ON_UNKNOWN_PROPERTIES: unknown properties
/// are refused; `{}` is a valid no-op; `suspended: true` alone suspends without an end or a
/// reason; suspendedUntil and suspensionReason without `suspended: true` are dropped. Returns
/// the first problem in Jackson-like words.
std::optional<std::string> read_update_alternative(const nlohmann::json* body,
                                                   StatusUpdate& update);

}  // namespace statuskit::mock::symphony
