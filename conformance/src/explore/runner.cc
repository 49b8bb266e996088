#include "explore/runner.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <stdexcept>
#include <variant>

#include "explore/concrete_steps.h"
#include "explore/coverage.h"
#include "explore/differential.h"
#include "explore/sequence.h"
#include "explore/vocabulary.h"
#include "scenarios/run_budget.h"
#include "scenarios/runner.h"
#include "scenarios/step_runner.h"
#include "statuskit/openapi/spec.h"

namespace statuskit::conformance {
namespace {

using nlohmann::json;

/// A server with what its requests need: its options (profile, headers), its own client (kept
/// alive connections), and per vendor the context the step runner reads.
struct Server {
  std::string label;
  RunOptions options;
  std::unique_ptr<TargetClient> client;
  std::string base_url;
  std::unique_ptr<SuiteContext> context;   ///< of the vendor being explored
  std::unique_ptr<Normalizer> normalizer;  ///< of the vendor being explored

  bool has_sessions() const { return options.profile.statuskit_mock; }
  const json& values() const { return context->profile_values; }
};

/// What moves a sequence makes, in order: read every user (its starting state), then each
/// call followed by a read of the users it names, then every user again.
struct Move {
  enum class Kind { kRead, kChange };
  Kind kind = Kind::kRead;
  std::size_t index = 0;  ///< kRead: into Vocabulary::users; kChange: into Sequence::calls
  Phase phase = Phase::kTest;
};

/// The users a sequence touches: every one a call names, and one bystander nobody names (a
/// change that lands on the wrong user shows on it).
std::vector<Move> plan_of(const Vocabulary& vocabulary, const Sequence& sequence) {
  std::vector<Move> moves;
  // Every user's starting state (the target is brought to the model's where it differs).
  for (std::size_t user = 0; user < vocabulary.users.size(); ++user) {
    moves.push_back({Move::Kind::kRead, user, Phase::kSetup});
  }
  for (std::size_t c = 0; c < sequence.calls.size(); ++c) {
    moves.push_back({Move::Kind::kChange, c, Phase::kTest});
    std::set<std::size_t> read;
    for (const auto& aim : sequence.calls[c].targets) {
      if (read.insert(aim.user).second)
        moves.push_back({Move::Kind::kRead, aim.user, Phase::kTest});
    }
  }
  // At the end every user, named or not: a change that landed on the wrong one, or moved
  // something (a room's owner) to a user nobody named, shows there.
  for (std::size_t user = 0; user < vocabulary.users.size(); ++user) {
    moves.push_back({Move::Kind::kRead, user, Phase::kTest});
  }
  return moves;
}

/// The state fields of a read's answer, in comparable terms: {pointer: value}.
json state_of(const Vocabulary& vocabulary, const StepResult& read, const Server& server) {
  json body;
  try {
    body = json::parse(read.response_body);
  } catch (const json::exception&) {
  }
  json state = json::object();
  state["status"] = read.status;
  for (const auto& field : vocabulary.state.fields) {
    const auto value = value_at(body, field);
    state[field] = value ? server.normalizer->value(*value) : json();
  }
  return state;
}

struct Played {
  std::vector<StepResult> steps;
  std::string skip_reason;  ///< set: the sequence could not run here (not configured, misaligned)
};

class VendorExplorer {
 public:
  VendorExplorer(const ExploreOptions& options, const openapi::Spec& spec, Vocabulary vocabulary,
                 Server& target, std::vector<Server*> references, std::string session_prefix)
      : options_(options),
        spec_(spec),
        vocabulary_(std::move(vocabulary)),
        target_(target),
        references_(std::move(references)),
        session_prefix_(std::move(session_prefix)),
        coverage_(vocabulary_) {}

