#include "mock_pipeline.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "control/session_name.h"
#include "control/state_file.h"
#include "pipeline_messages.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/openapi/json_pointer.h"
#include "statuskit/openapi/response_checker.h"
#include "statuskit/program_name.h"

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

/// Under the alternative choice, a body the operation cannot take is answered with the
/// operation's documented 400 instead of a 415 the spec only infers.
bool answers_unsupported_body_with_400(const openapi::Operation& operation) {
  const openapi::ResponseSpec* unsupported = operation.find_response(415);
  const openapi::ResponseSpec* bad_request = operation.find_response(400);
  return bad_request != nullptr && (unsupported == nullptr || unsupported->inferred);
}

}  // namespace

MockPipeline::MockPipeline(std::vector<ServedVendor> vendors, PipelineOptions options)
    : vendors_(std::move(vendors)), options_(std::move(options)) {
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
  journal_ = std::make_unique<RequestJournal>(options_.journal_capacity, options_.journal_bytes);
  faults_ = std::make_unique<FaultInjector>(options_.fault_seed);
  admin_ = std::make_unique<AdminApi>(*this, *journal_, options_.admin_token);
  if (!options_.state_file.empty()) {
    saver_ = std::make_unique<StateSaver>(options_.state_file, options_.fsync_every_write);
  }
}

