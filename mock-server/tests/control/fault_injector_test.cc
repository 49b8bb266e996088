// Fault rules as the admin API parses and applies them.
#include "control/fault_injector.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::mock {
namespace {

using nlohmann::json;

std::string parse_error(const json& document) {
  try {
    FaultRule::from_json(document);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "<accepted>";
}

TEST(FaultRule, ParsesEveryFieldAndRoundTrips) {
  const json document = json::parse(R"({"session":"s1","operationId":"bulkSetUserStatus",
      "latencyMs":{"min":10,"max":20},"status":429,"message":"slow down",
      "headers":{"X-RateLimit-Reset":"60"},"probability":0.5,"count":3})");
  FaultRule rule = FaultRule::from_json(document);
  EXPECT_EQ(rule.session, "s1");
  EXPECT_EQ(rule.operation_id, "bulkSetUserStatus");
  EXPECT_EQ(rule.latency_min_ms, 10);
  EXPECT_EQ(rule.latency_max_ms, 20);
  EXPECT_EQ(rule.status, 429);
  ASSERT_EQ(rule.headers.size(), 1U);
  EXPECT_EQ(rule.remaining, 3);
  const json out = rule.to_json();
  EXPECT_EQ(out["latencyMs"], json::parse(R"({"min":10,"max":20})"));
  EXPECT_EQ(out["headers"]["X-RateLimit-Reset"], "60");
  EXPECT_EQ(out["remaining"], 3);
}

TEST(FaultRule, BadRulesNameThePointerAndTheReason) {
  EXPECT_EQ(parse_error(json::array()), ": expected an object, got array");
  EXPECT_EQ(parse_error({{"status", 200}}), "/status: expected an error status from 400 to 599");
  EXPECT_EQ(parse_error({{"latencyMs", -1}}),
            "/latencyMs: expected an integer number of milliseconds from 0 to 600000");
  EXPECT_EQ(parse_error({{"latencyMs", {{"min", 5}, {"max", 1}}}}), "/latencyMs: max is below min");
  EXPECT_EQ(parse_error({{"status", 500}, {"probability", 2}}),
            "/probability: expected a number from 0 to 1");
  EXPECT_EQ(parse_error({{"status", 500}, {"count", 0}}), "/count: expected a positive integer");
  EXPECT_EQ(parse_error({{"dropConnection", true}, {"status", 500}}),
            "/dropConnection: a dropped connection cannot also answer a status");
  EXPECT_EQ(parse_error({{"session", "s"}}),
            ": a rule needs at least one of latencyMs, status or dropConnection");
  EXPECT_EQ(parse_error({{"status", 500}, {"bogus", 1}}).rfind("/bogus: unknown property", 0), 0U);
  EXPECT_EQ(parse_error({{"latencyMs", 5}, {"headers", {{"A", "b"}}}}),
            "/headers: headers need a status");
}

/// The parse error of a rule answering 503 with one extra header `name: value`.
std::string header_error(const std::string& name, const std::string& value) {
  return parse_error({{"status", 503}, {"headers", {{name, value}}}});
}

TEST(FaultRule, HeaderValuesCannotCarryLineBreaksOrControls) {
  // CR/LF would end the header and let the rule write its own headers or body (splitting).
  EXPECT_EQ(header_error("X-Evil", "1\r\nSet-Cookie: a=b"),
            "/headers/X-Evil: byte 0x0D at offset 1 is not allowed in a header value (only "
            "visible characters, space and tab)");
  EXPECT_EQ(header_error("X-Evil", "a\nb").rfind("/headers/X-Evil: byte 0x0A at offset 1 ", 0), 0U);
  EXPECT_EQ(header_error("X-Evil", std::string("a\0b", 3)).rfind("/headers/X-Evil: byte 0x00 ", 0),
            0U);
  EXPECT_EQ(header_error("X-Evil", "a\x7F").rfind("/headers/X-Evil: byte 0x7F ", 0), 0U);
  EXPECT_EQ(header_error("X-Evil", "\x1B[31m").rfind("/headers/X-Evil: byte 0x1B ", 0), 0U);
  // Visible ASCII, space, tab and obs-text (here UTF-8 bytes) are fine.
  EXPECT_EQ(header_error("X-Fine", "a b\t~!\"caf\xC3\xA9"), "<accepted>");
}

TEST(FaultRule, HeaderNamesMustBeTokens) {
  for (const std::string name :
       {"", "X Space", "X:Colon", "X\r\nInjected", "X(paren)", "X\"q", "caf\xC3\xA9"}) {
    const auto error = header_error(name, "1");
    EXPECT_NE(error.find(" is not a header name (RFC 9110 token"), std::string::npos)
        << name << " -> " << error;
  }
  EXPECT_EQ(header_error("X!#$%&'*+-.^_`|~09az", "1"), "<accepted>");
  // The pointer escapes "/" and "~" (RFC 6901), so it names the member even then.
  EXPECT_EQ(header_error("a/b~c", "1").rfind("/headers/a~1b~0c: ", 0), 0U);
}

TEST(FaultRule, HeadersTheTransportOwnsAreRefused) {
  for (const std::string name :
       {"Content-Length", "content-length", "Transfer-Encoding", "Connection", "Keep-Alive",
        "Upgrade", "TE", "Trailer", "Proxy-Connection", "Content-Type"}) {
    EXPECT_EQ(header_error(name, "1"),
              "/headers/" + name + ": the transport sets " + name + "; a fault rule cannot")
        << name;
  }
  EXPECT_EQ(header_error("Retry-After", "5"), "<accepted>");
}

TEST(FaultInjector, MatchesBySessionAndOperationAndExpiresAfterCount) {
  FaultInjector faults(42);
  FaultRule rule = FaultRule::from_json(
      {{"session", "s1"}, {"operationId", "op"}, {"status", 503}, {"count", 2}});
  const std::string id = faults.add(rule)->id;
  EXPECT_FALSE(faults.decide("s2", "pria", "op"));
  EXPECT_FALSE(faults.decide("s1", "pria", "other"));
  auto first = faults.decide("s1", "pria", "op");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->rule_id, id);
  EXPECT_EQ(first->status, 503);
  EXPECT_TRUE(faults.decide("s1", "pria", "op"));
  EXPECT_FALSE(faults.decide("s1", "pria", "op"));  // expired after two triggers
  EXPECT_TRUE(faults.rules().empty());
}

