// The report formats: JUnit is well-formed XML whatever the target answered, JSON keeps its
// documented schema, HTML never lets an answer inject markup, the console ends with the summary.
// Every format shows each mismatch's provenance, marks baselined ones, and lists the steps that
// did not run with why; the console and HTML group mismatches by root cause.
#include "report/reporters.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "report/html_sections.h"
#include "statuskit/openapi/schema_validator.h"

namespace statuskit::conformance {
namespace {

// What a hostile or broken server might answer: markup, entities, control and invalid bytes.
const std::string kNastyBody =
    "<script>alert('x')</script> & \"quotes\" ]]> \x01\x1f bad utf-8: \xff\xfe \xc3\x28 ok: "
    "\xc3\xa9";

Mismatch spec_warning(const std::string& text) {
  Mismatch mismatch;
  mismatch.origin = Mismatch::Origin::kSpec;
  mismatch.source = {SourceKind::kInferred, "spec response 401"};
  mismatch.operation = "bulkSetUserStatus";
  mismatch.status = 200;
  mismatch.keyword = "body-schema";
  mismatch.message = text;
  return mismatch;
}

Mismatch failed_expectation(const std::string& text, const std::string& pointer = "/updated") {
  Mismatch mismatch;
  mismatch.source = {SourceKind::kSeed, "200 example"};
  mismatch.operation = "bulkSetUserStatus";
  mismatch.status = 200;
  mismatch.pointer = pointer;
  mismatch.keyword = "equals";
  mismatch.message = text;
  return mismatch;
}

RunResult sample_run() {
  RunResult run;
  run.target = "http://127.0.0.1:9/?a=1&b=<2>";
  run.profile = "fixtures/targets/mock.yaml";
  run.started_at = "2026-11-23T09:00:00Z";
  run.elapsed_ms = 12.5;
  SuiteResult suite{"pria", "pria-admin.yaml", "Pria <admin> & co", {}, {}, {}};
  const std::string path = "/api/admin/users/bulk-status";
  suite.documented = {{"bulkSetUserStatus", "PUT", path, "200", false},
                      {"bulkSetUserStatus", "PUT", path, "400", false},
                      {"bulkSetUserStatus", "PUT", path, "4XX", true},
                      {"getUser", "GET", "/api/admin/users/{id}", "200", false}};

  ScenarioResult passed;
  passed.suite = "pria";
  passed.id = "pria.bulk.ok";
  passed.requirement = "works";
  passed.source = {SourceKind::kDocs, "bulk endpoint"};
  passed.steps.push_back({});
  passed.steps.back().operation = "bulkSetUserStatus";
  passed.steps.back().status = 200;
  passed.steps.back().warnings = {spec_warning("401 body differs")};
  suite.scenarios.push_back(passed);

  ScenarioResult failed;
  failed.suite = "pria";
  failed.id = "pria.bulk.self-skip";
  failed.requirement = "the caller's own id is skipped <always>";
  failed.source = {SourceKind::kSeed, "bulk example"};
  failed.catches = {"pria.self-not-skipped"};
  failed.outcome = Outcome::kFailed;
  StepResult step;
  step.name = "an admin lists itself";
  step.operation = "bulkSetUserStatus";
  step.method = "PUT";
  step.url = "http://127.0.0.1:9/api/admin/users/bulk-status";
  step.request_headers = {{"x-access-token", "t&k"}};
  step.request_body = R"({"ids":["a"],"status":"inactive"})";
  step.curl = "curl -i -X PUT 'http://127.0.0.1:9/api/admin/users/bulk-status'";
  step.status = 200;
  step.response_headers = {{"content-type", "text/html"}};
  step.response_body = kNastyBody;
  step.failures = {failed_expectation("/updated: expected 0, got 1"),
                   failed_expectation("body: " + kNastyBody, "")};
  failed.steps.push_back(step);
  StepResult later;
  later.name = "read it back";
  later.operation = "getUser";
  later.ran = false;
  later.not_run_reason = "not run: the test step 'an admin lists itself' failed";
  failed.steps.push_back(later);
  suite.scenarios.push_back(failed);

  ScenarioResult skipped;
  skipped.suite = "pria";
  skipped.id = "pria.bulk.ldap";
  skipped.requirement = "r";
  skipped.outcome = Outcome::kSkipped;
  skipped.skip_reason = "not configured: the profile has no users.ldap under vendors.pria";
  suite.scenarios.push_back(skipped);

  run.suites.push_back(suite);
  run.suites.push_back({"d3lay", "d3lay-identity.yaml", "", {}, {}, {}});
  return run;
}

/// The sample run against a baseline that knows the /updated mismatch (now a known deviation)
/// and another one that no longer occurs; shuffled, two rounds.
RunResult baselined_run() {
  RunResult run = sample_run();
  StepResult& step = run.suites[0].scenarios[1].steps[0];
  Mismatch known = step.failures.front();
  known.baselined = true;
  step.failures.erase(step.failures.begin());
  step.warnings.push_back(known);
  run.baseline = "fixtures/baselines/pria.json";
  run.resolved.push_back({"pria.bulk.ok|test#1|spec|bulkSetUserStatus||body-json|200",
                          "pria.bulk.ok", "spec (body-json): not JSON"});
  run.shuffle_seed = 42;
  run.repeat = 2;
  return run;
}

nlohmann::json ctrf_schema_errors(const nlohmann::json& ctrf) {
  std::ifstream schema_file(std::string(STATUSKIT_SOURCE_DIR) +
                            "/conformance/tests/data/ctrf-0.0.0.schema.json");
  const auto validator =
      openapi::compile_schema(nlohmann::json::parse(schema_file), openapi::Dialect::kDraft7);
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& error : validator.validate(ctrf)) errors.push_back(error.to_string());
  return errors;
}

/// A strict-enough XML 1.0 well-formedness check: balanced tags, quoted attributes, only the
/// five predefined entities, no raw '<' in text, no forbidden control characters, valid UTF-8.
std::string xml_problem(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0;
  if (xml.rfind("<?xml", 0) == 0) i = xml.find("?>") + 2;
  auto entity_ok = [&](std::size_t at) {
    for (const char* entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
      if (xml.compare(at, std::string(entity).size(), entity) == 0) return true;
    }
    return false;
  };
  while (i < xml.size()) {
    const auto c = static_cast<unsigned char>(xml[i]);
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
      return "control character at " + std::to_string(i);
    if (c >= 0x80) {
      const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      if (length == 0 || i + length > xml.size()) return "invalid UTF-8 at " + std::to_string(i);
      for (std::size_t k = 1; k < length; ++k) {
        if ((static_cast<unsigned char>(xml[i + k]) & 0xC0) != 0x80)
          return "invalid UTF-8 at " + std::to_string(i);
      }
      i += length;
      continue;
    }
    if (c == '&' && !entity_ok(i)) return "bare & at " + std::to_string(i);
    if (c == '>') return "bare > in text at " + std::to_string(i);
    if (c != '<') {
      ++i;
      continue;
    }
    const auto end = xml.find('>', i);
    if (end == std::string::npos) return "unclosed tag";
    const std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return "'<' inside a tag: " + tag;
    std::size_t quotes = 0;
    for (std::size_t k = 0; k < tag.size(); ++k) {
      if (tag[k] == '"') ++quotes;
      if (tag[k] == '&' && !entity_ok(i + 1 + k)) return "bare & in attribute: " + tag;
    }
    if (quotes % 2 != 0) return "unbalanced quotes in: " + tag;
    const std::string name =
        tag.substr(tag[0] == '/' ? 1 : 0, tag.find_first_of(" /", 1) - (tag[0] == '/' ? 1 : 0));
    if (tag[0] == '/') {
      if (open.empty() || open.back() != name) return "mismatched </" + name + ">";
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(name);
    }
    i = end + 1;
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

TEST(XmlProblemChecker, CatchesWhatItShould) {
  EXPECT_EQ(xml_problem("<a><b/>x &amp; y</a>"), "");
  EXPECT_NE(xml_problem("<a>x & y</a>"), "");
  EXPECT_NE(xml_problem("<a><b></a>"), "");
  EXPECT_NE(xml_problem("<a t=\"<\"/>"), "");
  EXPECT_NE(xml_problem("<a>\x01</a>"), "");
  EXPECT_NE(xml_problem("<a>\xff</a>"), "");
}

TEST(JunitReport, IsWellFormedWhateverTheTargetAnswered) {
  std::ostringstream out;
  write_junit(out, sample_run());
  const std::string xml = out.str();
  EXPECT_EQ(xml_problem(xml), "") << xml;
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(xml.find("ok: \xc3\xa9"), std::string::npos) << "valid UTF-8 is kept";
}

TEST(JunitReport, OneTestsuitePerVendorOneTestcasePerScenario) {
  std::ostringstream out;
  write_junit(out, sample_run());
  const std::string xml = out.str();
  EXPECT_NE(xml.find("<testsuites name=\"statuskit conformance\" tests=\"3\" failures=\"1\" "
                     "skipped=\"1\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"pria\" tests=\"3\" failures=\"1\" errors=\"0\" "
                     "skipped=\"1\""),
            std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"d3lay\" tests=\"0\""), std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"pria\" name=\"pria.bulk.self-skip\""),
            std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"an admin lists itself: /updated: expected 0, got 1 "
                     "[seed: 200 example]\">"),
            std::string::npos)
      << "the first failure, with its provenance";
  EXPECT_NE(xml.find("<skipped message=\"not configured: the profile has no users.ldap under "
                     "vendors.pria\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("Replay: curl -i -X PUT"), std::string::npos);
  EXPECT_NE(xml.find("<system-out>warning: bulkSetUserStatus: spec (body-schema): 401 body differs "
                     "[inferred: spec response 401]"),
            std::string::npos);
}

TEST(JsonReport, KeepsTheDocumentedSchemaAndSurvivesInvalidUtf8) {
  std::ostringstream out;
  write_json(out, sample_run());
  const auto report = nlohmann::json::parse(out.str());
  EXPECT_EQ(report["schema"], "statuskit-conformance-report/2");
  EXPECT_EQ(report["summary"],
            nlohmann::json(
                {{"passed", 1}, {"failed", 1}, {"skipped", 1}, {"warnings", 1}, {"baselined", 0}}));
  EXPECT_TRUE(report["baseline"].is_null()) << "no --baseline";
  EXPECT_TRUE(report["shuffleSeed"].is_null());
  EXPECT_EQ(report["repeat"], 1);
  const auto& scenarios = report["suites"][0]["scenarios"];
  ASSERT_EQ(scenarios.size(), 3u);
  EXPECT_EQ(scenarios[1]["outcome"], "failed");
  EXPECT_EQ(scenarios[1]["catches"], nlohmann::json({"pria.self-not-skipped"}));
  EXPECT_EQ(scenarios[1]["failures"][0], "an admin lists itself: /updated: expected 0, got 1");
  EXPECT_EQ(scenarios[1]["steps"][0]["request"]["headers"]["x-access-token"], "t&k");
  EXPECT_EQ(scenarios[1]["steps"][0]["response"]["status"], 200);
  EXPECT_NE(scenarios[1]["steps"][0]["response"]["body"].get<std::string>().find("\xEF\xBF\xBD"),
            std::string::npos)
      << "invalid bytes become U+FFFD";
  EXPECT_EQ(scenarios[2]["skipReason"],
            "not configured: the profile has no users.ldap under vendors.pria");
  EXPECT_FALSE(scenarios[0].contains("skipReason"));
}

TEST(SarifReport, OneRulePerScenarioOneResultPerMismatch) {
  std::ostringstream out;
  write_sarif(out, sample_run());
  const auto sarif = nlohmann::json::parse(out.str());
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "statuskit-conformance");
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[1]["id"], "pria.bulk.self-skip");
  EXPECT_EQ(rules[1]["shortDescription"]["text"], "the caller's own id is skipped <always>");
  EXPECT_EQ(rules[1]["properties"]["catches"], nlohmann::json({"pria.self-not-skipped"}));
  const auto& results = run["results"];
  // 1 warning, 2 failures, 1 step not run, 1 skipped scenario
  ASSERT_EQ(results.size(), 5u) << results.dump(2);
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_EQ(results[1]["ruleId"], "pria.bulk.self-skip");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[1]["message"]["text"],
            "an admin lists itself: /updated: expected 0, got 1 [seed: 200 example]");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "specs/pria-admin.yaml");
  EXPECT_EQ(results[1]["locations"][0]["logicalLocations"][0]["name"], "bulkSetUserStatus");
  EXPECT_EQ(results[1]["properties"]["curl"],
            "curl -i -X PUT 'http://127.0.0.1:9/api/admin/users/bulk-status'");
  EXPECT_EQ(results[4]["level"], "none") << "SARIF: a result that is not a fail has level none";
  EXPECT_EQ(results[4]["kind"], "notApplicable");
  EXPECT_FALSE(results[1].contains("baselineState")) << "no --baseline, no baseline state";
  EXPECT_EQ(run["invocations"][0]["properties"]["failed"], 1);
}

