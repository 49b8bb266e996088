#pragma once
// The name a program was started by (argv[0]'s base name): installed, `statuskit-mock`; in a
// build tree, `mock-server`. Messages and replay hints use it, so what they tell a user to type
// is a command that exists where they are.

#include <string>

namespace statuskit {

/// Remembers argv[0]'s base name; call once at the start of main, before any thread starts.
void set_program_name(const char* argv0, const char* fallback);
/// The name set_program_name() remembered ("statuskit" before it was called).
const std::string& program_name();

}  // namespace statuskit
