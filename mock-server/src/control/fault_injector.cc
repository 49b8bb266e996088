#include "control/fault_injector.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

#include "statuskit/openapi/json_pointer.h"
#include "transport/http_syntax.h"

namespace statuskit::mock {
namespace {

constexpr int kMaxLatencyMs = 10 * 60 * 1000;

[[noreturn]] void fail(const std::string& pointer, const std::string& reason) {
  throw std::invalid_argument(pointer + ": " + reason);
}

int read_millis(const nlohmann::json& value, const std::string& pointer) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > kMaxLatencyMs) {
    fail(pointer,
         "expected an integer number of milliseconds from 0 to " + std::to_string(kMaxLatencyMs));
  }
  return static_cast<int>(value.get<std::int64_t>());
}

const nlohmann::json::object_t& as_object(const nlohmann::json& value, const std::string& pointer) {
  if (!value.is_object())
    fail(pointer, std::string("expected an object, got ") + value.type_name());
  return value.get_ref<const nlohmann::json::object_t&>();
}

std::string read_string(const nlohmann::json& value, const std::string& pointer) {
  if (!value.is_string()) fail(pointer, std::string("expected a string, got ") + value.type_name());
  return value.get<std::string>();
}

/// Headers the transport writes itself to frame the answer (a second Content-Length, a
/// Transfer-Encoding or a Connection would desynchronise the client), and Content-Type, which
/// belongs to the vendor's error body. Lower case.
constexpr std::string_view kTransportHeaders[] = {
    "connection", "content-length",    "content-type", "keep-alive", "proxy-connection",
    "te",         "transfer-encoding", "trailer",      "upgrade"};

std::string lower_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string hex_byte(unsigned char byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {'0', 'x', kDigits[byte >> 4], kDigits[byte & 0xF]};
}

/// A string of at most `limit` bytes.
std::string read_bounded_string(const nlohmann::json& value, const std::string& pointer,
                                std::size_t limit) {
  std::string text = read_string(value, pointer);
  if (text.size() > limit) {
    fail(pointer,
         std::to_string(text.size()) + " bytes, at most " + std::to_string(limit) + " are allowed");
  }
  return text;
}

/// A header the rule adds to its forced answer, checked so that it cannot reach the wire as
/// anything but one well-formed header line: a CR or LF in it would end the header and let the
/// rule write further headers or a body of its own (response splitting).
std::pair<std::string, std::string> read_header(const std::string& name,
                                                const nlohmann::json& value) {
  const std::string pointer = "/headers/" + openapi::escape_pointer_token(name);
  if (!is_http_token(name)) {
    fail(pointer,
         nlohmann::json(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
             " is not a header name (RFC 9110 token: letters, digits and "
             "!#$%&'*+-.^_`|~)");
  }
  const std::string lower = lower_case(name);
  for (const auto owned : kTransportHeaders) {
    if (lower == owned) fail(pointer, "the transport sets " + name + "; a fault rule cannot");
  }
  if (name.size() > kMaxFaultNameBytes) {
    fail(pointer, "a header name of " + std::to_string(name.size()) + " bytes, at most " +
                      std::to_string(kMaxFaultNameBytes) + " are allowed");
  }
  std::string text = read_bounded_string(value, pointer, kMaxFaultHeaderValueBytes);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!is_http_field_value_char(c)) {
      fail(pointer, "byte " + hex_byte(c) + " at offset " + std::to_string(i) +
                        " is not allowed in a header value (only visible characters, space and "
                        "tab)");
    }
  }
  return {name, std::move(text)};
}

/// splitmix64: a tiny, well-mixed generator whose output is the same on every platform and
/// standard library (std::uniform_*_distribution is not), so a seed replays exactly.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Uniform in [0, 1) from the top 53 bits.
double next_unit(std::uint64_t& state) {
  return static_cast<double>(next_random(state) >> 11) * 0x1.0p-53;
}

}  // namespace

