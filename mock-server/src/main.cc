// mock-server: serves the five vendors' user-status APIs from specs/ and fixtures/.
#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <optional>
#include <random>
#include <thread>

#include "control/ready_file.h"
#include "inferred_choice.h"
#include "mock_pipeline.h"
#include "statuskit/data_dir.h"
#include "statuskit/program_name.h"
#include "statuskit/version.h"
#include "transport/http_server.h"
#include "vendors/vendor_registry.h"

namespace {

constexpr int kUsageError = 2;

struct ServerFlags {
  statuskit::mock::HttpServerOptions http;
  statuskit::mock::PipelineOptions pipeline;
  // The bundled data (statuskit/data_dir.h), wherever the mock is started from.
  std::string specs_dir = (statuskit::data_dir() / "specs").string();
  std::string fixtures_dir = (statuskit::data_dir() / "fixtures").string();
  int drain_timeout_ms = 10000;
  int idle_timeout_ms = 30000;
  int request_timeout_ms = 10000;
  bool list_defects = false;
  std::optional<std::uint64_t> seed;
  std::string inferred = "default";
  std::string ready_file;
};

/// A data folder named on the command line: a relative one is looked up in the current folder,
/// then in the bundled data (statuskit/data_dir.h); it must exist.
CLI::Validator data_folder() {
  return CLI::Validator(
      [](std::string& folder) {
        folder = statuskit::resolve_data_path(folder, statuskit::data_dir());
        std::string checked = folder;
        return CLI::ExistingDirectory(checked);
      },
      "DIR");
}

void add_flags(CLI::App& app, ServerFlags& flags) {
  // Half the cores: the clients under test nearly always run on the same machine (a CI job),
  // and a reactor that competes with them for a core gets preempted holding a session's lock.
  // On 2 cores at 32 connections, 1 thread served 55-69k req/s with p99 0.7 ms where 2 served
  // 47-50k with p99 4.4 ms (docs/benchmarks.md).
  flags.http.threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency() / 2));
  app.add_option("--host", flags.http.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", flags.http.port, "TCP port; 0 picks a free one (printed at start)")
      ->capture_default_str();
  app.add_option("--ready-file", flags.ready_file,
                 "Once listening, write the port to this file (atomically: temp file + rename), "
                 "so a script can wait for it; removed at start and at shutdown");
  // No captured default: it is this machine's core count, wrong in a man page made elsewhere.
  app.add_option("--threads", flags.http.threads,
                 "Worker threads (default: half the cores, at least 1)")
      ->check(CLI::Range(1, 256));
  app.add_option("--specs", flags.specs_dir,
                 "Folder with the vendors' OpenAPI documents (a relative one not found here is "
                 "looked up in the bundled data)")
      ->transform(data_folder())
      ->capture_default_str();
  app.add_option("--fixtures", flags.fixtures_dir,
                 "Folder with the vendors' seed state (a relative one not found here is looked "
                 "up in the bundled data)")
      ->transform(data_folder())
      ->capture_default_str();
  app.add_option("--max-body", flags.http.max_body_bytes,
                 "Largest request body in bytes; larger ones get 413 (default fits a 500-id "
                 "bulk request many times over)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30))
      ->capture_default_str();
  app.add_option("--max-header-bytes", flags.http.max_header_bytes,
                 "Largest request line plus header fields; larger ones get 431 (414 for a "
                 "request line alone) and the connection closes")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 20))
      ->capture_default_str();
  app.add_option("--idle-timeout-ms", flags.idle_timeout_ms,
                 "Close a keep-alive connection after this long without a request")
      ->check(CLI::Range(10, 3600000))
      ->capture_default_str();
  app.add_option("--request-timeout-ms", flags.request_timeout_ms,
                 "A request must arrive whole (headers and body) within this long of its first "
                 "byte, else 408 and the connection closes (slow clients)")
      ->check(CLI::Range(10, 3600000))
      ->capture_default_str();
  app.add_option("--max-connections", flags.http.max_connections,
                 "Open connections at most; at the limit a new one replaces the longest-idle "
                 "one (default: half the open-file limit less a reserve, printed at start)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  app.add_flag("--strict", flags.pipeline.strict,
               "Validate every response against its spec; a violation becomes a 500 that "
               "names it (use in tests so the mock cannot drift from its specs)");
  app.add_option("--max-sessions", flags.pipeline.max_sessions,
                 "Most sessions (X-Statuskit-Session) kept; the least recently used is evicted "
                 "(a --state-file holding more stops the start)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  app.add_option("--drain-timeout-ms", flags.drain_timeout_ms,
                 "On SIGTERM/SIGINT, how long to wait for in-flight requests")
      ->check(CLI::Range(0, 600000))
      ->capture_default_str();
  app.add_flag("--quiet{false}", flags.http.log_requests, "Do not log one line per request");
  app.add_option("--journal-size", flags.pipeline.journal_capacity,
                 "Requests kept in the journal (GET /__admin/requests), oldest dropped first; "
                 "0 turns it off")
      ->check(CLI::Range(std::size_t{0}, std::size_t{10000000}))
      ->capture_default_str();
  app.add_option("--journal-bytes", flags.pipeline.journal_bytes,
                 "Bytes the journal's entries may hold in all, oldest dropped first (whichever "
                 "of this and --journal-size is reached first), so memory stays bounded under "
                 "large requests")
      ->check(CLI::Range(std::size_t{64 * 1024}, std::size_t{1} << 40U))
      ->capture_default_str();
  app.add_option("--admin-token", flags.pipeline.admin_token,
                 "Require 'Authorization: Bearer TOKEN' on every /__admin/ call");
  app.add_flag("--no-admin{false}", flags.pipeline.admin_enabled,
               "Do not serve the control plane under /__admin/");
  app.add_option("--defect", flags.pipeline.defects,
                 "Deviate from the spec in one named way, for every request (repeatable; "
                 "--list-defects prints the names). Strict mode stands down while one is on.");
  app.add_option("--state-file", flags.pipeline.state_file,
                 "Keep every session's state in this JSON file (a regular file): loaded and "
                 "saved at start (one that cannot be written stops the start), replaced "
                 "atomically (temp file + rename) after each change and at shutdown; a change "
                 "that cannot be saved is undone and answered 500");
  app.add_flag("--fsync-every-write", flags.pipeline.fsync_every_write,
               "fsync the state file on every save, so no acknowledged write is lost even on "
               "power failure (slower)");
  app.add_option("--seed", flags.seed,
                 "Base seed of the fault rules' random draws (probability, latency), so a run "
                 "can be replayed; printed at start (default: a random one)")
      // Without it CLI11 would wrap "-1" around to 2^64-1.
      ->check(CLI::NonNegativeNumber);
  app.add_option("--inferred", flags.inferred,
                 "Where the vendors' behaviour is inferred (x-statuskit-inferred in specs/): "
                 "'default' makes the choice the specs describe, 'alternative' the other "
                 "plausible one everywhere (docs/inferred-choices.md), to find suite "
                 "expectations that assert a guess")
      ->check(CLI::IsMember({"default", "alternative"}))
      ->capture_default_str();
  app.add_flag("--list-defects", flags.list_defects,
               "Print the defect catalogue (NAME<TAB>description, one per line) and exit");
}

