#pragma once
// Replacing a file whole, by rename, so a reader sees the old or the new content, never a torn
// one: the state file (--state-file) and the ready file (--ready-file) are written this way.

#include <string>

namespace statuskit::mock {

/// Replaces `path` with `text`: writes a temporary file in the same folder (`path` plus
/// ".tmp.<pid>"), renames it over `path`. With `durable`, the data and the folder entry are also
/// fsync'ed, so the write survives a power loss, not just a process crash. Throws
/// std::runtime_error naming the file and the errno text on I/O errors; the temporary file is
/// removed and `path` left as it was.
void replace_file_atomically(const std::string& path, const std::string& text, bool durable);

/// The prefix of the temporary files replace_file_atomically(path, ...) writes.
std::string temporary_file_prefix(const std::string& path);

}  // namespace statuskit::mock
