#pragma once
// Saving the mock's state to --state-file, one save at a time, and remembering how saving goes
// for GET /__admin/health. A failed save is never silent: the caller learns why (and undoes
// the change it was saving, see MockPipeline), health shows it, and shutdown exits non-zero.

#include <cstdint>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace statuskit::mock {

/// How saving has gone since the start (the start-up save included).
struct SaveStatus {
  std::string state_file;
  bool ok = true;  ///< the last save worked
  std::uint64_t saves = 0;
  std::uint64_t failed_saves = 0;
  std::string last_error;  ///< why the most recent failed save failed ("" if none failed)
};

class StateSaver {
 public:
  /// `durable`: fsync the file and its folder on every save (--fsync-every-write).
  StateSaver(std::string state_file, bool durable);

  const std::string& state_file() const { return status_.state_file; }
  /// Held across a change and its save, so saves happen in the order of the changes (the last
  /// one holds the latest state) and a change whose save failed is undone before anyone else
  /// changes anything.
  std::unique_lock<std::mutex> lock() { return std::unique_lock(save_mutex_); }
  /// Replaces the state file with `document` (see write_state_file). `held` is lock()'s guard.
  /// Returns std::nullopt on success, else the reason (naming the file and the errno text).
  std::optional<std::string> save(const std::unique_lock<std::mutex>& held,
                                  const nlohmann::json& document);
  SaveStatus status() const;

 private:
  bool durable_;
  std::mutex save_mutex_;
  mutable std::mutex status_mutex_;  // health reads the status while a save runs
  SaveStatus status_;
};

}  // namespace statuskit::mock
