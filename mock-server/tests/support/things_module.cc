#include "things_module.h"

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace statuskit::testing {
namespace {

std::atomic<BlockingGate*> blocking_gate{nullptr};

using mock::MockRequest;
using mock::MockResponse;

struct ThingsState : mock::VendorState {
  std::map<std::string, std::int64_t> things;
  std::unique_ptr<VendorState> clone() const override {
    return std::make_unique<ThingsState>(*this);
  }
  nlohmann::json to_json() const override {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [id, value] : things) out[id] = value;
    return {{"things", out}};
  }
};

class ThingsModule : public mock::VendorModule {
 public:
  std::string_view name() const override { return "things"; }
  std::string_view spec_file() const override { return "things.yaml"; }
  std::string_view fixture_file() const override { return "things-fixture.yaml"; }

  std::unique_ptr<mock::VendorState> load_state(const nlohmann::json& fixture) const override {
    auto state = std::make_unique<ThingsState>();
    for (const auto& [id, value] : fixture.at("things").items()) {
      state->things[id] = value.get<std::int64_t>();
    }
    return state;
  }

  MockResponse handle(mock::VendorState& base, const MockRequest& request,
                      const mock::RequestContext& context) const override {
    auto& state = static_cast<ThingsState&>(base);
    const std::string& id = request.path_params.at("id");
    if (request.operation_id == "getThing") {
      if (id == "boom") throw std::logic_error("module bug for id boom");
      if (id == "block") {
        BlockingGate* gate = blocking_gate.load();
        gate->entered.set_value();
        gate->release.get_future().wait();
        gate->finished.store(true);
        return MockResponse::json(200, {{"id", id}, {"value", 0}});
      }
      auto it = state.things.find(id);
      if (it == state.things.end()) return error_response(404, "no thing " + id);
      if (context.has_defect("things.value-as-string")) {
        return MockResponse::json(200, {{"id", id}, {"value", std::to_string(it->second)}});
      }
      return MockResponse::json(200, {{"id", id}, {"value", it->second}});
    }
    if (!request.json_body || !request.json_body->is_object() ||
        !request.json_body->contains("value") ||
        !request.json_body->at("value").is_number_integer()) {
      return error_response(400, "/value: required integer");
    }
    const auto value = request.json_body->at("value").get<std::int64_t>();
    if (value == 666) return MockResponse::json(200, {{"id", id}, {"value", "not a number"}});
    state.things[id] = value;
    return MockResponse::json(200, {{"id", id}, {"value", value}});
  }

  MockResponse error_response(int status, std::string_view message) const override {
    return MockResponse::json(status, {{"problem", message}});
  }

  std::vector<mock::DefectDescription> defects() const override {
    return {{"things.value-as-string", "getThing answers the value as a string"}};
  }
};

}  // namespace

void set_blocking_gate(BlockingGate* gate) { blocking_gate.store(gate); }

std::unique_ptr<mock::VendorModule> make_things_module() {
  return std::make_unique<ThingsModule>();
}

}  // namespace statuskit::testing
