#pragma once
// Fault injection rules (/__admin/faults): make the mock slow, fail or hang up on purpose, for
// one session (or all) and one operation (or all), with a probability and an expiry count.
//
// Random choices are reproducible: every rule draws from its own generator, seeded with the
// rule's `seed` (given in the rule, or derived from the injector's base seed, --seed), so the
// n-th request a rule sees gets the same decision and latency in every run with that seed,
// whatever other rules do.

#include <cstdint>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace statuskit::mock {

/// What one rule may hold, and how many rules are kept: the rules live in memory and every
/// GET /__admin/faults answers all of them, so neither may grow without bound (1,000 rules of
/// 512 KiB messages once took 515 MiB, and their listing outgrew the transport's answer limit).
inline constexpr std::size_t kMaxFaultRules = 256;
inline constexpr std::size_t kMaxFaultMessageBytes = 4096;
inline constexpr std::size_t kMaxFaultHeaders = 16;
inline constexpr std::size_t kMaxFaultHeaderValueBytes = 4096;
inline constexpr std::size_t kMaxFaultNameBytes = 256;  ///< session and operationId

struct FaultRule {
  std::string id;            ///< assigned by FaultInjector::add
  std::string session;       ///< "" = every session
  std::string operation_id;  ///< "" = every operation
  std::string vendor;        ///< the operation's vendor, set by the admin API ("" = any)
  int latency_min_ms = 0;    ///< the answer is delayed by a uniform draw in [min, max]
  int latency_max_ms = 0;
  int status = 0;                                            ///< 0 = the module answers
  std::string message;                                       ///< for the vendor's error body
  std::vector<std::pair<std::string, std::string>> headers;  ///< added to a forced status
  bool drop_connection = false;           ///< close the connection without any answer
  double probability = 1.0;               ///< chance that a matching request triggers the rule
  std::optional<std::int64_t> remaining;  ///< triggers left; the rule expires at 0
  std::int64_t triggered = 0;
  std::optional<std::uint64_t> seed;  ///< of the rule's draws; set by FaultInjector::add if absent
  std::uint64_t random_state = 0;     ///< the generator's state (not part of the JSON form)

  /// Parses the admin API's JSON form. Throws std::invalid_argument "<pointer>: <reason>".
  static FaultRule from_json(const nlohmann::json& document);
  nlohmann::json to_json() const;
};

/// What the transport and the pipeline do to one request.
struct FaultDecision {
  std::string rule_id;
  int delay_ms = 0;
  int status = 0;
  std::string message;
  std::vector<std::pair<std::string, std::string>> headers;
  bool drop_connection = false;
};

class FaultInjector {
 public:
  /// `base_seed` derives the seed of every rule added without one.
  explicit FaultInjector(std::uint64_t base_seed) : base_seed_(base_seed) {}
  std::uint64_t base_seed() const { return base_seed_; }

  /// Stores the rule with its new id and seed; returns it as stored, or nullopt when
  /// kMaxFaultRules rules are already kept (nothing is stored then).
  std::optional<FaultRule> add(FaultRule rule);
  std::vector<FaultRule> rules() const;
  /// Removes the rules of one session ("" = every rule); returns how many went.
  std::size_t clear(const std::string& session);
  /// The first rule (in the order they were added) that matches and fires, counted as
  /// triggered; expired rules are dropped.
  std::optional<FaultDecision> decide(const std::string& session, std::string_view vendor,
                                      const std::string& operation_id);

 private:
  mutable std::mutex mutex_;
  std::vector<FaultRule> rules_;
  std::uint64_t next_id_ = 1;
  std::uint64_t base_seed_;
};

}  // namespace statuskit::mock