  /// Runs sequence `index` (its own seed), re-runs and shrinks it when it fails.
  ScenarioResult explore(std::size_t index) {
    const Sequence sequence = draw_sequence(
        vocabulary_, sequence_seed(options_.seed, vocabulary_.vendor, index), options_.max_calls);
    char number[16];
    std::snprintf(number, sizeof number, "%04zu", index);
    ScenarioResult result;
    result.suite = vocabulary_.vendor;
    result.id = vocabulary_.vendor + ".explore." + number;
    result.generated_kind = "explore";
    result.generated_operation = vocabulary_.operation;
    result.source = Provenance{SourceKind::kDocs, "the model (" + spec_.source_name() + ")"};
    const std::string replay = options_.replay_command + " --suite " + vocabulary_.vendor +
                               " --seed " + std::to_string(options_.seed) + " --sequence " +
                               std::to_string(index);
    SequenceRun first = run_sequence(sequence, std::string("x") + number, true);
    if (!first.skip_reason.empty()) {
      result.outcome = Outcome::kSkipped;
      result.skip_reason = first.skip_reason;
      result.requirement = summary(sequence, sequence.calls.size());
      return result;
    }
    if (!first.failed) {
      result.requirement = summary(sequence, sequence.calls.size());
      // A passing sequence keeps its steps only when they warn: reports stay readable.
      if (first.warned) result.steps = std::move(first.steps);
      return result;
    }
    // A failure is reported only when it happens again, and in its smallest form.
    const SequenceRun again = run_sequence(sequence, std::string("x") + number + ".rerun", false);
    if (!again.failed) {
      result.requirement = summary(sequence, sequence.calls.size()) + " (did not fail again)";
      result.steps = std::move(first.steps);
      for (auto& step : result.steps) {
        for (auto& failure : step.failures) {
          failure.message = "did not reproduce on a re-run: " + failure.message;
          step.warnings.push_back(std::move(failure));
        }
        step.failures.clear();
      }
      return result;
    }
    const Sequence smallest = shrink(sequence, std::string("x") + number);
    SequenceRun shown = run_sequence(smallest, std::string("x") + number + ".shrunk", false);
    if (!shown.failed) shown = std::move(first);  // a shrink that does not hold: the original
    result.outcome = Outcome::kFailed;
    result.steps = std::move(shown.steps);
    result.requirement =
        summary(shown.failed ? smallest : sequence, sequence.calls.size()) + "; replay: " + replay;
    return result;
  }

  const Coverage& coverage() const { return coverage_; }

  /// On a server without sessions: every user explore changed, back to the state it was found in.
  void restore_target(std::vector<StepResult>& cleanup) {
    if (target_.has_sessions()) return;
    for (const auto& [user, answer] : found_states_) {
      auto step = restore_step(vocabulary_, vocabulary_.users[user], answer, target_.values(),
                               vocabulary_.template_role);
      if (std::holds_alternative<std::string>(step)) continue;
      StepRunner runner(*target_.context, "");
      StepResult done = runner.run(std::get<Step>(step), Phase::kCleanup);
      for (auto& failure : done.failures) done.warnings.push_back(std::move(failure));
      done.failures.clear();
      cleanup.push_back(std::move(done));
    }
  }

 private:
  struct SequenceRun {
    std::vector<StepResult> steps;  ///< the target's, judged
    std::string skip_reason;
    bool failed = false;
    bool warned = false;
  };

  std::string summary(const Sequence& sequence, std::size_t original_calls) const {
    std::string text =
        std::to_string(sequence.calls.size()) + (sequence.calls.size() == 1 ? " call" : " calls");
    if (sequence.calls.size() != original_calls) {
      text += " (shrunk from " + std::to_string(original_calls) + ")";
    }
    for (std::size_t i = 0; i < sequence.calls.size(); ++i) {
      text += (i == 0 ? ": " : "; ") + describe(vocabulary_, sequence.calls[i]);
    }
    return text;
  }

