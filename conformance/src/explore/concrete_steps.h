#pragma once
// Turns an abstract call of a sequence into the request one server gets: the profile's
// template with the call's caller, targets, values and left-out fields, resolved against that
// server's own profile values (the target's or the reference's).

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "explore/sequence.h"
#include "scenarios/suite.h"

namespace statuskit::conformance {

/// The change request of `call`, or the reason it cannot be built (a name without a value).
std::variant<Step, std::string> change_step(const Vocabulary& vocabulary, const Call& call,
                                            const nlohmann::json& profile_values);

/// The read of one user through the vendor's read operation, or the reason it cannot be built.
std::variant<Step, std::string> read_step(const Vocabulary& vocabulary, const UserName& user,
                                          const nlohmann::json& profile_values);

/// The request that sets a user's state to the one `read_answer` (a read's answer) shows,
/// through the change operation called by `role`, or the reason it cannot be built. Used to
/// bring a server without sessions to the model's starting state.
std::variant<Step, std::string> restore_step(const Vocabulary& vocabulary, const UserName& user,
                                             const nlohmann::json& read_answer,
                                             const nlohmann::json& profile_values,
                                             const std::string& role);

}  // namespace statuskit::conformance
