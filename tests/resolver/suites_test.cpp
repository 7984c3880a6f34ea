// The packse and resolvelib suites on the bundled copies (same checkers as pinreqs-conformance), plus a
// snapshot of every packse explanation. Each scenario's result includes the invariant checks: a solution
// satisfies every requirement edge and has an installable file per package; an explanation names only
// packages of the scenario. Set PINREQS_UPDATE_GOLDEN=1 to rewrite the snapshot, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "pinreqs/conformance/suite.hpp"

namespace pinreqs::conformance {
// Defined in conformance/src/packse.cpp.
SuiteResult run_packse_explained(const std::filesystem::path& dir,
                                 std::vector<std::pair<std::string, std::string>>& explanations);
}  // namespace pinreqs::conformance

namespace {

void expect_clean(const pinreqs::conformance::SuiteResult& result, std::size_t min_passed) {
  std::size_t passed = 0;
  for (const auto& list : result) {
    passed += list.passed;
    for (const auto& f : list.failures) ADD_FAILURE() << list.name << ": " << f.id << "\n" << f.detail;
  }
  EXPECT_GE(passed, min_passed);
}

}  // namespace

TEST(Suites, PackseScenariosAndExplanationSnapshot) {
  std::vector<std::pair<std::string, std::string>> explanations;
  const auto result =
      pinreqs::conformance::run_packse_explained(std::filesystem::path(PINREQS_FIXTURES) / "packse", explanations);
  expect_clean(result, 80);
  std::string text;
  for (const auto& [name, expl] : explanations) text += "## " + name + "\n" + expl + "\n";
  const auto golden = std::filesystem::path(PINREQS_FIXTURES) / "packse" / "explanations.golden.md";
  const char* update = std::getenv("PINREQS_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << text;
    return;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing " << golden << " (run with PINREQS_UPDATE_GOLDEN=1)";
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(text, want.str());
}

TEST(Suites, Resolvelib) {
  expect_clean(pinreqs::conformance::run_resolvelib(std::filesystem::path(PINREQS_FIXTURES) / "resolvelib"), 9);
}
