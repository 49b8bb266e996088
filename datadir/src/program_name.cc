#include "statuskit/program_name.h"

#include <string_view>

namespace statuskit {
namespace {

std::string& stored_name() {
  static std::string name = "statuskit";
  return name;
}

}  // namespace

void set_program_name(const char* argv0, const char* fallback) {
  std::string_view name = argv0 != nullptr ? argv0 : "";
  if (const auto slash = name.rfind('/'); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  stored_name() = name.empty() ? fallback : std::string(name);
}

const std::string& program_name() { return stored_name(); }

}  // namespace statuskit
