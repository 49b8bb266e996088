#pragma once
// A sequence of calls `conformance explore` sends (docs/explore.md): who calls, whom the call
// names (a user of the profile, maybe spelt almost right), which values it sets and which
// optional fields it leaves out. Drawn from a seed with only the standard's fully specified
// engine (std::mt19937_64) and plain arithmetic, so a seed gives the same sequence everywhere.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "explore/vocabulary.h"

namespace statuskit::conformance {

/// A user a call names: one of the vocabulary's users, as it is or spelt almost right.
struct Aim {
  std::size_t user = 0;   ///< index into Vocabulary::users
  std::string near_miss;  ///< "" or one of near_miss_kinds()
  bool operator==(const Aim&) const = default;
};

/// A value a call leaves out of the request (a discarded JSON value).
inline bool is_left_out(const nlohmann::json& value) { return value.is_discarded(); }

struct Call {
  Caller caller;
  std::vector<Aim> targets;
  std::vector<nlohmann::json> values;    ///< one per Vocabulary::values (discarded: left out)
  std::vector<nlohmann::json> optional;  ///< one per Vocabulary::optional_fields (likewise)
};

struct Sequence {
  std::uint64_t seed = 0;
  std::vector<Call> calls;
};

/// "prefix", "extension", "upper case", "padded", "encoded".
const std::vector<std::string>& near_miss_kinds();

/// An identifier close to `value` but not it: the last character cut off ("prefix"), a "0"
/// appended ("extension"), upper case (lower case when already upper), a trailing space
/// ("padded"), the first character percent-encoded ("encoded").
std::string near_miss_of(const std::string& value, const std::string& kind);

/// The sequence a seed gives: 1 to `max_calls` calls. Callers are drawn from the vocabulary's
/// (often the template's role; now and then a role whose own user an earlier call changed);
/// targets now and then the caller itself, a user an earlier call named (then mostly with
/// another value than that call set), or spelt almost right; values now and then spelt as a
/// lenient parser reads them or left out; optional fields sent as in the template, with another
/// value, or left out.
Sequence draw_sequence(const Vocabulary& vocabulary, std::uint64_t seed, std::size_t max_calls);

/// The seed of sequence `index` of a vendor in a run seeded with `run_seed`: the same on every
/// machine, and independent of the other vendors and of how many sequences run.
std::uint64_t sequence_seed(std::uint64_t run_seed, const std::string& vendor, std::size_t index);

/// "admin: /status=inactive for users.target (prefix), /review_comment left out".
std::string describe(const Vocabulary& vocabulary, const Call& call);

}  // namespace statuskit::conformance
