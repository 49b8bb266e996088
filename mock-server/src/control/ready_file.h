#pragma once
// --ready-file: a file that exists, holding the port, exactly while the mock accepts requests,
// so a CI script can start the mock in the background (with --port 0) and wait for the file
// instead of reading the mock's output.

#include <string>

namespace statuskit::mock {

/// Removes a ready file a previous run left (and temporaries of a killed writer), so that no one
/// waiting for the file mistakes the old port for this run's. A missing file is fine. Throws
/// std::runtime_error naming the path and the errno text when it cannot be removed.
void withdraw_ready_file(const std::string& path);

/// Writes "<port>\n" to `path` atomically (temporary file + rename): a reader that sees the
/// file sees the whole port. Throws std::runtime_error naming the path and the errno text.
void publish_ready_file(const std::string& path, int port);

}  // namespace statuskit::mock
