#include "control/state_saver.h"

#include <cassert>
#include <nlohmann/json.hpp>

#include "control/state_file.h"

namespace statuskit::mock {

StateSaver::StateSaver(std::string state_file, bool durable) : durable_(durable) {
  status_.state_file = std::move(state_file);
}

std::optional<std::string> StateSaver::save(const std::unique_lock<std::mutex>& held,
                                            const nlohmann::json& document) {
  assert(held.owns_lock() && held.mutex() == &save_mutex_);
  (void)held;
  std::optional<std::string> error;
  try {
    write_state_file(status_.state_file, document, durable_);
  } catch (const std::exception& failure) {
    // Also JSON errors: a string that is not UTF-8 cannot be written, and must not go unseen.
    error = failure.what();
  }
  std::lock_guard lock(status_mutex_);
  status_.ok = !error;
  if (error) {
    ++status_.failed_saves;
    status_.last_error = *error;
  } else {
    ++status_.saves;
  }
  return error;
}

SaveStatus StateSaver::status() const {
  std::lock_guard lock(status_mutex_);
  return status_;
}

}  // namespace statuskit::mock
