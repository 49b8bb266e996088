// docs/ci.md's GitHub Actions and GitLab CI jobs, run as their CI systems would run them, since
// no CI runner is reachable from here: every YAML block is parsed, every job's shell steps run
// as written, and each must exit 0 and leave behind the report files its upload steps name.
//
// Replaced, by rule, is only what a runner (or the job's install step) provides:
// - An install step is not run: a GitHub `run:` or a GitLab script entry that calls apt-get or
//   tools/setup (the Debian package, or the build from a checkout). Instead the statuskit this
//   test was built with is installed (`cmake --install`) into a temporary prefix whose bin/
//   comes first on PATH, which is what those steps achieve. Blocks that only show another
//   install must hold nothing else.
// - Actions (`uses:`) are not run; the files they would upload must exist.
// - The checkout is a temporary folder; a job that reads a baseline finds one there, recorded
//   as docs/ci.md says against the test's "staging server" (a mock with a defect on, profiled
//   with statuskit_mock: false), whose profile is also the secret / file variable the jobs read.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "statuskit/openapi/document_loader.h"
#include "support/child_process.h"
#include "support/mock_server_process.h"

namespace statuskit::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
const std::string kRoot = STATUSKIT_SOURCE_DIR;
const std::string kDocument = kRoot + "/docs/ci.md";
constexpr const char* kStagingDefect = "symphony.error-without-code";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---------------------------------------------------------------------------------------------
// The document: its YAML blocks and the jobs in them.

/// A block read by the engine's YAML loader, as statuskit reads every YAML file.
json parse_block(const std::string& text) { return openapi::parse_yaml_text(text, "docs/ci.md"); }

/// The value of `key` in a mapping; null when there is none (or `node` is no mapping).
const json& member(const json& node, const std::string& key) {
  static const json kAbsent;
  if (!node.is_object()) return kAbsent;
  const auto found = node.find(key);
  return found == node.end() ? kAbsent : *found;
}

bool has(const json& node, const std::string& key) { return !member(node, key).is_null(); }

/// A scalar as text: a string as it is, a number or boolean as JSON writes it.
std::string text_of(const json& node) {
  return node.is_string() ? node.get<std::string>() : node.dump();
}

enum class Dialect { kGitHub, kGitLab };

struct YamlBlock {
  Dialect dialect;
  int line;  ///< where the block starts in docs/ci.md
  std::string text;
};

