// pinreqs-conformance SUITE DIR: runs a third-party suite in its corpus format.
// Prints one line per list, failure details, and last `N passed, M failed`; exits 1 when anything fails.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "pinreqs/conformance/suite.hpp"

namespace {

void usage(FILE* out) {
  std::fprintf(out, "usage: pinreqs-conformance [-v] SUITE DIR\n\nsuites:\n");
  for (const auto& s : pinreqs::conformance::suites()) std::fprintf(out, "  %-18s %s\n", s.name, s.description);
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  int argi = 1;
  if (argi < argc && (std::strcmp(argv[argi], "-h") == 0 || std::strcmp(argv[argi], "--help") == 0)) {
    usage(stdout);
    return 0;
  }
  if (argi < argc && std::strcmp(argv[argi], "-v") == 0) {
    verbose = true;
    ++argi;
  }
  if (argc - argi != 2) {
    usage(stderr);
    return 2;
  }
  const std::string suite = argv[argi];
  const std::string dir = argv[argi + 1];
  for (const auto& s : pinreqs::conformance::suites()) {
    if (suite != s.name) continue;
    pinreqs::conformance::SuiteResult result;
    try {
      result = s.run(dir);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "pinreqs-conformance: %s: %s\n", suite.c_str(), e.what());
      std::printf("0 passed, 1 failed\n");
      return 2;
    }
    std::size_t passed = 0, failed = 0, skipped = 0;
    const std::size_t max_details = verbose ? static_cast<std::size_t>(-1) : 10;
    for (const auto& list : result) {
      std::printf("%-40s %6zu passed %6zu failed %6zu skipped\n", list.name.c_str(), list.passed, list.failed,
                  list.skipped);
      for (std::size_t i = 0; i < list.failures.size() && i < max_details; ++i)
        std::printf("  FAIL %s: %s\n", list.failures[i].id.c_str(), list.failures[i].detail.c_str());
      if (list.failures.size() > max_details)
        std::printf("  ... %zu more failures (-v shows all)\n", list.failures.size() - max_details);
      if (verbose)
        for (const auto& r : list.skip_reasons) std::printf("  SKIP %s\n", r.c_str());
      passed += list.passed;
      failed += list.failed;
      skipped += list.skipped;
    }
    if (skipped) std::printf("(%zu skipped)\n", skipped);
    std::printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
  }
  std::fprintf(stderr, "pinreqs-conformance: unknown suite `%s`\n", suite.c_str());
  usage(stderr);
  return 2;
}
