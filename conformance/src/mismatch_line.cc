#include "reporters.h"

namespace statuskit::conformance {

std::string mismatch_line(const Mismatch& mismatch) {
  std::string line = mismatch.text() + " [" + mismatch.source.to_string() + "]";
  if (mismatch.baselined) line += " [baselined]";
  return line;
}

}  // namespace statuskit::conformance
