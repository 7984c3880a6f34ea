// The pypa/packaging PEP 440 vectors (fixtures/packaging), through the same checker as pinreqs-conformance:
// one TEST per list, each failing case reported.
#include <gtest/gtest.h>

#include <string>

#include "pinreqs/conformance/suite.hpp"

namespace {

using pinreqs::conformance::ListResult;
using pinreqs::conformance::SuiteResult;

const SuiteResult& results() {
  static const SuiteResult r = pinreqs::conformance::run_packaging_versions(PINREQS_FIXTURES "/packaging");
  return r;
}

const ListResult* find(const std::string& name) {
  for (const auto& l : results())
    if (l.name == name) return &l;
  return nullptr;
}

void expect_list_passes(const std::string& name, std::size_t min_cases) {
  const ListResult* l = find(name);
  ASSERT_NE(l, nullptr) << "list " << name << " missing from the checker's results";
  for (const auto& f : l->failures) ADD_FAILURE() << name << ": " << f.id << "\n  " << f.detail;
  EXPECT_EQ(l->failed, 0u) << name;
  EXPECT_GE(l->passed, min_cases) << name << ": fewer cases than the bundled fixture holds";
}

TEST(PackagingVectors, VersionsValid) { expect_list_passes("versions.valid", 200); }
TEST(PackagingVectors, VersionsInvalid) { expect_list_passes("versions.invalid", 10); }
TEST(PackagingVectors, VersionsComparisons) { expect_list_passes("versions.comparisons", 1000); }
TEST(PackagingVectors, VersionsOrdered) { expect_list_passes("versions.ordered", 50); }
TEST(PackagingVectors, SpecifierValid) { expect_list_passes("specifiers.specifier_valid", 500); }
TEST(PackagingVectors, SpecifierInvalid) { expect_list_passes("specifiers.specifier_invalid", 20); }
TEST(PackagingVectors, SpecifierSetValid) { expect_list_passes("specifiers.specifierset_valid", 200); }
TEST(PackagingVectors, SpecifierSetInvalid) { expect_list_passes("specifiers.specifierset_invalid", 0); }
TEST(PackagingVectors, Contains) { expect_list_passes("specifiers.contains", 400); }
TEST(PackagingVectors, ContainsGenerated) { expect_list_passes("specifiers.contains_generated", 4000); }
TEST(PackagingVectors, Filter) { expect_list_passes("specifiers.filter", 100); }
TEST(PackagingVectors, Equality) { expect_list_passes("specifiers.equality", 200); }
TEST(PackagingVectors, Unsatisfiable) { expect_list_passes("specifiers.unsatisfiable", 100); }

TEST(PackagingVectors, SetRelations) { expect_list_passes("specifiers.set_relations", 10); }

}  // namespace