/// Every ```yaml block; its first line says which file it belongs to.
std::vector<YamlBlock> yaml_blocks(const std::string& markdown) {
  std::vector<YamlBlock> blocks;
  std::stringstream lines(markdown);
  int number = 0;
  std::string line;
  while (std::getline(lines, line)) {
    ++number;
    if (line != "```yaml") continue;
    YamlBlock block{Dialect::kGitHub, number + 1, ""};
    while (std::getline(lines, line) && line != "```") {
      ++number;
      block.text += line + "\n";
    }
    ++number;
    if (block.text.rfind("# .gitlab-ci.yml", 0) == 0) {
      block.dialect = Dialect::kGitLab;
    } else if (block.text.rfind("# .github/workflows/", 0) != 0) {
      throw std::runtime_error("docs/ci.md:" + std::to_string(block.line) +
                               ": a yaml block must start with '# .github/workflows/...' or "
                               "'# .gitlab-ci.yml'");
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

struct Job {
  Dialect dialect;
  std::size_t block;  ///< index into yaml_blocks()
  std::string name;
};

void PrintTo(const Job& job, std::ostream* out) {
  *out << (job.dialect == Dialect::kGitHub ? "GitHub job " : "GitLab job ") << job.name;
}

/// GitLab's top-level keys that are not jobs.
bool is_gitlab_keyword(const std::string& key) {
  static const std::vector<std::string> keywords = {
      "default", "include",  "stages", "variables",     "workflow",
      "image",   "services", "cache",  "before_script", "after_script"};
  return key.front() == '.' || std::find(keywords.begin(), keywords.end(), key) != keywords.end();
}

/// The jobs of every complete workflow or pipeline in the document.
std::vector<Job> documented_jobs() {
  std::vector<Job> jobs;
  const auto blocks = yaml_blocks(read_text(kDocument));
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const json root = parse_block(blocks[i].text);
    if (blocks[i].dialect == Dialect::kGitHub) {
      if (!root.is_object()) continue;  // a list of steps: a replacement for one step
      for (const auto& job : member(root, "jobs").items()) {
        jobs.push_back({Dialect::kGitHub, i, job.key()});
      }
    } else {
      for (const auto& entry : root.items()) {
        if (!is_gitlab_keyword(entry.key())) jobs.push_back({Dialect::kGitLab, i, entry.key()});
      }
    }
  }
  return jobs;
}

/// Installs statuskit or what it needs: the test stands in for it (see the top of the file).
bool is_install(const std::string& script) {
  return script.find("apt-get") != std::string::npos ||
         script.find("tools/setup") != std::string::npos;
}

// ---------------------------------------------------------------------------------------------
// What a runner provides: a checkout, a temporary folder, statuskit on PATH, a staging server.

class RunnerFixture {
 public:
  /// `staging`: the job tests a staging server, so start one and record its baseline.
  explicit RunnerFixture(bool staging) {
    std::string pattern = (fs::temp_directory_path() / "statuskit-ci-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
    fs::create_directories(workspace());
    fs::create_directories(runner_temp());
    install_statuskit();
    if (staging) start_staging_server();
  }
  ~RunnerFixture() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  std::string workspace() const { return root_ + "/workspace"; }
  std::string runner_temp() const { return root_ + "/runner-temp"; }
  std::string bin() const { return root_ + "/usr/bin"; }
  std::string path() const {
    const char* inherited = std::getenv("PATH");
    return bin() + ":" + (inherited != nullptr ? inherited : "/usr/bin:/bin");
  }
  const std::string& staging_profile_text() const { return staging_profile_text_; }
  std::string staging_profile_file() const { return root_ + "/staging-profile.yaml"; }
  std::string log(const std::string& name) const { return root_ + "/" + name + ".log"; }

 private:
  void install_statuskit() {
    ChildProcess install(
        {STATUSKIT_CMAKE_COMMAND, "--install", STATUSKIT_BINARY_DIR, "--prefix", root_ + "/usr"},
        log("install"));
    ASSERT_EQ(install.wait(), 0) << install.output();
    for (const char* program : {"statuskit-mock", "statuskit-conformance"}) {
      ASSERT_TRUE(fs::exists(bin() + "/" + program))
          << "cmake --install put no " << program << " in bin/:\n"
          << install.output();
    }
  }

  /// A mock with a defect on, treated as a vendor's server (no sessions), and the baseline of
  /// its known deviation, recorded into the checkout as docs/ci.md tells a vendor to.
  void start_staging_server() {
    auto arguments = project_mock_arguments();
    arguments.insert(arguments.end(), {"--defect", kStagingDefect});
    staging_ = std::make_unique<MockServerProcess>(STATUSKIT_MOCK_SERVER_BIN, arguments);
    std::string profile = read_text(kRoot + "/fixtures/targets/mock.yaml");
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"base_url: http://127.0.0.1:8080",
                                              "base_url: " + staging_->base_url()},
          {"statuskit_mock: true", "statuskit_mock: false"}}) {
      const auto at = profile.find(from);
      ASSERT_NE(at, std::string::npos) << "fixtures/targets/mock.yaml has no '" << from << "'";
      profile.replace(at, from.size(), to);
    }
    staging_profile_text_ = profile;
    std::ofstream(staging_profile_file()) << profile;
    fs::create_directories(workspace() + "/statuskit");
    ChildProcess record(
        {bin() + "/statuskit-conformance", "run", "--profile", staging_profile_file(),
         "--write-baseline", workspace() + "/statuskit/staging-baseline.json", "--quiet"},
        log("record-baseline"));
    ASSERT_EQ(record.wait(), 0) << record.output();
    const auto baseline =
        nlohmann::json::parse(read_text(workspace() + "/statuskit/staging-baseline.json"));
    ASSERT_FALSE(baseline["deviations"].empty())
        << "the staging server's defect (" << kStagingDefect << ") left no deviation to record";
  }

  std::string root_;
  std::unique_ptr<MockServerProcess> staging_;
  std::string staging_profile_text_;
};

