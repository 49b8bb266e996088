#pragma once
// Where the programs find the data they ship with (specs/, fixtures/, conformance/suites/), so
// that nothing depends on the folder they are started from.

#include <filesystem>
#include <string>

namespace statuskit {

/// The two places the bundled data can be.
struct DataDirLocations {
  /// Next to an installed program: <prefix>/bin/PROGRAM -> <prefix>/share/statuskit.
  std::filesystem::path installed;
  /// The source tree the program was built from, for programs run from a build tree.
  std::filesystem::path source;
};

/// `installed` for a program at `executable` (the layout `cmake --install` creates).
std::filesystem::path installed_data_dir_for(const std::filesystem::path& executable);

/// The locations for the running program (its /proc/self/exe, and its build's source tree).
DataDirLocations data_dir_locations();

/// The installed location when it exists, else the source tree. The installed one wins so that
/// an installed program never reads a checkout that happens to sit on the build machine.
std::filesystem::path choose_data_dir(const DataDirLocations& locations);

/// choose_data_dir(data_dir_locations()), worked out once per process.
const std::filesystem::path& data_dir();

/// A data path a user gave on the command line: as given when it is absolute or exists
/// relative to the current folder (the user's own file wins); else `data_dir / given` when
/// that exists (e.g. `--profile fixtures/targets/mock.yaml` from any folder); else as given,
/// so the error names what the user typed.
std::string resolve_data_path(const std::string& given, const std::filesystem::path& data_dir);

}  // namespace statuskit
