// The pypa/packaging tag and filename vectors through the same checker pinreqs-conformance runs: one TEST per
// list, each reporting every failing case.
#include <gtest/gtest.h>

#include "pinreqs/conformance/suite.hpp"

namespace {

using pinreqs::conformance::ListResult;
using pinreqs::conformance::SuiteResult;

const SuiteResult& results() {
  static const SuiteResult all = pinreqs::conformance::run_packaging_tags(PINREQS_FIXTURES "/packaging");
  return all;
}

void expect_list_passes(const std::string& name, std::size_t min_cases) {
  for (const ListResult& list : results()) {
    if (list.name != name) continue;
    for (const auto& f : list.failures) ADD_FAILURE() << f.id << ": " << f.detail;
    EXPECT_EQ(list.failed, 0U) << name;
    EXPECT_EQ(list.skipped, 0U) << name;
    EXPECT_GE(list.passed, min_cases) << name << ": fewer cases than the fixture holds";
    return;
  }
  ADD_FAILURE() << "list " << name << " was not reported";
}

TEST(PackagingTags, ParseTag) { expect_list_passes("tags.parse_tag", 20); }
TEST(PackagingTags, MacBinaryFormats) { expect_list_passes("tags.mac_binary_formats", 15); }
TEST(PackagingTags, MacPlatforms) { expect_list_passes("tags.mac_platforms", 30); }
TEST(PackagingTags, LinuxPlatforms) { expect_list_passes("tags.linux_platforms", 30); }
TEST(PackagingTags, SupportedTags) { expect_list_passes("tags.supported_tags", 10); }
TEST(PackagingTags, WheelCompatibility) { expect_list_passes("tags.wheel_compatibility", 1000); }
TEST(PackagingUtils, CanonicalizeVersion) { expect_list_passes("utils.canonicalize_version", 10); }
TEST(PackagingUtils, ParseWheelFilename) { expect_list_passes("utils.parse_wheel_filename", 20); }
TEST(PackagingUtils, ParseSdistFilename) { expect_list_passes("utils.parse_sdist_filename", 6); }

}  // namespace
