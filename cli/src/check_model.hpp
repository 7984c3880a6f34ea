#pragma once
// What `pinreqs check` found, computed once by check_command.cpp and printed by check_render.cpp as a text
// report, JSON or GitHub Actions annotations.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pinreqs/analysis/alternatives.hpp"
#include "pinreqs/analysis/dependency_usage.hpp"
#include "pinreqs/analysis/weight.hpp"
#include "pinreqs/analysis/wheel_matrix.hpp"
#include "pinreqs/cli/options.hpp"
#include "pinreqs/parsers/specifier.hpp"
#include "session.hpp"

namespace pinreqs::cli::check {

struct RequirementLine {
  std::string file;  // as the user named it (for annotations)
  std::size_t line = 0;
  std::string specifier;        // the requirement's version range as written ("" = any)
  pep440::SpecifierSet range;   // the same, parsed
};

struct Cell {
  bool needed = false;  // false: its marker (or its parents' markers) is false on this target
  analysis::ReleaseFit fit;
  analysis::WheelFix fix;          // set when the package does not install from a wheel
  std::vector<PackageName> via;    // top-level requirements that pull it in on this target, nearest first
  bool heavy = false;
  bool failing = false;            // counts against the exit code
};

struct PackageRow {
  PackageName name;
  std::string display;   // as the index spells it
  std::string version;    // the URL for a direct URL requirement
  bool is_url = false;
  bool direct = false;
  std::vector<Cell> cells;  // one per target
};

struct TargetReport {
  TargetChoice choice;
  std::string role;  // "deploy" / "next newer CPython" / "--python"
  std::map<analysis::Availability, int> counts;
  int needed = 0;
  std::uint64_t download = 0;
  int unknown_sizes = 0;
  std::uint64_t heavy_total = 0;
  bool over_budget = false;
  int failures = 0;
  std::vector<analysis::Suggestion> suggestions;
  std::vector<std::string> unchecked_alternatives;  // "torch from URL (offline)"
  std::optional<analysis::UsageReport> usage;
  std::map<PackageName, std::set<PackageName>> exclusive;  // top-level -> what removing it removes
};

struct Report {
  std::vector<std::string> files;
  std::string index_source;
  std::vector<TargetReport> targets;
  std::vector<PackageRow> packages;  // sorted by name
  std::map<PackageName, RequirementLine> lines;  // top-level requirement -> where it is written
  std::map<PackageName, std::string> display;    // normalized -> display name
  std::optional<analysis::AppScan> scan;
  std::string app_dir;               // as it will be printed ("." or the folder given)
  std::optional<std::uint64_t> budget;
  std::uint64_t heavy_bytes = 0;
  bool allow_sdist = false;
  std::size_t only_elsewhere = 0;    // packages the deploy lock lacks, found by resolving for the other targets
  int exit_code = 0;
};

// Output.
std::string render_text(const Report& r, bool color);
std::string render_json(const Report& r);
std::string render_github(const Report& r);

// Shared phrasing.
// A column label: "3.13", "mac", "3.13 win" or "aarch64" — what tells target `ti` apart from the others.
std::string short_target(const Report& r, std::size_t ti);
std::string via_text(const Report& r, const PackageName& name, const std::vector<PackageName>& via);
std::string fix_text(const PackageRow& p, const Cell& c, const TargetChoice& t);

}  // namespace pinreqs::cli::check
