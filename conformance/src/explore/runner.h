#pragma once
// `conformance explore` (docs/explore.md): per vendor, random sequences of calls drawn from
// the profile's abstract names run on the target and on the model (a reference server, by
// default a statuskit mock, in both inferred modes); every answer and every read-back is
// compared. A divergence where the behaviour is documented fails; where it is inferred (the
// model's two modes differ there, or its answer rests on an inferred response) it warns. A
// failing sequence is re-run, shrunk to the fewest calls that still fail, and reported with a
// replay command.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/run_result.h"
#include "target/client.h"
#include "target/profile.h"

namespace statuskit::conformance {

/// One server a sequence runs on, with the profile that maps the abstract names for it.
struct ExploreServer {
  std::string base_url;  ///< empty: the profile's base_url
  TargetProfile profile;
};

struct ExploreOptions {
  ExploreServer target;
  std::string profile_path;
  /// The model: the default behaviour first; optionally its inferred alternative second.
  std::vector<ExploreServer> references;
  std::string specs_dir = "specs";
  /// {vendor (a profile key), spec file in specs_dir}
  std::vector<std::pair<std::string, std::string>> vendors;
  std::uint64_t seed = 0;
  std::size_t sequences = 100;               ///< per vendor
  std::size_t max_calls = 6;                 ///< calls per sequence at most
  std::optional<std::size_t> only_sequence;  ///< replay: run only this sequence of each vendor
  std::optional<long> deadline_s;
  /// Stop starting sequences once this many failed (0: no limit): a pipeline learns of the
  /// first finding without paying for the whole budget.
  std::size_t max_failures = 0;
  bool strict = false;  ///< divergences on inferred behaviour fail instead of warn
  long timeout_ms = 10000;
  bool insecure = false;
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  ThrottlePolicy throttle;
  std::vector<std::pair<std::string, std::string>> extra_headers;  ///< to the target only
  /// The start of the replay command reports print ("statuskit-conformance explore --target
  /// URL --profile FILE"); --suite, --seed and --sequence are added per finding.
  std::string replay_command;
  std::function<void(const ScenarioResult&)> on_sequence;
};

/// Throws UnreachableTarget (scenarios/runner.h) when the target or a reference does not
/// answer, std::invalid_argument for a spec or profile explore cannot use.
RunResult run_explore(const ExploreOptions& options);

}  // namespace statuskit::conformance
