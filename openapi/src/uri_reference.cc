#include "uri_reference.h"

#include <optional>
#include <vector>

#include "statuskit/openapi/spec.h"

namespace statuskit::openapi::detail {
namespace {

struct UriParts {
  std::optional<std::string> scheme, authority, query, fragment;
  std::string path;
};

UriParts parse(std::string_view uri) {
  UriParts parts;
  const auto hash = uri.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = std::string(uri.substr(hash + 1));
    uri = uri.substr(0, hash);
  }
  const auto question = uri.find('?');
  if (question != std::string_view::npos) {
    parts.query = std::string(uri.substr(question + 1));
    uri = uri.substr(0, question);
  }
  const auto colon = uri.find(':');
  const auto slash = uri.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash) &&
      colon > 0) {
    parts.scheme = std::string(uri.substr(0, colon));
    uri = uri.substr(colon + 1);
  }
  if (uri.substr(0, 2) == "//") {
    uri = uri.substr(2);
    const auto end = uri.find('/');
    parts.authority = std::string(uri.substr(0, end));
    uri = end == std::string_view::npos ? std::string_view() : uri.substr(end);
  }
  parts.path = std::string(uri);
  return parts;
}

std::string remove_dot_segments(const std::string& path) {
  std::vector<std::string> output;
  std::size_t i = 0;
  const bool absolute = !path.empty() && path[0] == '/';
  std::string segment;
  std::vector<std::string> segments;
  for (i = absolute ? 1 : 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      segments.push_back(segment);
      segment.clear();
    } else {
      segment.push_back(path[i]);
    }
  }
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const bool last = s + 1 == segments.size();
    if (segments[s] == ".") {
      if (last) output.emplace_back();
    } else if (segments[s] == "..") {
      if (!output.empty()) output.pop_back();
      if (last) output.emplace_back();
    } else {
      output.push_back(segments[s]);
    }
  }
  std::string result = absolute ? "/" : "";
  for (std::size_t s = 0; s < output.size(); ++s) {
    if (s > 0) result += "/";
    result += output[s];
  }
  return result;
}

std::string merge_paths(const UriParts& base, const std::string& reference_path) {
  if (base.authority && base.path.empty()) return "/" + reference_path;
  const auto last_slash = base.path.rfind('/');
  if (last_slash == std::string::npos) return reference_path;
  return base.path.substr(0, last_slash + 1) + reference_path;
}

std::string compose(const UriParts& parts) {
  std::string out;
  if (parts.scheme) out += *parts.scheme + ":";
  if (parts.authority) out += "//" + *parts.authority;
  out += parts.path;
  if (parts.query) out += "?" + *parts.query;
  if (parts.fragment) out += "#" + *parts.fragment;
  return out;
}

}  // namespace

std::string resolve_uri_reference(std::string_view base_text, std::string_view reference_text) {
  const UriParts reference = parse(reference_text);
  const UriParts base = parse(base_text);
  UriParts target;
  if (reference.scheme) {
    target = reference;
    target.path = remove_dot_segments(reference.path);
  } else {
    if (reference.authority) {
      target.authority = reference.authority;
      target.path = remove_dot_segments(reference.path);
      target.query = reference.query;
    } else {
      if (reference.path.empty()) {
        target.path = base.path;
        target.query = reference.query ? reference.query : base.query;
      } else {
        target.path = reference.path[0] == '/'
                          ? remove_dot_segments(reference.path)
                          : remove_dot_segments(merge_paths(base, reference.path));
        target.query = reference.query;
      }
      target.authority = base.authority;
    }
    target.scheme = base.scheme;
  }
  target.fragment = reference.fragment;
  return compose(target);
}

std::pair<std::string, std::string> split_fragment(std::string_view uri) {
  const auto hash = uri.find('#');
  if (hash == std::string_view::npos) return {std::string(uri), std::string()};
  auto decoded = percent_decode(uri.substr(hash + 1));
  return {std::string(uri.substr(0, hash)), decoded ? *decoded : std::string(uri.substr(hash + 1))};
}

}  // namespace statuskit::openapi::detail
