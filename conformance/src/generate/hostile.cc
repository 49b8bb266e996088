#include "generate/hostile.h"

namespace statuskit::conformance {

const std::vector<HostileValue>& hostile_values() {
  // Why each: JS backends look ids up in plain objects (`users[id]`), where these names find
  // the prototype's members; path handlers join segments into file names; C and database
  // drivers end strings at NUL; decoders choke on overlong and broken UTF-8; parsers overflow
  // on long values and on numbers beyond 64 bits.
  static const std::vector<HostileValue> values = {
      {"__proto__", "prototype", "__proto__ (object prototype property)"},
      {"constructor", "prototype", "constructor (object prototype property)"},
      {"hasOwnProperty", "prototype", "hasOwnProperty (object prototype property)"},
      {"toString", "prototype", "toString (object prototype property)"},
      {"../../../../etc/passwd", "traversal", "path traversal ../../../../etc/passwd"},
      {std::string("a\0b", 3), "control", "a NUL byte (sent as %00)"},
      {"a\r\nX-Injected: 1", "control", "CR LF and a header line (sent as %0D%0A)"},
      {"\x01\x1f\x7f", "control", "control characters 0x01 0x1F 0x7F"},
      {"\xc0\xaf", "utf8", "overlong UTF-8 for / (C0 AF)"},
      {"\xff\xfe", "utf8", "bytes that are never UTF-8 (FF FE)"},
      {"\xed\xa0\x80", "utf8", "a UTF-8 encoded surrogate (ED A0 80)"},
      {std::string(8192, 'a'), "long", "8192 characters"},
      {"18446744073709551616", "number", "2^64, beyond 64 bits"},
      {"-9223372036854775809", "number", "one below the int64 minimum"},
      {"1e309", "number", "a number beyond double"},
      {"' OR '1'='1", "injection", "an SQL quote"},
      {"{\"$ne\":null}", "injection", "a MongoDB operator object"},
  };
  return values;
}

}  // namespace statuskit::conformance
