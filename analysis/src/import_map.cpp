#include "pinreqs/analysis/import_map.hpp"

#include <algorithm>
#include <sstream>

#include "pinreqs/analysis/data.hpp"
#include "pinreqs/analysis/tsv.hpp"

namespace pinreqs::analysis {

Result<ImportMap> ImportMap::parse(std::string_view tsv, std::string_view file_name) {
  auto rows = parse_tsv(tsv, {"import", "distribution", "also"}, file_name);
  if (!rows) return tl::unexpected(rows.error());
  ImportMap map;
  for (const auto& r : *rows) {
    const std::string where = std::string(file_name) + ":" + std::to_string(r.line) + ": ";
    Row row;
    row.import = r.fields[0];
    if (row.import.empty()) return fail(ErrorKind::Parse, where + "expected an import name in column `import`");
    auto d = PackageName::parse(r.fields[1]);
    if (!d) return fail(ErrorKind::Parse, where + "expected a distribution name in column `distribution`: " + d.error());
    row.distribution = *d;
    std::stringstream ss(r.fields[2]);
    for (std::string item; std::getline(ss, item, ',');) {
      if (item.empty()) continue;
      auto a = PackageName::parse(item);
      if (!a) return fail(ErrorKind::Parse, where + "expected comma-separated distribution names in column `also`: " + a.error());
      row.also.push_back(*a);
    }
    map.rows_.push_back(std::move(row));
  }
  return map;
}

const ImportMap& ImportMap::builtin() {
  static const ImportMap map = [] {
    auto m = parse(data::import_names_tsv(), "analysis/data/import_names.tsv");
    return m ? std::move(*m) : ImportMap{};  // tests/analysis checks that the embedded table parses
  }();
  return map;
}

const ImportMap::Row* ImportMap::lookup(std::string_view module) const {
  const Row* best = nullptr;
  for (const auto& r : rows_) {
    const bool prefix = module == r.import ||
                        (module.size() > r.import.size() && module.substr(0, r.import.size()) == r.import &&
                         module[r.import.size()] == '.');
    if (prefix && (!best || r.import.size() > best->import.size())) best = &r;
  }
  return best;
}

std::vector<PackageName> ImportMap::candidates(std::string_view module) const {
  std::vector<PackageName> out;
  auto add = [&](const PackageName& n) {
    if (!n.empty() && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  };
  if (const Row* r = lookup(module)) {
    add(r->distribution);
    for (const auto& a : r->also) add(a);
  }
  // Heuristics: every dotted prefix, longest first, normalized like a project name; then the usual spellings
  // of a wrapper's distribution name (python-X, X-python, pyX) for the top-level module.
  std::string_view m = module;
  while (!m.empty()) {
    if (auto n = PackageName::parse(m)) add(*n);
    const auto dot = m.rfind('.');
    if (dot == std::string_view::npos) break;
    m = m.substr(0, dot);
  }
  const std::string top(module.substr(0, module.find('.')));
  for (const std::string& guess : {"python-" + top, top + "-python", "py" + top})
    if (auto n = PackageName::parse(guess)) add(*n);
  return out;
}

PackageName ImportMap::listed(std::string_view module) const {
  const Row* r = lookup(module);
  return r ? r->distribution : PackageName();
}

PackageName ImportMap::suggest(std::string_view module) const {
  if (const Row* r = lookup(module)) return r->distribution;
  const std::string top(module.substr(0, module.find('.')));
  return PackageName::from_trusted(top);
}

}  // namespace pinreqs::analysis