  Played play(Server& server, const Sequence& sequence, const std::vector<Move>& moves,
              const std::string& session, const Played* model) {
    Played played;
    StepRunner runner(*server.context, session);
    std::size_t setup_reads = 0;
    for (const auto& move : moves) {
      std::variant<Step, std::string> built =
          move.kind == Move::Kind::kRead
              ? cached_read(server, move.index)
              : change_step(vocabulary_, sequence.calls[move.index], server.values());
      if (std::holds_alternative<std::string>(built)) {
        played.skip_reason = "not configured: " + std::get<std::string>(built);
        return played;
      }
      Step step = std::get<Step>(std::move(built));
      if (move.kind == Move::Kind::kChange) {
        step.name = "call " + std::to_string(move.index + 1) + ": " +
                    describe(vocabulary_, sequence.calls[move.index]);
      } else if (move.phase == Phase::kSetup) {
        step.name = "starting state of " + vocabulary_.users[move.index].reference;
      }
      played.steps.push_back(runner.run(step, move.phase));
      if (move.phase != Phase::kSetup || model == nullptr) continue;
      // Aligning the starting state: the target must start where the model starts.
      const std::size_t at = setup_reads++;
      const json wanted = state_of(vocabulary_, model->steps[at], *references_.front());
      json found = state_of(vocabulary_, played.steps.back(), server);
      if (!server.has_sessions() && !found_states_.contains(move.index) &&
          played.steps.back().status / 100 == 2) {
        try {
          found_states_[move.index] = json::parse(played.steps.back().response_body);
        } catch (const json::exception&) {
        }
      }
      if (found == wanted) continue;
      std::string reason = "precondition not met: " + vocabulary_.users[move.index].reference +
                           " reads " + found.dump() + " on the target, the model starts from " +
                           wanted.dump();
      // A user no call names may stay apart: the comparison then only warns about it.
      const bool named =
          std::any_of(sequence.calls.begin(), sequence.calls.end(), [&](const Call& call) {
            return std::any_of(call.targets.begin(), call.targets.end(),
                               [&](const Aim& aim) { return aim.user == move.index; });
          });
      if (server.has_sessions() || wanted["status"].get<long>() / 100 != 2) {
        if (!named && !server.has_sessions()) continue;
        played.skip_reason = reason;
        return played;
      }
      json model_answer;
      try {
        model_answer = json::parse(model->steps[at].response_body);
      } catch (const json::exception&) {
        played.skip_reason = reason;
        return played;
      }
      // The template's role first, then every other role, until one may set it.
      std::vector<std::string> roles = {vocabulary_.template_role};
      for (const auto& caller : vocabulary_.callers) {
        if (caller.kind == Caller::Kind::kRole && caller.role != vocabulary_.template_role &&
            !revoked_roles_.contains(caller.role)) {
          roles.push_back(caller.role);
        }
      }
      std::string answered;
      bool aligned = false;
      for (const auto& role : roles) {
        auto restore = restore_step(vocabulary_, vocabulary_.users[move.index], model_answer,
                                    server.values(), role);
        if (std::holds_alternative<std::string>(restore)) continue;
        const StepResult set = runner.run(std::get<Step>(restore), Phase::kSetup);
        answered += (answered.empty() ? "" : ", ") + role + " " + std::to_string(set.status);
        StepResult reread = runner.run(step, Phase::kSetup);
        if (state_of(vocabulary_, reread, server) == wanted) {
          played.steps.back() = std::move(reread);
          aligned = true;
          break;
        }
      }
      if (!aligned && named) {
        played.skip_reason = reason + "; setting it answered " + answered;
        return played;
      }
    }
    return played;
  }

  /// The read of a user on a server, built once (resolving templates copies the profile).
  const std::variant<Step, std::string>& cached_read(const Server& server, std::size_t user) {
    const auto key = std::make_pair(&server, user);
    auto found = reads_.find(key);
    if (found == reads_.end()) {
      found = reads_.emplace(key, read_step(vocabulary_, vocabulary_.users[user], server.values()))
                  .first;
    }
    return found->second;
  }

  bool response_inferred(const StepResult& step) const {
    const openapi::Operation* operation = spec_.find_operation(step.operation);
    if (operation == nullptr) return false;
    const openapi::ResponseSpec* response = operation->find_response(static_cast<int>(step.status));
    return response != nullptr && response->inferred;
  }

  /// `history`: the divergence may come from the target's past (a warning even with --strict).
  void add(StepResult& step, bool inferred, Mismatch mismatch, bool history = false) {
    mismatch.origin = Mismatch::Origin::kExpectation;
    mismatch.operation = step.operation;
    mismatch.status = static_cast<int>(step.status);
    mismatch.source =
        inferred ? Provenance{SourceKind::kInferred, "the model's choice"}
                 : Provenance{SourceKind::kDocs, "the model (" + spec_.source_name() + ")"};
    if (inferred) mismatch.message = "inferred: " + mismatch.message;
    if (history || (inferred && !options_.strict)) {
      step.warnings.push_back(std::move(mismatch));
    } else {
      step.failures.push_back(std::move(mismatch));
    }
  }

