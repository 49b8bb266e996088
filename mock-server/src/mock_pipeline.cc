#include "mock_pipeline.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "state_file.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/response_checker.h"

namespace statuskit::mock {
namespace {

nlohmann::json statuskit_error(std::string_view code, std::string_view message) {
  return {{"error", code}, {"message", message}};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// "application/json; charset=utf-8" → "application/json".
std::string media_type_of(std::string_view content_type) {
  auto end = content_type.find(';');
  std::string_view type = content_type.substr(0, end);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
  return lower(type);
}

bool is_json_media_type(std::string_view media_type) {
  return media_type == "application/json" || media_type == "text/json" ||
         (media_type.size() > 5 && media_type.substr(media_type.size() - 5) == "+json");
}

/// Does the operation's requestBody accept `media_type`? Entries may be wildcards
/// ("application/*+json", "*/*").
bool accepts_media_type(const openapi::Operation& operation, const std::string& media_type) {
  for (const auto& [declared, schema] : operation.request_body) {
    const std::string pattern = lower(declared);
    if (pattern == media_type || pattern == "*/*") return true;
    auto star = pattern.find('*');
    if (star != std::string::npos) {
      const auto prefix = pattern.substr(0, star);
      const auto suffix = pattern.substr(star + 1);
      if (media_type.size() >= prefix.size() + suffix.size() &&
          media_type.compare(0, prefix.size(), prefix) == 0 &&
          media_type.compare(media_type.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

MockPipeline::MockPipeline(std::vector<ServedVendor> vendors, PipelineOptions options)
    : vendors_(std::move(vendors)), options_(options) {
  if (auto unknown = unknown_defect(options_.defects); !unknown.empty()) {
    throw std::invalid_argument("unknown defect '" + unknown +
                                "' (mock-server --list-defects prints the catalogue)");
  }
  std::vector<std::unique_ptr<VendorState>> seeds;
  for (auto& vendor : vendors_) {
    index_.add(*vendor.spec, vendor.spec->server_base_path());
    seeds.push_back(vendor.seed->clone());
  }
  sessions_ = std::make_unique<SessionStore>(std::move(seeds), options_.max_sessions);
  journal_ = std::make_unique<RequestJournal>(options_.journal_capacity);
  faults_ = std::make_unique<FaultInjector>(options_.fault_seed);
  admin_ = std::make_unique<AdminApi>(*this, *journal_, options_.admin_token);
}

std::unique_ptr<MockPipeline> MockPipeline::load(std::vector<std::unique_ptr<VendorModule>> modules,
                                                 const std::string& specs_dir,
                                                 const std::string& fixtures_dir,
                                                 PipelineOptions options) {
  std::vector<ServedVendor> vendors;
  for (auto& module : modules) {
    ServedVendor vendor;
    const std::string spec_path = specs_dir + "/" + std::string(module->spec_file());
    const std::string fixture_path = fixtures_dir + "/" + std::string(module->fixture_file());
    try {
      vendor.spec = std::make_unique<openapi::Spec>(openapi::Spec::load_file(spec_path));
    } catch (const std::exception& error) {
      throw std::runtime_error("cannot load spec " + spec_path + ": " + error.what());
    }
    try {
      vendor.seed = module->load_state(openapi::load_document_file(fixture_path));
    } catch (const std::exception& error) {
      throw std::runtime_error("cannot load fixture " + fixture_path + ": " + error.what());
    }
    vendor.module = std::move(module);
    vendors.push_back(std::move(vendor));
  }
  return std::make_unique<MockPipeline>(std::move(vendors), options);
}

std::vector<std::string> MockPipeline::served_operations() const {
  std::vector<std::string> lines;
  for (const auto& vendor : vendors_) {
    for (const auto& operation : vendor.spec->operations()) {
      lines.push_back(operation.method + " " + vendor.spec->server_base_path() +
                      operation.path_template + "  " + std::string(vendor.module->name()) + "." +
                      operation.operation_id);
    }
  }
  return lines;
}

MockResponse MockPipeline::handle(MockRequest& request, const RequestContext& context) const {
  if (options_.admin_enabled && AdminApi::is_admin_path(request.path)) {
    // Admin calls are not journaled: the journal shows what the system under test sent.
    return admin_->handle(request);
  }
  const auto started = std::chrono::steady_clock::now();
  MockResponse response;
  try {
    response = dispatch(request, context);
  } catch (const std::exception& error) {
    // A module must never throw for client input; if one does, say so instead of crashing.
    response = MockResponse::json(500, statuskit_error("internal_error", error.what()));
  }
  const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  record(request, response, context, latency.count());
  return response;
}

void MockPipeline::record(const MockRequest& request, const MockResponse& response,
                          const RequestContext& context, std::int64_t latency_us) const {
  if (journal_->capacity() == 0) return;
  JournalEntry entry;
  const auto seconds = std::chrono::system_clock::to_time_t(context.now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char timestamp[32];
  std::strftime(timestamp, sizeof timestamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  entry.timestamp = timestamp;
  entry.method = request.method;
  entry.path = request.path;
  entry.query = request.query;
  entry.headers = request.headers;
  entry.body_size = request.body.size();
  entry.body = request.body.substr(0, kJournalBodyLimit);
  entry.status = response.status;
  entry.latency_us = latency_us;
  const auto* session = request.header(kSessionHeader);
  entry.session = session ? *session : SessionStore::kDefaultSession;
  entry.operation_id = request.operation_id;
  if (request.operation != nullptr) {
    for (const auto& vendor : vendors_) {
      if (vendor.spec->find_operation(request.operation_id) == request.operation) {
        entry.vendor = std::string(vendor.module->name());
      }
    }
  }
  journal_->record(std::move(entry));
}

MockResponse MockPipeline::dispatch(MockRequest& request, const RequestContext& context) const {
  const auto route = index_.match(request.method, request.path);
  if (route.kind == openapi::RouteMatch::Kind::kPathNotFound) {
    return MockResponse::json(
        404, statuskit_error("not_found",
                             "no operation matches " + request.method + " " + request.path));
  }
  if (route.kind == openapi::RouteMatch::Kind::kMethodNotAllowed) {
    std::string allow;
    for (const auto& method : route.allowed_methods) allow += (allow.empty() ? "" : ", ") + method;
    auto response = MockResponse::json(
        405, nlohmann::json{{"error", "method_not_allowed"},
                            {"message", request.method + " is not allowed on " + request.path},
                            {"allowed", route.allowed_methods}});
    response.headers.emplace_back("Allow", allow);
    return response;
  }

  const auto vendor_it = std::find_if(vendors_.begin(), vendors_.end(),
                                      [&](const auto& v) { return v.spec.get() == route.spec; });
  const std::size_t vendor_index = static_cast<std::size_t>(vendor_it - vendors_.begin());
  const ServedVendor& vendor = *vendor_it;
  const openapi::Operation& operation = *route.operation;
  request.operation = &operation;
  request.operation_id = operation.operation_id;
  request.path_params = route.path_params;

  if (request.body.size() > options_.max_body_bytes) {
    return check_strict(operation,
                        vendor.module->error_response(
                            413, "request body of " + std::to_string(request.body.size()) +
                                     " bytes is over the limit of " +
                                     std::to_string(options_.max_body_bytes) + " bytes"));
  }
  if (!request.body.empty()) {
    const std::string* content_type = request.header("content-type");
    const std::string media_type = content_type ? media_type_of(*content_type) : "";
    if (operation.request_body.empty() || !accepts_media_type(operation, media_type)) {
      return check_strict(operation,
                          vendor.module->error_response(
                              415, media_type.empty() ? "request has a body but no Content-Type"
                                                      : "unsupported media type " + media_type));
    }
    if (is_json_media_type(media_type)) {
      try {
        request.json_body = std::make_shared<const nlohmann::json>(
            openapi::parse_json_text(request.body, "request body"));
      } catch (const std::exception& error) {
        return check_strict(operation, vendor.module->error_response(
                                           400, std::string("malformed JSON: ") + error.what()));
      }
    }
  }

  const std::string* session_name = request.header(kSessionHeader);
  auto session = sessions_->acquire(session_name ? *session_name : "");
  VendorSlot& slot = session->slot(vendor_index);
  std::optional<FaultDecision> fault = faults_->decide(session->name(), operation.operation_id);
  if (fault && fault->drop_connection) {
    MockResponse dropped = MockResponse::empty(0);
    dropped.drop_connection = true;
    dropped.delay_ms = fault->delay_ms;
    return dropped;
  }
  if (fault && fault->status != 0) {
    // The vendor's own error body for that status; not strict-checked, since a forced status
    // (429, 503...) is often one the spec does not document.
    MockResponse forced = vendor.module->error_response(fault->status, fault->message);
    forced.headers.insert(forced.headers.end(), fault->headers.begin(), fault->headers.end());
    const bool has_retry_after =
        std::any_of(fault->headers.begin(), fault->headers.end(),
                    [](const auto& header) { return lower(header.first) == "retry-after"; });
    if ((fault->status == 429 || fault->status == 503) && !has_retry_after) {
      forced.headers.emplace_back("Retry-After", "1");
    }
    forced.delay_ms = fault->delay_ms;
    return forced;
  }
  RequestContext effective = context;
  effective.defects.insert(options_.defects.begin(), options_.defects.end());
  for (auto& name : session->defects()) effective.defects.insert(name);
  MockResponse response;
  {
    std::lock_guard lock(slot.mutex);
    response = vendor.module->handle(*slot.state, request, effective);
  }
  // Reads never change state; everything else may (a module decides), so save after it.
  if (request.method != "GET" && request.method != "HEAD") persist();
  response = check_strict(operation, std::move(response), !effective.defects.empty());
  if (fault) response.delay_ms = fault->delay_ms;
  return response;
}

std::vector<DefectDescription> MockPipeline::defect_catalogue() const {
  std::vector<DefectDescription> catalogue;
  for (const auto& vendor : vendors_) {
    for (auto& defect : vendor.module->defects()) catalogue.push_back(std::move(defect));
  }
  return catalogue;
}

std::string MockPipeline::unknown_defect(const std::set<std::string>& names) const {
  const auto catalogue = defect_catalogue();
  for (const auto& name : names) {
    const bool known = std::any_of(catalogue.begin(), catalogue.end(),
                                   [&](const DefectDescription& d) { return d.name == name; });
    if (!known) return name;
  }
  return "";
}

MockResponse MockPipeline::check_strict(const openapi::Operation& operation, MockResponse response,
                                        bool deviating) const {
  if (!options_.strict || deviating) return response;
  openapi::ObservedResponse observed;
  observed.status = response.status;
  observed.content_type = response.content_type;
  for (const auto& [name, value] : response.headers) observed.headers[lower(name)] = value;
  observed.body = response.body;
  auto mismatches = openapi::check_response(operation, observed, /*strict=*/true);
  if (mismatches.empty()) return response;
  nlohmann::json violations = nlohmann::json::array();
  for (const auto& mismatch : mismatches) {
    violations.push_back({{"kind", mismatch.kind}, {"message", mismatch.message}});
  }
  return MockResponse::json(500, {{"error", "strict_mode_violation"},
                                  {"message", "the mock's response to " + operation.operation_id +
                                                  " does not match its spec"},
                                  {"operationId", operation.operation_id},
                                  {"original_status", response.status},
                                  {"violations", violations}});
}

nlohmann::json MockPipeline::snapshot() const {
  nlohmann::json sessions = nlohmann::json::object();
  for (const auto& name : sessions_->session_names()) {
    auto session = sessions_->acquire(name);
    nlohmann::json states = nlohmann::json::object();
    for (std::size_t i = 0; i < vendors_.size(); ++i) {
      VendorSlot& slot = session->slot(i);
      std::lock_guard lock(slot.mutex);
      states[std::string(vendors_[i].module->name())] = slot.state->to_json();
    }
    sessions[name] = std::move(states);
  }
  return {{"format", "statuskit-state"}, {"version", 1}, {"sessions", std::move(sessions)}};
}

void MockPipeline::restore(const nlohmann::json& snapshot) const {
  auto fail = [](const std::string& pointer, const std::string& reason) {
    throw std::invalid_argument(pointer + ": " + reason);
  };
  if (!snapshot.is_object()) fail("", "expected an object");
  if (snapshot.value("format", "") != "statuskit-state")
    fail("/format", "expected \"statuskit-state\"");
  if (!snapshot.contains("version") || snapshot.at("version") != 1) fail("/version", "expected 1");
  if (!snapshot.contains("sessions") || !snapshot.at("sessions").is_object()) {
    fail("/sessions", "expected an object of sessions");
  }
  // Build every state first: a bad document must change nothing.
  std::vector<std::pair<std::string, std::vector<std::unique_ptr<VendorState>>>> loaded;
  for (const auto& [name, states] : snapshot.at("sessions").items()) {
    const std::string pointer = "/sessions/" + openapi::escape_pointer_token(name);
    if (!states.is_object()) fail(pointer, "expected an object of vendor states");
    std::vector<std::unique_ptr<VendorState>> session_states;
    for (const auto& vendor : vendors_) {
      const std::string vendor_name(vendor.module->name());
      const auto state = states.find(vendor_name);
      if (state == states.end()) {
        session_states.push_back(vendor.seed->clone());  // a vendor added since the save
        continue;
      }
      try {
        session_states.push_back(vendor.module->load_state(*state));
      } catch (const std::exception& error) {
        fail(pointer + "/" + vendor_name, error.what());
      }
    }
    loaded.emplace_back(name, std::move(session_states));
  }
  for (auto& [name, states] : loaded) sessions_->replace(name, std::move(states));
}

void MockPipeline::load_state_file() const {
  if (options_.state_file.empty()) return;
  remove_stale_temporaries(options_.state_file);
  const auto document = read_state_file(options_.state_file);
  if (!document) return;
  try {
    restore(*document);
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error("state file " + options_.state_file + ": " + error.what());
  }
}

void MockPipeline::persist() const {
  if (options_.state_file.empty()) return;
  // Serialised, and the snapshot is taken inside the lock: the last save always holds the
  // latest state, whichever request finishes first.
  std::lock_guard lock(persist_mutex_);
  try {
    write_state_file(options_.state_file, snapshot(), options_.fsync_every_write);
  } catch (const std::exception& error) {
    std::cerr << "mock-server: cannot save state: " << error.what() << std::endl;
  }
}

}  // namespace statuskit::mock