TEST(CtrfReport, OneTestPerScenarioWithinTheCtrfSchema) {
  RunResult run = sample_run();
  run.started_epoch_ms = 1795424400000;
  run.suites[0].scenarios[1].elapsed_ms = 3.6;
  std::ostringstream out;
  write_ctrf(out, run);
  const auto ctrf = nlohmann::json::parse(out.str());

  // Our own statement of the CTRF 0.0.0 rules (closed objects, required members, enums).
  std::ifstream schema_file(std::string(STATUSKIT_SOURCE_DIR) +
                            "/conformance/tests/data/ctrf-0.0.0.schema.json");
  const auto schema = nlohmann::json::parse(schema_file);
  const auto validator = openapi::compile_schema(schema, openapi::Dialect::kDraft7);
  std::string errors;
  for (const auto& error : validator.validate(ctrf)) errors += error.to_string() + "\n";
  EXPECT_EQ(errors, "");

  EXPECT_EQ(ctrf["reportFormat"], "CTRF");
  EXPECT_EQ(ctrf["specVersion"], "0.0.0");
  const auto& summary = ctrf["results"]["summary"];
  EXPECT_EQ(summary["tests"], 3);
  EXPECT_EQ(summary["passed"], 1);
  EXPECT_EQ(summary["failed"], 1);
  EXPECT_EQ(summary["skipped"], 1);
  EXPECT_EQ(summary["suites"], 2);
  EXPECT_EQ(summary["start"], 1795424400000);
  EXPECT_EQ(summary["stop"], 1795424400013);  // 12.5 ms, rounded
  const auto& tests = ctrf["results"]["tests"];
  ASSERT_EQ(tests.size(), 3u);
  EXPECT_EQ(tests[0]["status"], "passed");
  EXPECT_EQ(
      tests[0]["extra"]["warnings"][0],
      "bulkSetUserStatus: spec (body-schema): 401 body differs [inferred: spec response 401]");
  EXPECT_EQ(tests[0]["labels"]["source"], "docs: bulk endpoint");
  const auto& failed = tests[1];
  EXPECT_EQ(failed["name"], "pria.bulk.self-skip");
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["duration"], 4);
  EXPECT_EQ(failed["suite"], nlohmann::json({"pria"}));
  EXPECT_EQ(failed["labels"]["requirement"], "the caller's own id is skipped <always>");
  EXPECT_EQ(failed["labels"]["spec"], "pria-admin.yaml");
  EXPECT_EQ(failed["tags"], nlohmann::json({"pria.self-not-skipped"}));
  EXPECT_EQ(failed["message"].get<std::string>().rfind(
                "an admin lists itself: /updated: expected 0, got 1 [seed: 200 example]\n", 0),
            0u);
  EXPECT_EQ(failed["trace"], "curl -i -X PUT 'http://127.0.0.1:9/api/admin/users/bulk-status'");
  EXPECT_EQ(failed["steps"][0]["name"], "an admin lists itself");
  EXPECT_EQ(failed["steps"][0]["status"], "failed");
  EXPECT_EQ(failed["steps"][0]["extra"]["mismatches"][0]["source"], "seed: 200 example");
  EXPECT_EQ(tests[2]["status"], "skipped");
  EXPECT_EQ(tests[2]["message"],
            "not configured: the profile has no users.ldap under vendors.pria");
  EXPECT_EQ(ctrf["results"]["extra"]["target"], "http://127.0.0.1:9/?a=1&b=<2>");
}