/// Connections are limited by open files; take the most the system allows this process.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int run(int argc, char** argv) {
  CLI::App app{
      "statuskit mock-server: the Pria, Rocket.Chat, Symphony, D3lay and ONLYOFFICE DocSpace "
      "user-status APIs with state, auth and every documented error, on one port."};
  app.set_version_flag("--version", std::string("statuskit mock-server ") + statuskit::kVersion);
  ServerFlags flags;
  add_flags(app, flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kUsageError;
  }

  if (flags.list_defects) {
    for (const auto& module : statuskit::mock::all_vendor_modules()) {
      for (const auto& defect : module->defects()) {
        std::cout << defect.name << "\t" << defect.description << "\n";
      }
    }
    return 0;
  }

  // A write to a closed socket must not kill the process.
  signal(SIGPIPE, SIG_IGN);
  // Nor a write past the file-size limit (RLIMIT_FSIZE): without this the kernel's SIGXFSZ ends
  // the process and every change held in memory is lost. Ignored, the write fails with EFBIG,
  // and the save reports it like a full disk (a 500 for the change it could not keep).
  signal(SIGXFSZ, SIG_IGN);

  flags.pipeline.max_body_bytes = flags.http.max_body_bytes;
  // CLI11 has already refused anything but the two names.
  flags.pipeline.inferred = statuskit::mock::parse_inferred_choice(flags.inferred)
                                .value_or(statuskit::mock::InferredChoice::kDefault);
  flags.http.idle_timeout = std::chrono::milliseconds(flags.idle_timeout_ms);
  flags.http.request_timeout = std::chrono::milliseconds(flags.request_timeout_ms);
  raise_open_file_limit();
  flags.pipeline.fault_seed =
      flags.seed ? *flags.seed
                 : (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  std::unique_ptr<statuskit::mock::MockPipeline> pipeline;
  try {
    // First, so a script waiting for the file never reads a previous run's port.
    if (!flags.ready_file.empty()) statuskit::mock::withdraw_ready_file(flags.ready_file);
    pipeline = statuskit::mock::MockPipeline::load(
        statuskit::mock::all_vendor_modules(), flags.specs_dir, flags.fixtures_dir, flags.pipeline);
    pipeline->load_state_file();
  } catch (const std::invalid_argument& error) {
    std::cerr << statuskit::program_name() << ": " << error.what() << "\n";
    return kUsageError;
  } catch (const std::exception& error) {
    std::cerr << statuskit::program_name() << ": " << error.what() << "\n";
    return 1;
  }
  // Block the stop signals in every thread (workers inherit this mask) so only sigwait() below
  // sees them. Only now, after loading: until then SIGTERM/SIGINT must still stop a start that
  // is stuck (a slow disk, a state file on a hung network mount).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  statuskit::mock::HttpServer server(*pipeline, flags.http);
  try {
    server.start();
  } catch (const std::exception& error) {
    std::cerr << statuskit::program_name() << ": " << error.what() << "\n";
    return 1;
  }
  if (!flags.ready_file.empty()) {
    try {
      statuskit::mock::publish_ready_file(flags.ready_file, server.port());
    } catch (const std::exception& error) {
      // A script waiting for the file would wait forever: better not to run at all.
      std::cerr << statuskit::program_name() << ": " << error.what() << "\n";
      server.drain_and_stop(std::chrono::milliseconds(0));
      return 1;
    }
  }

  std::cout << "statuskit mock-server " << statuskit::kVersion
            << (flags.pipeline.strict ? " (strict)" : "") << "\n";
  for (const auto& defect : flags.pipeline.defects) std::cout << "  DEFECT ON: " << defect << "\n";
  std::cout << "  inferred behaviour: " << flags.inferred
            << (flags.pipeline.inferred == statuskit::mock::InferredChoice::kAlternative
                    ? " (the other plausible choice everywhere; docs/inferred-choices.md)"
                    : "")
            << "\n";
  std::cout << "  at most " << server.max_connections() << " connections\n";
  std::cout << "  fault seed " << flags.pipeline.fault_seed << " (replay with --seed "
            << flags.pipeline.fault_seed << ")\n";
  for (const auto& line : pipeline->served_operations()) std::cout << "  " << line << "\n";
  // Tests and scripts wait for this exact line (it carries the real port when --port 0).
  std::cout << "listening on http://" << flags.http.host << ":" << server.port() << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  std::cout << "received " << (received == SIGINT ? "SIGINT" : "SIGTERM")
            << ", finishing in-flight requests" << std::endl;
  if (!flags.ready_file.empty()) {
    // New requests get 503 from now on: the mock is no longer ready.
    try {
      statuskit::mock::withdraw_ready_file(flags.ready_file);
    } catch (const std::exception& error) {
      std::cerr << statuskit::program_name() << ": " << error.what() << "\n";
    }
  }
  const bool drained = server.drain_and_stop(std::chrono::milliseconds(flags.drain_timeout_ms));
  const bool saved = pipeline->persist();
  std::cout << (drained ? "stopped" : "stopped with requests still in flight") << std::endl;
  if (!saved) {
    // The state could not be kept: a script checking the exit code must not take it for a
    // clean run.
    std::cerr << statuskit::program_name()
              << ": the final save of the state file failed (see above)" << std::endl;
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  statuskit::set_program_name(argc > 0 ? argv[0] : nullptr, "statuskit-mock");
#ifdef __GLIBC__
  // One malloc arena for all threads instead of one per thread: the journal keeps up to
  // --journal-bytes of bodies allocated on every reactor thread, and per-thread arenas
  // fragmented around them. 1.1M requests of 500 ids (14 KB bodies, 28 KB answers): RSS flat
  // at 45 MB with one arena, 54-67 MB with one per thread. Small allocations still come from
  // each thread's cache without a lock.
  mallopt(M_ARENA_MAX, 1);
  // Large buffers (journal pages, big answers, request bodies) are mapped on their own and given
  // back to the system when freed. Left to itself, glibc raises this threshold to the largest
  // block ever freed, after which such buffers come from the heap and stay resident: 8 clients
  // pipelining unread 8 MB journal pages left 936 MiB resident after they hung up.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
  // What run() does not handle where it happens (an exception from the command-line library or
  // the standard library) ends the program with its message and status 1, not with an abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << statuskit::program_name() << ": " << error.what() << "\n";
  } catch (...) {
    std::cerr << statuskit::program_name() << ": unknown error\n";
  }
  return 1;
}
