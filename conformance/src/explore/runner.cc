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

std::string now_iso8601() {
  const auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

/// A server with what its requests need: its options (profile, headers), its own client (kept
/// alive connections), and per vendor the context the step runner reads.
struct Server {
  std::string label;
  RunOptions options;
  std::unique_ptr<TargetClient> client;
  std::string base_url;
  std::unique_ptr<SuiteContext> context;  ///< of the vendor being explored

  bool has_sessions() const { return options.profile.statuskit_mock; }
  const json& values() const { return context->profile_values; }
};

/// What moves a sequence makes, in order: read every user it touches (its starting state),
/// then each call followed by a read of the users it names, then every touched user again.
struct Move {
  enum class Kind { kRead, kChange };
  Kind kind = Kind::kRead;
  std::size_t index = 0;  ///< kRead: into Vocabulary::users; kChange: into Sequence::calls
  Phase phase = Phase::kTest;
};

/// The users a sequence touches: every one a call names, and one bystander nobody names (a
/// change that lands on the wrong user shows on it).
std::vector<std::size_t> touched_users(const Vocabulary& vocabulary, const Sequence& sequence) {
  std::vector<std::size_t> touched;
  for (const auto& call : sequence.calls) {
    for (const auto& aim : call.targets) {
      if (std::find(touched.begin(), touched.end(), aim.user) == touched.end()) {
        touched.push_back(aim.user);
      }
    }
  }
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < vocabulary.users.size(); ++i) {
    if (std::find(touched.begin(), touched.end(), i) == touched.end()) others.push_back(i);
  }
  if (!others.empty()) touched.push_back(others[sequence.seed % others.size()]);
  return touched;
}

std::vector<Move> plan_of(const Vocabulary& vocabulary, const Sequence& sequence) {
  const auto touched = touched_users(vocabulary, sequence);
  std::vector<Move> moves;
  for (const auto user : touched) moves.push_back({Move::Kind::kRead, user, Phase::kSetup});
  for (std::size_t c = 0; c < sequence.calls.size(); ++c) {
    moves.push_back({Move::Kind::kChange, c, Phase::kTest});
    std::set<std::size_t> read;
    for (const auto& aim : sequence.calls[c].targets) {
      if (read.insert(aim.user).second)
        moves.push_back({Move::Kind::kRead, aim.user, Phase::kTest});
    }
  }
  for (const auto user : touched) moves.push_back({Move::Kind::kRead, user, Phase::kTest});
  return moves;
}

