#pragma once
// A JSON text made ready for RapidJSON's in-situ SAX reader (Debian's rapidjson-dev), shared by
// the engine's one-pass readers: fast_json_reader.h builds a document, schema_text_checker.h
// checks one against a schema without building it. Both must read exactly the texts that
// nlohmann's parser reads the same way, so both prepare and parse them here. Internal.

// RapidJSON scans strings and whitespace 16 bytes at a time where it may use SSE2 (every x86-64
// CPU has it); elsewhere it reads byte by byte, with the same results.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/error/error.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace statuskit::openapi {

/// A copy of the text, parsed in place: strings are then unescaped where they lie instead of
/// through the reader's stack, and scanned by SSE2.
struct InsituJsonText {
  std::unique_ptr<char[]> buffer;   ///< the text, then zeros (the end for the reader)
  bool ascii = true;                ///< every byte below 0x80: valid UTF-8 without checking
  bool surrogates_possible = true;  ///< false for ASCII without `\u`: no string holds one
};

/// The copy, or nullopt for a text RapidJSON would not read as nlohmann does: one too long for
/// its 32-bit lengths, or holding a NUL byte (which it takes for the end of the text).
std::optional<InsituJsonText> copy_for_insitu_parse(std::string_view text);

/// Does `text` hold a UTF-16 surrogate encoded as UTF-8 (ED A0..BF)? RapidJSON 1.1 writes an
/// escaped lone low surrogate (\uDC00) that way, where nlohmann refuses it: handlers decline
/// strings and keys holding one.
bool has_encoded_surrogate(const char* text, std::size_t length);

/// The part of RapidJSON's handler interface parse_insitu never calls: it reads numbers as
/// their text (RawNumber). Handlers derive from it instead of declaring these five each.
struct NumbersAsTextOnly {
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
};

/// Runs RapidJSON over `text` with `handler` (RapidJSON's handler interface; numbers arrive as
/// their text, through RawNumber). True when the text parsed and the handler accepted every
/// event.
template <typename Handler>
bool parse_insitu(InsituJsonText& text, Handler& handler) {
  rapidjson::InsituStringStream stream(text.buffer.get());
  rapidjson::Reader reader;
  // Iterative: no recursion however deep the text; handlers stop at kMaxNestingDepth.
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  // Checking UTF-8 costs more than the rest of the parse, and a text of ASCII bytes only (every
  // body we have seen) is valid UTF-8 as it is.
  if (text.ascii) return !reader.Parse<kFlags>(stream, handler).IsError();
  return !reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(stream, handler).IsError();
}

}  // namespace statuskit::openapi
