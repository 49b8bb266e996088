#include "statuskit/data_dir.h"

#include <system_error>

namespace statuskit {

namespace fs = std::filesystem;

fs::path installed_data_dir_for(const fs::path& executable) {
  // STATUSKIT_INSTALL_DATA_FROM_BIN is the data folder relative to the programs' folder, worked
  // out by CMake from the install layout (normally ../share/statuskit).
  return (executable.parent_path() / STATUSKIT_INSTALL_DATA_FROM_BIN).lexically_normal();
}

DataDirLocations data_dir_locations() {
  std::error_code error;
  // The real file, whichever name or symlink the program was started through.
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  return {error ? fs::path() : installed_data_dir_for(executable),
          fs::path(STATUSKIT_DATA_SOURCE_DIR)};
}

fs::path choose_data_dir(const DataDirLocations& locations) {
  std::error_code error;
  if (!locations.installed.empty() && fs::is_directory(locations.installed, error)) {
    return locations.installed;
  }
  return locations.source;
}

const fs::path& data_dir() {
  static const fs::path chosen = choose_data_dir(data_dir_locations());
  return chosen;
}

std::string resolve_data_path(const std::string& given, const fs::path& data_dir) {
  std::error_code error;
  const fs::path path(given);
  if (given.empty() || path.is_absolute() || fs::exists(path, error)) return given;
  const fs::path bundled = data_dir / path;
  if (!data_dir.empty() && fs::exists(bundled, error)) return bundled.string();
  return given;
}

}  // namespace statuskit
