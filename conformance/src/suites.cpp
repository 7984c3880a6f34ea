#include "pinreqs/conformance/suite.hpp"

namespace pinreqs::conformance {

const std::vector<SuiteInfo>& suites() {
  static const std::vector<SuiteInfo> all = {
      {"packaging", "pypa/packaging test vectors: versions, specifiers, markers, requirements, tags, utils",
       run_packaging},
      {"requirements-txt", "uv's requirements-file corpus (files with expected parses and errors)",
       run_requirements_txt},
      {"pip-req-file", "pip's requirements-file cases restated as data", run_pip_req_file},
      {"packse", "packse resolver scenarios", run_packse},
      {"resolvelib", "resolvelib resolver cases over frozen PyPI metadata", run_resolvelib},
  };
  return all;
}

SuiteResult run_packaging(const std::filesystem::path& dir) {
  SuiteResult all;
  for (auto* part : {run_packaging_versions, run_packaging_pep508, run_packaging_tags, run_packaging_real_world}) {
    auto lists = part(dir);
    all.insert(all.end(), std::make_move_iterator(lists.begin()), std::make_move_iterator(lists.end()));
  }
  return all;
}

}  // namespace pinreqs::conformance
