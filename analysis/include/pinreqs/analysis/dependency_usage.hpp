#pragma once
// Unused and missing dependencies: the app's imports (scanned from its .py files) against the requirements
// and what they pull in, on one target Python.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pinreqs/analysis/import_map.hpp"
#include "pinreqs/analysis/import_scan.hpp"
#include "pinreqs/analysis/stdlib.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/version.hpp"

namespace pinreqs::analysis {

struct SourceImport {
  std::string file;  // relative to the scanned folder, with '/'
  ImportRef ref;
};

struct AppScan {
  std::vector<std::string> files;             // the .py files read, sorted
  std::vector<SourceImport> imports;          // in file order, then line order
  std::set<std::string> local_modules;        // top-level names the app provides itself (files, packages)
  std::vector<std::string> unreadable;        // files that could not be read
};

// Every .py file under `dir`, skipping hidden folders, virtual environments (a folder with pyvenv.cfg),
// __pycache__, site-packages, node_modules, build and dist. Results are sorted, so the output is stable.
AppScan scan_app(const std::filesystem::path& dir);

enum class ImportStatus : std::uint8_t {
  Direct,          // a top-level requirement provides it
  Transitive,      // only a dependency of a requirement provides it: works until that requirement changes
  Missing,         // nothing in the environment provides it: ModuleNotFoundError on a fresh deploy
  StdlibRemoved,   // was in the standard library, removed on this Python, and nothing provides it
};
const char* to_string(ImportStatus s) noexcept;  // "direct", "transitive", "missing", "stdlib-removed"

struct ImportFinding {
  std::string module;                 // the import as first written (`dotenv`, `google.cloud.storage`)
  std::vector<SourceImport> uses;
  ImportStatus status = ImportStatus::Missing;
  PackageName distribution;           // the provider (Direct/Transitive) or the suggestion (Missing)
  std::vector<PackageName> via;       // Transitive: the top-level requirements that pull it in, nearest first
  std::string note;                   // StdlibRemoved: "removed from the standard library in 3.13"
  // Missing/StdlibRemoved and every use is inside try/except: the app copes without it (reported, not failed).
  [[nodiscard]] bool optional() const;
  // Missing/StdlibRemoved and not optional: a fresh deploy fails with ModuleNotFoundError.
  [[nodiscard]] bool breaks_deploy() const;
};

struct UsageInput {
  std::set<PackageName> top_level;                           // the user's requirements (installed on the target)
  std::set<PackageName> installed;                           // everything installed on the target
  std::map<PackageName, std::vector<PackageName>> pulled_in_by; // package -> top-level requirements, nearest first
  pep440::Version python;
};

struct UsageReport {
  std::vector<ImportFinding> findings;  // every third-party import, grouped by provider, in first-use order
  std::vector<PackageName> unused;      // top-level requirements no import maps to, sorted
};

UsageReport analyze_usage(const AppScan& scan, const UsageInput& in, const ImportMap& map = ImportMap::builtin(),
                          const StdlibTable& stdlib = StdlibTable::builtin());

}  // namespace pinreqs::analysis
