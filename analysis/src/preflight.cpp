#include "pinreqs/analysis/preflight.hpp"

namespace pinreqs::analysis {

PreflightReport run_preflight(const RepoSnapshot& repo, const PreflightOptions& options) {
  PreflightReport report;
  report.root = repo.root.string();
  report.is_repository = repo.is_repository;
  report.notes = repo.notes;
  if (!repo.is_repository)
    report.notes.push_back("not a git repository: the file checks ran on the folder as it is on disk "
                           "(.venv, __pycache__, node_modules skipped); the branch check is skipped");
  report.checks.push_back(check_unpinned(repo, options));
  report.checks.push_back(check_lfs(repo, options));
  report.checks.push_back(check_size_limits(repo, options));
  report.checks.push_back(check_runtime_python(repo, options));
  report.checks.push_back(check_branch(repo, options));
  return report;
}

Result<PreflightReport> run_preflight(const std::filesystem::path& dir, const PreflightOptions& options) {
  if (!find_host(options.host))
    return fail(ErrorKind::Input, "unknown host `" + options.host + "`: expected github, gitlab, huggingface or bitbucket");
  if (options.max_file_mb && !(*options.max_file_mb > 0))
    return fail(ErrorKind::Input, "--max-file-mb must be a positive number of MiB");
  auto snap = read_repo_snapshot(dir);
  if (!snap) return tl::unexpected(snap.error());
  return run_preflight(*snap, options);
}

}  // namespace pinreqs::analysis
