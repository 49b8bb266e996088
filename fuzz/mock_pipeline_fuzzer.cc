// Feeds arbitrary requests to the full mock pipeline with all five vendors in strict mode.
// Input layout: "METHOD PATH\n" then "Name: value" header lines, an empty line, then the body.
// Every answer must be a real HTTP status with a JSON body whenever it claims to be JSON.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "mock_pipeline.h"
#include "pipeline_answer_check.h"
#include "vendors/vendor_registry.h"

namespace {

statuskit::mock::MockRequest parse_request(std::string_view input) {
  statuskit::mock::MockRequest request;
  auto take_line = [&input]() {
    const auto end = input.find('\n');
    std::string_view line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    return line;
  };
  const auto request_line = take_line();
  const auto space = request_line.find(' ');
  request.method = std::string(request_line.substr(0, space));
  request.path =
      space == std::string_view::npos ? "/" : std::string(request_line.substr(space + 1));
  for (auto line = take_line(); !line.empty(); line = take_line()) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (name == "cookie") {
      const auto equals = value.find('=');
      if (equals != std::string_view::npos) {
        request.cookies[std::string(value.substr(0, equals))] =
            std::string(value.substr(equals + 1));
      }
    }
    request.headers[name] = std::string(value);
  }
  request.body = std::string(input);
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto pipeline = [] {
    statuskit::mock::PipelineOptions options;
    options.strict = true;
    options.journal_capacity = 16;
    return statuskit::mock::MockPipeline::load(
        statuskit::mock::all_vendor_modules(), std::string(STATUSKIT_SOURCE_DIR) + "/specs",
        std::string(STATUSKIT_SOURCE_DIR) + "/fixtures", options);
  }();
  auto request = parse_request(std::string_view(reinterpret_cast<const char*>(data), size));
  statuskit::mock::RequestContext context;
  context.now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  const auto response = pipeline->handle(request, context);
  trap_unless_sound_answer(response);
  return 0;
}
