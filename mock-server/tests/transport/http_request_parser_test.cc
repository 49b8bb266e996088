// The transport's HTTP/1.1 request parser on its own: framing, limits, pipelining, and every
// malformed input answered with a definite status.
#include "transport/http_request_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace statuskit::mock {
namespace {

using Result = HttpRequestParser::Result;

HttpLimits small_limits() {
  HttpLimits limits;
  limits.max_header_bytes = 1024;
  limits.max_header_count = 10;
  limits.max_body_bytes = 100;
  return limits;
}

/// Feeds `wire` whole and returns the first result that is not kContinue.
Result parse_all(HttpRequestParser& parser, const std::string& wire) {
  parser.feed(wire);
  Result result = parser.next();
  while (result == Result::kContinue) result = parser.next();
  return result;
}

TEST(HttpRequestParserTest, ParsesARequestWithAFixedLengthBody) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser,
                      "PUT /api/x?a=1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                      "Content-Length: 7\r\n\r\n{\"a\":1}"),
            Result::kRequest);
  const auto request = parser.take_request();
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.path, "/api/x");
  EXPECT_EQ(request.query_string, "a=1");
  EXPECT_EQ(request.body, "{\"a\":1}");
  ASSERT_NE(request.header("content-type"), nullptr);
  EXPECT_EQ(*request.header("content-type"), "application/json");
  EXPECT_TRUE(request.keep_alive);
  EXPECT_FALSE(parser.mid_request());
}

TEST(HttpRequestParserTest, ByteByByteGivesTheSameRequest) {
  const std::string wire = "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
  HttpRequestParser parser(small_limits());
  for (std::size_t i = 0; i + 1 < wire.size(); ++i) {
    parser.feed(wire.substr(i, 1));
    ASSERT_EQ(parser.next(), Result::kNeedMore) << "at byte " << i;
  }
  parser.feed(wire.substr(wire.size() - 1));
  ASSERT_EQ(parser.next(), Result::kRequest);
  EXPECT_EQ(parser.take_request().body, "abc");
}

TEST(HttpRequestParserTest, PipelinedRequestsComeOutInOrder) {
  HttpRequestParser parser(small_limits());
  parser.feed(
      "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n1"
      "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"
      "GET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(parser.next(), Result::kRequest);
  EXPECT_EQ(parser.take_request().path, "/a");
  ASSERT_EQ(parser.next(), Result::kRequest);
  EXPECT_EQ(parser.take_request().path, "/b");
  ASSERT_EQ(parser.next(), Result::kRequest);
  const auto last = parser.take_request();
  EXPECT_EQ(last.path, "/c");
  EXPECT_FALSE(last.keep_alive);
  EXPECT_EQ(parser.next(), Result::kNeedMore);
}

TEST(HttpRequestParserTest, ChunkedBodiesAreDecoded) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser,
                      "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"),
            Result::kRequest);
  EXPECT_EQ(parser.take_request().body, "abc0123456789");
}

