#pragma once
// Turns a framed HTTP request into the pipeline's MockRequest: query parameters decoded,
// repeated header fields combined, cookies split out.

#include "mock_exchange.h"
#include "transport/http_request_parser.h"

namespace statuskit::mock {

MockRequest mock_request_from_http(HttpRequest&& http);

}  // namespace statuskit::mock