TEST(CtrfReport, TheSchemaCheckRejectsWhatCtrfForbids) {
  // Proves the schema above can fail: a property CTRF does not define, a wrong status.
  std::ifstream schema_file(std::string(STATUSKIT_SOURCE_DIR) +
                            "/conformance/tests/data/ctrf-0.0.0.schema.json");
  const auto validator =
      openapi::compile_schema(nlohmann::json::parse(schema_file), openapi::Dialect::kDraft7);
  std::ostringstream out;
  write_ctrf(out, sample_run());
  auto ctrf = nlohmann::json::parse(out.str());
  ASSERT_TRUE(validator.is_valid(ctrf));
  ctrf["results"]["tests"][0]["requirement"] = "x";
  EXPECT_FALSE(validator.is_valid(ctrf));
  ctrf["results"]["tests"][0].erase("requirement");
  ctrf["results"]["tests"][0]["status"] = "error";
  EXPECT_FALSE(validator.is_valid(ctrf));
}

TEST(HtmlReport, EscapesEverythingTheTargetSentAndNeedsNothingExternal) {
  std::ostringstream out;
  write_html(out, sample_run());
  const std::string html = out.str();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos) << "no script from the answer, none of ours";
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("pria.bulk.self-skip"), std::string::npos);
  EXPECT_NE(html.find("the caller&#39;s own id is skipped &lt;always&gt;"), std::string::npos);
  EXPECT_NE(html.find("curl -i -X PUT &#39;http://127.0.0.1:9/api/admin/users/bulk-status&#39;"),
            std::string::npos);
  EXPECT_NE(html.find("/updated: expected 0, got 1"), std::string::npos);
  EXPECT_NE(html.find("not configured: the profile has no users.ldap"), std::string::npos);
}

