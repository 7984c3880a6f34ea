#include "pinreqs/analysis/stdlib.hpp"

#include <algorithm>

#include "pinreqs/analysis/data.hpp"
#include "pinreqs/analysis/tsv.hpp"

namespace pinreqs::analysis {

namespace {
// "3.12" -> 12; -1 when not a 3.x version.
int minor_of(std::string_view text) {
  if (text.size() < 3 || text.substr(0, 2) != "3.") return -1;
  int m = 0;
  for (char c : text.substr(2)) {
    if (c < '0' || c > '9') return -1;
    m = m * 10 + (c - '0');
  }
  return m;
}
int clamp_minor(const pep440::Version& python) {
  return std::clamp(static_cast<int>(python.release_at(1)), 9, 14);
}
}  // namespace

Result<StdlibTable> StdlibTable::parse(std::string_view tsv, std::string_view file_name) {
  auto rows = parse_tsv(tsv, {"module", "first", "last"}, file_name);
  if (!rows) return tl::unexpected(rows.error());
  StdlibTable t;
  for (const auto& r : *rows) {
    const std::string where = std::string(file_name) + ":" + std::to_string(r.line) + ": ";
    const int first = minor_of(r.fields[1]);
    const int last = r.fields[2].empty() ? 99 : minor_of(r.fields[2]);
    if (r.fields[0].empty() || first < 0 || last < 0 || last < first)
      return fail(ErrorKind::Parse, where + "expected `module<TAB>3.N<TAB>[3.M]` with M >= N");
    t.modules_[r.fields[0]] = {first, last};
  }
  return t;
}

const StdlibTable& StdlibTable::builtin() {
  static const StdlibTable table = [] {
    auto t = parse(data::stdlib_tsv(), "analysis/data/stdlib.tsv");
    return t ? std::move(*t) : StdlibTable{};  // tests/analysis checks that the embedded table parses
  }();
  return table;
}

bool StdlibTable::contains(std::string_view module, const pep440::Version& python) const {
  auto it = modules_.find(std::string(module));
  if (it == modules_.end()) return false;
  const int m = clamp_minor(python);
  return it->second.first <= m && m <= it->second.second;
}

std::string StdlibTable::absence_reason(std::string_view module, const pep440::Version& python) const {
  auto it = modules_.find(std::string(module));
  if (it == modules_.end() || contains(module, python)) return "";
  const int m = clamp_minor(python);
  if (m > it->second.second) return "removed from the standard library in 3." + std::to_string(it->second.second + 1);
  return "added to the standard library in 3." + std::to_string(it->second.first);
}

}  // namespace pinreqs::analysis
