#pragma once
// Checks a plain JSON text (plain_json_cursor.h: ASCII, no escapes) against a compiled schema by
// recursive descent: the schema of each value drives the reading of that value, so a member's
// key finds its schema once, required members are ticked off in a bit mask, and nothing is
// allocated for the values judged here. The mock's --strict mode checks every answer it sends
// this way; a 500-id answer is 500 small objects, and a general event-driven checker paid for
// stacks and per-event dispatch on every one of them.
//
// Values under keywords that need the whole value at once (enum on an object, oneOf, allOf...)
// are read here, then parsed on their own and handed to the DOM walker. Internal to the engine.

#include <string_view>

#include "schema_node.h"

namespace statuskit::openapi::detail {

enum class DescentVerdict {
  kValid,     ///< parse_json_text reads the text, and the DOM walker would find no error
  kInvalid,   ///< not certainly valid: the DOM walker should give the report
  kNotPlain,  ///< a token this reader does not take, or not JSON: read the text another way
};

/// `root` nullptr: the schema `{}`.
DescentVerdict descend_plain_text(const CompiledNode* root, std::string_view text);

/// Sets node.text from node's own keywords; the compiler calls it once they are all compiled.
void note_text_facts(CompiledNode& node);

}  // namespace statuskit::openapi::detail
