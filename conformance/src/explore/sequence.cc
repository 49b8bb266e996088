#include "explore/sequence.h"

#include <algorithm>
#include <cctype>
#include <map>
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

std::size_t own_id_of(const Vocabulary& vocabulary, const std::string& role) {
  for (std::size_t i = 0; i < vocabulary.users.size(); ++i) {
    if (!role.empty() && vocabulary.users[i].role == role) return i;
  }
  return vocabulary.users.size();
}

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

Sequence draw_sequence(const Vocabulary& vocabulary, std::uint64_t seed, std::size_t max_calls) {
  std::mt19937_64 random(seed);
  Sequence sequence;
  sequence.seed = seed;
  const std::size_t calls = 1 + below(random, max_calls == 0 ? 1 : max_calls);
  std::vector<std::size_t> touched;
  // The values the last call naming each user set: a later call mostly sets another one.
  std::map<std::size_t, std::vector<json>> last_values;
  std::vector<std::size_t> role_callers;
  for (std::size_t i = 0; i < vocabulary.callers.size(); ++i) {
    if (vocabulary.callers[i].kind == Caller::Kind::kRole) role_callers.push_back(i);
  }
  for (std::size_t n = 0; n < calls; ++n) {
    Call call;
    std::vector<std::string> changed_roles;
    for (const auto user : touched) {
      if (!vocabulary.users[user].role.empty())
        changed_roles.push_back(vocabulary.users[user].role);
    }
    std::erase_if(changed_roles, [&](const std::string& role) {
      return std::none_of(role_callers.begin(), role_callers.end(),
                          [&](std::size_t i) { return vocabulary.callers[i].role == role; });
    });
    // A missing or garbled credential one call in ten; a role an earlier call changed (does a
    // deactivated user's token still work?) one in four when there is one; else the template's
    // role (the one allowed to change users) or another role of the profile.
    if (role_callers.empty() || chance(random, 10)) {
      call.caller = vocabulary.callers[below(random, vocabulary.callers.size())];
    } else if (!changed_roles.empty() && chance(random, 25)) {
      call.caller = {Caller::Kind::kRole, changed_roles[below(random, changed_roles.size())]};
    } else if (chance(random, 45)) {
      call.caller = {Caller::Kind::kRole, vocabulary.template_role};
    } else {
      call.caller = vocabulary.callers[role_callers[below(random, role_callers.size())]];
    }
    std::size_t targets = 1;
    if (vocabulary.several_targets && chance(random, 25)) targets = 2 + below(random, 2);
    bool reused = false;
    for (std::size_t t = 0; t < targets; ++t) {
      Aim aim;
      const std::size_t own = own_id_of(vocabulary, call.caller.role);
      if (own < vocabulary.users.size() && chance(random, 20)) {
        aim.user = own;
      } else if (!touched.empty() && chance(random, 40)) {
        aim.user = touched[below(random, touched.size())];
        reused = reused || t == 0;
      } else if (t > 0 && chance(random, 50)) {
        // Several users in one call: now and then the first one's siblings.
        std::vector<std::size_t> siblings;
        const std::string family = family_of(vocabulary.users[call.targets.front().user].reference);
        for (std::size_t u = 0; u < vocabulary.users.size(); ++u) {
          if (family_of(vocabulary.users[u].reference) == family) siblings.push_back(u);
        }
        aim.user = siblings[below(random, siblings.size())];
      } else {
        aim.user = below(random, vocabulary.users.size());
      }
      if (chance(random, 12)) {
        aim.near_miss = near_miss_kinds()[below(random, near_miss_kinds().size())];
      }
      touched.push_back(aim.user);
      call.targets.push_back(aim);
    }
    const auto earlier = last_values.find(call.targets.front().user);
    for (std::size_t v = 0; v < vocabulary.values.size(); ++v) {
      const VariedValue& varied = vocabulary.values[v];
      // Mostly a value users were seen with (one that sets a state), else any the spec allows.
      const std::vector<json>& pool =
          varied.seen.size() > 1 && chance(random, 65) ? varied.seen : varied.valid;
      json value = pool[below(random, pool.size())];
      if (reused && earlier != last_values.end() && v < earlier->second.size() && pool.size() > 1 &&
          chance(random, 70)) {
        // A change from the state the earlier call set: another value than it sent.
        while (value == earlier->second[v]) value = pool[below(random, pool.size())];
      }
      if (!varied.near_valid.empty() && chance(random, 8)) {
        value = varied.near_valid[below(random, varied.near_valid.size())];
      } else if (varied.place.in == "body" && chance(random, 4)) {
        value = json(json::value_t::discarded);
      }
      call.values.push_back(std::move(value));
    }
    for (const auto& optional : vocabulary.optional_fields) {
      const auto draw = below(random, 100);
      if (draw < 55) {
        call.optional.push_back(optional.as_template);
      } else if (draw < 70) {
        call.optional.emplace_back(json::value_t::discarded);
      } else if (draw < 93 || optional.near_valid.empty()) {
        call.optional.push_back(optional.valid[below(random, optional.valid.size())]);
      } else {
        call.optional.push_back(optional.near_valid[below(random, optional.near_valid.size())]);
      }
    }
    for (const auto& aim : call.targets) last_values[aim.user] = call.values;
    sequence.calls.push_back(std::move(call));
  }
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