TEST(HtmlReport, ShowsAnExploredSuitesCoverageAndTheModelsAnswerBesideTheTargets) {
  RunResult run = sample_run();
  run.suites.front().notes = {"callers × targets: 5 of 63 pairs tried; not tried: a <b> → self"};
  StepResult& step = run.suites.front().scenarios.front().steps.front();
  step.model_status = 200;
  step.model_body = R"({"updated":0,"note":"<i>"})";
  std::ostringstream out;
  write_html(out, run);
  const std::string html = out.str();
  EXPECT_NE(html.find("<ul class=\"notes\"><li>callers × targets: 5 of 63 pairs tried; not "
                      "tried: a &lt;b&gt; → self</li></ul>"),
            std::string::npos);
  EXPECT_NE(html.find("<h5>model</h5><pre>HTTP 200"), std::string::npos);
  EXPECT_NE(html.find("&lt;i&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
}

TEST(ConsoleReport, ListsFailuresThenTheSummaryLine) {
  std::ostringstream out;
  write_console_summary(out, sample_run());
  const std::string text = out.str();
  EXPECT_NE(text.find("Failures: 2 findings\n"
                      "  1x pria bulkSetUserStatus -> 200: /updated (equals)\n"
                      "      an admin lists itself: /updated: expected 0, got 1 [seed: 200 "
                      "example]\n"
                      "      in pria.bulk.self-skip\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Not run (an earlier step failed):\n"
                      "  pria.bulk.self-skip: 'read it back': not run: the test step 'an admin "
                      "lists itself' failed\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Warnings: 1 finding\n"
                      "  1x pria bulkSetUserStatus -> 200 (body-schema)\n"
                      "      bulkSetUserStatus: spec (body-schema): 401 body differs [inferred: "
                      "spec response 401]\n"
                      "      in pria.bulk.ok\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("Known"), std::string::npos) << "no baseline, nothing known";
  EXPECT_TRUE(text.size() > 30 &&
              text.substr(text.size() - 30) == "1 passed, 1 failed, 1 skipped\n")
      << text;
}

TEST(ConsoleReport, ProgressLineNamesOutcomeAndReason) {
  const auto run = sample_run();
  std::ostringstream out;
  for (const auto& scenario : run.suites[0].scenarios) write_console_progress(out, scenario);
  const std::string text = out.str();
  EXPECT_NE(text.find("PASS  pria.bulk.ok  ("), std::string::npos);
  EXPECT_NE(text.find("FAIL  pria.bulk.self-skip  (0.0 ms)\n"
                      "      'read it back': not run: the test step 'an admin lists itself' "
                      "failed\n"),
            std::string::npos)
      << "the steps a failure kept from running, under its scenario";
  EXPECT_NE(text.find("SKIP  pria.bulk.ldap  (not configured: the profile has no users.ldap"),
            std::string::npos);
}

TEST(JunitReport, ShowsSourcesBaselinedMismatchesAndStepsThatDidNotRun) {
  std::ostringstream out;
  write_junit(out, baselined_run());
  const std::string xml = out.str();
  EXPECT_EQ(xml_problem(xml), "") << xml;
  EXPECT_NE(xml.find("<property name=\"baseline\" value=\"fixtures/baselines/pria.json\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<properties><property name=\"source\" value=\"seed: bulk example\"/>"
                     "<property name=\"baselined\" value=\"1\"/></properties>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("Requirement: the caller&#39;s own id is skipped &lt;always&gt; [seed: "
                     "bulk example]"),
            std::string::npos);
  EXPECT_NE(xml.find("baselined: an admin lists itself: /updated: expected 0, got 1 [seed: 200 "
                     "example] [baselined]"),
            std::string::npos);
  EXPECT_NE(xml.find("\n&#39;read it back&#39;: not run: the test step &#39;an admin lists "
                     "itself&#39; failed\n"),
            std::string::npos);
  EXPECT_EQ(xml.find("- an admin lists itself: /updated"), std::string::npos)
      << "a baselined mismatch is not a failure";
}

TEST(JsonReport, CarriesTheBaselineTheOrderAndStructuredMismatches) {
  std::ostringstream out;
  write_json(out, baselined_run());
  const auto report = nlohmann::json::parse(out.str());
  EXPECT_EQ(report["baseline"]["file"], "fixtures/baselines/pria.json");
  EXPECT_EQ(report["baseline"]["baselined"], 1);
  ASSERT_EQ(report["baseline"]["resolved"].size(), 1u);
  EXPECT_EQ(report["baseline"]["resolved"][0]["scenario"], "pria.bulk.ok");
  EXPECT_EQ(report["baseline"]["resolved"][0]["message"], "spec (body-json): not JSON");
  EXPECT_EQ(report["summary"]["baselined"], 1);
  EXPECT_EQ(report["shuffleSeed"], 42);
  EXPECT_EQ(report["repeat"], 2);
  const auto& scenario = report["suites"][0]["scenarios"][1];
  EXPECT_EQ(scenario["source"], "seed: bulk example");
  EXPECT_EQ(scenario["iteration"], 1);
  const auto& step = scenario["steps"][0];
  EXPECT_EQ(step["phase"], "test");
  EXPECT_TRUE(step["ran"].get<bool>());
  const auto& known = step["warnings"][0];
  EXPECT_TRUE(known["baselined"].get<bool>());
  EXPECT_EQ(known["source"], "seed: 200 example");
  EXPECT_EQ(known["origin"], "expectation");
  EXPECT_EQ(known["operation"], "bulkSetUserStatus");
  EXPECT_EQ(known["status"], 200);
  EXPECT_EQ(known["pointer"], "/updated");
  EXPECT_EQ(known["keyword"], "equals");
  EXPECT_EQ(known["groupKey"], "bulkSetUserStatus 200 /updated equals");
  EXPECT_EQ(known["fingerprint"],
            "pria.bulk.self-skip|test#1|expectation|bulkSetUserStatus|/updated|equals");
  EXPECT_FALSE(step["failures"][0]["baselined"].get<bool>());
  const auto& later = scenario["steps"][1];
  EXPECT_FALSE(later["ran"].get<bool>());
  EXPECT_EQ(later["notRunReason"], "not run: the test step 'an admin lists itself' failed");
}

TEST(SarifReport, BaselineStatesAreNewUnchangedAndAbsent) {
  std::ostringstream out;
  write_sarif(out, baselined_run());
  const auto sarif = nlohmann::json::parse(out.str());
  const auto& results = sarif["runs"][0]["results"];
  std::map<std::string, std::vector<std::string>> by_state;  // baselineState → messages
  for (const auto& result : results) {
    if (result.contains("baselineState"))
      by_state[result["baselineState"].get<std::string>()].push_back(
          result["message"]["text"].get<std::string>());
  }
  ASSERT_EQ(by_state["unchanged"].size(), 1u) << results.dump(2);
  EXPECT_EQ(by_state["unchanged"][0],
            "an admin lists itself: /updated: expected 0, got 1 [seed: 200 example] [baselined]");
  EXPECT_EQ(by_state["new"].size(), 2u) << "the other failure and the inferred warning";
  ASSERT_EQ(by_state["absent"].size(), 1u);
  const auto& resolved = results[results.size() - 1];
  EXPECT_EQ(resolved["baselineState"], "absent");
  EXPECT_EQ(resolved["level"], "note");
  EXPECT_EQ(resolved["ruleId"], "pria.bulk.ok");
  EXPECT_EQ(resolved["fingerprints"]["statuskit/v1"],
            "pria.bulk.ok|test#1|spec|bulkSetUserStatus||body-json|200");
  const auto& invocation = sarif["runs"][0]["invocations"][0]["properties"];
  EXPECT_EQ(invocation["baseline"], "fixtures/baselines/pria.json");
  EXPECT_EQ(invocation["baselined"], 1);
  EXPECT_EQ(invocation["resolved"], 1);
  EXPECT_EQ(invocation["shuffleSeed"], 42);
  EXPECT_EQ(invocation["repeat"], 2);
}

TEST(SarifReport, ShowsProvenanceAndTheStepsThatDidNotRun) {
  std::ostringstream out;
  write_sarif(out, baselined_run());
  const auto sarif = nlohmann::json::parse(out.str());
  const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  EXPECT_EQ(rules[1]["properties"]["source"], "seed: bulk example");
  const auto& results = sarif["runs"][0]["results"];
  const nlohmann::json* failure = nullptr;
  const nlohmann::json* not_run = nullptr;
  for (const auto& result : results) {
    if (result["level"] == "error") failure = &result;
    if (result.value("/properties/notRun"_json_pointer, false)) not_run = &result;
  }
  ASSERT_NE(failure, nullptr);
  EXPECT_EQ((*failure)["properties"]["source"], "seed: 200 example");
  EXPECT_EQ((*failure)["properties"]["scenarioSource"], "seed: bulk example");
  EXPECT_EQ((*failure)["properties"]["origin"], "expectation");
  EXPECT_EQ((*failure)["fingerprints"]["statuskit/v1"],
            "pria.bulk.self-skip|test#1|expectation|bulkSetUserStatus||equals");
  ASSERT_NE(not_run, nullptr);
  EXPECT_EQ((*not_run)["kind"], "notApplicable");
  EXPECT_EQ((*not_run)["level"], "none");
  EXPECT_EQ((*not_run)["message"]["text"],
            "'read it back': not run: the test step 'an admin lists itself' failed");
  EXPECT_EQ((*not_run)["locations"][0]["logicalLocations"][0]["name"], "getUser");
}

TEST(SarifReport, ARepeatedScenarioHasOneRule) {
  RunResult run = sample_run();
  run.suites[0].scenarios.push_back(run.suites[0].scenarios[0]);
  run.suites[0].scenarios.back().iteration = 2;
  std::ostringstream out;
  write_sarif(out, run);
  const auto sarif = nlohmann::json::parse(out.str());
  EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["rules"].size(), 3u);
  EXPECT_EQ(sarif["runs"][0]["results"][5]["properties"]["iteration"], 2);
}

TEST(CtrfReport, MarksBaselinedMismatchesAndSkippedStepsWithinTheCtrfSchema) {
  std::ostringstream out;
  write_ctrf(out, baselined_run());
  const auto ctrf = nlohmann::json::parse(out.str());
  EXPECT_EQ(ctrf_schema_errors(ctrf), nlohmann::json::array());
  const auto& failed = ctrf["results"]["tests"][1];
  EXPECT_EQ(failed["labels"]["source"], "seed: bulk example");
  EXPECT_EQ(failed["extra"]["baselined"][0],
            "an admin lists itself: /updated: expected 0, got 1 [seed: 200 example] [baselined]");
  EXPECT_EQ(failed["extra"]["notRun"][0],
            "'read it back': not run: the test step 'an admin lists itself' failed");
  const auto& ran = failed["steps"][0];
  EXPECT_EQ(ran["status"], "failed");
  EXPECT_EQ(ran["extra"]["httpStatus"], 200);
  EXPECT_EQ(ran["extra"]["mismatches"][0]["level"], "failure");
  EXPECT_EQ(ran["extra"]["mismatches"][1]["level"], "baselined");
  EXPECT_TRUE(ran["extra"]["mismatches"][1]["baselined"].get<bool>());
  EXPECT_EQ(ran["extra"]["mismatches"][1]["source"], "seed: 200 example");
  const auto& later = failed["steps"][1];
  EXPECT_EQ(later["status"], "skipped") << "CTRF's word for a step that did not run";
  EXPECT_EQ(later["extra"]["notRunReason"],
            "not run: the test step 'an admin lists itself' failed");
  const auto& baseline = ctrf["results"]["extra"]["baseline"];
  EXPECT_EQ(baseline["file"], "fixtures/baselines/pria.json");
  EXPECT_EQ(baseline["baselined"], 1);
  EXPECT_EQ(baseline["resolved"][0]["scenario"], "pria.bulk.ok");
  EXPECT_EQ(ctrf["results"]["extra"]["shuffleSeed"], 42);
}

TEST(CtrfReport, TheSchemaCheckRejectsAStepPropertyCtrfDoesNotDefine) {
  std::ostringstream out;
  write_ctrf(out, sample_run());
  auto ctrf = nlohmann::json::parse(out.str());
  ASSERT_EQ(ctrf_schema_errors(ctrf), nlohmann::json::array());
  ctrf["results"]["tests"][1]["steps"][1]["notRunReason"] = "x";
  EXPECT_NE(ctrf_schema_errors(ctrf), nlohmann::json::array());
}

// Issue 29 item 6: a reader opens the report to see what failed; the matrix follows.
TEST(HtmlReport, OpensWithTheFindingsThenTheCoverageMatrixThenScenarios) {
  std::ostringstream out;
  write_html(out, sample_run());
  const std::string html = out.str();
  const auto coverage = html.find("<h2 id=\"coverage\">Coverage</h2>");
  const auto findings = html.find("<h2 id=\"findings\">Findings</h2>");
  const auto scenarios = html.find("<h2 id=\"scenarios\">Scenarios</h2>");
  ASSERT_NE(findings, std::string::npos);
  EXPECT_LT(findings, coverage);
  EXPECT_LT(coverage, scenarios);
  EXPECT_GT(html.find("<table class=\"matrix\">"), coverage);
  EXPECT_NE(html.find("<th class=\"op\">bulkSetUserStatus<br><code>PUT "
                      "/api/admin/users/bulk-status</code></th>"),
            std::string::npos);
  EXPECT_NE(html.find("<th>200</th><th>400</th><th>4XX</th>"), std::string::npos)
      << "columns: the documented status keys, exact codes before their range";
  EXPECT_NE(html.find("<td class=\"c-failed\" title=\"200: failed; 2 answers, 1 with failures"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td class=\"c-none inf\" title=\"4XX (inferred by this project): not "
                      "covered\">&#8211;<small>inferred</small></td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"c-na\"></td>"), std::string::npos) << "getUser documents no 400";
  EXPECT_NE(html.find("<ul class=\"legend\">"), std::string::npos);
  EXPECT_NE(html.find("1 of 4 documented responses answered"), std::string::npos);
}

TEST(HtmlReport, GroupsFindingsAndShowsProvenanceBaselineAndStepsThatDidNotRun) {
  RunResult run = baselined_run();
  // 28 scenarios tripping over one missing field: one finding, not 28.
  for (int i = 0; i < 28; ++i) {
    ScenarioResult scenario;
    scenario.id = "pria.case-" + std::to_string(i);
    scenario.outcome = Outcome::kFailed;
    scenario.steps.push_back({});
    scenario.steps.back().operation = "bulkSetUserStatus";
    scenario.steps.back().status = 200;
    scenario.steps.back().failures = {
        failed_expectation("/skipped/" + std::to_string(i) + "/reason: missing",
                           "/skipped/" + std::to_string(i) + "/reason")};
    scenario.steps.back().failures.back().keyword = "required";
    if (i == 5) scenario.steps.back().failures.back().source = {SourceKind::kDocs, "<x>"};
    run.suites[0].scenarios.push_back(scenario);
  }
  std::ostringstream out;
  write_html(out, run);
  const std::string html = out.str();
  EXPECT_NE(html.find("<td class=\"count "
                      "failed\">28&#215;</td><td><small>pria</small><code>bulkSetUserStatus -&gt; "
                      "200: /skipped/*/reason (required)</code></td><td>bulkSetUserStatus: "
                      "/skipped/0/reason: missing<span class=\"src\">seed: 200 example</span>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"src more\" title=\"docs: &lt;x&gt;\">+1 source</span>"),
            std::string::npos)
      << "another scenario's source, counted";
  EXPECT_NE(html.find("<details><summary>28 scenarios</summary><a "
                      "href=\"#s-pria--pria.case-0\">pria.case-0</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<details id=\"s-pria--pria.case-0\""), std::string::npos);
  EXPECT_NE(html.find("<span class=\"warned\">1 warning</span><span class=\"known\">1 "
                      "baselined</span>"),
            std::string::npos)
      << "a baselined mismatch is counted once";
  EXPECT_NE(html.find("Known (baselined): 1 finding"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"mark\">baselined</span>"), std::string::npos);
  EXPECT_NE(html.find("Resolved: in the baseline, no longer seen"), std::string::npos);
  EXPECT_NE(html.find("spec (body-json): not JSON"), std::string::npos);
  EXPECT_NE(html.find("Baseline <code>fixtures/baselines/pria.json</code>: 1 known, 1 resolved."),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"notrun\">not run: the test step &#39;an admin lists itself&#39; "
                      "failed</p>"),
            std::string::npos)
      << "under its scenario";
  EXPECT_NE(html.find("Not run: 1 step"), std::string::npos) << "and among the findings";
  EXPECT_NE(html.find("<span class=\"req\">the caller&#39;s own id is skipped &lt;always&gt;"
                      "</span><span class=\"src\">seed: bulk example</span>"),
            std::string::npos)
      << "the scenario's source next to its requirement";
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(HtmlReport, ARepeatedScenarioGetsItsOwnAnchor) {
  EXPECT_EQ(html_anchor("pria", "pria.bulk.x #2"), "s-pria--pria.bulk.x--2");
  EXPECT_EQ(html_anchor("a b", "<x>\"'"), "s-a-b---x---");
}

TEST(ConsoleReport, GroupsOneRootCauseAndListsKnownAndResolvedDeviations) {
  RunResult run = baselined_run();
  for (int i = 0; i < 28; ++i) {
    ScenarioResult scenario;
    scenario.id = "pria.case-" + std::to_string(i);
    scenario.outcome = Outcome::kFailed;
    scenario.steps.push_back({});
    scenario.steps.back().operation = "bulkSetUserStatus";
    scenario.steps.back().failures = {
        failed_expectation("missing " + std::to_string(i), "/skipped/" + std::to_string(i))};
    run.suites[0].scenarios.push_back(scenario);
  }
  std::ostringstream out;
  write_console_summary(out, run);
  const std::string text = out.str();
  EXPECT_NE(text.find("Failures: 2 findings (29 mismatches)\n"
                      "  28x pria bulkSetUserStatus -> 200: /skipped/* (equals)\n"
                      "      bulkSetUserStatus: missing 0 [seed: 200 example]\n"
                      "      in 28 scenarios: pria.case-0, pria.case-1, "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Known (in the baseline fixtures/baselines/pria.json): 1 finding\n"
                      "  1x pria bulkSetUserStatus -> 200: /updated (equals)\n"
                      "      an admin lists itself: /updated: expected 0, got 1 [seed: 200 "
                      "example] [baselined]\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Resolved (in the baseline fixtures/baselines/pria.json, no longer seen):\n"
                      "  pria.bulk.ok: spec (body-json): not JSON\n"),
            std::string::npos);
  EXPECT_NE(text.find("Order: shuffled with seed 42, 2 rounds\n"), std::string::npos);
  EXPECT_NE(text.find("1 passed, 29 failed, 1 skipped, 1 baselined\n"), std::string::npos);
}

TEST(EscapeMarkup, ReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(escape_markup("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(escape_markup("\x01"), "\xEF\xBF\xBD");
  EXPECT_EQ(escape_markup("\t\n\r"), "\t\n\r");
  EXPECT_EQ(escape_markup("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD") << "overlong '/'";
  EXPECT_EQ(escape_markup("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << "surrogate";
  EXPECT_EQ(escape_markup("\xef\xbf\xbf"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << "U+FFFF";
  EXPECT_EQ(escape_markup("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80") << "emoji kept";
  EXPECT_EQ(escape_markup("\xe2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD") << "truncated sequence";
}

}  // namespace
}  // namespace statuskit::conformance

namespace statuskit::conformance {
namespace {

// conformance generate's seed replays its run: every format carries it, and the JSON report
// each generated case's constraint.
TEST(GeneratedRunReports, EveryFormatPrintsTheSeedAndJsonTheConstraint) {
  RunResult run = sample_run();
  run.generation_seed = 8246123311;
  ScenarioResult& generated = run.suites[0].scenarios[0];
  generated.generated_kind = "negative";
  generated.generated_operation = "bulkSetUserStatus";
  generated.constraint = "/components/schemas/BulkStatusRequest/properties/ids/maxItems";
  generated.constraint_keyword = "maxItems";
  using Writer = void (*)(std::ostream&, const RunResult&);
  for (const auto& [name, writer] :
       std::vector<std::pair<std::string, Writer>>{{"console", write_console_summary},
                                                   {"junit", write_junit},
                                                   {"json", write_json},
                                                   {"sarif", write_sarif},
                                                   {"ctrf", write_ctrf},
                                                   {"html", write_html}}) {
    std::ostringstream out;
    writer(out, run);
    EXPECT_NE(out.str().find("8246123311"), std::string::npos) << name;
  }
  std::ostringstream json_out;
  write_json(json_out, run);
  const auto report = nlohmann::json::parse(json_out.str());
  EXPECT_EQ(report["generationSeed"], 8246123311u);
  EXPECT_EQ(report["suites"][0]["scenarios"][0]["generated"],
            (nlohmann::json{{"kind", "negative"},
                            {"operation", "bulkSetUserStatus"},
                            {"constraint", generated.constraint},
                            {"keyword", "maxItems"}}));
  EXPECT_FALSE(report["suites"][0]["scenarios"][1].contains("generated"));
  std::ostringstream html;
  write_html(html, run);
  EXPECT_NE(html.str().find(">generated</th>"), std::string::npos);
  // And a run of the suites shows none.
  std::ostringstream plain;
  write_json(plain, sample_run());
  EXPECT_TRUE(nlohmann::json::parse(plain.str())["generationSeed"].is_null());
}

}  // namespace
}  // namespace statuskit::conformance
