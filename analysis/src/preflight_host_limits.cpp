#include "pinreqs/analysis/preflight_host_limits.hpp"

namespace pinreqs::analysis {

namespace {
constexpr std::uint64_t kMiB = 1024ULL * 1024;
constexpr std::uint64_t kGiB = 1024ULL * kMiB;
constexpr std::uint64_t kGB = 1000ULL * 1000 * 1000;
}  // namespace

const std::vector<HostLimits>& known_hosts() {
  // Facts as each host documents them (checked 2026-11):
  static const std::vector<HostLimits> hosts = {
      // GitHub docs, "About large files on GitHub": files added in the browser are limited to 25 MiB; a push
      // with a file over 50 MiB gets a warning; files over 100 MiB are blocked. "Troubleshooting the 2 GiB push
      // limit": one push is at most 2 GiB. "About large files": repositories ideally under 1 GB (5 GB strongly
      // recommended).
      {"github", "GitHub", 25 * kMiB, 50 * kMiB, 100 * kMiB, "blocked (pre-receive hook GH001)", 2 * kGiB, 1 * kGB,
       std::nullopt, "docs.github.com: About large files on GitHub; Troubleshooting the 2 GiB push limit"},
      // GitLab.com (docs "GitLab.com settings" and its plan limits): pushes with a blob over 100 MiB are
      // rejected ("You are attempting to check in one or more blobs which exceed the 100.0MiB limit");
      // a single push is at most 5 GB (Maximum push size 5000 MB); a repository is limited to 10 GiB;
      // "Upload a file" in the web UI is checked against the 100 MiB maximum attachment size (issue 327719).
      {"gitlab", "GitLab.com", 100 * kMiB, std::nullopt, 100 * kMiB, "rejected (blob size limit, use LFS)", 5 * kGB,
       std::nullopt, 10 * kGiB, "docs.gitlab.com: GitLab.com settings (account and limit settings, plan limits)"},
      // Hugging Face Hub docs, "Repository limitations and recommendations" and "Git vs HTTP": a git push of a
      // file over 10 MiB that is not stored with LFS/Xet is rejected; files should stay under 20 GB each
      // (the per-file recommendation). No browser-upload limit below that is documented.
      {"huggingface", "Hugging Face Hub", std::nullopt, 20 * kGB, 10 * kMiB, "rejected unless stored with Git LFS/Xet",
       std::nullopt, std::nullopt, std::nullopt,
       "huggingface.co/docs/hub: Repository limitations and recommendations"},
      // Bitbucket Cloud (blog "Git push size limits ..." 2022 and "Updated repository limits"): one push is at
      // most 3.5 GB ("pack exceeds maximum allowed size"), a repository at most 4 GB; no per-file limit is
      // documented, so a single file is bounded by the push limit.
      {"bitbucket", "Bitbucket Cloud", std::nullopt, std::nullopt, 3500ULL * 1000 * 1000,
       "rejected (a push carries at most 3.5 GB)", 3500ULL * 1000 * 1000, std::nullopt, 4 * kGB,
       "bitbucket.org/blog: Git push size limits (2022); Updated repository limits"},
  };
  return hosts;
}

const HostLimits* find_host(std::string_view name) {
  for (const auto& h : known_hosts())
    if (h.name == name) return &h;
  return nullptr;
}

}  // namespace pinreqs::analysis
