#pragma once
// Result model shared by every conformance suite. A suite reads a folder in a third-party corpus format and
// reports one ListResult per list (or per scenario group); the same checkers drive the GoogleTests.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace pinreqs::conformance {

struct CaseFailure {
  std::string id;      // the case's input or name
  std::string detail;  // expected vs got
};

struct ListResult {
  std::string name;  // e.g. "versions.valid"
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  std::vector<CaseFailure> failures;
  std::vector<std::string> skip_reasons;  // "case: reason"

  void pass() { ++passed; }
  void fail(std::string id, std::string detail) {
    ++failed;
    failures.push_back({std::move(id), std::move(detail)});
  }
  void skip(std::string id, std::string reason) {
    ++skipped;
    skip_reasons.push_back(std::move(id) + ": " + std::move(reason));
  }
};

using SuiteResult = std::vector<ListResult>;

// An empty list result with its name.
inline ListResult named(std::string name) {
  ListResult r;
  r.name = std::move(name);
  return r;
}

// A suite: reads DIR, returns its lists. Throws std::runtime_error when DIR is not in the expected format.
using SuiteFn = std::function<SuiteResult(const std::filesystem::path& dir)>;

struct SuiteInfo {
  const char* name;         // command-line name, e.g. "packaging"
  const char* description;
  SuiteFn run;
};

// All suites known to pinreqs-conformance.
const std::vector<SuiteInfo>& suites();

// --- the suites (one file each under conformance/src/) ---
// packaging: pypa/packaging vectors (versions, specifiers, markers, requirements, tags, utils, real_world).
SuiteResult run_packaging(const std::filesystem::path& dir);
SuiteResult run_packaging_versions(const std::filesystem::path& dir);      // versions.json, specifiers.json
SuiteResult run_packaging_pep508(const std::filesystem::path& dir);        // markers.json, requirements.json
SuiteResult run_packaging_tags(const std::filesystem::path& dir);          // tags.json, utils.json
SuiteResult run_packaging_real_world(const std::filesystem::path& dir);    // real_world.json
SuiteResult run_requirements_txt(const std::filesystem::path& dir);        // uv's requirements-txt corpus
SuiteResult run_pip_req_file(const std::filesystem::path& dir);            // pip's req-file cases
SuiteResult run_packse(const std::filesystem::path& dir);                  // packse scenarios
SuiteResult run_resolvelib(const std::filesystem::path& dir);              // resolvelib cases

}  // namespace pinreqs::conformance
