#pragma once
// The generic request pipeline: route → session → content checks → vendor module → strict
// response validation. It knows OpenAPI (through the engine) and nothing about any vendor.

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "control/admin_api.h"
#include "control/control_plane.h"
#include "control/fault_injector.h"
#include "control/request_journal.h"
#include "control/session_store.h"
#include "control/state_saver.h"
#include "inferred_choice.h"
#include "mock_exchange.h"
#include "statuskit/openapi/spec.h"
#include "vendors/served_vendor.h"
#include "vendors/vendor_module.h"

namespace statuskit::mock {

struct PipelineOptions {
  /// Validate every response against the spec; a violation becomes a 500 naming it.
  bool strict = false;
  std::size_t max_sessions = 256;
  /// Requests kept in the journal (a ring buffer); 0 turns the journal off.
  std::size_t journal_capacity = 10000;
  /// What the journal's entries may hold in all (journal_entry_bytes); oldest dropped first.
  std::size_t journal_bytes = kJournalBytesDefault;
  /// Serve the control plane under /__admin/.
  bool admin_enabled = true;
  /// When non-empty, every admin call needs `Authorization: Bearer <admin_token>`.
  std::string admin_token;
  /// Defects on for every request (--defect); names must be in some module's catalogue.
  std::set<std::string> defects;
  /// Largest request body; a larger one is a 413 in the vendor's error format. (The transport
  /// has its own, slightly higher, hard cap for requests that never reach the pipeline.)
  std::size_t max_body_bytes = 1024 * 1024;
  /// When set, every session's state is saved here after each change (see state_file.h).
  /// A change is saved before it is acknowledged; one that cannot be saved is undone and
  /// answered 500.
  std::string state_file;
  /// fsync the state file and its folder on every save (no acknowledged write lost).
  bool fsync_every_write = false;
  /// Base seed of the fault rules' random draws (probability, latency): the same seed and the
  /// same requests give the same faults (--seed; main picks a random one when absent).
  std::uint64_t fault_seed = 0;
  /// Which choice to make where the vendors' behaviour is inferred (--inferred). Under the
  /// alternative, strict mode holds answers to the documented responses only: the spec's
  /// inferred responses describe the default choice.
  InferredChoice inferred = InferredChoice::kDefault;
};

/// Also the ControlPlane its AdminApi works on (see control_plane.h for what that promises).
class MockPipeline final : public ControlPlane {
 public:
  MockPipeline(std::vector<ServedVendor> vendors, PipelineOptions options);

  /// Loads `<specs_dir>/<module.spec_file()>` and `<fixtures_dir>/<module.fixture_file()>` for
  /// each module. Throws std::runtime_error naming the file and the problem.
  static std::unique_ptr<MockPipeline> load(std::vector<std::unique_ptr<VendorModule>> modules,
                                            const std::string& specs_dir,
                                            const std::string& fixtures_dir,
                                            PipelineOptions options);

  /// Answers one request. `request` carries method, path, query, headers, cookies and body;
  /// its routing fields (operation, operation_id, path_params) are filled in here, so the
  /// caller can log what matched. Its query, headers and body are moved into the journal
  /// afterwards (no copy per request): read them before, not after. Never throws.
  MockResponse handle(MockRequest& request, const RequestContext& context) const;

  std::vector<std::string> served_operations() const override;
  SessionStore& sessions() const override { return *sessions_; }
  RequestJournal& journal() const { return *journal_; }
  FaultInjector& faults() const override { return *faults_; }
  const std::vector<ServedVendor>& vendors() const override { return vendors_; }
  std::vector<DefectDescription> defect_catalogue() const override;
  std::string unknown_defect(const std::set<std::string>& names) const override;
  const std::set<std::string>& server_defects() const override { return options_.defects; }
  InferredChoice inferred_choice() const override { return options_.inferred; }

  /// Every session's state: {"format":"statuskit-state","version":1,"sessions":{name:{vendor:
  /// fixture document}}}. Does not count as a use of any session (LRU order is unchanged).
  nlohmann::json snapshot() const;
  /// Replaces the sessions named in a snapshot. Validates everything first (session names, the
  /// number of sessions against --max-sessions, every vendor state); throws
  /// std::invalid_argument naming the JSON pointer of the problem and changes nothing.
  void restore(const nlohmann::json& snapshot) const;
  /// Loads --state-file when it exists, then saves it once to prove it can be written. Throws
  /// std::runtime_error naming the file and the problem when it cannot be read, is not a
  /// regular file, is corrupt, holds more sessions than --max-sessions, or cannot be written.
  /// Call once before serving.
  void load_state_file() const;
  /// Saves the snapshot to --state-file, if one is configured. Never throws; returns false when
  /// the save failed (reported on stderr and in save_status()).
  bool persist() const;
  std::optional<SaveStatus> save_status() const override;

  std::optional<std::string> reset_sessions(const std::string& session_name) const override;
  std::optional<std::string> replace_vendor_state(const std::string& session_name,
                                                  std::size_t vendor_index,
                                                  const VendorState& replacement) const override;

 private:
  /// What change_session() did.
  struct SessionChange {
    MockResponse response;  ///< what the change answered
    /// Set when the change could not be saved to --state-file: it was undone, and the caller
    /// must not acknowledge it.
    std::optional<std::string> save_error;
  };
  /// Runs `change` (a vendor write, an admin PUT) on one session's vendor slot: registers the
  /// session if the change is its first, saves the state file, undoes the change if the save
  /// fails. `change` may run twice (see the .cc); it may replace the state it is given.
  using SlotChange = std::function<MockResponse(Session&, std::unique_ptr<VendorState>&)>;
  SessionChange change_session(const std::string& session_name, std::size_t vendor_index,
                               const SlotChange& change) const;
  MockResponse dispatch(MockRequest& request, const RequestContext& context) const;
  void record(MockRequest& request, const MockResponse& response, const RequestContext& context,
              std::int64_t latency_us) const;
  /// `deviating`: a defect is on, so the response is meant not to match; strict mode stands down.
  MockResponse check_strict(const openapi::Operation& operation, MockResponse response,
                            bool deviating = false) const;

  std::vector<ServedVendor> vendors_;
  PipelineOptions options_;
  openapi::OperationIndex index_;
  std::unique_ptr<SessionStore> sessions_;
  std::unique_ptr<RequestJournal> journal_;
  std::unique_ptr<AdminApi> admin_;
  std::unique_ptr<FaultInjector> faults_;
  std::unique_ptr<StateSaver> saver_;  ///< null without --state-file
};

}  // namespace statuskit::mock
