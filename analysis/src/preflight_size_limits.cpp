// Check 3: files over (or close to) the host's limits, per door: the browser upload, the push warning, the push
// rejection; and the size of the whole tree against the push and repository limits.
#include <algorithm>
#include <cmath>

#include "pinreqs/analysis/preflight.hpp"
#include "preflight_internal.hpp"

namespace pinreqs::analysis {

namespace {

struct Limit {
  std::uint64_t bytes;
  std::string door;   // "push", "web upload"
  std::string what;   // "GitHub's 100.0 MiB push limit"
  std::string effect; // "a push that contains it is rejected"
  Severity over;      // severity when a committed file is over it
};

std::string percent(std::uint64_t part, std::uint64_t whole) {
  return std::to_string(static_cast<int>(std::floor(100.0 * static_cast<double>(part) / static_cast<double>(whole)))) + "%";
}

}  // namespace

CheckResult check_size_limits(const RepoSnapshot& repo, const PreflightOptions& options) {
  CheckResult r;
  r.id = "size";
  const HostLimits* host = find_host(options.host);
  if (!host) host = &known_hosts().front();
  r.title = "Size limits (" + host->display + ")";

  std::vector<Limit> limits;  // strictest consequence first
  if (options.max_file_mb) {
    const auto bytes = static_cast<std::uint64_t>(*options.max_file_mb * 1024.0 * 1024.0);
    limits.push_back({bytes, "push", "the " + format_size(bytes) + " limit (--max-file-mb)",
                      "a push that contains it is rejected", Severity::Error});
  } else {
    limits.push_back({host->push_file_limit, "push", host->display + "'s " + format_size(host->push_file_limit) + " per-file push limit",
                      "a push that contains it is " + host->push_file_note, Severity::Error});
  }
  if (host->push_warning && *host->push_warning < limits.front().bytes)
    limits.push_back({*host->push_warning, "push", host->display + "'s " + format_size(*host->push_warning) + " large-file warning",
                      "the push succeeds with a warning (`git clone` and every deploy download it)", Severity::Warning});
  if (host->web_upload && *host->web_upload < limits.front().bytes)
    limits.push_back({*host->web_upload, "web upload", host->display + "'s " + format_size(*host->web_upload) + " browser-upload limit",
                      "adding or replacing it in the web interface fails (git push is not affected)", Severity::Warning});

  std::uint64_t total = 0;
  std::size_t over = 0, near = 0;
  const RepoFile* largest = nullptr;
  for (const auto& f : repo.files) {
    if (!f.tracked && repo.is_repository && !f.on_disk) continue;
    if (f.tracked || !repo.is_repository) total += f.size;
    if (!largest || f.size > largest->size) largest = &f;
    const Limit* exceeded = nullptr;
    for (const auto& l : limits)
      if (f.size > l.bytes) {
        exceeded = &l;
        break;
      }
    // The most consequential limit the file is close to (>= 90%) without being over it.
    const Limit* close = nullptr;
    for (const auto& l : limits)
      if (l.bytes > 0 && f.size <= l.bytes && f.size * 10 >= l.bytes * 9) {
        close = &l;
        break;
      }
    const std::string qp = detail::shell_quote(f.path);
    const std::string where = repo.is_repository && !f.tracked ? " (untracked: `git add .` would add it)" : "";
    if (exceeded) {
      ++over;
      Finding fd;
      fd.severity = (repo.is_repository && !f.tracked) ? Severity::Warning : exceeded->over;
      fd.file = f.path;
      fd.message = "`" + f.path + "` is " + format_size(f.size) + ": over " + exceeded->what + " [" + exceeded->door + "]" + where;
      fd.details.push_back(exceeded->effect);
      for (const auto& l : limits)
        if (&l != exceeded && f.size > l.bytes) fd.details.push_back("also over " + l.what + " [" + l.door + "]");
      if (close && close->bytes > exceeded->bytes) {
        ++near;
        fd.details.push_back("and " + percent(f.size, close->bytes) + " of " + close->what + " [" + close->door +
                             "]: a little growth and " + close->effect);
      }
      if (exceeded->door == "push" && exceeded->over == Severity::Error) {
        if (f.tracked) fd.fixes.push_back("git rm --cached " + qp);
        fd.fixes.push_back("echo " + detail::shell_quote("/" + f.path) + " >> .gitignore");
        if (f.tracked) {
          fd.fixes.push_back("git add .gitignore && git commit -m " + detail::shell_quote("Keep " + f.path + " out of git"));
          fd.details.push_back("if an unpushed commit already contains it, the push is still rejected: drop it from "
                               "those commits too (`git rebase -i`, or `git filter-repo --invert-paths --path " + f.path + "`)");
        }
        fd.details.push_back("download it at build or start time instead (release asset, object storage, model hub)");
      }
      r.add(std::move(fd));
      continue;
    }
    if (close) {
      ++near;
      Finding fd;
      fd.severity = Severity::Warning;
      fd.file = f.path;
      fd.message = "`" + f.path + "` is " + format_size(f.size) + ", " + percent(f.size, close->bytes) + " of " + close->what +
                   " [" + close->door + "]" + where;
      fd.details.push_back("a little growth and " + close->effect);
      r.add(std::move(fd));
    }
  }

  struct TreeLimit {
    std::optional<std::uint64_t> bytes;
    std::string what;
    Severity over;
  };
  const TreeLimit tree_limits[] = {
      {host->repo_limit, host->display + "'s " + (host->repo_limit ? format_size(*host->repo_limit) : "") + " repository limit", Severity::Error},
      {host->push_total, host->display + "'s " + (host->push_total ? format_size(*host->push_total) : "") +
                             " limit for one push (a first push carries the whole tree)", Severity::Error},
      {host->repo_recommended, host->display + "'s recommended repository size of " +
                                   (host->repo_recommended ? format_size(*host->repo_recommended) : ""), Severity::Warning},
  };
  for (const auto& tl : tree_limits) {
    if (!tl.bytes) continue;
    if (total > *tl.bytes) {
      r.add({tl.over, "the tree is " + format_size(total) + ": over " + tl.what + " [push]", "", 0,
             {"history adds to this: the repository on the host is at least this large"}, {}});
      break;
    }
    if (total * 10 >= *tl.bytes * 9) {
      r.add({Severity::Warning, "the tree is " + format_size(total) + ", " + percent(total, *tl.bytes) + " of " + tl.what + " [push]",
             "", 0, {}, {}});
      break;
    }
  }

  r.summary = std::to_string(repo.files.size()) + " file" + (repo.files.size() == 1 ? "" : "s") + ", " +
              format_size(total) + (repo.is_repository ? " tracked" : "");
  if (largest) r.summary += "; largest `" + largest->path + "` " + format_size(largest->size);
  if (over) r.summary += "; " + std::to_string(over) + " over a limit";
  if (near) r.summary += "; " + std::to_string(near) + " within 10% of one";
  return r;
}

}  // namespace pinreqs::analysis