std::unique_ptr<MockPipeline> MockPipeline::load(std::vector<std::unique_ptr<VendorModule>> modules,
                                                 const std::string& specs_dir,
                                                 const std::string& fixtures_dir,
                                                 PipelineOptions options) {
  // Each vendor's spec and fixture load on their own thread: YAML parsing is nearly all of the
  // start-up time, and the first answer comes sooner when both cores share it.
  const auto load_vendor = [&specs_dir, &fixtures_dir](std::unique_ptr<VendorModule> module) {
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
    return vendor;
  };
  std::vector<std::future<ServedVendor>> loading;
  loading.reserve(modules.size());
  for (auto& module : modules) {
    loading.push_back(std::async(std::launch::async, load_vendor, std::move(module)));
  }
  // Collected in order, all of them before any error is thrown: no thread outlives this call,
  // and the error reported is the first vendor's, as when they loaded one after the other.
  std::vector<ServedVendor> vendors;
  std::exception_ptr first_error;
  for (auto& pending : loading) {
    try {
      vendors.push_back(pending.get());
    } catch (...) {
      if (!first_error) first_error = std::current_exception();
    }
  }
  if (first_error) std::rethrow_exception(first_error);
  return std::make_unique<MockPipeline>(std::move(vendors), std::move(options));
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

void MockPipeline::record(MockRequest& request, const MockResponse& response,
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
  const auto* session = request.header(kSessionHeader);
  entry.session = session ? *session : SessionStore::kDefaultSession;
  // Moved, not copied: the request is answered, and these are what a journal entry is made of.
  entry.query = std::move(request.query);
  entry.headers = std::move(request.headers);
  // A body the transport refused to read (over --max-body) counts with its declared length.
  entry.body_size = static_cast<std::size_t>(
      std::max<std::uint64_t>(request.body.size(), request.declared_body_size));
  entry.body = std::move(request.body);  // the journal cuts it to kJournalBodyLimit
  entry.status = response.status;
  entry.latency_us = latency_us;
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

MockResponse MockPipeline::dispatch(MockRequest& request,
                                    const RequestContext& transport_context) const {
  RequestContext context = transport_context;
  context.inferred = options_.inferred;
  const InferredChoice choice = options_.inferred;
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

  const std::string* session_header = request.header(kSessionHeader);
  const std::string session_name = session_header != nullptr && !session_header->empty()
                                       ? *session_header
                                       : SessionStore::kDefaultSession;
  if (const auto problem = session_name_problem(session_name); !problem.empty()) {
    // Not strict-checked (like a forced fault status): the mock refuses, not the vendor.
    return vendor.module->error_response_for(400, "X-Statuskit-Session: " + problem, context);
  }

  const std::uint64_t body_size =
      std::max<std::uint64_t>(request.body.size(), request.declared_body_size);
  if (body_size > options_.max_body_bytes) {
    return check_strict(
        operation,
        vendor.module->error_response_for(
            413, body_too_large_message(body_size, options_.max_body_bytes, choice), context));
  }
  // A body on an operation that takes none (a GET) is refused by default; the alternative
  // ignores it, as many servers do (neither is documented by any vendor).
  const bool ignore_body = operation.request_body.empty() && choice == InferredChoice::kAlternative;
  const std::string* content_type = request.header("content-type");
  // A declared media type the operation does not take is refused even without a body: the
  // client announced a format the server cannot read (DocSpace's spec: any other Content-Type
  // is a 415), and the vendor would otherwise see "no body" and answer a misleading 400.
  const bool announces_unsupported_type =
      request.body.empty() && content_type != nullptr && !operation.request_body.empty() &&
      !media_type_of(*content_type).empty() &&
      !accepts_media_type(operation, media_type_of(*content_type));
  if ((!request.body.empty() && !ignore_body) || announces_unsupported_type) {
    const std::string media_type = content_type ? media_type_of(*content_type) : "";
    if (operation.request_body.empty() || !accepts_media_type(operation, media_type)) {
      const int status =
          choice == InferredChoice::kAlternative && answers_unsupported_body_with_400(operation)
              ? 400
              : 415;
      return check_strict(operation,
                          vendor.module->error_response_for(
                              status, unsupported_media_type_message(media_type, choice), context));
    }
    if (is_json_media_type(media_type)) {
      try {
        // The vendor's parser semantics (its spec's x-statuskit-request-json): a repeated key
        // keeps its last value on the vendors' stacks, where our own documents refuse it.
        request.json_body = std::make_shared<const nlohmann::json>(openapi::parse_json_text(
            request.body, "request body", vendor.spec->request_json_parsing().duplicate_keys));
      } catch (const std::exception& error) {
        return check_strict(operation,
                            vendor.module->error_response_for(
                                400, malformed_json_message(error.what(), choice), context));
      }
    }
  }

  std::optional<FaultDecision> fault =
      faults_->decide(session_name, vendor.module->name(), operation.operation_id);
  if (fault && fault->drop_connection) {
    MockResponse dropped = MockResponse::empty(0);
    dropped.drop_connection = true;
    dropped.delay_ms = fault->delay_ms;
    return dropped;
  }
  if (fault && fault->status != 0) {
    // The vendor's own error body for that status; not strict-checked, since a forced status
    // (429, 503...) is often one the spec does not document.
    MockResponse forced = vendor.module->error_response_for(fault->status, fault->message, context);
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
  bool deviating = false;  // a defect is on: strict mode stands down
  auto run_module = [&](Session& session, std::unique_ptr<VendorState>& state) {
    RequestContext effective = context;
    effective.defects.insert(options_.defects.begin(), options_.defects.end());
    for (const auto& name : session.defects()) effective.defects.insert(name);
    deviating = !effective.defects.empty();
    return vendor.module->handle(*state, request, effective);
  };
  // The default session is registered on its first use, whatever the request: it is never
  // evicted, so that costs no one a place, while leaving it unregistered would copy the
  // fixtures for every request that changes nothing (a status set to the one it has) — a
  // fivefold slowdown of the commonest request.
  if (session_name == SessionStore::kDefaultSession) sessions_->acquire(session_name);
  MockResponse response;
  if (request.method == "GET" || request.method == "HEAD") {
    // Reads never change state: an unknown session is read from a fresh copy of the fixtures
    // and not registered.
    auto session = sessions_->existing_or_fresh(session_name);
    VendorSlot& slot = session->slot(vendor_index);
    std::lock_guard lock(slot.mutex);
    // Modules take their state as writable; a read gets a copy only for a slot that has none.
    response = run_module(*session, slot.own());
  } else {
    auto change = change_session(session_name, vendor_index, run_module);
    if (change.save_error) {
      // Not strict-checked: the mock failed, not the vendor.
      response = vendor.module->error_response_for(
          500,
          "statuskit could not save its --state-file, so the change was not applied: " +
              *change.save_error,
          context);
      if (fault) response.delay_ms = fault->delay_ms;
      return response;
    }
    response = std::move(change.response);
  }
  response = check_strict(operation, std::move(response), deviating);
  if (fault) response.delay_ms = fault->delay_ms;
  return response;
}

MockPipeline::SessionChange MockPipeline::change_session(const std::string& session_name,
                                                         std::size_t vendor_index,
                                                         const SlotChange& change) const {
  // With a state file, a change and its save are one step under the saver's lock: saves follow
  // the order of the changes, and a change whose save failed is undone before anyone else
  // changes anything. (Lock order: saver, slot, store.)
  std::unique_lock<std::mutex> saving;
  if (saver_) saving = saver_->lock();
  for (;;) {
    auto session = sessions_->find(session_name);
    const bool known = session != nullptr;
    // An unknown session is registered only once a change to it is known (below): requests
    // that change nothing, refused ones above all, cannot fill the store and evict the
    // sessions other users work in.
    if (!known) session = sessions_->detached(session_name);
    VendorSlot& slot = session->slot(vendor_index);
    std::unique_lock slot_lock(slot.mutex);
    // The state before: to tell whether anything changed and to undo a change not saved. A
    // slot still sharing its seed needs no copy: putting it back is forgetting its own state.
    const bool compare = saver_ || !known;
    const bool had_own = slot.state != nullptr;
    std::unique_ptr<VendorState> before_copy = compare && had_own ? slot.state->clone() : nullptr;
    const VendorState* before = had_own ? before_copy.get() : slot.seed;
    auto undo = [&] { slot.state = had_own ? std::move(before_copy) : nullptr; };
    MockResponse response;
    try {
      response = change(*session, slot.own());
    } catch (...) {
      if (compare) undo();  // no half-made change is kept or saved
      throw;
    }
    if (!compare) return {std::move(response), std::nullopt};
    // Decided on the saved form, not on the status code: an error answer can change state too
    // (DocSpace keeps the users it activated before a 402, like the real server), and a 2xx
    // may change nothing (every id skipped). Refused requests change nothing: no save.
    if (slot.state->to_json() == before->to_json()) {
      // Nothing changed: a slot that was sharing its seed goes back to sharing it.
      if (!had_own) slot.state = nullptr;
      return {std::move(response), std::nullopt};
    }
    SessionStore::Adoption adoption;
    if (!known) {
      adoption = sessions_->adopt(session);
      // Another request registered this new session first. This change was made on a copy
      // that will never be kept, so make it again on the registered session: both requests'
      // changes are kept, each made once on the state that is kept.
      if (adoption.registered != session) continue;
    }
    if (!saver_) return {std::move(response), std::nullopt};
    // The snapshot locks every slot in turn, so this one is released first: holding one slot
    // while taking the others would order slot locks differently in different requests. Safe,
    // because every change with a state file happens under the saver's lock held here.
    slot_lock.unlock();
    auto error = saver_->save(saving, snapshot());
    if (!error) return {std::move(response), std::nullopt};
    // Not saved, so not acknowledged: put back what was there, so that what the client is
    // told matches what a restart would find.
    std::cerr << program_name() << ": cannot save state, change undone: " << *error << std::endl;
    slot_lock.lock();
    undo();
    if (!known) {
      sessions_->forget(session);
      if (adoption.evicted) sessions_->adopt(adoption.evicted);
    }
    return {std::move(response), std::move(error)};
  }
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
  observed.body = std::move(response.body);  // lent for the check: answers can be large
  // The spec's inferred responses describe the default choice; under the alternative only
  // the documented ones bind (mismatches with inferred ones come back as warnings).
  const bool hold_inferred = options_.inferred == InferredChoice::kDefault;
  nlohmann::json violations = nlohmann::json::array();
  const auto mismatches = openapi::check_response(operation, observed, hold_inferred);
  response.body = std::move(observed.body);
  for (const auto& mismatch : mismatches) {
    if (mismatch.severity != openapi::ResponseMismatch::Severity::kError) continue;
    violations.push_back({{"kind", mismatch.kind}, {"message", mismatch.message}});
  }
  if (violations.empty()) return response;
  return MockResponse::json(500, {{"error", "strict_mode_violation"},
                                  {"message", "the mock's response to " + operation.operation_id +
                                                  " does not match its spec"},
                                  {"operationId", operation.operation_id},
                                  {"original_status", response.status},
                                  {"violations", violations}});
}

nlohmann::json MockPipeline::snapshot() const {
  nlohmann::json sessions = nlohmann::json::object();
  // all(), not acquire(): saving is not a use, and must not reorder which session goes next.
  for (const auto& session : sessions_->all()) {
    nlohmann::json states = nlohmann::json::object();
    for (std::size_t i = 0; i < vendors_.size(); ++i) {
      VendorSlot& slot = session->slot(i);
      std::lock_guard lock(slot.mutex);
      states[std::string(vendors_[i].module->name())] = slot.current().to_json();
    }
    sessions[session->name()] = std::move(states);
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
  // Nothing is dropped silently: more sessions than --max-sessions keeps is refused whole
  // (loading them would evict some at once, and the next save would erase them from the file).
  const auto existing = sessions_->session_names();
  std::set<std::string> after(existing.begin(), existing.end());
  for (const auto& entry : snapshot.at("sessions").items()) after.insert(entry.key());
  if (after.size() > sessions_->capacity()) {
    fail("/sessions", "holds " + std::to_string(after.size()) +
                          " sessions, more than --max-sessions " +
                          std::to_string(sessions_->capacity()) + "; start with --max-sessions " +
                          std::to_string(after.size()) + " or more");
  }
  // Build every state first: a bad document must change nothing.
  std::vector<std::pair<std::string, std::vector<std::unique_ptr<VendorState>>>> loaded;
  for (const auto& [name, states] : snapshot.at("sessions").items()) {
    const std::string pointer = "/sessions/" + openapi::escape_pointer_token(name);
    if (const auto problem = session_name_problem(name); !problem.empty()) fail(pointer, problem);
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
  if (!saver_) return;
  const std::string& path = saver_->state_file();
  remove_stale_temporaries(path);
  if (const auto document = read_state_file(path)) {
    try {
      restore(*document);
    } catch (const std::invalid_argument& error) {
      throw std::runtime_error("state file " + path + ": " + error.what());
    }
  }
  // Saved once now: a state file that cannot be written is an error at the start, not a loss
  // found at the next restart.
  auto saving = saver_->lock();
  if (auto error = saver_->save(saving, snapshot())) {
    throw std::runtime_error("state file " + path + " cannot be written: " + *error);
  }
}

bool MockPipeline::persist() const {
  if (!saver_) return true;
  auto saving = saver_->lock();
  const auto error = saver_->save(saving, snapshot());
  if (error) std::cerr << program_name() << ": cannot save state: " << *error << std::endl;
  return !error;
}

std::optional<SaveStatus> MockPipeline::save_status() const {
  if (!saver_) return std::nullopt;
  return saver_->status();
}

std::optional<std::string> MockPipeline::reset_sessions(const std::string& session_name) const {
  if (!saver_) {
    sessions_->reset(session_name);
    return std::nullopt;
  }
  // Saved first, applied after: a reset that cannot be saved changes nothing. The saver's lock
  // keeps every other change out in between, so the saved document is exactly the result.
  auto saving = saver_->lock();
  nlohmann::json document = snapshot();
  for (const auto& [name, states] : document.at("sessions").items()) {
    if (!session_name.empty() && name != session_name) continue;
    for (const auto& vendor : vendors_) {
      states[std::string(vendor.module->name())] = vendor.seed->to_json();
    }
  }
  if (auto error = saver_->save(saving, document)) {
    std::cerr << program_name() << ": cannot save state, reset not done: " << *error << std::endl;
    return error;
  }
  sessions_->reset(session_name);
  return std::nullopt;
}

std::optional<std::string> MockPipeline::replace_vendor_state(
    const std::string& session_name, std::size_t vendor_index,
    const VendorState& replacement) const {
  auto replace = [&](Session&, std::unique_ptr<VendorState>& state) {
    state = replacement.clone();  // a copy: change_session may run this twice
    return MockResponse::empty(200);
  };
  return change_session(session_name, vendor_index, replace).save_error;
}

}  // namespace statuskit::mock
