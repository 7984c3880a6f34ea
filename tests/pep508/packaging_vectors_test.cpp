// The pypa/packaging PEP 508 vectors (fixtures/packaging: markers.json, requirements.json, utils.json,
// real_world.json) through the same checkers as pinreqs-conformance: one TEST per list, each failing case
// reported.
#include <gtest/gtest.h>

#include <string>

#include "pinreqs/conformance/suite.hpp"

namespace {

using pinreqs::conformance::ListResult;
using pinreqs::conformance::SuiteResult;

const SuiteResult& pep508_results() {
  static const SuiteResult r = pinreqs::conformance::run_packaging_pep508(PINREQS_FIXTURES "/packaging");
  return r;
}
const SuiteResult& real_world_results() {
  static const SuiteResult r = pinreqs::conformance::run_packaging_real_world(PINREQS_FIXTURES "/packaging");
  return r;
}

void expect_list_passes(const SuiteResult& results, const std::string& name, std::size_t min_cases) {
  const ListResult* l = nullptr;
  for (const auto& r : results)
    if (r.name == name) l = &r;
  ASSERT_NE(l, nullptr) << "list " << name << " missing from the checker's results";
  for (const auto& f : l->failures) ADD_FAILURE() << name << ": " << f.id << "\n  " << f.detail;
  EXPECT_EQ(l->failed, 0u) << name;
  EXPECT_EQ(l->skipped, 0u) << name;
  EXPECT_GE(l->passed, min_cases) << name << ": fewer cases than the bundled fixture holds";
}

TEST(PackagingPep508, MarkersValid) { expect_list_passes(pep508_results(), "markers.valid", 1800); }
TEST(PackagingPep508, MarkersInvalid) { expect_list_passes(pep508_results(), "markers.invalid", 9); }
TEST(PackagingPep508, MarkersEvaluate) { expect_list_passes(pep508_results(), "markers.evaluate", 70); }
TEST(PackagingPep508, MarkersEvaluateGenerated) {
  expect_list_passes(pep508_results(), "markers.evaluate_generated", 5400);
}
TEST(PackagingPep508, RequirementsValid) { expect_list_passes(pep508_results(), "requirements.valid", 4200); }
TEST(PackagingPep508, RequirementsInvalid) { expect_list_passes(pep508_results(), "requirements.invalid", 31); }
TEST(PackagingPep508, RequirementsEquality) { expect_list_passes(pep508_results(), "requirements.equality", 15); }
TEST(PackagingPep508, CanonicalizeName) { expect_list_passes(pep508_results(), "utils.canonicalize_name", 17); }

TEST(PackagingRealWorld, Versions) { expect_list_passes(real_world_results(), "real_world.versions", 2500); }
TEST(PackagingRealWorld, Requirements) { expect_list_passes(real_world_results(), "real_world.requirements", 2400); }
TEST(PackagingRealWorld, RequiresPython) { expect_list_passes(real_world_results(), "real_world.requires_python", 10); }
TEST(PackagingRealWorld, WheelFilenames) { expect_list_passes(real_world_results(), "real_world.wheel_filenames", 78); }
TEST(PackagingRealWorld, SdistFilenames) { expect_list_passes(real_world_results(), "real_world.sdist_filenames", 73); }
TEST(PackagingRealWorld, OtherFilenames) { expect_list_passes(real_world_results(), "real_world.other_filenames", 6); }
TEST(PackagingRealWorld, ProjectNames) { expect_list_passes(real_world_results(), "real_world.project_names", 370); }

}  // namespace
