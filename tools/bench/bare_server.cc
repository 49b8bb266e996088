// The bare reference servers of tools/bench/run: Pistache 0.0.5, the HTTP stack under the mock,
// with nothing of the mock on top, so the bench can say how close the mock comes to the stack
// it is built on.
//
//   bare-server hello PORT THREADS   answers every request 200 "hello"
//   bare-server json PORT THREADS    parses the JSON body with nlohmann and answers a small JSON
//                                    object built from it (what any JSON API must at least do)
//
// Built by tools/bench/run with the release preset's flags (-O2), like the mock.
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

/// Pistache 0.0.5 answers "Connection: Close" to an HTTP/1.1 request without a Connection
/// header (as if it were HTTP/1.0), so wrk would open a new connection for every request and
/// the bench would time TCP handshakes. The mock's own transport keeps connections alive;
/// so must its reference.
void keep_alive(Pistache::Http::ResponseWriter& response) {
  response.headers().remove<Pistache::Http::Header::Connection>();
  response.headers().add<Pistache::Http::Header::Connection>(
      Pistache::Http::ConnectionControl::KeepAlive);
}

class HelloHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(HelloHandler)
  void onRequest(const Pistache::Http::Request& /*request*/,
                 Pistache::Http::ResponseWriter response) override {
    keep_alive(response);
    response.send(Pistache::Http::Code::Ok, "hello");
  }
};

class JsonHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(JsonHandler)
  void onRequest(const Pistache::Http::Request& request,
                 Pistache::Http::ResponseWriter response) override {
    keep_alive(response);
    const auto body = nlohmann::json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) {
      response.send(Pistache::Http::Code::Bad_Request, R"({"error":"invalid JSON"})",
                    MIME(Application, Json));
      return;
    }
    const auto ids = body.find("ids");
    const auto status = body.find("status");
    const nlohmann::json answer{{"success", true},
                                {"status", status != body.end() ? *status : nlohmann::json()},
                                {"updated", ids != body.end() && ids->is_array() ? ids->size() : 0},
                                {"skipped", nlohmann::json::array()}};
    response.send(Pistache::Http::Code::Ok, answer.dump(), MIME(Application, Json));
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bare-server hello|json PORT THREADS\n";
    return 2;
  }
  const std::string mode = argv[1];
  const Pistache::Address address(Pistache::Ipv4::loopback(),
                                  Pistache::Port(static_cast<std::uint16_t>(std::atoi(argv[2]))));
  Pistache::Http::Endpoint endpoint(address);
  endpoint.init(Pistache::Http::Endpoint::options()
                    .threads(std::atoi(argv[3]))
                    .flags(Pistache::Tcp::Options::ReuseAddr));
  if (mode == "hello") {
    endpoint.setHandler(Pistache::Http::make_handler<HelloHandler>());
  } else if (mode == "json") {
    endpoint.setHandler(Pistache::Http::make_handler<JsonHandler>());
  } else {
    std::cerr << "bare-server: unknown mode " << mode << "\n";
    return 2;
  }
  // SIGTERM ends serve() through the default disposition; the bench only ever kills it.
  endpoint.serve();
}