TEST(HttpRequestParserTest, KeepAliveFollowsTheVersionAndConnectionField) {
  struct Case {
    const char* wire;
    bool keep_alive;
  } cases[] = {
      {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", true},
      {"GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n", false},
      {"GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, close\r\n\r\n", false},
      {"GET / HTTP/1.0\r\n\r\n", false},
      {"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true},
  };
  for (const auto& c : cases) {
    HttpRequestParser parser(small_limits());
    ASSERT_EQ(parse_all(parser, c.wire), Result::kRequest) << c.wire;
    EXPECT_EQ(parser.take_request().keep_alive, c.keep_alive) << c.wire;
  }
}

TEST(HttpRequestParserTest, ExpectContinueIsSignalledOnceBeforeTheBody) {
  HttpRequestParser parser(small_limits());
  parser.feed("PUT /p HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  EXPECT_EQ(parser.next(), Result::kContinue);
  EXPECT_EQ(parser.next(), Result::kNeedMore);
  parser.feed("ok");
  ASSERT_EQ(parser.next(), Result::kRequest);
  EXPECT_EQ(parser.take_request().body, "ok");
}

TEST(HttpRequestParserTest, AnOversizedBodyIsReportedUnreadAndEndsTheConnection) {
  HttpRequestParser parser(small_limits());
  parser.feed("PUT /p HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n");
  ASSERT_EQ(parser.next(), Result::kRequest);
  const auto request = parser.take_request();
  EXPECT_EQ(request.oversized_body, 101u);
  EXPECT_TRUE(request.body.empty());
  EXPECT_FALSE(request.keep_alive);
  EXPECT_TRUE(parser.finished());
  parser.feed(std::string(101, 'x') + "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(parser.next(), Result::kNeedMore) << "nothing after an unread body is a request";
}

TEST(HttpRequestParserTest, AnOversizedChunkedBodyIsReportedToo) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser,
                      "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "50\r\n" +
                          std::string(80, 'x') + "\r\n50\r\n"),
            Result::kRequest);
  EXPECT_EQ(parser.take_request().oversized_body, 160u);
}

// What the stricter framing still accepts: extensions with token and quoted values, BWS
// before ';', trailer fields, a Host with a port.
TEST(HttpRequestParserTest, WellFormedChunkExtensionsTrailersAndHostsAreAccepted) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser,
                      "POST /p HTTP/1.1\r\nHost: example.test:8080\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n"
                      "3 ;name=value;q=\"a \\\" b\";flag\r\nabc\r\n0\r\nX-Checksum: 1\r\n\r\n"),
            Result::kRequest)
      << parser.error_message();
  EXPECT_EQ(parser.take_request().body, "abc");
}

struct MalformedCase {
  const char* name;
  std::string wire;
  int status;
};

class HttpRequestParserMalformedTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(HttpRequestParserMalformedTest, IsRefusedWithADefiniteStatus) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser, GetParam().wire), Result::kError) << GetParam().name;
  EXPECT_EQ(parser.error_status(), GetParam().status) << parser.error_message();
  EXPECT_FALSE(parser.error_message().empty());
  EXPECT_TRUE(parser.finished());
  parser.feed("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(parser.next(), Result::kError) << "framing once lost is never trusted again";
}

const std::string kGet = "GET / HTTP/1.1\r\nHost: h\r\n";
const std::string kChunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";

