// The report formats: JUnit is well-formed XML whatever the target answered, JSON keeps its
// documented schema, HTML never lets an answer inject markup, the console ends with the summary.
#include "reporters.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

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
  mismatch.keyword = "body-schema";
  mismatch.message = text;
  return mismatch;
}

Mismatch failed_expectation(const std::string& text) {
  Mismatch mismatch;
  mismatch.source = {SourceKind::kSeed, "200 example"};
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
  SuiteResult suite{"pria", "pria-admin.yaml", "Pria <admin> & co", {}, {}};

  ScenarioResult passed;
  passed.suite = "pria";
  passed.id = "pria.bulk.ok";
  passed.requirement = "works";
  passed.steps.push_back({});
  passed.steps.back().operation = "bulkSetUserStatus";
  passed.steps.back().status = 200;
  passed.steps.back().warnings = {spec_warning("401 body differs")};
  suite.scenarios.push_back(passed);

  ScenarioResult failed;
  failed.suite = "pria";
  failed.id = "pria.bulk.self-skip";
  failed.requirement = "the caller's own id is skipped <always>";
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
                   failed_expectation("body: " + kNastyBody)};
  failed.steps.push_back(step);
  suite.scenarios.push_back(failed);

  ScenarioResult skipped;
  skipped.suite = "pria";
  skipped.id = "pria.bulk.ldap";
  skipped.requirement = "r";
  skipped.outcome = Outcome::kSkipped;
  skipped.skip_reason = "not configured: the profile has no users.ldap under vendors.pria";
  suite.scenarios.push_back(skipped);

  run.suites.push_back(suite);
  run.suites.push_back({"d3lay", "d3lay-identity.yaml", "", {}, {}});
  return run;
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
  EXPECT_NE(xml.find("<failure message=\"an admin lists itself: /updated: expected 0, got 1\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"not configured: the profile has no users.ldap under "
                     "vendors.pria\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("Replay: curl -i -X PUT"), std::string::npos);
  EXPECT_NE(xml.find("<system-out>warning: spec (inferred): 401 body differs"), std::string::npos);
}

TEST(JsonReport, KeepsTheDocumentedSchemaAndSurvivesInvalidUtf8) {
  std::ostringstream out;
  write_json(out, sample_run());
  const auto report = nlohmann::json::parse(out.str());
  EXPECT_EQ(report["schema"], "statuskit-conformance-report/1");
  EXPECT_EQ(report["summary"],
            nlohmann::json({{"passed", 1}, {"failed", 1}, {"skipped", 1}, {"warnings", 1}}));
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
  ASSERT_EQ(results.size(), 4u) << results.dump(2);  // 1 warning, 2 failures, 1 skip note
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_EQ(results[1]["ruleId"], "pria.bulk.self-skip");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[1]["message"]["text"], "an admin lists itself: /updated: expected 0, got 1");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "specs/pria-admin.yaml");
  EXPECT_EQ(results[1]["locations"][0]["logicalLocations"][0]["name"], "bulkSetUserStatus");
  EXPECT_EQ(results[1]["properties"]["curl"],
            "curl -i -X PUT 'http://127.0.0.1:9/api/admin/users/bulk-status'");
  EXPECT_EQ(results[3]["level"], "note");
  EXPECT_EQ(results[3]["kind"], "notApplicable");
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
  EXPECT_EQ(tests[0]["extra"]["warnings"][0],
            "bulkSetUserStatus: spec (inferred): 401 body differs");
  const auto& failed = tests[1];
  EXPECT_EQ(failed["name"], "pria.bulk.self-skip");
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["duration"], 4);
  EXPECT_EQ(failed["suite"], nlohmann::json({"pria"}));
  EXPECT_EQ(failed["labels"]["requirement"], "the caller's own id is skipped <always>");
  EXPECT_EQ(failed["labels"]["spec"], "pria-admin.yaml");
  EXPECT_EQ(failed["tags"], nlohmann::json({"pria.self-not-skipped"}));
  EXPECT_EQ(failed["message"].get<std::string>().rfind(
                "an admin lists itself: /updated: expected 0, got 1\n", 0),
            0u);
  EXPECT_EQ(failed["trace"], "curl -i -X PUT 'http://127.0.0.1:9/api/admin/users/bulk-status'");
  EXPECT_EQ(failed["steps"][0],
            nlohmann::json::parse(R"({"name":"an admin lists itself","status":"failed"})"));
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

TEST(ConsoleReport, ListsFailuresThenTheSummaryLine) {
  std::ostringstream out;
  write_console_summary(out, sample_run());
  const std::string text = out.str();
  EXPECT_NE(text.find("Failures:\n  pria.bulk.self-skip: an admin lists itself: /updated: "
                      "expected 0, got 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Warnings:\n  pria.bulk.ok: bulkSetUserStatus: spec (inferred)"),
            std::string::npos);
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
  EXPECT_NE(text.find("FAIL  pria.bulk.self-skip  ("), std::string::npos);
  EXPECT_NE(text.find("SKIP  pria.bulk.ldap  (not configured: the profile has no users.ldap"),
            std::string::npos);
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
