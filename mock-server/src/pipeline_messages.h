#pragma once
// The texts of the errors the pipeline answers itself (body too large, not JSON, malformed JSON),
// in both inferred choices. No vendor publishes these texts, so the alternative wording is as
// valid as the default one; a suite that matches either is asserting a guess.

#include <cstdint>
#include <string>
#include <string_view>

#include "inferred_choice.h"

namespace statuskit::mock {

inline std::string body_too_large_message(std::uint64_t size, std::size_t limit,
                                          InferredChoice choice) {
  if (choice == InferredChoice::kAlternative) {
    return "payload too large: the limit is " + std::to_string(limit) + " bytes";
  }
  return "request body of " + std::to_string(size) + " bytes is over the limit of " +
         std::to_string(limit) + " bytes";
}

/// `media_type` is "" when the request had a body but no Content-Type.
inline std::string unsupported_media_type_message(std::string_view media_type,
                                                  InferredChoice choice) {
  if (choice == InferredChoice::kAlternative) {
    return "the body must be sent as application/json, not " +
           (media_type.empty() ? std::string("a body without Content-Type")
                               : std::string(media_type));
  }
  return media_type.empty() ? "request has a body but no Content-Type"
                            : "unsupported media type " + std::string(media_type);
}

inline std::string malformed_json_message(std::string_view reason, InferredChoice choice) {
  if (choice == InferredChoice::kAlternative) {
    return "invalid JSON in the request body (" + std::string(reason) + ")";
  }
  return "malformed JSON: " + std::string(reason);
}

}  // namespace statuskit::mock
