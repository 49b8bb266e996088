#include "explore/sequence.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <random>

namespace statuskit::conformance {
namespace {

using nlohmann::json;

/// A draw in [0, n): plain modulo of the engine's output, the same on every standard library
/// (the standard's distributions are not).
std::size_t below(std::mt19937_64& random, std::size_t n) {
  return n == 0 ? 0 : static_cast<std::size_t>(random() % n);
}

/// True with probability percent/100.
bool chance(std::mt19937_64& random, unsigned percent) { return below(random, 100) < percent; }

}  // namespace

const std::vector<std::string>& near_miss_kinds() {
  static const std::vector<std::string> kinds = {"prefix", "extension", "upper case", "padded",
                                                 "encoded"};
  return kinds;
}

std::string near_miss_of(const std::string& value, const std::string& kind) {
  if (value.empty()) return value;
  if (kind == "prefix") return value.substr(0, value.size() - 1);
  if (kind == "extension") return value + "0";
  if (kind == "padded") return value + " ";
  if (kind == "encoded") {
    static const char* digits = "0123456789ABCDEF";
    const auto first = static_cast<unsigned char>(value[0]);
    return std::string("%") + digits[first >> 4] + digits[first & 15] + value.substr(1);
  }
  std::string upper = value;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper != value) return upper;
  std::string lower = value;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::uint64_t sequence_seed(std::uint64_t run_seed, const std::string& vendor, std::size_t index) {
  std::uint64_t seed = run_seed ^ 0x9E3779B97F4A7C15ULL;
  for (char c : vendor) seed = seed * 131 + static_cast<unsigned char>(c);
  // splitmix64 of (seed + index): neighbouring indexes give unrelated sequences.
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (index + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

namespace {

/// Draws the calls of one sequence, remembering what earlier calls did.
class CallDrawer {
 public:
  CallDrawer(const Vocabulary& vocabulary, std::mt19937_64& random)
      : vocabulary_(vocabulary), random_(random) {
    for (std::size_t i = 0; i < vocabulary.callers.size(); ++i) {
      if (vocabulary.callers[i].kind == Caller::Kind::kRole) role_callers_.push_back(i);
    }
  }

  /// A round trip: the template's role changes a user (often a role's own) and changes it
  /// again to another state; then, when that user is a role of the profile, the role calls.
  std::vector<Call> round_trip() {
    std::vector<std::size_t> own_ids;
    for (std::size_t u = 0; u < vocabulary_.users.size(); ++u) {
      if (!vocabulary_.users[u].role.empty() && is_caller(vocabulary_.users[u].role)) {
        own_ids.push_back(u);
      }
    }
    const std::size_t user = !own_ids.empty() && chance(random_, 50)
                                 ? own_ids[below(random_, own_ids.size())]
                                 : below(random_, vocabulary_.users.size());
    const Caller changer{Caller::Kind::kRole, vocabulary_.template_role, ""};
    std::vector<Call> calls;
    calls.push_back(draw(changer, Aim{user, ""}, /*clean=*/true));
    calls.push_back(draw(changer, Aim{user, ""}, /*clean=*/true));
    const std::string& role = vocabulary_.users[user].role;
    if (!role.empty() && is_caller(role))
      calls.push_back(draw(Caller{Caller::Kind::kRole, role, ""}));
    return calls;
  }

  /// One call; `caller` and `first_target` fixed when given. `clean`: one target, values
  /// users were seen with (another one than the last call naming the target set), optional
  /// fields valid or left out, nothing near-valid.
  Call draw(std::optional<Caller> caller = std::nullopt,
            std::optional<Aim> first_target = std::nullopt, bool clean = false) {
    const bool change_again = clean;
    Call call;
    call.caller = caller ? *caller : draw_caller();
    std::size_t targets = 1;
    if (vocabulary_.several_targets && !clean && chance(random_, 30))
      targets = 2 + below(random_, 2);
    bool reused = change_again;
    for (std::size_t t = 0; t < targets; ++t) {
      if (t == 0 && first_target) {
        call.targets.push_back(*first_target);
        touched_.push_back(first_target->user);
        continue;
      }
      Aim aim;
      const std::size_t own = own_id_of(call.caller.role);
      if (own < vocabulary_.users.size() && chance(random_, 20)) {
        aim.user = own;
      } else if (!touched_.empty() && chance(random_, 40)) {
        aim.user = touched_[below(random_, touched_.size())];
        reused = reused || t == 0;
      } else if (t > 0 && chance(random_, 60)) {
        aim.user = sibling_of(call.targets.front().user);
      } else {
        aim.user = below(random_, vocabulary_.users.size());
      }
      if (chance(random_, 12)) {
        aim.near_miss = near_miss_kinds()[below(random_, near_miss_kinds().size())];
      }
      touched_.push_back(aim.user);
      call.targets.push_back(aim);
    }
    const auto earlier = last_values_.find(call.targets.front().user);
    for (std::size_t v = 0; v < vocabulary_.values.size(); ++v) {
      const VariedValue& varied = vocabulary_.values[v];
      // Mostly a value users were seen with (one that sets a state), else any the spec allows.
      const std::vector<json>& pool =
          varied.seen.size() > 1 && (change_again || chance(random_, 65)) ? varied.seen
                                                                          : varied.valid;
      json value = pool[below(random_, pool.size())];
      if (reused && earlier != last_values_.end() && v < earlier->second.size() &&
          pool.size() > 1 && (change_again || chance(random_, 70))) {
        // A change from the state the earlier call set: another value than it sent.
        while (value == earlier->second[v]) value = pool[below(random_, pool.size())];
      }
      if (change_again) {
      } else if (!varied.near_valid.empty() && chance(random_, 8)) {
        value = varied.near_valid[below(random_, varied.near_valid.size())];
      } else if (varied.place.in == "body" && chance(random_, 4)) {
        value = json(json::value_t::discarded);
      }
      call.values.push_back(std::move(value));
    }
    for (const auto& optional : vocabulary_.optional_fields) {
      const auto draw = below(random_, 100);
      if (draw < 55 || (clean && draw >= 90)) {
        call.optional.push_back(optional.as_template);
      } else if (draw < 70) {
        call.optional.emplace_back(json::value_t::discarded);
      } else if (draw < 90 || optional.near_valid.empty()) {
        call.optional.push_back(optional.valid[below(random_, optional.valid.size())]);
      } else {
        call.optional.push_back(optional.near_valid[below(random_, optional.near_valid.size())]);
      }
    }
    for (const auto& aim : call.targets) last_values_[aim.user] = call.values;
    return call;
  }

 private:
  bool is_caller(const std::string& role) const {
    return std::any_of(role_callers_.begin(), role_callers_.end(),
                       [&](std::size_t i) { return vocabulary_.callers[i].role == role; });
  }

  std::size_t own_id_of(const std::string& role) const {
    for (std::size_t i = 0; i < vocabulary_.users.size(); ++i) {
      if (!role.empty() && vocabulary_.users[i].role == role) return i;
    }
    return vocabulary_.users.size();
  }

  std::size_t sibling_of(std::size_t user) {
    std::vector<std::size_t> siblings;
    const std::string family = family_of(vocabulary_.users[user].reference);
    for (std::size_t u = 0; u < vocabulary_.users.size(); ++u) {
      if (u != user && family_of(vocabulary_.users[u].reference) == family) siblings.push_back(u);
    }
    return siblings.empty() ? user : siblings[below(random_, siblings.size())];
  }

  /// A missing or garbled credential one call in ten; a role whose own user an earlier call
  /// changed (does a deactivated user's token still work?) one in four when there is one;
  /// else the template's role (the one allowed to change users) or another role.
  Caller draw_caller() {
    std::vector<std::string> changed_roles;
    for (const auto user : touched_) {
      const std::string& role = vocabulary_.users[user].role;
      if (!role.empty() && is_caller(role)) changed_roles.push_back(role);
    }
    if (role_callers_.empty() || chance(random_, 10)) {
      return vocabulary_.callers[below(random_, vocabulary_.callers.size())];
    }
    if (!changed_roles.empty() && chance(random_, 25)) {
      return {Caller::Kind::kRole, changed_roles[below(random_, changed_roles.size())], ""};
    }
    if (chance(random_, 45)) return {Caller::Kind::kRole, vocabulary_.template_role, ""};
    return vocabulary_.callers[role_callers_[below(random_, role_callers_.size())]];
  }

  const Vocabulary& vocabulary_;
  std::mt19937_64& random_;
  std::vector<std::size_t> role_callers_;
  std::vector<std::size_t> touched_;
  /// The values the last call naming each user set.
  std::map<std::size_t, std::vector<json>> last_values_;
};

}  // namespace

Sequence draw_sequence(const Vocabulary& vocabulary, std::uint64_t seed, std::size_t max_calls) {
  std::mt19937_64 random(seed);
  Sequence sequence;
  sequence.seed = seed;
  const std::size_t limit = max_calls == 0 ? 1 : max_calls;
  const std::size_t calls = 1 + below(random, limit);
  CallDrawer drawer(vocabulary, random);
  // One sequence in three starts with a round trip: a status change and the change back are
  // where servers forget what the first change did (tokens, invitations, seats).
  if (limit >= 2 && chance(random, 35)) {
    for (auto& call : drawer.round_trip()) {
      if (sequence.calls.size() < limit) sequence.calls.push_back(std::move(call));
    }
  }
  while (sequence.calls.size() < calls) sequence.calls.push_back(drawer.draw());
  return sequence;
}

std::string describe(const Vocabulary& vocabulary, const Call& call) {
  auto place_name = [](const RequestPlace& place) {
    return place.in == "body" ? place.name : place.in + " " + place.name;
  };
  auto shown = [](const json& value) {
    return is_left_out(value) ? std::string("left out") : value.dump();
  };
  std::string text = call.caller.label() + ":";
  for (std::size_t i = 0; i < call.values.size() && i < vocabulary.values.size(); ++i) {
    text += (i == 0 ? " " : ", ") + place_name(vocabulary.values[i].place) + "=" +
            shown(call.values[i]);
  }
  text += " for";
  for (std::size_t i = 0; i < call.targets.size(); ++i) {
    const Aim& aim = call.targets[i];
    text += (i == 0 ? " " : ", ") + vocabulary.users[aim.user].reference;
    if (!aim.near_miss.empty()) text += " (" + aim.near_miss + ")";
  }
  for (std::size_t i = 0; i < call.optional.size() && i < vocabulary.optional_fields.size(); ++i) {
    const VariedValue& optional = vocabulary.optional_fields[i];
    const bool as_template = call.optional[i] == optional.as_template ||
                             (is_left_out(call.optional[i]) && is_left_out(optional.as_template));
    if (!as_template) text += ", " + place_name(optional.place) + "=" + shown(call.optional[i]);
  }
  return text;
}

}  // namespace statuskit::conformance