  /// Compares the target's answers with the model's (and its alternative's), step by step.
  /// Compares the target's answers with the model's (and its alternative's), step by step.
  /// Where the two servers' users already differed before the sequence (history a server
  /// without sessions keeps), only what the sequence changed is compared: a read-back field
  /// that neither server changed is not, nor a field of a call's answer whose name one of those
  /// starting differences has.
  void judge(std::vector<StepResult>& target, const Sequence& sequence,
             const std::vector<Move>& moves, const Played& model, const Played* alternative) {
    Server& reference = *references_.front();
    std::map<std::size_t, std::pair<json, json>> starts;  // user → (model's, target's) first read
    std::set<std::string> history;  // names of the fields the servers' users started apart in
    std::map<std::size_t, std::string> started_apart;  // user → first pointer it differed at
    for (std::size_t i = 0; i < moves.size() && i < target.size() && i < model.steps.size(); ++i) {
      if (moves[i].phase != Phase::kSetup) continue;
      const json theirs = reference.normalizer->body(model.steps[i].response_body);
      const json mine = target_.normalizer->body(target[i].response_body);
      for (const auto& difference : differences(theirs, mine)) {
        const auto slash = difference.pointer.rfind('/');
        if (slash != std::string::npos) history.insert(difference.pointer.substr(slash + 1));
        started_apart.emplace(moves[i].index,
                              difference.pointer.empty() ? "/" : difference.pointer);
      }
      starts.emplace(moves[i].index, std::make_pair(theirs, mine));
    }
    // A call naming a user that started apart from the model's (rooms it no longer owns, on a
    // server without sessions), or a read of one, may diverge because of that history: it
    // warns, never fails.
    auto history_of = [&](std::size_t index) -> std::string {
      if (index >= moves.size()) return "";
      std::vector<std::size_t> users;
      if (moves[index].kind == Move::Kind::kRead) {
        users.push_back(moves[index].index);
      } else {
        for (const auto& aim : sequence.calls[moves[index].index].targets)
          users.push_back(aim.user);
      }
      for (const auto user : users) {
        const Aim aim{user, ""};
        const auto found = started_apart.find(aim.user);
        if (found != started_apart.end()) {
          return " (" + vocabulary_.users[aim.user].reference +
                 " started apart from the model's at " + found->second +
                 ": this may be the target's history)";
        }
      }
      return "";
    };
    for (std::size_t i = 0; i < target.size() && i < model.steps.size(); ++i) {
      StepResult& step = target[i];
      const StepResult& theirs = model.steps[i];
      const StepResult* other = alternative != nullptr && i < alternative->steps.size()
                                    ? &alternative->steps[i]
                                    : nullptr;
      step.model_status = theirs.status;
      step.model_body = theirs.response_body;
      if (step.phase == Phase::kSetup || !step.transport_error.empty()) continue;
      if (step.status != theirs.status) {
        if (other != nullptr && other->status == step.status) continue;
        const bool inferred =
            (other != nullptr && other->status != theirs.status) || response_inferred(theirs);
        Mismatch mismatch;
        mismatch.pointer = "status";
        mismatch.keyword = "model-status";
        mismatch.message = "the model answered " + std::to_string(theirs.status) + " " +
                           short_body(theirs.response_body) + ", the target " +
                           std::to_string(step.status);
        const std::string history_note = history_of(i);
        mismatch.message += history_note;
        add(step, inferred, std::move(mismatch), !history_note.empty());
        continue;
      }
      const json mine = target_.normalizer->body(step.response_body);
      const json model_body = reference.normalizer->body(theirs.response_body);
      std::optional<json> alternative_body;
      if (other != nullptr) {
        const Server& second = *references_[1];
        alternative_body = second.normalizer->body(other->response_body);
      }
      const bool is_read = i < moves.size() && moves[i].kind == Move::Kind::kRead;
      const auto start = is_read ? starts.find(moves[i].index) : starts.end();
      for (const auto& difference : differences(model_body, mine)) {
        if (start != starts.end()) {
          // A read-back: only fields the sequence changed on either server.
          if (value_at(start->second.first, difference.pointer) == difference.model &&
              value_at(start->second.second, difference.pointer) == difference.server) {
            continue;
          }
        } else if (!is_read) {
          const auto slash = difference.pointer.rfind('/');
          if (slash != std::string::npos &&
              history.contains(difference.pointer.substr(slash + 1))) {
            continue;
          }
        }
        bool inferred = response_inferred(theirs);
        if (alternative_body && other->status == theirs.status) {
          const auto alternative_value = value_at(*alternative_body, difference.pointer);
          if (alternative_value == difference.server) continue;  // the other plausible choice
          inferred = inferred || alternative_value != difference.model;
        }
        Mismatch mismatch;
        mismatch.pointer = difference.pointer.empty() ? "/" : difference.pointer;
        mismatch.keyword = "model-field";
        const std::string history_note = history_of(i);
        mismatch.message = difference.describe("the target") + history_note;
        add(step, inferred, std::move(mismatch), !history_note.empty());
      }
    }
  }

