#include "scenarios/provenance.h"

#include <stdexcept>

namespace statuskit::conformance {

const char* source_kind_name(SourceKind kind) {
  switch (kind) {
    case SourceKind::kSeed:
      return "seed";
    case SourceKind::kDocs:
      return "docs";
    case SourceKind::kSource:
      return "src";
    case SourceKind::kInferred:
      return "inferred";
  }
  return "inferred";
}

std::string Provenance::to_string() const {
  std::string text = source_kind_name(kind);
  if (!reference.empty()) text += ": " + reference;
  return text;
}

Provenance parse_provenance(const std::string& text) {
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  std::string reference = colon == std::string::npos ? "" : text.substr(colon + 1);
  while (!reference.empty() && reference.front() == ' ') reference.erase(0, 1);
  for (SourceKind candidate :
       {SourceKind::kSeed, SourceKind::kDocs, SourceKind::kSource, SourceKind::kInferred}) {
    if (kind == source_kind_name(candidate)) return {candidate, reference};
  }
  throw std::invalid_argument("\"" + text +
                              "\": a source starts with seed, docs, src or inferred, optionally "
                              "followed by ': <where>'");
}

}  // namespace statuskit::conformance
