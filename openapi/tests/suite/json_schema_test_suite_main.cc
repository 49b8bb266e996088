// Runs the official JSON-Schema-Test-Suite (Debian package json-schema-test-suite) against our
// validator. Fails on any unexpected result, and also on any excluded case that now passes, so
// the exclusion list can only shrink.
//
// Usage: json_schema_test_suite --dialect draft4|draft7 --suite DIR --exclusions FILE
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "statuskit/openapi/schema_validator.h"

namespace fs = std::filesystem;
using statuskit::openapi::Dialect;

namespace {

/// Required test files plus the optional format files for the formats we assert.
std::vector<fs::path> suite_files(const fs::path& suite) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(suite)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  for (const char* format : {"date-time", "date", "email", "ipv4", "ipv6", "uri", "uuid"}) {
    const fs::path file = suite / "optional" / "format" / (std::string(format) + ".json");
    if (fs::exists(file)) files.push_back(file);
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Lines "draftN/file.json | group | test  # reason"; "*" as test excludes a whole group,
/// "*" as group a whole file.
std::set<std::string> load_exclusions(const fs::path& path, const std::string& draft) {
  std::set<std::string> exclusions;
  std::ifstream in(path);
  std::string line;
  auto trim = [](std::string text) {
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    return text;
  };
  while (std::getline(in, line)) {
    line = line.substr(0, line.find("  #"));
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    const auto first = line.find(" | ");
    const auto second = line.find(" | ", first + 3);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string file = trim(line.substr(0, first));
    if (file.rfind(draft + "/", 0) != 0) continue;
    exclusions.insert(file + "|" + trim(line.substr(first + 3, second - first - 3)) + "|" +
                      trim(line.substr(second + 3)));
  }
  return exclusions;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dialect_name, suite, exclusions_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--dialect") dialect_name = argv[i + 1];
    if (flag == "--suite") suite = argv[i + 1];
    if (flag == "--exclusions") exclusions_file = argv[i + 1];
  }
  if ((dialect_name != "draft4" && dialect_name != "draft7") || suite.empty()) {
    std::cerr << "usage: json_schema_test_suite --dialect draft4|draft7 --suite DIR "
                 "[--exclusions FILE]\n";
    return 2;
  }
  if (!fs::is_directory(suite)) {
    std::cerr << "no test suite at " << suite << " (apt-get install json-schema-test-suite)\n";
    return 2;
  }
  const Dialect dialect = dialect_name == "draft4" ? Dialect::kDraft4 : Dialect::kDraft7;
  const auto exclusions = load_exclusions(exclusions_file, dialect_name);
  std::set<std::string> used_exclusions;
  int passed = 0, failed = 0, excluded = 0, stale = 0;

  for (const auto& file : suite_files(suite)) {
    const std::string name = dialect_name + "/" + fs::relative(file, suite).generic_string();
    std::ifstream in(file);
    const auto groups = nlohmann::json::parse(in);
    int file_passed = 0, file_total = 0;
    for (const auto& group : groups) {
      const std::string group_name = group["description"].get<std::string>();
      std::optional<statuskit::openapi::SchemaValidator> validator;
      std::string compile_error;
      try {
        validator = statuskit::openapi::compile_schema(group["schema"], dialect);
      } catch (const std::exception& error) {
        compile_error = error.what();
      }
      for (const auto& test : group["tests"]) {
        const std::string test_name = test["description"].get<std::string>();
        const bool expected = test["valid"].get<bool>();
        bool ok;
        std::string detail;
        if (validator) {
          const auto errors = validator->validate(test["data"]);
          const bool fast = validator->is_valid(test["data"]);
          ok = errors.empty() == expected && fast == expected;
          if (errors.empty() != fast) detail = "validate() and is_valid() disagree; ";
          for (const auto& error : errors) detail += error.to_string() + "; ";
        } else {
          ok = false;
          detail = "schema did not compile: " + compile_error;
        }
        const std::string keys[] = {name + "|" + group_name + "|" + test_name,
                                    name + "|" + group_name + "|*", name + "|*|*"};
        const std::string* excluded_by = nullptr;
        for (const auto& key : keys) {
          if (exclusions.count(key)) excluded_by = &key;
        }
        ++file_total;
        if (excluded_by) {
          used_exclusions.insert(*excluded_by);
          if (ok && excluded_by == &keys[0]) {
            ++stale;
            std::cout << "STALE EXCLUSION (now passes): " << *excluded_by << "\n";
          }
          ++excluded;
          continue;
        }
        if (ok) {
          ++passed;
          ++file_passed;
        } else {
          ++failed;
          std::cout << "FAIL " << name << " | " << group_name << " | " << test_name << " (expected "
                    << (expected ? "valid" : "invalid") << ") " << detail << "\n";
        }
      }
    }
    std::cout << name << ": " << file_passed << "/" << file_total << "\n";
  }
  for (const auto& exclusion : exclusions) {
    if (!used_exclusions.count(exclusion)) {
      ++stale;
      std::cout << "STALE EXCLUSION (matches no test): " << exclusion << "\n";
    }
  }
  std::cout << passed << " passed, " << failed << " failed, " << excluded << " skipped\n";
  return failed == 0 && stale == 0 ? 0 : 1;
}
