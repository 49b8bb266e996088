// The mock-server binary as a user runs it: flags, banner, readiness line, shutdown.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace statuskit::testing {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

const std::string kBinary = STATUSKIT_MOCK_SERVER_BIN;

TEST(MockServerCli, HelpDocumentsEveryFlagAndExitsZero) {
  auto result = run_command(kBinary + " --help");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* flag : {"--host",        "--port",         "--threads",
                           "--specs",       "--fixtures",     "--max-body",
                           "--strict",      "--max-sessions", "--drain-timeout-ms",
                           "--quiet",       "--defect",       "--list-defects",
                           "--admin-token", "--no-admin",     "--journal-size",
                           "--seed",        "--state-file",   "--fsync-every-write",
                           "--inferred",    "--ready-file"}) {
    EXPECT_NE(result.output.find(flag), std::string::npos) << flag;
  }
}

TEST(MockServerCli, BadFlagsExitTwo) {
  EXPECT_EQ(run_command(kBinary + " --no-such-flag").exit_code, 2);
  EXPECT_EQ(run_command(kBinary + " --port not-a-number").exit_code, 2);
  EXPECT_EQ(run_command(kBinary + " --threads 0").exit_code, 2);
  EXPECT_EQ(run_command(kBinary + " --specs /does/not/exist").exit_code, 2);
}

TEST(MockServerCli, AnUnknownInferredChoiceIsAUsageErrorNamingTheChoices) {
  auto result = run_command(kBinary + " --port 0 --inferred other");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("--inferred: other not in {default,alternative}"), std::string::npos)
      << result.output;
}

TEST(MockServerCli, AnUnloadableSpecIsAClearErrorNotACrash) {
  auto result = run_command(kBinary + " --port 0 --specs " + STATUSKIT_SOURCE_DIR +
                            "/fixtures --fixtures " + STATUSKIT_SOURCE_DIR + "/fixtures");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("cannot load spec"), std::string::npos) << result.output;
}

TEST(MockServerCli, ListDefectsPrintsOneNamedLinePerDefect) {
  auto result = run_command(kBinary + " --list-defects");
  EXPECT_EQ(result.exit_code, 0);
  for (const char* name :
       {"pria.self-not-skipped\t", "pria.accepts-501-ids\t", "docspace.partial-forbidden-list\t",
        "docspace.bare-array\t", "symphony.disables-protected-user\t",
        "symphony.error-without-code\t", "d3lay.workspace-shape\t", "d3lay.status-not-persisted\t",
        "rocketchat.missing-active-status-accepted\t",
        "rocketchat.forbidden-before-validation\t"}) {
    EXPECT_NE(result.output.find(name), std::string::npos) << name << "\n" << result.output;
  }
}

TEST(MockServerCli, AnUnknownDefectIsAUsageError) {
  auto result =
      run_command(kBinary + " --port 0 --defect pria.nope --specs " + STATUSKIT_SOURCE_DIR +
                  "/specs --fixtures " + STATUSKIT_SOURCE_DIR + "/fixtures");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("unknown defect 'pria.nope'"), std::string::npos) << result.output;
}

TEST(MockServerCli, ADefectIsAnnouncedInTheBanner) {
  auto arguments = project_mock_arguments();
  arguments.push_back("--defect");
  arguments.push_back("pria.accepts-501-ids");
  MockServerProcess server(kBinary, arguments);
  EXPECT_NE(server.output().find("DEFECT ON: pria.accepts-501-ids"), std::string::npos)
      << server.output();
}

TEST(MockServerCli, BannerListsEveryVendorsOperations) {
  MockServerProcess server(kBinary, project_mock_arguments());
  const auto output = server.output();
  for (const char* operation :
       {"PUT /api/admin/users/bulk-status", "GET /api/admin/user/{userId}",
        "PUT /api/2.0/people/status/{status}", "GET /api/2.0/people/{userid}",
        "POST /pod/v1/admin/user/{uid}/status/update", "GET /pod/v1/admin/user/{uid}/status",
        "GET /pod/v2/admin/user/{uid}", "PATCH /users/{id-or-identifier}",
        "GET /users/{id-or-identifier}", "POST /api/v1/users.setActiveStatus",
        "GET /api/v1/users.info"}) {
    EXPECT_NE(output.find(operation), std::string::npos) << operation << "\n" << output;
  }
}

/// Starts the mock with `--seed seed`, adds a 50% fault rule, and returns which of 40 requests
/// it failed ("x") or let through ("-").
std::string fault_pattern_with_seed(const std::string& seed) {
  auto arguments = project_mock_arguments();
  arguments.push_back("--seed");
  arguments.push_back(seed);
  MockServerProcess server(kBinary, arguments);
  EXPECT_NE(server.output().find("fault seed " + seed + " (replay with --seed " + seed + ")"),
            std::string::npos)
      << server.output();
  HttpClient client(server.base_url());
  EXPECT_EQ(client.get("/__admin/health").json()["faultSeed"].dump(), seed);
  const auto added =
      client.send_json("POST", "/__admin/faults",
                       {{"operationId", "getUserStatus"}, {"status", 503}, {"probability", 0.5}});
  EXPECT_EQ(added.status, 201) << added.body;
  std::string pattern;
  for (int i = 0; i < 40; ++i) {
    const auto answer = client.get("/pod/v1/admin/user/13056700580005/status",
                                   {"sessionToken: SYM-SESSION-ADMIN-4f1c9a2b"});
    pattern += answer.status == 503 ? 'x' : answer.status == 200 ? '-' : '?';
  }
  return pattern;
}

