#pragma once
// The few pyproject.toml fields pinreqs reads: [project] requires-python, dependencies and
// optional-dependencies. A small TOML-subset reader (strings, arrays of strings, tables, comments); keys it
// does not need are skipped, including values it cannot read.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/common/span.hpp"

namespace pinreqs {

struct PyProjectString {
  std::string value;
  Span span;  // of the value's text inside the file (without quotes)
};

struct PyProject {
  std::optional<std::string> name;
  std::optional<PyProjectString> requires_python;
  std::vector<PyProjectString> dependencies;
  std::map<std::string, std::vector<PyProjectString>> optional_dependencies;
  bool has_project_table = false;
};

// Never fails: unreadable parts are ignored (pinreqs only reports on what it could read).
PyProject parse_pyproject(std::string_view text);

}  // namespace pinreqs
