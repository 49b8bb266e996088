#include "generate/oracles.h"

#include <algorithm>

#include "statuskit/openapi/json_pointer.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

std::string list_of(const std::vector<int>& statuses) {
  std::string text;
  for (int status : statuses) text += (text.empty() ? "" : ", ") + std::to_string(status);
  return text.empty() ? "none" : text;
}

void add(const GeneratedCase& generated, StepResult& answer, bool inferred, bool strict,
         const Provenance& source, std::string pointer, std::string keyword, std::string message) {
  Mismatch mismatch;
  mismatch.origin = Mismatch::Origin::kExpectation;
  mismatch.source = source;
  mismatch.message = std::move(message);
  mismatch.operation = generated.operation;
  mismatch.status = static_cast<int>(answer.status);
  mismatch.pointer = std::move(pointer);
  mismatch.keyword = std::move(keyword);
  auto& list = inferred && !strict ? answer.warnings : answer.failures;
  list.push_back(std::move(mismatch));
}

}  // namespace

void judge_status(const GeneratedCase& generated, StepResult& answer, bool strict) {
  if (answer.status == 0) return;  // no answer: the transport failure is already reported
  const int status = static_cast<int>(answer.status);
  const std::string got = "got " + std::to_string(status);
  // Group findings by operation and constraint: the pointer is the schema keyword mutated.
  const std::string& where = generated.constraint;
  const std::string& keyword = generated.keyword;
  if (status >= 500) {
    add(generated, answer, false, strict, generated.source, where, keyword,
        std::string(case_kind_name(generated.kind)) + " case (" + generated.description +
            "): a server error, " + got);
    return;
  }
  switch (generated.kind) {
    case CaseKind::kPositive:
      if (status == 400 || status == 422) {
        add(generated, answer, false, strict, generated.source, where, keyword,
            "a schema-valid request (" + generated.description +
                ") was refused as invalid: " + got);
      }
      break;
    case CaseKind::kHostile:
      break;  // never a 5xx (above); the spec check judges the rest of the answer
    case CaseKind::kNegative:
    case CaseKind::kAuth: {
      const auto& accepted = generated.accepted;
      if (std::find(accepted.begin(), accepted.end(), status) == accepted.end()) {
        const bool accepted_it = status >= 200 && status < 300;
        // A 2xx breaks the schema, which the vendor documents, unless the spec marks the
        // refusal itself inferred; another 4xx only the status code, which may be inferred.
        add(generated, answer, accepted_it ? generated.refusal_inferred : generated.inferred,
            strict, generated.source, where, keyword,
            std::string(generated.kind == CaseKind::kAuth ? "auth" : "negative") + " case (" +
                generated.description + "): expected a documented " + list_of(accepted) + ", " +
                got + (accepted_it ? " (accepted)" : ""));
      }
      break;
    }
    case CaseKind::kMethod:
      if (status >= 200 && status < 300) {
        add(generated, answer, false, strict, generated.source, where, keyword,
            generated.description + ": accepted with " + std::to_string(status));
      } else if (status != 405) {
        add(generated, answer, true, strict,
            {SourceKind::kInferred, "RFC 9110 §15.5.6: 405 for a method the resource lacks"}, where,
            keyword, generated.description + ": expected 405, " + got);
      }
      break;
  }
}

std::optional<json> state_fields(const StateExtension& state, const StepResult& read) {
  if (read.status != 200) return std::nullopt;
  json body;
  try {
    body = json::parse(read.response_body);
  } catch (const json::exception&) {
    return std::nullopt;
  }
  json fields = json::object();
  for (const auto& field : state.fields) {
    const json* value = openapi::find_pointer(body, field);
    fields[field] = value == nullptr ? json() : *value;
  }
  return fields;
}

void judge_state(const GeneratedCase& generated, const StateExtension& state, const json& before,
                 const json& after, StepResult& answer, bool strict) {
  if (answer.status == 0 || (answer.status >= 200 && answer.status < 300)) return;
  for (const auto& field : state.fields) {
    if (before.value(field, json()) == after.value(field, json())) continue;
    add(generated, answer, state.source.inferred(), strict, state.source, field, "state",
        "refused with " + std::to_string(answer.status) + " (" + generated.description +
            "), but the read-back's " + field + " changed from " +
            before.value(field, json()).dump() + " to " + after.value(field, json()).dump());
  }
}

}  // namespace statuskit::conformance
