#include "scenarios/mismatch_key.h"

#include <cctype>

namespace statuskit::conformance {

std::string pointer_pattern(const std::string& pointer) {
  std::string pattern;
  std::size_t at = 0;
  while (at < pointer.size()) {
    const std::size_t end = pointer.find('/', at + 1);
    const std::string segment = pointer.substr(at, end == std::string::npos ? end : end - at);
    bool index = segment.size() > 1;
    for (std::size_t i = 1; i < segment.size(); ++i) {
      index = index && std::isdigit(static_cast<unsigned char>(segment[i]));
    }
    pattern += index && segment.front() == '/' ? "/*" : segment;
    if (end == std::string::npos) break;
    at = end;
  }
  return pattern;
}

std::string group_key(const Mismatch& mismatch) {
  return mismatch.operation + " " + std::to_string(mismatch.status) + " " +
         (mismatch.pointer.empty() ? "/" : pointer_pattern(mismatch.pointer)) + " " +
         mismatch.keyword;
}

std::string step_position(const ScenarioResult& scenario, std::size_t step_index) {
  const Phase phase = scenario.steps[step_index].phase;
  int position = 0;
  for (std::size_t i = 0; i <= step_index; ++i) position += scenario.steps[i].phase == phase;
  return std::string(phase_name(phase)) + "#" + std::to_string(position);
}

std::string step_key(const ScenarioResult& scenario, std::size_t step_index) {
  return scenario.id + "|" + step_position(scenario, step_index);
}

std::string step_key_of(const std::string& fingerprint) {
  return fingerprint.substr(0, fingerprint.find('|', fingerprint.find('|') + 1));
}

std::string fingerprint(const ScenarioResult& scenario, std::size_t step_index,
                        const Mismatch& mismatch) {
  std::string text = step_key(scenario, step_index) + "|" + origin_name(mismatch.origin) + "|" +
                     mismatch.operation + "|" + pointer_pattern(mismatch.pointer) + "|" +
                     mismatch.keyword;
  if (mismatch.origin == Mismatch::Origin::kSpec) text += "|" + std::to_string(mismatch.status);
  return text;
}

}  // namespace statuskit::conformance