INSTANTIATE_TEST_SUITE_P(
    Framing, HttpRequestParserMalformedTest,
    ::testing::Values(
        MalformedCase{"duplicate_length", kGet + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx",
                      400},
        MalformedCase{"signed_length", kGet + "Content-Length: +21\r\n\r\n", 400},
        MalformedCase{"negative_length", kGet + "Content-Length: -1\r\n\r\n", 400},
        MalformedCase{"length_list", kGet + "Content-Length: 1, 1\r\n\r\nx", 400},
        MalformedCase{"length_and_chunked",
                      kGet + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
        MalformedCase{"unknown_coding", kGet + "Transfer-Encoding: gzip\r\n\r\n", 501},
        MalformedCase{"version_1", "GET / HTTP/1\r\nHost: h\r\n\r\n", 400},
        MalformedCase{"version_2", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505},
        MalformedCase{"no_colon", kGet + "X-One value\r\nX-Two: v\r\n\r\n", 400},
        MalformedCase{"space_before_colon", kGet + "X-One : v\r\n\r\n", 400},
        MalformedCase{"folded_line", kGet + "X-One: a\r\n b\r\n\r\n", 400},
        MalformedCase{"bare_lf", "GET / HTTP/1.1\nHost: h\n\n", 400},
        MalformedCase{"control_in_value",
                      kGet + "X-One: a\x01"
                             "b\r\n\r\n",
                      400},
        MalformedCase{"no_host", "GET / HTTP/1.1\r\n\r\n", 400},
        MalformedCase{"two_hosts", kGet + "Host: other\r\n\r\n", 400},
        MalformedCase{"bad_method", "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        MalformedCase{"two_spaces", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        MalformedCase{"no_path", "GET x HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        MalformedCase{"expectation", kGet + "Expect: magic\r\n\r\n", 417},
        MalformedCase{"header_block_too_large",
                      kGet + "X-Big: " + std::string(2000, 'a') + "\r\n\r\n", 431},
        MalformedCase{"request_line_too_long",
                      "GET /" + std::string(2000, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n", 414},
        MalformedCase{
            "too_many_fields",
            kGet + std::string("A: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\nF: 1\r\nG: 1\r\nH: 1\r\n"
                               "I: 1\r\nJ: 1\r\n\r\n"),
            431},
        MalformedCase{"bad_chunk_size",
                      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                      400},
        MalformedCase{"chunk_without_crlf",
                      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "1\r\nxy\r\n",
                      400},
        // Issue 26 item 8: framing more lenient than the README says.
        MalformedCase{"space_before_chunk_size", kChunked + " 1\r\nx\r\n0\r\n\r\n", 400},
        MalformedCase{"space_after_chunk_size", kChunked + "1 \r\nx\r\n0\r\n\r\n", 400},
        MalformedCase{"nul_in_chunk_extension",
                      kChunked + std::string("1;a\0b\r\nx\r\n0\r\n\r\n", 16), 400},
        MalformedCase{"bare_cr_in_chunk_extension", kChunked + "1;a\rb\r\nx\r\n0\r\n\r\n", 400},
        MalformedCase{"unterminated_quote_in_chunk_extension",
                      kChunked + "1;a=\"b\r\nx\r\n0\r\n\r\n", 400},
        MalformedCase{"folded_trailer", kChunked + "0\r\nX-T: a\r\n b\r\n\r\n", 400},
        MalformedCase{"non_token_trailer", kChunked + "0\r\nX T: a\r\n\r\n", 400},
        MalformedCase{"host_list", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", 400},
        MalformedCase{"two_hosts_in_http10", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400},
        MalformedCase{"raw_byte_in_target", "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        MalformedCase{"fragment_in_target", "GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n", 400}),
    [](const auto& test_case) { return std::string(test_case.param.name); });

TEST(HttpRequestParserTest, AHugeHeaderBlockIsRefusedAsSoonAsItIsOverTheLimit) {
  HttpRequestParser parser(small_limits());
  parser.feed(kGet);
  std::string chunk = "X-Big: " + std::string(600, 'a');
  parser.feed(chunk);
  EXPECT_EQ(parser.next(), Result::kNeedMore);
  parser.feed(chunk);
  EXPECT_EQ(parser.next(), Result::kError) << "without waiting for the end of the line";
  EXPECT_EQ(parser.error_status(), 431);
}

TEST(HttpRequestParserTest, ATwentyDigitLengthIsTooLargeNotAnError) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser, kGet + "Content-Length: 99999999999999999999\r\n\r\n"),
            Result::kRequest);
  EXPECT_GT(parser.take_request().oversized_body, 100u);
}

TEST(HttpRequestParserTest, AbsoluteFormTargetsAreReducedToTheirPath) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser, "GET http://example.test:8080/a/b?c=d HTTP/1.1\r\nHost: h\r\n\r\n"),
            Result::kRequest);
  const auto request = parser.take_request();
  EXPECT_EQ(request.path, "/a/b");
  EXPECT_EQ(request.query_string, "c=d");
}

TEST(HttpRequestParserTest, LeadingEmptyLinesAreIgnored) {
  HttpRequestParser parser(small_limits());
  ASSERT_EQ(parse_all(parser, "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"), Result::kRequest);
}

TEST(DecodeQueryStringTest, DecodesPercentAndPlusAndKeepsMalformedEscapes) {
  const auto parameters = decode_query_string("session=a%2Fb+c&x=%zz&flag&=v&&y=%41");
  ASSERT_EQ(parameters.size(), 5u);
  EXPECT_EQ(parameters[0], (std::pair<std::string, std::string>{"session", "a/b c"}));
  EXPECT_EQ(parameters[1], (std::pair<std::string, std::string>{"x", "%zz"}));
  EXPECT_EQ(parameters[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(parameters[3], (std::pair<std::string, std::string>{"", "v"}));
  EXPECT_EQ(parameters[4], (std::pair<std::string, std::string>{"y", "A"}));
}

}  // namespace
}  // namespace statuskit::mock