TEST(MockServerCli, TheSameSeedReplaysTheSameFaults) {
  const std::string pattern = fault_pattern_with_seed("20261123");
  EXPECT_EQ(pattern.find('?'), std::string::npos) << pattern;
  EXPECT_NE(pattern.find('x'), std::string::npos) << pattern;
  EXPECT_NE(pattern.find('-'), std::string::npos) << pattern;
  EXPECT_EQ(fault_pattern_with_seed("20261123"), pattern);
  EXPECT_NE(fault_pattern_with_seed("20261124"), pattern);
}

TEST(MockServerCli, WithoutASeedTheBannerNamesTheOneInUse) {
  MockServerProcess server(kBinary, project_mock_arguments());
  EXPECT_NE(server.output().find("(replay with --seed "), std::string::npos) << server.output();
  // --list-defects exits right after parsing, so an accepted seed cannot leave a server up.
  EXPECT_EQ(run_command(kBinary + " --seed -1 --list-defects").exit_code, 2);
  EXPECT_EQ(run_command(kBinary + " --seed x --list-defects").exit_code, 2);
  EXPECT_EQ(run_command(kBinary + " --seed 18446744073709551615 --list-defects").exit_code, 0);
}

/// A fresh folder for one test's files, removed with everything in it.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "statuskit-cli-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> ready_file_arguments(const std::string& ready_file) {
  auto arguments = project_mock_arguments();
  arguments.push_back("--ready-file");
  arguments.push_back(ready_file);
  return arguments;
}

TEST(MockServerCli, TheReadyFileHoldsThePortWhileTheServerAcceptsRequests) {
  TemporaryFolder folder;
  const std::string ready_file = folder.path() + "/mock.port";
  {
    std::ofstream stale(ready_file);
    stale << "1\n";  // a previous run's: must not survive the start
  }
  MockServerProcess server(kBinary, ready_file_arguments(ready_file));
  EXPECT_EQ(file_text(ready_file), std::to_string(server.port()) + "\n");
  // What a script does with it: connect to that port.
  HttpClient client("http://127.0.0.1:" + std::to_string(std::stoi(file_text(ready_file))));
  EXPECT_EQ(client.get("/__admin/health").status, 200);
  // Written by rename: no temporary file is left beside it.
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path()))
    names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"mock.port"});

  EXPECT_EQ(server.stop(SIGTERM), 0);
  EXPECT_FALSE(std::filesystem::exists(ready_file)) << "a stopped mock must not look ready";
}

TEST(MockServerCli, AStaleReadyFileIsRemovedEvenWhenTheStartFails) {
  TemporaryFolder folder;
  const std::string ready_file = folder.path() + "/mock.port";
  std::ofstream(ready_file) << "1\n";
  // Specs that do not load: the mock stops before listening.
  const auto result = run_command(kBinary + " --port 0 --ready-file " + ready_file + " --specs " +
                                  STATUSKIT_SOURCE_DIR + "/fixtures --fixtures " +
                                  STATUSKIT_SOURCE_DIR + "/fixtures");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_FALSE(std::filesystem::exists(ready_file)) << "a previous run's port survived";
}

TEST(MockServerCli, AReadyFileThatCannotBeWrittenStopsTheStart) {
  TemporaryFolder folder;
  const std::string ready_file = folder.path() + "/no-such-folder/mock.port";
  std::string command = kBinary + " --port 0 --ready-file " + ready_file;
  for (const auto& argument : project_mock_arguments()) command += " " + argument;
  const auto result = run_command(command);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("cannot write the ready file: cannot create " + ready_file),
            std::string::npos)
      << result.output;
  // Whoever reads the output must not take the mock for ready either.
  EXPECT_EQ(result.output.find("listening on"), std::string::npos) << result.output;
}

TEST(MockServerCli, LogsOneLinePerRequest) {
  MockServerProcess server(kBinary, project_mock_arguments());
  HttpClient client(server.base_url());
  ASSERT_EQ(client.get("/no/such/path").status, 404);
  EXPECT_EQ(server.stop(SIGTERM), 0);
  EXPECT_NE(server.output().find("GET /no/such/path 404 "), std::string::npos) << server.output();
}

TEST(MockServerCli, SigtermAndSigintStopCleanlyWithExitZero) {
  for (int signal_number : {SIGTERM, SIGINT}) {
    MockServerProcess server(kBinary, project_mock_arguments());
    EXPECT_EQ(server.stop(signal_number), 0);
    EXPECT_NE(server.output().find("stopped"), std::string::npos) << server.output();
  }
}

}  // namespace
}  // namespace statuskit::testing