  static std::string short_body(const std::string& body) {
    std::string text = body.size() > 120 ? body.substr(0, 117) + "..." : body;
    return text.empty() ? "" : "(" + text + ")";
  }

  /// Runs a sequence on every server, aligned and judged. `record` adds it to the coverage.
  SequenceRun run_sequence(const Sequence& sequence, const std::string& name, bool record) {
    const auto moves = plan_of(vocabulary_, sequence);
    const std::string session = session_prefix_ + vocabulary_.vendor + "." + name;
    SequenceRun outcome;
    Played model = play(*references_.front(), sequence, moves, session, nullptr);
    if (model.skip_reason.empty() && !target_.has_sessions()) {
      for (const auto& call : sequence.calls) {
        if (call.caller.kind != Caller::Kind::kMissing &&
            revoked_roles_.contains(call.caller.role)) {
          model.skip_reason =
              "precondition not met: an earlier sequence changed the user of roles." +
              call.caller.role +
              " on the target, which has no sessions, so its credentials may "
              "no longer work (the model starts each sequence afresh)";
        }
      }
    }
    if (model.skip_reason.empty()) {
      Played target = play(target_, sequence, moves, target_.has_sessions() ? session : "", &model);
      if (!target_.has_sessions()) note_revoked_roles(moves, target.steps);
      outcome.skip_reason = target.skip_reason;
      outcome.steps = std::move(target.steps);
    } else {
      outcome.skip_reason = model.skip_reason;
    }
    reset(*references_.front(), session);
    if (target_.has_sessions()) reset(target_, session);
    if (!outcome.skip_reason.empty()) return outcome;
    if (!target_.has_sessions()) {
      // A role the target does not know any more (401 where the model knows it): its
      // credentials went stale before this run (an earlier run changed its user). Test data,
      // not behaviour: the sequence is skipped, and so are the role's later ones.
      for (std::size_t i = 0; i < moves.size() && i < outcome.steps.size(); ++i) {
        if (moves[i].kind != Move::Kind::kChange) continue;
        const Caller& caller = sequence.calls[moves[i].index].caller;
        if (caller.kind != Caller::Kind::kRole || outcome.steps[i].status != 401 ||
            model.steps[i].status == 401) {
          continue;
        }
        revoked_roles_.insert(caller.role);
        outcome.skip_reason = "precondition not met: the target refuses the credentials of roles." +
                              caller.role + " (401), the model takes them: stale test data";
        return outcome;
      }
    }
    const std::vector<StepResult> unjudged = outcome.steps;
    judge(outcome.steps, sequence, moves, model, nullptr);
    // The alternative model runs only when the target diverges from the default one: where
    // it matches the alternative's choice instead, the divergence is not one.
    if (references_.size() > 1 && diverges(outcome.steps)) {
      Played alternative = play(*references_[1], sequence, moves, session, nullptr);
      reset(*references_[1], session);
      if (alternative.skip_reason.empty()) {
        outcome.steps = unjudged;
        judge(outcome.steps, sequence, moves, model, &alternative);
      }
    }
    for (const auto& step : outcome.steps) {
      outcome.failed = outcome.failed || !step.failures.empty();
      outcome.warned = outcome.warned || !step.warnings.empty();
    }
    if (record) record_coverage(sequence, moves, model);
    return outcome;
  }

