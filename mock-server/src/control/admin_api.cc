#include "control/admin_api.h"

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "control/control_plane.h"
#include "control/fault_injector.h"
#include "control/operation_reference.h"
#include "control/request_journal.h"
#include "control/session_name.h"
#include "control/session_store.h"
#include "statuskit/openapi/document_loader.h"
#include "statuskit/version.h"

namespace statuskit::mock {
namespace {

MockResponse admin_error(int status, std::string_view code, std::string_view message) {
  return MockResponse::json(status, {{"error", code}, {"message", message}});
}

std::string query_value(const MockRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second;
}

/// `text` as an integer from 1 to `max`, or nullopt.
std::optional<std::uint64_t> positive_integer(const std::string& text, std::uint64_t max) {
  if (text.empty() || text.size() > 20 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE || value == 0 || value > max) return std::nullopt;
  return static_cast<std::uint64_t>(value);
}

/// The session a request addresses: ?session=, else the session header, else "default".
std::string addressed_session(const MockRequest& request) {
  std::string session = query_value(request, "session");
  if (session.empty()) {
    if (const auto* header = request.header(ControlPlane::kSessionHeader)) session = *header;
  }
  return session.empty() ? SessionStore::kDefaultSession : session;
}

/// Why the session the request names (?session=, the session header) is not a valid name, or
/// "". A ?session= that is present must be valid, empty included (an empty one must not quietly
/// mean "every session" to a reset); an empty header counts as no header.
std::string session_name_problem_of(const MockRequest& request) {
  if (auto it = request.query.find("session"); it != request.query.end()) {
    if (auto problem = session_name_problem(it->second); !problem.empty()) {
      return "?session=: " + problem;
    }
  }
  const auto* header = request.header(ControlPlane::kSessionHeader);
  if (header != nullptr && !header->empty()) {
    if (auto problem = session_name_problem(*header); !problem.empty()) {
      return "X-Statuskit-Session: " + problem;
    }
  }
  return "";
}

MockResponse state_not_saved(const std::string& error) {
  return admin_error(500, "state_not_saved",
                     "the --state-file could not be saved, so nothing changed: " + error);
}

}  // namespace

AdminApi::AdminApi(const ControlPlane& mock, RequestJournal& journal, std::string admin_token)
    : mock_(mock), journal_(journal), admin_token_(std::move(admin_token)) {}

MockResponse AdminApi::handle(const MockRequest& request) const {
  if (!admin_token_.empty()) {
    const auto* authorization = request.header("authorization");
    if (authorization == nullptr || *authorization != "Bearer " + admin_token_) {
      auto response = admin_error(401, "unauthorized",
                                  "the admin API needs Authorization: Bearer <--admin-token>");
      response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"statuskit-admin\"");
      return response;
    }
  }
  const std::string_view endpoint = std::string_view(request.path).substr(kPrefix.size());
  struct Route {
    std::string_view path;
    std::string_view method;
    MockResponse (AdminApi::*handler)(const MockRequest&) const;
  };
  static constexpr Route kRoutes[] = {
      {"reset", "POST", &AdminApi::reset},
      {"state", "GET", &AdminApi::get_state},
      {"state", "PUT", &AdminApi::put_state},
      {"requests", "GET", &AdminApi::get_requests},
      {"requests", "DELETE", &AdminApi::delete_requests},
      {"defects", "GET", &AdminApi::get_defects},
      {"defects", "PUT", &AdminApi::put_defects},
      {"faults", "GET", &AdminApi::get_faults},
      {"faults", "POST", &AdminApi::post_fault},
      {"faults", "DELETE", &AdminApi::delete_faults},
  };
  if (endpoint == "health") {
    if (request.method != "GET") return admin_error(405, "method_not_allowed", "use GET");
    return health();
  }
  std::string allowed;
  for (const auto& route : kRoutes) {
    if (route.path != endpoint) continue;
    if (route.method != request.method) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(route.method);
      continue;
    }
    // Every endpoint but health takes a session, as its target or as a filter.
    if (auto problem = session_name_problem_of(request); !problem.empty()) {
      return admin_error(400, "invalid_session", problem);
    }
    return (this->*route.handler)(request);
  }
  if (!allowed.empty()) {
    auto response = admin_error(405, "method_not_allowed",
                                request.method + " is not allowed on " + request.path);
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  return admin_error(404, "not_found", "no admin endpoint " + request.path);
}

