#pragma once
// What the control plane (/__admin/, admin_api.h) may see and do of the mock it controls.
// MockPipeline implements it and owns the AdminApi; the AdminApi knows only this interface, so
// the dependency runs one way (pipeline → admin API → control plane), never back up into the
// pipeline.

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "control/state_saver.h"
#include "inferred_choice.h"
#include "vendors/served_vendor.h"
#include "vendors/vendor_module.h"

namespace statuskit::mock {

class FaultInjector;
class SessionStore;

class ControlPlane {
 public:
  /// Header naming the session a request works in (names: see session_name.h).
  static constexpr const char* kSessionHeader = "x-statuskit-session";

  ControlPlane() = default;
  // The AdminApi holds a reference to its control plane, so one never moves or copies.
  ControlPlane(const ControlPlane&) = delete;
  ControlPlane& operator=(const ControlPlane&) = delete;
  virtual ~ControlPlane() = default;

  virtual const std::vector<ServedVendor>& vendors() const = 0;
  /// "PUT /api/admin/users/bulk-status  pria.bulkSetUserStatus", one per served operation.
  virtual std::vector<std::string> served_operations() const = 0;
  virtual SessionStore& sessions() const = 0;
  virtual FaultInjector& faults() const = 0;

  /// Every defect the served modules can inject.
  virtual std::vector<DefectDescription> defect_catalogue() const = 0;
  /// The name of the first entry of `names` that no served module knows, or "" if all are known.
  virtual std::string unknown_defect(const std::set<std::string>& names) const = 0;
  /// Defects on for every request (--defect).
  virtual const std::set<std::string>& server_defects() const = 0;
  virtual InferredChoice inferred_choice() const = 0;
  /// How saving to --state-file has gone; std::nullopt without --state-file.
  virtual std::optional<SaveStatus> save_status() const = 0;

  /// Admin writes. Each returns std::nullopt when done, else why the state file could not be
  /// saved (and then nothing changed).
  /// Puts one session (or, with "", every session) back to the fixtures.
  virtual std::optional<std::string> reset_sessions(const std::string& session_name) const = 0;
  /// Replaces one vendor's state in one session (registered if new).
  virtual std::optional<std::string> replace_vendor_state(const std::string& session_name,
                                                          std::size_t vendor_index,
                                                          const VendorState& replacement) const = 0;
};

}  // namespace statuskit::mock
