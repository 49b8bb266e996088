// Feeds arbitrary bytes through the transport's HTTP parser, split at arbitrary points, and every
// request it frames through the full mock pipeline (all five vendors, strict mode) — what a
// hostile client can reach over a socket. Input: first byte = read size (1..256), then the wire.
// A crash, a parser that frames after an error, an error status outside the documented set,
// or an answer that is not valid HTTP with a valid JSON body is a finding.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "mock_pipeline.h"
#include "pipeline_answer_check.h"
#include "transport/http_request_parser.h"
#include "transport/http_response_writer.h"
#include "transport/mock_request_from_http.h"
#include "vendors/vendor_registry.h"

namespace {

bool is_documented_refusal(int status) {
  switch (status) {
    case 400:
    case 413:
    case 414:
    case 417:
    case 431:
    case 501:
    case 505:
      return true;
    default:
      return false;
  }
}

void check_answer(const statuskit::mock::MockResponse& response) {
  trap_unless_sound_answer(response);
  const auto wire = statuskit::mock::serialize_response(response, {true, false});
  if (wire.rfind("HTTP/1.1 ", 0) != 0 || wire.find("\r\n\r\n") == std::string::npos) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto pipeline = [] {
    statuskit::mock::PipelineOptions options;
    options.strict = true;
    options.journal_capacity = 16;
    options.max_body_bytes = 64 * 1024;
    return statuskit::mock::MockPipeline::load(
        statuskit::mock::all_vendor_modules(), std::string(STATUSKIT_SOURCE_DIR) + "/specs",
        std::string(STATUSKIT_SOURCE_DIR) + "/fixtures", options);
  }();
  if (size == 0) return 0;
  const std::size_t step = 1 + data[0];
  std::string_view wire(reinterpret_cast<const char*>(data) + 1, size - 1);

  statuskit::mock::HttpLimits limits;
  limits.max_header_bytes = 4096;
  limits.max_header_count = 32;
  limits.max_body_bytes = 64 * 1024;
  statuskit::mock::HttpRequestParser parser(limits);
  bool failed = false;
  for (std::size_t offset = 0; offset < wire.size(); offset += step) {
    parser.feed(wire.substr(offset, step));
    for (;;) {
      const auto result = parser.next();
      if (result == statuskit::mock::HttpRequestParser::Result::kNeedMore) break;
      if (result == statuskit::mock::HttpRequestParser::Result::kContinue) continue;
      if (result == statuskit::mock::HttpRequestParser::Result::kError) {
        if (!is_documented_refusal(parser.error_status()) || parser.error_message().empty()) {
          __builtin_trap();
        }
        failed = true;
        break;
      }
      if (failed) __builtin_trap();  // nothing is framed once framing was lost
      auto request = statuskit::mock::mock_request_from_http(parser.take_request());
      statuskit::mock::RequestContext context;
      context.now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
      check_answer(pipeline->handle(request, context));
    }
    // Buffered input never exceeds one request's worth plus the bytes of this read.
    if (parser.buffered() > limits.max_header_bytes + limits.max_body_bytes + 2 * step + 4096) {
      __builtin_trap();
    }
    if (failed) break;
  }
  return 0;
}
