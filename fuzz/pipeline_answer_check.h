#pragma once
// The oracle both pipeline fuzzers apply to every answer: a real HTTP status, no 500 from
// strict mode (a spec violation) or from a throwing module, and a JSON body that parses
// whenever the answer says it is JSON.
#include <nlohmann/json.hpp>
#include <string>

#include "mock_exchange.h"

inline void trap_unless_sound_answer(const statuskit::mock::MockResponse& response) {
  if (response.status < 100 || response.status > 599) __builtin_trap();
  if (response.status == 500 && (response.body.find("strict_mode_violation") != std::string::npos ||
                                 response.body.find("internal_error") != std::string::npos)) {
    __builtin_trap();
  }
  if (response.content_type == "application/json" &&
      nlohmann::json::parse(response.body, nullptr, false).is_discarded()) {
    __builtin_trap();
  }
}