/// A file an upload step or artifacts: names: present, and a readable report of its kind.
void expect_report(const std::string& job, const std::string& workspace, std::string path,
                   bool baselined) {
  while (!path.empty() && std::isspace(static_cast<unsigned char>(path.back()))) path.pop_back();
  if (path.empty()) return;
  const std::string file = workspace + "/" + path;
  ASSERT_TRUE(fs::is_regular_file(file)) << job << ": nothing to upload at " << path;
  const std::string text = read_text(file);
  if (path.ends_with(".xml")) {
    EXPECT_EQ(text.rfind("<?xml", 0), 0U) << path;
    EXPECT_NE(text.find("<testsuites"), std::string::npos) << path;
  } else if (path.ends_with(".sarif")) {
    const auto sarif = nlohmann::json::parse(text);
    EXPECT_EQ(sarif["version"], "2.1.0") << path;
    if (baselined) {
      // The job gated on the baseline: its known deviation is reported as such, not as new.
      int unchanged = 0;
      for (const auto& run : sarif["runs"]) {
        for (const auto& result : run["results"])
          unchanged += result.value("baselineState", "") == "unchanged";
      }
      EXPECT_GT(unchanged, 0) << path << ": no baselined result";
    }
  } else if (path.ends_with(".html")) {
    EXPECT_NE(text.find("<html"), std::string::npos) << path;
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void write_script(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// ---------------------------------------------------------------------------------------------
// GitHub Actions

/// `${{ secrets.NAME }}` and `${{ vars.NAME }}` as the repository settings would give them.
std::string github_expression(const std::string& value, const RunnerFixture& runner) {
  static const std::regex expression(R"(^\$\{\{\s*(secrets|vars)\.(\w+)\s*\}\}$)");
  std::smatch match;
  if (value.find("${{") == std::string::npos) return value;
  if (!std::regex_match(value, match, expression)) {
    ADD_FAILURE() << "an expression the test does not provide: " << value;
    return "";
  }
  if (match[2] == "STATUSKIT_STAGING_PROFILE") return runner.staging_profile_text();
  return "(" + match[1].str() + "." + match[2].str() + ": only read by install steps)";
}

void add_env(std::map<std::string, std::string>& env, const json& node,
             const RunnerFixture& runner) {
  if (!node.is_object()) return;
  for (const auto& entry : node.items()) {
    env[entry.key()] = github_expression(text_of(entry.value()), runner);
  }
}

/// How the runner calls a step's script: `shell: bash` is bash --noprofile --norc -eo pipefail;
/// without one, a container job uses sh -e, a job on the host bash -e.
std::vector<std::string> github_shell(const std::string& shell, bool container,
                                      const std::string& script) {
  if (shell == "bash") return {"bash", "--noprofile", "--norc", "-eo", "pipefail", script};
  if (shell == "sh" || (shell.empty() && container)) return {"sh", "-e", script};
  if (shell.empty()) return {"bash", "-e", script};
  ADD_FAILURE() << "a shell the test does not run: " << shell;
  return {"false"};
}

/// NAME=value lines (and NAME<<DELIMITER blocks) a step appended to $GITHUB_ENV.
void read_github_env(const std::string& file, std::map<std::string, std::string>& env) {
  const auto lines = lines_of(read_text(file));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto heredoc = lines[i].find("<<");
    const auto equals = lines[i].find('=');
    if (heredoc != std::string::npos && (equals == std::string::npos || heredoc < equals)) {
      const std::string name = lines[i].substr(0, heredoc);
      const std::string delimiter = lines[i].substr(heredoc + 2);
      std::string value;
      while (++i < lines.size() && lines[i] != delimiter)
        value += (value.empty() ? "" : "\n") + lines[i];
      env[name] = value;
    } else if (equals != std::string::npos) {
      env[lines[i].substr(0, equals)] = lines[i].substr(equals + 1);
    }
  }
}

void run_github_job(const json& workflow, const std::string& name) {
  const json& job = member(member(workflow, "jobs"), name);
  for (const auto& key : job.items()) {
    static const std::vector<std::string> known = {
        "runs-on", "container", "defaults", "permissions", "steps", "env", "name"};
    EXPECT_NE(std::find(known.begin(), known.end(), key.key()), known.end())
        << "job " << name << ": the test does not emulate '" << key.key() << "'";
  }
  const std::string text = job.dump();
  const bool gated_by_baseline = text.find("--baseline") != std::string::npos;
  RunnerFixture runner(text.find("STATUSKIT_STAGING_PROFILE") != std::string::npos);
  if (::testing::Test::HasFatalFailure()) return;

  std::map<std::string, std::string> env = {{"CI", "true"},
                                            {"GITHUB_ACTIONS", "true"},
                                            {"GITHUB_WORKSPACE", runner.workspace()},
                                            {"RUNNER_TEMP", runner.runner_temp()}};
  add_env(env, member(workflow, "env"), runner);
  add_env(env, member(job, "env"), runner);
  std::vector<std::string> path_entries;  // from $GITHUB_PATH, newest first
  const bool container = has(job, "container");
  std::string default_shell;
  for (const json* defaults : {&member(workflow, "defaults"), &member(job, "defaults")}) {
    const json& shell = member(member(*defaults, "run"), "shell");
    if (!shell.is_null()) default_shell = text_of(shell);
  }

  ProcessGroup job_processes;  // what the steps leave running ends with the job
  bool failed = false;
  int index = 0;
  for (const auto& step : member(job, "steps")) {
    ++index;
    const std::string label = name + " step " + std::to_string(index) + " (" +
                              (has(step, "name")   ? text_of(step["name"])
                               : has(step, "uses") ? text_of(step["uses"])
                                                   : "run") +
                              ")";
    for (const auto& key : step.items()) {
      static const std::vector<std::string> known = {"name", "uses", "with", "run",
                                                     "env",  "if",   "shell"};
      EXPECT_NE(std::find(known.begin(), known.end(), key.key()), known.end())
          << label << ": the test does not emulate '" << key.key() << "'";
    }
    const std::string condition = has(step, "if") ? text_of(step["if"]) : "";
    EXPECT_TRUE(condition.empty() || condition == "always()")
        << label << ": a condition the test does not evaluate: " << condition;
    if (failed && condition != "always()") continue;

    if (has(step, "uses")) {
      // Not run; what it would upload must be there.
      const json& with = member(step, "with");
      for (const char* key : {"path", "sarif_file"}) {
        if (!has(with, key)) continue;
        for (const auto& path : lines_of(text_of(with[key]))) {
          expect_report(label, runner.workspace(), path, gated_by_baseline);
        }
      }
      continue;
    }
    const std::string script = text_of(member(step, "run"));
    if (is_install(script)) continue;
    EXPECT_EQ(script.find("${{"), std::string::npos)
        << label << ": an expression in run: (pass it through env: instead)";

    auto step_env = env;
    add_env(step_env, member(step, "env"), runner);
    const std::string env_file = runner.runner_temp() + "/env-" + std::to_string(index);
    const std::string path_file = runner.runner_temp() + "/path-" + std::to_string(index);
    write_script(env_file, "");
    write_script(path_file, "");
    step_env["GITHUB_ENV"] = env_file;
    step_env["GITHUB_PATH"] = path_file;
    std::string path = runner.path();
    for (const auto& entry : path_entries) path = entry + ":" + path;
    step_env["PATH"] = path;
    SpawnOptions options;
    for (const auto& [variable, value] : step_env)
      options.environment.push_back(variable + "=" + value);
    options.working_directory = runner.workspace();
    options.process_group = job_processes.id();
    const std::string script_file = runner.runner_temp() + "/step-" + std::to_string(index) + ".sh";
    write_script(script_file, script);
    const std::string shell = has(step, "shell") ? text_of(step["shell"]) : default_shell;
    ChildProcess run(github_shell(shell, container, script_file),
                     runner.log("step-" + std::to_string(index)), options);
    const int exit_code = run.wait();
    if (exit_code != 0) {
      failed = true;
      ADD_FAILURE() << label << " exited " << exit_code << ":\n"
                    << script << "\n---\n"
                    << run.output();
    }
    read_github_env(env_file, env);
    for (const auto& entry : lines_of(read_text(path_file)))
      path_entries.insert(path_entries.begin(), entry);
  }
}

/// A list of steps shown in place of another: everything in it must be what the test skips.
void expect_only_install_steps(const json& steps, int line) {
  ASSERT_TRUE(steps.is_array()) << "docs/ci.md:" << line;
  for (const auto& step : steps) {
    const bool skipped =
        has(step, "uses") || (has(step, "run") && is_install(text_of(member(step, "run"))));
    EXPECT_TRUE(skipped) << "docs/ci.md:" << line
                         << ": a step shown in place of the install step that the test would "
                            "not run:\n"
                         << step.dump(2);
  }
}

// ---------------------------------------------------------------------------------------------
// GitLab CI

/// A job's key, or the same key under default:.
const json& gitlab_setting(const json& pipeline, const json& job, const char* key) {
  if (has(job, key)) return member(job, key);
  return member(member(pipeline, "default"), key);
}

/// The entries of a script list that run (install entries are left out).
std::string gitlab_script(const json& entries) {
  std::string script;
  if (entries.is_null()) return script;
  for (const auto& entry : entries) {
    const std::string line = text_of(entry);
    if (!is_install(line)) script += line + "\n";
  }
  return script;
}

void run_gitlab_job(const json& pipeline, const std::string& name) {
  const json& job = member(pipeline, name);
  for (const auto& key : job.items()) {
    static const std::vector<std::string> known = {"script",    "before_script", "after_script",
                                                   "artifacts", "variables",     "image"};
    EXPECT_NE(std::find(known.begin(), known.end(), key.key()), known.end())
        << "job " << name << ": the test does not emulate '" << key.key() << "'";
  }
  const std::string text = job.dump();
  const bool gated_by_baseline = text.find("--baseline") != std::string::npos;
  RunnerFixture runner(text.find("STATUSKIT_STAGING_PROFILE") != std::string::npos);
  if (::testing::Test::HasFatalFailure()) return;

  SpawnOptions options;
  std::map<std::string, std::string> env = {
      {"CI", "true"},
      {"GITLAB_CI", "true"},
      {"CI_JOB_NAME", name},
      {"CI_PROJECT_DIR", runner.workspace()},
      {"PATH", runner.path()},
      // CI/CD variables of the project: a File variable is the path of a file holding it.
      {"STATUSKIT_STAGING_PROFILE", runner.staging_profile_file()},
      {"STATUSKIT_DEB_URL", "(only read by install steps)"},
      {"STATUSKIT_GIT_URL", "(only read by install steps)"}};
  for (const json* variables : {&member(pipeline, "variables"), &member(job, "variables")}) {
    if (!variables->is_object()) continue;
    for (const auto& entry : variables->items()) env[entry.key()] = text_of(entry.value());
  }
  for (const auto& [variable, value] : env) options.environment.push_back(variable + "=" + value);
  options.working_directory = runner.workspace();
  ProcessGroup job_processes;  // what the script leaves running ends with the job
  options.process_group = job_processes.id();

  // before_script and script: one shell; after_script: another, whatever happened.
  const std::string main_script = gitlab_script(gitlab_setting(pipeline, job, "before_script")) +
                                  gitlab_script(member(job, "script"));
  const std::string main_file = runner.runner_temp() + "/script.sh";
  write_script(main_file, main_script);
  ChildProcess main_run({"bash", "-eo", "pipefail", main_file}, runner.log("script"), options);
  const int main_exit = main_run.wait();
  EXPECT_EQ(main_exit, 0) << name << ": script:\n" << main_script << "\n---\n" << main_run.output();

  const std::string after_script = gitlab_script(gitlab_setting(pipeline, job, "after_script"));
  if (!after_script.empty()) {
    const std::string after_file = runner.runner_temp() + "/after_script.sh";
    write_script(after_file, after_script);
    ChildProcess after_run({"bash", "-eo", "pipefail", after_file}, runner.log("after_script"),
                           options);
    EXPECT_EQ(after_run.wait(), 0) << name << ": after_script:\n"
                                   << after_script << "\n---\n"
                                   << after_run.output();
  }

  const json& artifacts = member(job, "artifacts");
  ASSERT_FALSE(artifacts.is_null()) << name << " uploads no reports";
  for (const auto& path : member(artifacts, "paths")) {
    expect_report(name, runner.workspace(), text_of(path), gated_by_baseline);
  }
  const json& junit = member(member(artifacts, "reports"), "junit");
  if (junit.is_array()) {
    for (const auto& path : junit) expect_report(name, runner.workspace(), text_of(path), false);
  } else if (!junit.is_null()) {
    expect_report(name, runner.workspace(), text_of(junit), false);
  }
}

/// A pipeline shown in place of default:: its before_script must be install entries only.
void expect_only_install_entries(const json& pipeline, int line) {
  for (const auto& entry : pipeline.items()) {
    EXPECT_EQ(entry.key(), "default")
        << "docs/ci.md:" << line << ": a block without jobs shows only default:";
  }
  const json& defaults = member(pipeline, "default");
  EXPECT_EQ(gitlab_script(member(defaults, "before_script")), "")
      << "docs/ci.md:" << line << ": before_script holds entries the test would not run";
  EXPECT_FALSE(has(defaults, "script")) << "docs/ci.md:" << line;
  EXPECT_FALSE(has(defaults, "after_script")) << "docs/ci.md:" << line;
}

// ---------------------------------------------------------------------------------------------

class CiJob : public ::testing::TestWithParam<Job> {};

TEST_P(CiJob, RunsAsWrittenAndLeavesItsReports) {
  const Job& job = GetParam();
  const auto blocks = yaml_blocks(read_text(kDocument));
  const json root = parse_block(blocks[job.block].text);
  if (job.dialect == Dialect::kGitHub) {
    run_github_job(root, job.name);
  } else {
    run_gitlab_job(root, job.name);
  }
}

std::string job_test_name(const ::testing::TestParamInfo<Job>& job) {
  std::string name = job.param.dialect == Dialect::kGitHub ? "github_" : "gitlab_";
  for (char c : job.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Docs, CiJob, ::testing::ValuesIn(documented_jobs()), job_test_name);

TEST(CiJobsDoc, BothSystemsHaveAMockJobAndAStagingJob) {
  int github = 0;
  int gitlab = 0;
  for (const auto& job : documented_jobs()) ++(job.dialect == Dialect::kGitHub ? github : gitlab);
  EXPECT_GE(github, 2);
  EXPECT_GE(gitlab, 2);
}

TEST(CiJobsDoc, BlocksThatReplaceTheInstallHoldNothingElse) {
  int replacements = 0;
  for (const auto& block : yaml_blocks(read_text(kDocument))) {
    const json root = parse_block(block.text);
    if (block.dialect == Dialect::kGitHub && root.is_array()) {
      ++replacements;
      expect_only_install_steps(root, block.line);
    } else if (block.dialect == Dialect::kGitLab) {
      bool has_jobs = false;
      for (const auto& entry : root.items()) has_jobs |= !is_gitlab_keyword(entry.key());
      if (!has_jobs) {
        ++replacements;
        expect_only_install_entries(root, block.line);
      }
    }
  }
  EXPECT_EQ(replacements, 2) << "one from-a-checkout install per CI system";
}

TEST(CiJobsDoc, InstallStepsAreRecognised) {
  EXPECT_TRUE(is_install("apt-get update -qq\napt-get install -y ./statuskit.deb"));
  EXPECT_TRUE(is_install("statuskit-src/tools/setup\nstatuskit-src/tools/build release"));
  EXPECT_FALSE(is_install("statuskit-conformance run --target \"$STATUSKIT_URL\""));
  EXPECT_FALSE(is_install("kill \"$(cat mock.pid)\""));
}

}  // namespace
}  // namespace statuskit::testing
