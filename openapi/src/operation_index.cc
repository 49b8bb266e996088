// Method + concrete path → operation. Templates are split into segments once, at add() time;
// matching a request only compares strings.
#include <algorithm>
#include <set>

#include "statuskit/openapi/spec.h"

namespace statuskit::openapi {

namespace {

/// One path segment of a template: a literal, or literal prefix + {parameter} + literal suffix.
struct TemplateSegment {
  std::string literal;  ///< the whole segment when !is_parameter
  bool is_parameter = false;
  std::string prefix, name, suffix;
};

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  std::size_t start = 1;
  while (true) {
    const auto end = path.find('/', start);
    segments.push_back(
        path.substr(start, end == std::string_view::npos ? path.size() - start : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

}  // namespace

struct OperationIndex::Route {
  const Spec* spec;
  const Operation* operation;
  std::string full_template;
  std::vector<TemplateSegment> segments;
  int literal_count = 0;
};

void OperationIndex::add(const Spec& spec, const std::string& base_path) {
  for (const auto& operation : spec.operations()) {
    auto route = std::make_shared<Route>();
    route->spec = &spec;
    route->operation = &operation;
    route->full_template = base_path + operation.path_template;
    for (auto part : split_path(route->full_template)) {
      TemplateSegment segment;
      const auto open = part.find('{');
      const auto close = part.find('}');
      if (open != std::string_view::npos && close != std::string_view::npos && open < close) {
        segment.is_parameter = true;
        segment.prefix = std::string(part.substr(0, open));
        segment.name = std::string(part.substr(open + 1, close - open - 1));
        segment.suffix = std::string(part.substr(close + 1));
        if (segment.suffix.find('{') != std::string::npos) {
          throw SpecError(spec.source_name() + ": path " + operation.path_template +
                          ": more than one parameter in one segment is not supported");
        }
      } else {
        segment.literal = std::string(part);
        ++route->literal_count;
      }
      route->segments.push_back(std::move(segment));
    }
    routes_.push_back(std::move(route));
  }
}

RouteMatch OperationIndex::match(std::string_view method, std::string_view raw_path) const {
  RouteMatch result;
  raw_path = raw_path.substr(0, raw_path.find_first_of("?#"));
  const auto raw_segments = split_path(raw_path);
  if (raw_segments.empty()) return result;
  // Decode after splitting, so an encoded "/" (%2F) stays inside its segment.
  std::vector<std::string> segments;
  segments.reserve(raw_segments.size());
  for (auto raw : raw_segments) {
    auto decoded = percent_decode(raw);
    if (!decoded) return result;  // a malformed escape matches nothing
    segments.push_back(std::move(*decoded));
  }

  const Route* best = nullptr;
  std::map<std::string, std::string> best_params;
  std::set<std::string> allowed;
  for (const auto& route : routes_) {
    if (route->segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool matched = true;
    for (std::size_t i = 0; i < segments.size() && matched; ++i) {
      const auto& part = route->segments[i];
      const std::string& value = segments[i];
      if (!part.is_parameter) {
        matched = value == part.literal;
        continue;
      }
      matched =
          value.size() > part.prefix.size() + part.suffix.size() &&
          value.compare(0, part.prefix.size(), part.prefix) == 0 &&
          value.compare(value.size() - part.suffix.size(), part.suffix.size(), part.suffix) == 0;
      if (matched) {
        params[part.name] = value.substr(part.prefix.size(),
                                         value.size() - part.prefix.size() - part.suffix.size());
      }
    }
    if (!matched) continue;
    allowed.insert(route->operation->method);
    if (route->operation->method != method) continue;
    // Literal segments beat templated ones ("/users/me" over "/users/{id}").
    if (best == nullptr || route->literal_count > best->literal_count) {
      best = route.get();
      best_params = std::move(params);
    }
  }
  if (best != nullptr) {
    result.kind = RouteMatch::Kind::kFound;
    result.spec = best->spec;
    result.operation = best->operation;
    result.path_params = std::move(best_params);
  } else if (!allowed.empty()) {
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    result.allowed_methods.assign(allowed.begin(), allowed.end());
  }
  return result;
}

}  // namespace statuskit::openapi
