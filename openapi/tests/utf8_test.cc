// Strict UTF-8: what the loader rejects and the reporters replace.
#include "statuskit/openapi/utf8.h"

#include <gtest/gtest.h>

#include <string_view>

namespace statuskit::openapi {
namespace {

TEST(Utf8, DecodesWellFormedSequences) {
  EXPECT_EQ(decode_utf8_sequence("\xC3\xA9", 0).length, 2U);
  EXPECT_EQ(decode_utf8_sequence("\xC3\xA9", 0).code_point, U'\u00E9');
  EXPECT_EQ(decode_utf8_sequence("x\xE2\x82\xAC", 1).code_point, U'\u20AC');
  EXPECT_EQ(decode_utf8_sequence("\xF0\x9F\x98\x80", 0).length, 4U);
  EXPECT_EQ(decode_utf8_sequence("\xEF\xBF\xBF", 0).code_point,
            0xFFFFU);  // a noncharacter, still UTF-8
}

TEST(Utf8, RejectsWhatIsNotWellFormed) {
  for (std::string_view bad : {std::string_view("\xC0\xAF"),          // overlong '/'
                               std::string_view("\xE0\x80\xAF"),      // overlong, 3 bytes
                               std::string_view("\xED\xA0\x80"),      // surrogate U+D800
                               std::string_view("\xF4\x90\x80\x80"),  // past U+10FFFF
                               std::string_view("\xE2\x82"),          // truncated
                               std::string_view("\xC3\x28"),          // bad continuation
                               std::string_view("\x80"),              // lone continuation
                               std::string_view("\xFF")}) {
    EXPECT_EQ(decode_utf8_sequence(bad, 0).length, 0U) << testing::PrintToString(bad);
  }
}

TEST(Utf8, FirstInvalidByteOffset) {
  EXPECT_EQ(first_invalid_utf8("plain ascii \xC3\xA9 and \xF0\x9F\x98\x80"),
            std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8(""), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xC3\xA9\xFF"), 4U);
  EXPECT_EQ(first_invalid_utf8("ab\xE2\x82"), 2U);
}

}  // namespace
}  // namespace statuskit::openapi