TEST(FaultInjector, ProbabilityZeroNeverFiresAndOneAlwaysDoes) {
  FaultInjector faults(42);
  faults.add(FaultRule::from_json({{"status", 500}, {"probability", 0}}));
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(faults.decide("s", "pria", "op"));
  faults.add(FaultRule::from_json({{"status", 502}, {"probability", 1}}));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(faults.decide("s", "pria", "op")->status, 502);
}

TEST(FaultInjector, HalfProbabilityFiresAboutHalfTheTime) {
  FaultInjector faults(42);
  faults.add(FaultRule::from_json({{"status", 500}, {"probability", 0.5}}));
  int fired = 0;
  for (int i = 0; i < 10000; ++i) fired += faults.decide("s", "pria", "op") ? 1 : 0;
  // Binomial(10000, 0.5): outside [4500, 5500] has a probability far below 1e-20.
  EXPECT_GT(fired, 4500);
  EXPECT_LT(fired, 5500);
}

TEST(FaultInjector, LatencyIsDrawnWithinTheRangeAndClearIsPerSession) {
  FaultInjector faults(42);
  faults.add(FaultRule::from_json({{"session", "a"}, {"latencyMs", {{"min", 5}, {"max", 9}}}}));
  faults.add(FaultRule::from_json({{"session", "b"}, {"latencyMs", 7}}));
  for (int i = 0; i < 50; ++i) {
    const int delay = faults.decide("a", "pria", "op")->delay_ms;
    EXPECT_GE(delay, 5);
    EXPECT_LE(delay, 9);
  }
  EXPECT_EQ(faults.decide("b", "pria", "op")->delay_ms, 7);
  EXPECT_EQ(faults.clear("a"), 1U);
  EXPECT_FALSE(faults.decide("a", "pria", "op"));
  EXPECT_EQ(faults.clear(""), 1U);
}

