#pragma once
// Crash-safe persistence of the mock's state (--state-file): the file is only ever replaced
// whole, by rename, so a reader — or a restart after kill -9 — sees the old or the new
// document, never a torn one.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace statuskit::mock {

/// The document in `path`, or std::nullopt when the file does not exist. Throws
/// std::runtime_error naming the file and the problem when it exists but is not a regular file
/// (a FIFO, a directory: refused at once, never waited on) or not a JSON document (truncated,
/// corrupt, unreadable).
std::optional<nlohmann::json> read_state_file(const std::string& path);

/// Replaces `path` atomically with `document`: writes a temporary file in the same folder,
/// renames it over `path`. With `durable`, the data and the folder entry are also fsync'ed, so
/// an acknowledged write survives a power loss, not just a process crash. Throws
/// std::runtime_error naming the file and the errno text on I/O errors, and when `document`
/// holds a string that is not UTF-8 (the old file is then left untouched).
void write_state_file(const std::string& path, const nlohmann::json& document, bool durable);

/// Deletes temporary files a killed writer left next to `path` (they never hold the only copy
/// of anything: the rename that would have published them did not happen).
void remove_stale_temporaries(const std::string& path);

}  // namespace statuskit::mock