MockResponse AdminApi::health() const {
  nlohmann::json vendors = nlohmann::json::array();
  for (const auto& vendor : mock_.vendors()) vendors.push_back(vendor.module->name());
  nlohmann::json body = {{"status", "ready"},
                         {"version", kVersion},
                         {"vendors", vendors},
                         {"operations", mock_.served_operations()},
                         {"sessions", mock_.sessions().size()},
                         {"faultSeed", mock_.faults().base_seed()},
                         {"inferred", inferred_choice_name(mock_.inferred_choice())},
                         {"journal",
                          {{"capacity", journal_.capacity()},
                           {"maxBytes", journal_.max_bytes()},
                           {"bytes", journal_.bytes()},
                           {"recorded", journal_.total_recorded()}}}};
  // A failing --state-file must be visible here, not only on stderr.
  if (const auto saving = mock_.save_status()) {
    body["persistence"] = {{"stateFile", saving->state_file},
                           {"ok", saving->ok},
                           {"saves", saving->saves},
                           {"failedSaves", saving->failed_saves}};
    if (!saving->last_error.empty()) body["persistence"]["lastError"] = saving->last_error;
  }
  return MockResponse::json(200, body);
}

MockResponse AdminApi::reset(const MockRequest& request) const {
  // The session comes from ?session= or the session header; neither means every session.
  std::string session = query_value(request, "session");
  if (session.empty()) {
    if (const auto* header = request.header(ControlPlane::kSessionHeader)) session = *header;
  }
  if (auto error = mock_.reset_sessions(session)) return state_not_saved(*error);
  // A reset is a clean slate: the session's (or every) fault rule goes too.
  mock_.faults().clear(session);
  return MockResponse::json(200, {{"reset", session.empty() ? "all" : session}});
}

MockResponse AdminApi::get_state(const MockRequest& request) const {
  const std::string vendor_name = query_value(request, "vendor");
  const std::string session_name = addressed_session(request);
  // A read: an unknown session is shown as the fixtures, and not created.
  auto session = mock_.sessions().existing_or_fresh(session_name);
  nlohmann::json state = nlohmann::json::object();
  bool found = vendor_name.empty();
  for (std::size_t i = 0; i < mock_.vendors().size(); ++i) {
    const auto name = std::string(mock_.vendors()[i].module->name());
    if (!vendor_name.empty() && name != vendor_name) continue;
    found = true;
    VendorSlot& slot = session->slot(i);
    std::lock_guard lock(slot.mutex);
    state[name] = slot.current().to_json();
  }
  if (!found) return admin_error(404, "unknown_vendor", "no vendor called '" + vendor_name + "'");
  return MockResponse::json(200, {{"session", session_name}, {"state", state}});
}

MockResponse AdminApi::put_state(const MockRequest& request) const {
  const std::string vendor_name = query_value(request, "vendor");
  if (vendor_name.empty()) {
    return admin_error(400, "missing_vendor", "PUT /__admin/state needs ?vendor=<name>");
  }
  std::size_t index = mock_.vendors().size();
  for (std::size_t i = 0; i < mock_.vendors().size(); ++i) {
    if (mock_.vendors()[i].module->name() == vendor_name) index = i;
  }
  if (index == mock_.vendors().size()) {
    return admin_error(404, "unknown_vendor", "no vendor called '" + vendor_name + "'");
  }
  // Validate completely before touching anything: a bad document changes nothing.
  std::unique_ptr<VendorState> replacement;
  try {
    replacement = mock_.vendors()[index].module->load_state(
        openapi::parse_json_text(request.body, "request body"));
  } catch (const std::exception& error) {
    return admin_error(400, "invalid_state", error.what());
  }
  const std::string session_name = addressed_session(request);
  if (auto error = mock_.replace_vendor_state(session_name, index, *replacement)) {
    return state_not_saved(*error);
  }
  return MockResponse::json(200, {{"session", session_name}, {"vendor", vendor_name}});
}

MockResponse AdminApi::get_requests(const MockRequest& request) const {
  JournalFilter filter;
  filter.session = query_value(request, "session");
  if (const std::string operation = query_value(request, "operationId"); !operation.empty()) {
    try {
      const OperationReference reference = resolve_operation(operation, mock_.vendors());
      filter.vendor = reference.vendor;
      filter.operation_id = reference.operation_id;
    } catch (const std::invalid_argument& error) {
      return admin_error(400, "invalid_filter", std::string("operationId: ") + error.what());
    }
  }
  // One page of the newest entries: the whole journal can be gigabytes (10,000 x 64 KiB bodies).
  if (const std::string limit = query_value(request, "limit"); !limit.empty()) {
    const auto value = positive_integer(limit, kJournalPageMax);
    if (!value) {
      return admin_error(400, "invalid_limit",
                         "limit must be an integer from 1 to " + std::to_string(kJournalPageMax));
    }
    filter.limit = static_cast<std::size_t>(*value);
  }
  if (const std::string before = query_value(request, "before"); !before.empty()) {
    const auto value = positive_integer(before, std::numeric_limits<std::uint64_t>::max());
    if (!value) {
      return admin_error(400, "invalid_before",
                         "before must be a positive integer (a sequence, e.g. nextBefore)");
    }
    filter.before = *value;
  }
  MockResponse answer;  // 200, application/json
  answer.body = page_body(journal_.find(filter), journal_.capacity());
  return answer;
}

