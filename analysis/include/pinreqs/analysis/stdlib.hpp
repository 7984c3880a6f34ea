#pragma once
// Standard-library top-level modules per CPython minor version (analysis/data/stdlib.tsv, 3.9-3.14): an
// import of one needs no requirement on the Pythons that have it.
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/version.hpp"

namespace pinreqs::analysis {

class StdlibTable {
 public:
  static Result<StdlibTable> parse(std::string_view tsv, std::string_view file_name = "stdlib.tsv");
  static const StdlibTable& builtin();

  // Whether `module` (a top-level name) is in the standard library of Python `python` (major.minor read;
  // versions before 3.9 read as 3.9, after 3.14 as 3.14).
  [[nodiscard]] bool contains(std::string_view module, const pep440::Version& python) const;
  // Whether the name is a standard-library module of any Python in the table.
  [[nodiscard]] bool known(std::string_view module) const { return modules_.count(std::string(module)) != 0; }
  // "removed in 3.13" / "added in 3.14" for a module known to the table but absent on `python`; "" otherwise.
  [[nodiscard]] std::string absence_reason(std::string_view module, const pep440::Version& python) const;

 private:
  std::map<std::string, std::pair<int, int>> modules_;  // minor range [first, last], last 99 = still present
};

}  // namespace pinreqs::analysis
