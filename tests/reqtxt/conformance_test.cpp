// The uv and pip corpora through the same checkers as `pinreqs-conformance` (one TEST per corpus; every
// failing case is reported).
#include <gtest/gtest.h>

#include "pinreqs/conformance/suite.hpp"

namespace {

void expect_all_pass(const pinreqs::conformance::SuiteResult& lists) {
  ASSERT_FALSE(lists.empty());
  for (const auto& list : lists) {
    for (const auto& f : list.failures) ADD_FAILURE() << list.name << ": " << f.id << ": " << f.detail;
    EXPECT_GT(list.passed, 0U) << list.name << " ran no case";
  }
}

TEST(ReqtxtConformance, UvRequirementsTxtCorpus) {
  expect_all_pass(pinreqs::conformance::run_requirements_txt(PINREQS_FIXTURES "/requirements-txt"));
}

TEST(ReqtxtConformance, PipReqFileCases) {
  expect_all_pass(pinreqs::conformance::run_pip_req_file(PINREQS_FIXTURES "/pip-req-file"));
}

}  // namespace