  /// On a server without sessions: a role whose own user read back in another state than it
  /// was found in may have lost its credentials (tokens wiped, cookies reset) for good.
  void note_revoked_roles(const std::vector<Move>& moves, const std::vector<StepResult>& steps) {
    for (std::size_t i = 0; i < moves.size() && i < steps.size(); ++i) {
      if (moves[i].kind != Move::Kind::kRead) continue;
      const auto roles = roles_of(moves[i].index);
      if (roles.empty()) continue;
      const json state = state_of(vocabulary_, steps[i], target_);
      const auto first = first_states_.emplace(moves[i].index, state).first;
      if (first->second != state) revoked_roles_.insert(roles.begin(), roles.end());
    }
  }

  /// The roles whose own user this is on the target: its own role, and any role whose id the
  /// user's value equals (a profile may name one user twice: users.target, roles.target.id).
  std::vector<std::string> roles_of(std::size_t user) const {
    std::vector<std::string> roles;
    if (!vocabulary_.users[user].role.empty()) roles.push_back(vocabulary_.users[user].role);
    const json mine = reference_value(vocabulary_.users[user].reference);
    for (const auto& other : vocabulary_.users) {
      if (!other.role.empty() && reference_value(other.reference) == mine)
        roles.push_back(other.role);
    }
    return roles;
  }

