#pragma once
// Internal: RFC 3986 reference resolution, just enough for $id / $ref base URIs.

#include <string>
#include <string_view>

namespace statuskit::openapi::detail {

/// Resolves `reference` against `base` (RFC 3986 section 5.2). Either may be empty.
std::string resolve_uri_reference(std::string_view base, std::string_view reference);

/// Splits "doc#fragment" into {"doc", "fragment"}; the fragment is percent-decoded.
std::pair<std::string, std::string> split_fragment(std::string_view uri);

}  // namespace statuskit::openapi::detail
