#include "pinreqs/analysis/dependency_usage.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace pinreqs::analysis {
namespace fs = std::filesystem;

const char* to_string(ImportStatus s) noexcept {
  switch (s) {
    case ImportStatus::Direct: return "direct";
    case ImportStatus::Transitive: return "transitive";
    case ImportStatus::Missing: return "missing";
    case ImportStatus::StdlibRemoved: return "stdlib-removed";
  }
  return "?";
}

bool ImportFinding::optional() const {
  if (status != ImportStatus::Missing && status != ImportStatus::StdlibRemoved) return false;
  return std::all_of(uses.begin(), uses.end(), [](const SourceImport& u) { return u.ref.guarded; });
}

bool ImportFinding::breaks_deploy() const {
  return (status == ImportStatus::Missing || status == ImportStatus::StdlibRemoved) && !optional();
}

namespace {

bool skipped_dir(const fs::path& p) {
  const std::string n = p.filename().string();
  if (n.empty() || n[0] == '.') return true;
  if (n == "__pycache__" || n == "site-packages" || n == "node_modules" || n == "build" || n == "dist") return true;
  std::error_code ec;
  return fs::exists(p / "pyvenv.cfg", ec);
}

}  // namespace

AppScan scan_app(const fs::path& dir) {
  AppScan scan;
  std::error_code ec;
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto& p = it->path();
    if (it->is_directory(ec)) {
      if (skipped_dir(p)) it.disable_recursion_pending();
      continue;
    }
    if (p.extension() == ".py" && it->is_regular_file(ec)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    const std::string rel = fs::relative(p, dir, ec).generic_string();
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      scan.unreadable.push_back(rel);
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    scan.files.push_back(rel);
    // The app's own modules: each file's stem and every folder on its path (packages, namespace packages).
    scan.local_modules.insert(p.stem().string());
    for (const auto& part : fs::path(rel).parent_path()) scan.local_modules.insert(part.string());
    for (auto& ref : scan_imports(ss.str())) scan.imports.push_back({rel, std::move(ref)});
  }
  return scan;
}

UsageReport analyze_usage(const AppScan& scan, const UsageInput& in, const ImportMap& map, const StdlibTable& stdlib) {
  UsageReport report;
  std::set<PackageName> used;
  std::map<std::string, std::size_t> index;  // grouping key -> finding
  for (const auto& si : scan.imports) {
    const std::string top = top_level(si.ref.module);
    if (stdlib.contains(top, in.python)) continue;
    if (scan.local_modules.count(top)) continue;
    const auto cands = map.candidates(si.ref.module);
    ImportFinding f;
    f.module = si.ref.module;
    auto direct = std::find_if(cands.begin(), cands.end(), [&](const PackageName& n) { return in.top_level.count(n); });
    auto trans = std::find_if(cands.begin(), cands.end(), [&](const PackageName& n) { return in.installed.count(n); });
    if (direct != cands.end()) {
      f.status = ImportStatus::Direct;
      f.distribution = *direct;
      for (const auto& c : cands)
        if (in.top_level.count(c)) used.insert(c);
    } else if (trans != cands.end()) {
      f.status = ImportStatus::Transitive;
      f.distribution = *trans;
      if (auto p = in.pulled_in_by.find(*trans); p != in.pulled_in_by.end()) f.via = p->second;
    } else if (stdlib.known(top)) {
      f.status = ImportStatus::StdlibRemoved;
      f.distribution = map.listed(si.ref.module);  // a backport only when the table names one
      f.note = stdlib.absence_reason(top, in.python);
    } else {
      f.status = ImportStatus::Missing;
      f.distribution = map.suggest(si.ref.module);
    }
    const std::string key = std::string(to_string(f.status)) + ":" + f.distribution.str();
    if (auto it = index.find(key); it != index.end()) {
      report.findings[it->second].uses.push_back(si);
      continue;
    }
    f.uses.push_back(si);
    index.emplace(key, report.findings.size());
    report.findings.push_back(std::move(f));
  }
  for (const auto& n : in.top_level)
    if (!used.count(n)) report.unused.push_back(n);
  return report;
}

}  // namespace pinreqs::analysis