/// Which of `requests` calls a rule fires on, and with what delay, as text ("-" = not fired).
std::string fault_pattern(FaultInjector& faults, int requests) {
  std::string pattern;
  for (int i = 0; i < requests; ++i) {
    const auto decision = faults.decide("s", "pria", "op");
    pattern += decision ? std::to_string(decision->delay_ms) + " " : "- ";
  }
  return pattern;
}

TEST(FaultInjector, TheSameSeedReplaysTheSameFaults) {
  const json rule = {{"latencyMs", {{"min", 1}, {"max", 1000}}}, {"probability", 0.5}};
  FaultInjector first(7);
  FaultInjector second(7);
  FaultInjector other(8);
  first.add(FaultRule::from_json(rule));
  second.add(FaultRule::from_json(rule));
  other.add(FaultRule::from_json(rule));
  const std::string pattern = fault_pattern(first, 64);
  EXPECT_EQ(fault_pattern(second, 64), pattern);
  EXPECT_NE(fault_pattern(other, 64), pattern);
  EXPECT_NE(pattern.find('-'), std::string::npos) << "some requests pass";
  EXPECT_NE(pattern.find_first_of("0123456789"), std::string::npos) << "some are delayed";
}

TEST(FaultInjector, ARuleWithItsOwnSeedReplaysWhateverTheBaseSeed) {
  // The seed a rule reports (GET /__admin/faults) is enough to replay it on another server.
  FaultInjector first(1);
  first.add(FaultRule::from_json({{"latencyMs", {{"min", 0}, {"max", 500}}}}));
  const auto reported = first.rules().at(0).to_json();
  ASSERT_TRUE(reported.contains("seed"));
  const std::string pattern = fault_pattern(first, 32);

  FaultInjector second(999);
  second.add(FaultRule::from_json(
      {{"latencyMs", {{"min", 0}, {"max", 500}}}, {"seed", reported["seed"]}}));
  EXPECT_EQ(fault_pattern(second, 32), pattern);
  EXPECT_EQ(second.rules().at(0).to_json()["seed"], reported["seed"]);
}

TEST(FaultInjector, RulesDrawIndependently) {
  // Adding a second rule for another session does not change the first rule's draws.
  const json rule = {{"session", "s"}, {"status", 500}, {"probability", 0.5}};
  FaultInjector alone(3);
  alone.add(FaultRule::from_json(rule));
  FaultInjector crowded(3);
  crowded.add(FaultRule::from_json(rule));
  crowded.add(FaultRule::from_json({{"session", "t"}, {"status", 503}, {"probability", 0.5}}));
  std::string pattern_alone, pattern_crowded;
  for (int i = 0; i < 64; ++i) {
    pattern_alone += alone.decide("s", "pria", "op") ? 'x' : '-';
    crowded.decide("t", "pria", "op");
    pattern_crowded += crowded.decide("s", "pria", "op") ? 'x' : '-';
  }
  EXPECT_EQ(pattern_crowded, pattern_alone);
}

TEST(FaultRule, SeedMustBeANonNegativeInteger) {
  EXPECT_EQ(parse_error({{"status", 500}, {"seed", -1}}), "/seed: expected a non-negative integer");
  EXPECT_EQ(parse_error({{"status", 500}, {"seed", "7"}}),
            "/seed: expected a non-negative integer");
  EXPECT_EQ(FaultRule::from_json({{"status", 500}, {"seed", 18446744073709551615ULL}}).seed,
            18446744073709551615ULL);
}

}  // namespace
}  // namespace statuskit::mock
