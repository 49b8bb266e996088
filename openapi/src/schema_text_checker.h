#pragma once
// Checks JSON text against a compiled schema in one pass, without building the document: the
// mock's --strict mode checks every answer it sends, and parsing a 28 KB answer into a DOM,
// walking it and freeing it cost three times the request itself. Plain texts (ASCII, no
// escapes: nearly every answer) are read by the recursive descent of schema_text_descent.h;
// the others by RapidJSON, in place, with the event-driven checker of this file's .cc.
//
// It only ever answers "valid, certainly". Anything else (an error, a text parse_json_text
// would refuse or might read differently, a schema it does not follow) sends the caller back
// to parse_json_text and the DOM walker, which then give the report: so an invalid text is
// described by one implementation only, and the messages cannot drift. Internal to the engine.

#include <string_view>

#include "schema_node.h"

namespace statuskit::openapi::detail {

/// True only when parse_json_text(text) (duplicate keys rejected) would give a document and
/// the DOM walker would find no error in it against `root` (nullptr: the schema `{}`).
bool text_certainly_valid(const CompiledNode* root, std::string_view text);

}  // namespace statuskit::openapi::detail
