#pragma once
// Where a suite's requirement comes from. Every scenario names one; a step or an expectation may
// name its own. Only what a vendor publishes (seed page, docs, source code) may fail a run
// against a real server; what the project inferred warns unless --strict.

#include <string>

namespace statuskit::conformance {

enum class SourceKind {
  kSeed,      ///< the vendor's documentation page the project was built from (../shared/seeds)
  kDocs,      ///< other vendor documentation, specs or official SDKs
  kSource,    ///< the vendor's public source code
  kInferred,  ///< chosen by this project where no vendor document decides
};

struct Provenance {
  SourceKind kind = SourceKind::kInferred;
  std::string reference;  ///< what exactly: "400 example", "Users.unsetLoginTokens"

  bool inferred() const { return kind == SourceKind::kInferred; }
  /// "seed: 400 example", "inferred" (the suite syntax, also used in reports).
  std::string to_string() const;
};

/// "seed", "docs", "src" or "inferred".
const char* source_kind_name(SourceKind kind);

/// Parses "<kind>" or "<kind>: <reference>"; the kind is seed, docs, src or inferred.
/// Throws std::invalid_argument naming the accepted kinds.
Provenance parse_provenance(const std::string& text);

}  // namespace statuskit::conformance