FaultRule FaultRule::from_json(const nlohmann::json& document) {
  FaultRule rule;
  for (const auto& [key, value] : as_object(document, "")) {
    const std::string pointer = "/" + key;
    if (key == "session") {
      rule.session = read_bounded_string(value, pointer, kMaxFaultNameBytes);
    } else if (key == "operationId") {
      rule.operation_id = read_bounded_string(value, pointer, kMaxFaultNameBytes);
    } else if (key == "latencyMs") {
      if (value.is_object()) {
        const auto& range = as_object(value, pointer);
        const auto min = range.find("min");
        const auto max = range.find("max");
        if (min == range.end() || max == range.end() || range.size() != 2) {
          fail(pointer, "expected {min, max} or a number");
        }
        rule.latency_min_ms = read_millis(min->second, pointer + "/min");
        rule.latency_max_ms = read_millis(max->second, pointer + "/max");
        if (rule.latency_max_ms < rule.latency_min_ms) fail(pointer, "max is below min");
      } else {
        rule.latency_min_ms = rule.latency_max_ms = read_millis(value, pointer);
      }
    } else if (key == "status") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 400 ||
          value.get<std::int64_t>() > 599) {
        fail(pointer, "expected an error status from 400 to 599");
      }
      rule.status = static_cast<int>(value.get<std::int64_t>());
    } else if (key == "message") {
      rule.message = read_bounded_string(value, pointer, kMaxFaultMessageBytes);
    } else if (key == "headers") {
      const auto& headers = as_object(value, pointer);
      if (headers.size() > kMaxFaultHeaders) {
        fail(pointer, std::to_string(headers.size()) + " headers, at most " +
                          std::to_string(kMaxFaultHeaders) + " are allowed");
      }
      for (const auto& [name, header] : headers) {
        rule.headers.push_back(read_header(name, header));
      }
    } else if (key == "dropConnection") {
      if (!value.is_boolean()) fail(pointer, "expected a boolean");
      rule.drop_connection = value.get<bool>();
    } else if (key == "probability") {
      if (!value.is_number() || value.get<double>() < 0.0 || value.get<double>() > 1.0) {
        fail(pointer, "expected a number from 0 to 1");
      }
      rule.probability = value.get<double>();
    } else if (key == "seed") {
      if (!value.is_number_unsigned()) fail(pointer, "expected a non-negative integer");
      rule.seed = value.get<std::uint64_t>();
    } else if (key == "count") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
        fail(pointer, "expected a positive integer");
      }
      rule.remaining = value.get<std::int64_t>();
    } else {
      fail(pointer,
           "unknown property (allowed: session, operationId, latencyMs, status, "
           "message, headers, dropConnection, probability, count, seed)");
    }
  }
  if (rule.drop_connection && rule.status != 0) {
    fail("/dropConnection", "a dropped connection cannot also answer a status");
  }
  if (!rule.drop_connection && rule.status == 0 && rule.latency_max_ms == 0) {
    fail("", "a rule needs at least one of latencyMs, status or dropConnection");
  }
  if (!rule.headers.empty() && rule.status == 0) fail("/headers", "headers need a status");
  return rule;
}

nlohmann::json FaultRule::to_json() const {
  nlohmann::json out{{"id", id}, {"probability", probability}, {"triggered", triggered}};
  if (!session.empty()) out["session"] = session;
  // Vendor-qualified once the admin API resolved it: the name the banner and journal print.
  if (!operation_id.empty()) {
    out["operationId"] = vendor.empty() ? operation_id : vendor + "." + operation_id;
  }
  if (latency_max_ms > 0) out["latencyMs"] = {{"min", latency_min_ms}, {"max", latency_max_ms}};
  if (status != 0) out["status"] = status;
  if (!message.empty()) out["message"] = message;
  if (!headers.empty()) {
    nlohmann::json names = nlohmann::json::object();
    for (const auto& [name, value] : headers) names[name] = value;
    out["headers"] = names;
  }
  if (drop_connection) out["dropConnection"] = true;
  if (remaining) out["remaining"] = *remaining;
  if (seed) out["seed"] = *seed;
  return out;
}

std::optional<FaultRule> FaultInjector::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  if (rules_.size() >= kMaxFaultRules) return std::nullopt;
  if (!rule.seed) {
    std::uint64_t derive = base_seed_ ^ (next_id_ * 0xd1b54a32d192ed03ULL);
    rule.seed = next_random(derive);
  }
  rule.random_state = *rule.seed;
  rule.id = "fault-" + std::to_string(next_id_++);
  rules_.push_back(std::move(rule));
  return rules_.back();
}

std::vector<FaultRule> FaultInjector::rules() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

std::size_t FaultInjector::clear(const std::string& session) {
  std::lock_guard lock(mutex_);
  const auto before = rules_.size();
  if (session.empty()) {
    rules_.clear();
  } else {
    std::erase_if(rules_, [&](const FaultRule& rule) { return rule.session == session; });
  }
  return before - rules_.size();
}

std::optional<FaultDecision> FaultInjector::decide(const std::string& session,
                                                   std::string_view vendor,
                                                   const std::string& operation_id) {
  std::lock_guard lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    FaultRule& rule = *it;
    if (!rule.session.empty() && rule.session != session) continue;
    if (!rule.operation_id.empty() && rule.operation_id != operation_id) continue;
    if (!rule.vendor.empty() && rule.vendor != vendor) continue;
    if (rule.probability < 1.0 && next_unit(rule.random_state) >= rule.probability) continue;
    FaultDecision decision;
    decision.rule_id = rule.id;
    const auto span = static_cast<std::uint64_t>(rule.latency_max_ms - rule.latency_min_ms) + 1;
    decision.delay_ms =
        rule.latency_min_ms == rule.latency_max_ms
            ? rule.latency_min_ms
            : rule.latency_min_ms + static_cast<int>(next_random(rule.random_state) % span);
    decision.status = rule.status;
    decision.message =
        rule.message.empty() ? "fault injected by statuskit (" + rule.id + ")" : rule.message;
    decision.headers = rule.headers;
    decision.drop_connection = rule.drop_connection;
    ++rule.triggered;
    if (rule.remaining && --*rule.remaining == 0) rules_.erase(it);
    return decision;
  }
  return std::nullopt;
}

}  // namespace statuskit::mock