/// The state fields of a read's answer, in comparable terms: {pointer: value}.
json state_of(const Vocabulary& vocabulary, const StepResult& read, const Server& server) {
  const json body = comparable_body(read.response_body, server.values(), server.base_url);
  json state = json::object();
  state["status"] = read.status;
  for (const auto& field : vocabulary.state.fields) {
    const auto value = value_at(body, field);
    state[field] = value ? *value : json();
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
      auto step = restore_step(vocabulary_, vocabulary_.users[user], answer, target_.values());
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
              ? read_step(vocabulary_, vocabulary_.users[move.index], server.values())
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
      if (server.has_sessions() || wanted["status"].get<long>() / 100 != 2) {
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
      auto restore =
          restore_step(vocabulary_, vocabulary_.users[move.index], model_answer, server.values());
      if (std::holds_alternative<std::string>(restore)) {
        played.skip_reason = reason + " (" + std::get<std::string>(restore) + ")";
        return played;
      }
      const StepResult set = runner.run(std::get<Step>(restore), Phase::kSetup);
      const StepResult reread = runner.run(step, Phase::kSetup);
      if (state_of(vocabulary_, reread, server) != wanted) {
        played.skip_reason = reason + "; setting it answered " + std::to_string(set.status);
        return played;
      }
      played.steps.back() = reread;
    }
    return played;
  }

  bool response_inferred(const StepResult& step) const {
    const openapi::Operation* operation = spec_.find_operation(step.operation);
    if (operation == nullptr) return false;
    const openapi::ResponseSpec* response = operation->find_response(static_cast<int>(step.status));
    return response != nullptr && response->inferred;
  }

  void add(StepResult& step, bool inferred, Mismatch mismatch) {
    mismatch.origin = Mismatch::Origin::kExpectation;
    mismatch.operation = step.operation;
    mismatch.status = static_cast<int>(step.status);
    mismatch.source =
        inferred ? Provenance{SourceKind::kInferred, "the model's choice"}
                 : Provenance{SourceKind::kDocs, "the model (" + spec_.source_name() + ")"};
    if (inferred) mismatch.message = "inferred: " + mismatch.message;
    if (inferred && !options_.strict) {
      step.warnings.push_back(std::move(mismatch));
    } else {
      step.failures.push_back(std::move(mismatch));
    }
  }

  /// Compares the target's answers with the model's (and its alternative's), step by step.
  void judge(std::vector<StepResult>& target, const Played& model, const Played* alternative) {
    Server& reference = *references_.front();
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
        add(step, inferred, std::move(mismatch));
        continue;
      }
      const json mine = comparable_body(step.response_body, target_.values(), target_.base_url);
      const json model_body =
          comparable_body(theirs.response_body, reference.values(), reference.base_url);
      std::optional<json> alternative_body;
      if (other != nullptr) {
        const Server& second = *references_[1];
        alternative_body = comparable_body(other->response_body, second.values(), second.base_url);
      }
      for (const auto& difference : differences(model_body, mine)) {
        bool inferred = response_inferred(theirs);
        if (alternative_body && other->status == theirs.status) {
          const auto alternative_value = value_at(*alternative_body, difference.pointer);
          if (alternative_value == difference.server) continue;  // the other plausible choice
          inferred = inferred || alternative_value != difference.model;
        }
        Mismatch mismatch;
        mismatch.pointer = difference.pointer.empty() ? "/" : difference.pointer;
        mismatch.keyword = "model-field";
        mismatch.message = difference.describe("the target");
        add(step, inferred, std::move(mismatch));
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
    std::optional<Played> alternative;
    if (references_.size() > 1) {
      alternative = play(*references_[1], sequence, moves, session, nullptr);
    }
    if (model.skip_reason.empty() && (!alternative || alternative->skip_reason.empty())) {
      Played target = play(target_, sequence, moves, target_.has_sessions() ? session : "", &model);
      outcome.skip_reason = target.skip_reason;
      outcome.steps = std::move(target.steps);
    } else {
      outcome.skip_reason =
          !model.skip_reason.empty() ? model.skip_reason : alternative->skip_reason;
    }
    for (Server* server : references_) reset(*server, session);
    if (target_.has_sessions()) reset(target_, session);
    if (!outcome.skip_reason.empty()) return outcome;
    judge(outcome.steps, model, alternative ? &*alternative : nullptr);
    for (const auto& step : outcome.steps) {
      outcome.failed = outcome.failed || !step.failures.empty();
      outcome.warned = outcome.warned || !step.warnings.empty();
    }
    if (record) record_coverage(sequence, moves, model);
    return outcome;
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
  run.started_at = now_iso8601();
  run.started_epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  run.generation_seed = options.seed;
  run.seeded_command = "explore";
  const std::string session_prefix = session_prefix_of_this_run();
  RunBudget budget(options.deadline_s);
  const auto started = std::chrono::steady_clock::now();
  for (const auto& [vendor, spec_file] : options.vendors) {
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
    Vocabulary vocabulary = vocabulary_of(spec, vendor, found->second.generate,
                                          found->second.values, model_found->second.values);
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
    };
    context_for(*target);
    std::vector<Server*> reference_servers;
    for (auto& reference : references) {
      context_for(*reference);
      reference_servers.push_back(reference.get());
    }
    keep_users_worth_naming(vocabulary, *reference_servers.front(), session_prefix);
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
      if (const std::string stop = budget.stop_reason(vendor); !stop.empty()) {
        not_started = end - index;
        run.past_deadline += budget.past_deadline() ? static_cast<int>(not_started) : 0;
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
