#pragma once
// `pinreqs doctor`: a deploy preflight of a repository for the failures that make "works on my machine"
// break on the host: unpinned requirements, Git LFS pointers, files over a host's size limits, an undeclared
// or contradictory runtime Python (and pins without a wheel for it), and pushes that land on a branch nobody
// deploys. Each check is its own function (preflight_*.cpp) so tests can run them one at a time.
#include <optional>
#include <string>

#include "pinreqs/analysis/preflight_host_limits.hpp"
#include "pinreqs/analysis/preflight_report.hpp"
#include "pinreqs/analysis/repo_snapshot.hpp"
#include "pinreqs/resolver/python/package_source.hpp"

namespace pinreqs::analysis {

struct PreflightOptions {
  std::string host = "github";                // a known_hosts() name
  std::optional<double> max_file_mb;          // replaces the host's push limit per file
  bool require_hashes = false;                // pins without --hash fail
  // Wheel lookups for the runtime-Python check; nullptr skips that part (the declaration checks still run).
  resolver::python::PackageSource* source = nullptr;
  std::string platform = "x86_64-manylinux_2_28";  // uv's platform name for the wheel check
};

// The five checks, in checklist order.
CheckResult check_unpinned(const RepoSnapshot& repo, const PreflightOptions& options);
CheckResult check_lfs(const RepoSnapshot& repo, const PreflightOptions& options);
CheckResult check_size_limits(const RepoSnapshot& repo, const PreflightOptions& options);
CheckResult check_runtime_python(const RepoSnapshot& repo, const PreflightOptions& options);
CheckResult check_branch(const RepoSnapshot& repo, const PreflightOptions& options);

// Reads the repository and runs every check. Errors: those of read_repo_snapshot, and Input for an unknown host.
Result<PreflightReport> run_preflight(const std::filesystem::path& dir, const PreflightOptions& options);
PreflightReport run_preflight(const RepoSnapshot& repo, const PreflightOptions& options);

}  // namespace pinreqs::analysis