  json reference_value(const std::string& reference) const {
    const json* node = &target_.values();
    std::size_t start = 0;
    while (node != nullptr && start <= reference.size()) {
      const auto dot = reference.find('.', start);
      const std::string key =
          reference.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      const auto found = node->find(key);
      node = found == node->end() ? nullptr : &*found;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return node == nullptr ? json() : *node;
  }

  static bool diverges(const std::vector<StepResult>& steps) {
    for (const auto& step : steps) {
      for (const auto* found : {&step.failures, &step.warnings}) {
        for (const auto& mismatch : *found) {
          if (mismatch.keyword.rfind("model-", 0) == 0) return true;
        }
      }
    }
    return false;
  }

  void reset(Server& server, const std::string& session) {
    ScenarioResult ignored;
    reset_session(*server.context, session, ignored);
  }

  void record_coverage(const Sequence& sequence, const std::vector<Move>& moves,
                       const Played& model) {
    std::map<std::size_t, std::string> state_now;
    for (std::size_t i = 0; i < moves.size() && i < model.steps.size(); ++i) {
      const Move& move = moves[i];
      if (move.kind == Move::Kind::kRead) {
        state_now[move.index] =
            state_label(state_of(vocabulary_, model.steps[i], *references_.front()));
        continue;
      }
      const Call& call = sequence.calls[move.index];
      for (const auto& aim : call.targets) {
        const UserName& user = vocabulary_.users[aim.user];
        const bool self = !user.role.empty() && user.role == call.caller.role &&
                          call.caller.kind == Caller::Kind::kRole;
        coverage_.add(call.caller.label(), self ? "self" : user.reference, aim.near_miss,
                      state_now[aim.user], model.steps[i].status);
      }
    }
  }

  std::string state_label(const json& state) const {
    if (state["status"].get<long>() / 100 != 2)
      return "unreadable (" + state["status"].dump() + ")";
    std::string label;
    for (const auto& field : vocabulary_.state.fields) {
      label += (label.empty() ? "" : " ") + field.substr(field.rfind('/') + 1) + "=" +
               state[field].dump();
    }
    return label;
  }

  Sequence shrink(const Sequence& failing, const std::string& name) {
    Sequence best = failing;
    int attempt = 0;
    auto still_fails = [&](const Sequence& candidate) {
      return run_sequence(candidate, name + ".shrink" + std::to_string(++attempt), false).failed;
    };
    for (std::size_t i = best.calls.size(); i-- > 0 && best.calls.size() > 1;) {
      Sequence candidate = best;
      candidate.calls.erase(candidate.calls.begin() + static_cast<std::ptrdiff_t>(i));
      if (still_fails(candidate)) best = std::move(candidate);
    }
    for (std::size_t c = 0; c < best.calls.size(); ++c) {
      for (std::size_t t = 0; t < best.calls[c].targets.size(); ++t) {
        if (best.calls[c].targets.size() > 1) {
          Sequence candidate = best;
          candidate.calls[c].targets.erase(candidate.calls[c].targets.begin() +
                                           static_cast<std::ptrdiff_t>(t));
          if (still_fails(candidate)) {
            best = std::move(candidate);
            --t;
            continue;
          }
        }
        if (!best.calls[c].targets[t].near_miss.empty()) {
          Sequence candidate = best;
          candidate.calls[c].targets[t].near_miss.clear();
          if (still_fails(candidate)) best = std::move(candidate);
        }
      }
      for (std::size_t o = 0; o < best.calls[c].optional.size(); ++o) {
        const json& as_template = vocabulary_.optional_fields[o].as_template;
        const json& sent = best.calls[c].optional[o];
        if (sent == as_template || (is_left_out(sent) && is_left_out(as_template))) continue;
        Sequence candidate = best;
        candidate.calls[c].optional[o] = as_template;
        if (still_fails(candidate)) best = std::move(candidate);
      }
    }
    return best;
  }

  const ExploreOptions& options_;
  const openapi::Spec& spec_;
  Vocabulary vocabulary_;
  Server& target_;
  std::vector<Server*> references_;
  std::string session_prefix_;
  Coverage coverage_;
  /// On a server without sessions: each user's first read answer, to put it back at the end.
  std::map<std::size_t, json> found_states_;
  std::map<std::pair<const Server*, std::size_t>, std::variant<Step, std::string>> reads_;
  /// On a server without sessions: each user's state when first read, and the roles whose
  /// user left it (their sequences are skipped from then on).
  std::map<std::size_t, json> first_states_;
  std::set<std::string> revoked_roles_;
};

/// A profile's `users` may name other things too (rooms, room names, roles): only what the
/// model can read is worth naming, plus two names it cannot read (a user that does not exist).
/// The states read are the values a call sets most often.
void keep_users_worth_naming(Vocabulary& vocabulary, Server& model,
                             const std::string& session_prefix) {
  const std::string session = session_prefix + vocabulary.vendor + ".users";
  StepRunner runner(*model.context, session);
  std::vector<UserName> kept;
  std::size_t unreadable = 0;
  for (const auto& user : vocabulary.users) {
    auto read = read_step(vocabulary, user, model.values());
    if (std::holds_alternative<std::string>(read)) continue;
    const StepResult answer = runner.run(std::get<Step>(read), Phase::kSetup);
    if (answer.status / 100 == 2) {
      try {
        note_state_seen(vocabulary, nlohmann::json::parse(answer.response_body));
      } catch (const nlohmann::json::exception&) {
      }
    }
    if (answer.status / 100 == 2 || (answer.status / 100 == 4 && ++unreadable <= 2)) {
      kept.push_back(user);
    }
  }
  ScenarioResult ignored;
  reset_session(*model.context, session, ignored);
  if (!kept.empty()) vocabulary.users = std::move(kept);
}

std::unique_ptr<Server> server_of(const ExploreServer& given, const ExploreOptions& options,
                                  const std::string& label, bool is_target) {
  auto server = std::make_unique<Server>();
  server->label = label;
  server->options.profile = given.profile;
  server->options.strict = options.strict;
  if (is_target) server->options.extra_headers = options.extra_headers;
  server->options.check_answers = is_target;
  server->client = std::make_unique<TargetClient>(options.timeout_ms, options.insecure,
                                                  options.max_response_bytes,
                                                  is_target ? options.throttle : ThrottlePolicy{});
  server->base_url = reachable_base_url(given.base_url, given.profile, *server->client);
  return server;
}

}  // namespace

RunResult run_explore(const ExploreOptions& options) {
  if (options.references.empty()) throw std::invalid_argument("explore needs a reference server");
  auto target = server_of(options.target, options, "target", true);
  std::vector<std::unique_ptr<Server>> references;
  for (std::size_t i = 0; i < options.references.size(); ++i) {
    references.push_back(
        server_of(options.references[i], options, i == 0 ? "model" : "model (alternative)", false));
    if (!references.back()->has_sessions()) {
      throw std::invalid_argument(
          "the reference " + references.back()->base_url +
          " must be a statuskit mock (statuskit_mock: true in its profile): each sequence runs "
          "in its own session there");
    }
  }
  RunResult run;
  run.target = target->base_url;
  run.profile = options.profile_path;
  start_run(run);
  run.generation_seed = options.seed;
  run.seeded_command = "explore";
  const std::string session_prefix = session_prefix_of_this_run();
  RunBudget budget(options.deadline_s);
  const auto started = std::chrono::steady_clock::now();
  std::size_t failed_sequences = 0;  // in the whole run, for --max-failures
  for (const auto& vendor_and_spec : options.vendors) {
    // Named copies, not a structured binding: the lambda below captures the vendor.
    const std::string& vendor = vendor_and_spec.first;
    const std::string& spec_file = vendor_and_spec.second;
    budget.start_vendor();
    const openapi::Spec spec = openapi::Spec::load_file(options.specs_dir + "/" + spec_file);
    SuiteResult suite{vendor,
                      spec_file,
                      "explored with " + spec_file,
                      {},
                      documented_responses(spec, spec.server_base_path()),
                      {}};
    const auto found = options.target.profile.vendors.find(vendor);
    const auto model_found = options.references.front().profile.vendors.find(vendor);
    if (found == options.target.profile.vendors.end() || found->second.generate.is_null() ||
        model_found == options.references.front().profile.vendors.end()) {
      run.suites.push_back(std::move(suite));  // not configured: nothing to explore
      continue;
    }
    Vocabulary vocabulary =
        vocabulary_of(spec, vendor, found->second.generate, found->second.values,
                      model_found->second.values, found->second.explore);
    // Each server reads the abstract names through its own profile.
    auto context_for = [&](Server& server) {
      const auto& vendors = server.options.profile.vendors;
      const auto entry = vendors.find(vendor);
      std::string base_path = entry != vendors.end() && entry->second.base_path
                                  ? *entry->second.base_path
                                  : spec.server_base_path();
      while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
      server.context = std::make_unique<SuiteContext>(
          SuiteContext{server.options, *server.client, spec, server.base_url, base_path,
                       entry != vendors.end() ? entry->second.values : json::object()});
      server.normalizer =
          std::make_unique<Normalizer>(server.context->profile_values, server.base_url);
    };
    context_for(*target);
    std::vector<Server*> reference_servers;
    for (auto& reference : references) {
      context_for(*reference);
      reference_servers.push_back(reference.get());
    }
    keep_users_worth_naming(vocabulary, *reference_servers.front(), session_prefix);
    if (!target->has_sessions()) {
      // The template's role changes users; were its own user changed on a server that keeps
      // every change, it could lock explore out for the rest of the run.
      std::erase_if(vocabulary.users,
                    [&](const UserName& user) { return user.role == vocabulary.template_role; });
    }
    VendorExplorer explorer(options, spec, std::move(vocabulary), *target, reference_servers,
                            session_prefix);
    std::size_t first = 0;
    std::size_t end = options.sequences;
    if (options.only_sequence) {
      first = *options.only_sequence;
      end = first + 1;
    }
    std::size_t not_started = 0;
    for (std::size_t index = first; index < end; ++index) {
      if (options.max_failures > 0 && failed_sequences >= options.max_failures) {
        suite.notes.push_back(std::to_string(end - index) +
                              " sequences not run: " + std::to_string(options.max_failures) +
                              " failed already (--max-failures)");
        break;
      }
      if (const std::string stop = budget.stop_reason(vendor); !stop.empty()) {
        // A time budget is how long the user wants to explore, not a failure of the target.
        not_started = end - index;
        suite.notes.push_back(std::to_string(not_started) + " sequences not run: " + stop);
        break;
      }
      const auto sequence_started = std::chrono::steady_clock::now();
      ScenarioResult result = explorer.explore(index);
      stamp_requests(result);
      budget.record(result);
      result.elapsed_ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - sequence_started)
                              .count();
      if (options.on_sequence) options.on_sequence(result);
      if (result.outcome == Outcome::kFailed) ++failed_sequences;
      suite.scenarios.push_back(std::move(result));
    }
    std::vector<StepResult> cleanup;
    explorer.restore_target(cleanup);
    if (!cleanup.empty() && !suite.scenarios.empty()) {
      for (auto& step : cleanup) suite.scenarios.back().steps.push_back(std::move(step));
    }
    for (auto& line : explorer.coverage().lines()) suite.notes.push_back(std::move(line));
    run.suites.push_back(std::move(suite));
  }
  finish_run(run, *target->client, started);
  return run;
}

}  // namespace statuskit::conformance
