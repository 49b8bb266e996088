// The session-name rule (session_name.h): what is accepted, what is refused, and that the
// reason never quotes raw bytes.
#include "control/session_name.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace statuskit::mock {
namespace {

TEST(SessionName, LettersDigitsAndTheEightMarksAreValid) {
  for (const std::string& name :
       std::vector<std::string>{"default", "s1", "ci:job@42+retry_1.~-", "UPPER.lower", "7",
                                std::string(kMaxSessionNameLength, 'x')}) {
    EXPECT_EQ(session_name_problem(name), "") << name;
  }
}

TEST(SessionName, EmptyTooLongAndOtherBytesAreRefusedWithAReason) {
  EXPECT_NE(session_name_problem("").find("empty"), std::string::npos);
  EXPECT_NE(session_name_problem(std::string(kMaxSessionNameLength + 1, 'x')).find("129 bytes"),
            std::string::npos);
  for (const std::string& name :
       std::vector<std::string>{"two words", "a/b", "x\"y", "tab\t", "caf\xC3\xA9", "%41", "a#b",
                                std::string("nul\0", 4)}) {
    EXPECT_NE(session_name_problem(name), "") << name;
  }
  EXPECT_NE(session_name_problem("caf\xC3(").find("byte 0xC3 at offset 3"), std::string::npos)
      << session_name_problem("caf\xC3(");
}

}  // namespace
}  // namespace statuskit::mock