MockResponse AdminApi::delete_requests(const MockRequest& request) const {
  const auto removed = journal_.clear(query_value(request, "session"));
  return MockResponse::json(200, {{"removed", removed}});
}

MockResponse AdminApi::get_defects(const MockRequest& request) const {
  const std::string session_name = addressed_session(request);
  nlohmann::json catalogue = nlohmann::json::array();
  for (const auto& defect : mock_.defect_catalogue()) {
    catalogue.push_back({{"name", defect.name}, {"description", defect.description}});
  }
  const auto session = mock_.sessions().existing_or_fresh(session_name);  // a read
  return MockResponse::json(200, {{"session", session_name},
                                  {"active", session->defects()},
                                  {"server", mock_.server_defects()},
                                  {"catalogue", catalogue}});
}

MockResponse AdminApi::put_defects(const MockRequest& request) const {
  // Validate completely before touching anything: a bad document changes nothing.
  std::set<std::string> names;
  try {
    const auto document = openapi::parse_json_text(request.body, "request body");
    const auto defects = document.is_object() ? document.find("defects") : document.end();
    if (!document.is_object() || defects == document.end() || !defects->is_array()) {
      return admin_error(400, "invalid_defects", "/defects: required array of defect names");
    }
    for (std::size_t i = 0; i < defects->size(); ++i) {
      if (!(*defects)[i].is_string()) {
        return admin_error(400, "invalid_defects",
                           "/defects/" + std::to_string(i) + ": expected a defect name string");
      }
      names.insert((*defects)[i].get<std::string>());
    }
  } catch (const std::exception& error) {
    return admin_error(400, "invalid_defects", error.what());
  }
  if (auto unknown = mock_.unknown_defect(names); !unknown.empty()) {
    return admin_error(400, "unknown_defect",
                       "no defect called '" + unknown + "' (GET /__admin/defects lists them)");
  }
  const std::string session_name = addressed_session(request);
  mock_.sessions().acquire(session_name)->set_defects(names);  // a write: creates it
  return MockResponse::json(200, {{"session", session_name}, {"active", names}});
}

MockResponse AdminApi::get_faults(const MockRequest& request) const {
  const std::string session = query_value(request, "session");
  nlohmann::json faults = nlohmann::json::array();
  for (const auto& rule : mock_.faults().rules()) {
    if (session.empty() || rule.session == session) faults.push_back(rule.to_json());
  }
  return MockResponse::json(200, {{"faults", faults}});
}

MockResponse AdminApi::post_fault(const MockRequest& request) const {
  FaultRule rule;
  try {
    rule = FaultRule::from_json(openapi::parse_json_text(request.body, "request body"));
  } catch (const std::exception& error) {
    return admin_error(400, "invalid_fault", error.what());
  }
  if (rule.session.empty()) {
    if (const auto* header = request.header(ControlPlane::kSessionHeader)) rule.session = *header;
  }
  if (!rule.operation_id.empty()) {
    try {
      const OperationReference reference = resolve_operation(rule.operation_id, mock_.vendors());
      rule.vendor = reference.vendor;
      rule.operation_id = reference.operation_id;
    } catch (const std::invalid_argument& error) {
      return admin_error(400, "invalid_fault", std::string("/operationId: ") + error.what());
    }
  }
  // The stored rule: its id and the seed it draws with (to replay it elsewhere).
  const auto stored = mock_.faults().add(rule);
  if (!stored) {
    return admin_error(400, "invalid_fault",
                       std::to_string(kMaxFaultRules) +
                           " fault rules are kept already, the most there may be; remove some "
                           "first (DELETE /__admin/faults, ?session= for one session's)");
  }
  return MockResponse::json(201, stored->to_json());
}

MockResponse AdminApi::delete_faults(const MockRequest& request) const {
  const auto removed = mock_.faults().clear(query_value(request, "session"));
  return MockResponse::json(200, {{"removed", removed}});
}

}  // namespace statuskit::mock
