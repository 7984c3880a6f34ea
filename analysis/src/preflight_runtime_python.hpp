#pragma once
// The runtime-Python declarations of a repository (private to the analysis module; tests reach them through
// check_runtime_python).
#include <optional>
#include <string>
#include <vector>

#include "pinreqs/analysis/repo_snapshot.hpp"

namespace pinreqs::analysis {

struct PythonVersion {
  int major = 3, minor = 0, micro = -1;  // micro -1 = not given
  [[nodiscard]] std::string minor_text() const;  // "3.11"
  [[nodiscard]] std::string text() const;        // "3.11" or "3.11.7"
};

struct PythonDeclaration {
  std::string file;   // ".python-version", "runtime.txt", "Dockerfile", "pyproject.toml"
  std::size_t line = 0;
  std::string text;   // as written
  std::optional<PythonVersion> version;        // for requires-python: the lowest minor it admits
  bool not_cpython = false;                    // pypy3.10, graalpy
  std::optional<std::string> requires_python;  // set for pyproject.toml's requires-python
};

std::vector<PythonDeclaration> read_python_declarations(const RepoSnapshot& repo);

}  // namespace pinreqs::analysis
