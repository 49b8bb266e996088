// The plain reader may decline any text, but a text it takes must be JSON that nlohmann reads
// into exactly the same document: checked on edge cases and on every one-byte mutation of them
// (deleted, replaced or preceded by each byte of a set chosen for JSON's grammar).
#include "plain_json_scanner.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json_identical.h"
#include "json_number_text.h"
#include "statuskit/openapi/document_loader.h"
#include "strict_json_builder.h"

namespace statuskit::openapi {
namespace {

/// Builds what the plain reader reports, with the builder parse_json_text uses.
class Recorder {
 public:
  StrictJsonBuilder builder{DuplicateKeys::kReject};
  bool Null() { return builder.null(); }
  bool Bool(bool value) { return builder.boolean(value); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view number(text, length);
    const auto value = json_number_from_text(number);
    return value && builder.number(*value, number);
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    std::string value(text, length);
    return builder.string(value);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    std::string name(text, length);
    return builder.key(name);
  }
  bool StartObject() { return builder.start_object(0); }
  bool EndObject(rapidjson::SizeType) { return builder.end_object(); }
  bool StartArray() { return builder.start_array(0); }
  bool EndArray(rapidjson::SizeType) { return builder.end_array(); }
};

/// Returns whether the plain reader took `text`; fails the test if it took a text nlohmann
/// reads differently or refuses.
bool expect_agreement(const std::string& text) {
  Recorder recorder;
  if (scan_plain_json(text, recorder) != PlainScan::kAccepted) return false;
  json reference;
  try {
    reference = parse_json_text(text, "text");
  } catch (const LoadError& error) {
    ADD_FAILURE() << "the plain reader took what nlohmann refuses (" << error.what()
                  << "): " << text;
    return true;
  }
  EXPECT_TRUE(identical(recorder.builder.root, reference))
      << "for " << text << ": plain " << recorder.builder.root.dump() << ", nlohmann "
      << reference.dump();
  return true;
}

const std::vector<std::string>& edge_cases() {
  static const std::vector<std::string> cases = {
      R"({"ids":["65f0000000000000000000a1","65f0000000000000000000b1"],"status":"active"})",
      R"( {"a" : [1, -2.5e3, 0.5E+2, -0, 1e-2, true, false, null, "x y~\u0041"], "b":{}} )",
      R"([0,{"k":"v"},[[]],-0.0,1E+2,18446744073709551615,-9223372036854775808])",
      R"("a string of more than eight bytes, then some more")",
      "123",
      "\t[\r\n]\n",
      R"({"":""})",
  };
  return cases;
}

TEST(PlainJsonScanner, ReadsPlainTextsAsNlohmannDoes) {
  for (const auto& text : edge_cases()) {
    const bool taken = expect_agreement(text);
    // Only the one with an escape is not plain.
    EXPECT_EQ(taken, text.find('\\') == std::string::npos) << text;
  }
}

TEST(PlainJsonScanner, NeverTakesAOneByteMutationNlohmannReadsDifferently) {
  const std::string alphabet =
      std::string("{}[],:\"\\01-+.eEtfnula \n\t\x7f\x80\xc3") + std::string(1, '\0') + "\x01";
  std::size_t taken = 0, texts = 0;
  for (const auto& text : edge_cases()) {
    for (std::size_t at = 0; at <= text.size(); ++at) {
      std::vector<std::string> mutations;
      if (at < text.size()) mutations.push_back(std::string(text).erase(at, 1));
      for (char byte : alphabet) {
        mutations.push_back(std::string(text).insert(at, 1, byte));
        if (at < text.size()) {
          std::string replaced = text;
          replaced[at] = byte;
          mutations.push_back(std::move(replaced));
        }
      }
      for (const auto& mutated : mutations) {
        ++texts;
        if (expect_agreement(mutated)) ++taken;
        if (HasFailure()) return;
      }
    }
  }
  // Both outcomes are exercised many times.
  EXPECT_GT(taken, 1000U);
  EXPECT_GT(texts - taken, 5000U);
  std::cout << texts << " mutated texts, " << taken << " taken\n";
}

TEST(PlainJsonScanner, DeclinesWhatItDoesNotReadAndReportsARefusal) {
  for (const std::string text : {"", " ", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "nulll",
                                 "[\"\\n\"]", "[\"\xc3\xa9\"]", "\"abc", "{\"a\" 1}", "[1 2]"}) {
    Recorder recorder;
    EXPECT_EQ(scan_plain_json(text, recorder), PlainScan::kNotPlain) << text;
  }
  Recorder recorder;  // the builder refuses a repeated key
  EXPECT_EQ(scan_plain_json(std::string(R"({"a":1,"a":2})"), recorder), PlainScan::kHandlerRefused);
}

}  // namespace
}  // namespace statuskit::openapi
