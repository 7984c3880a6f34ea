#pragma once
// The shared middle of `pin` and `compile`: requirements-file entries -> resolver input -> a resolution for
// the target, with existing pins as preferences, and the `# via` graph.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "console.hpp"
#include "index_source.hpp"
#include "session.hpp"
#include "pinreqs/resolver/python/resolve.hpp"

namespace pinreqs::cli {

// A requirement-file entry turned into a resolver requirement (nullopt: cannot be resolved without building it,
// e.g. an unnamed local path).
std::optional<pep508::Requirement> to_requirement(const reqtxt::RequirementEntry& e);

// `==V` pins (not wildcards) found in entries: name -> version.
std::map<PackageName, pep440::Version> exact_pins(const std::vector<const reqtxt::RequirementEntry*>& entries);

struct LockRequest {
  std::vector<pep508::Requirement> requirements;  // the top level
  std::vector<pep508::Requirement> constraints;
  std::map<PackageName, pep440::Version> preferences;
  bool upgrade_all = false;
  std::set<PackageName> upgrade;
};

struct LockRun {
  TargetChoice target;
  IndexChoice indexes;
  std::unique_ptr<index::IndexClient> client;
  std::unique_ptr<IndexPackageSource> source;
  resolver::python::Outcome outcome;
};

// Resolves; on failure prints the error and returns the exit code (1 input / no solution is NOT handled
// here: the caller inspects outcome). Returns 0 when `run` holds an outcome.
int run_lock(const Console& console, const CommonOptions& o, const std::filesystem::path& project_dir,
             const reqtxt::IndexOptions* file_index_options, const LockRequest& request, LockRun& run);

// `# via` sources per package: the names of the packages that require it, and "-r FILE" for the user's own.
std::map<PackageName, std::vector<std::string>> via_map(const resolver::python::Resolution& r,
                                                        const std::string& root_label);

// "name[extras]==version" (extras sorted) for a resolved package.
std::string pinned_line(const resolver::python::ResolvedPackage& p, bool with_extras = true);

}  // namespace pinreqs::cli
