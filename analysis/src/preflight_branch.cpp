// Check 5: the branch you commit to vs the branch the host deploys (the remote's default), where a plain
// `git push` would go, commits not pushed, and local branches that track nothing.
#include <algorithm>

#include "pinreqs/analysis/preflight.hpp"
#include "preflight_internal.hpp"

namespace pinreqs::analysis {

namespace {

bool default_like(const std::string& b) { return b == "main" || b == "master" || b == "trunk" || b == "default"; }

std::string plural(std::size_t n, const std::string& word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

CheckResult check_branch(const RepoSnapshot& repo, const PreflightOptions& /*options*/) {
  CheckResult r;
  r.id = "branch";
  r.title = "Branch";
  if (!repo.is_repository) {
    r.status = CheckStatus::Skipped;
    r.summary = "not a git repository";
    return r;
  }
  if (repo.detached) {
    r.add({Severity::Warning, "HEAD is detached: new commits belong to no branch and a plain `git push` pushes nothing", "", 0,
           {}, {"git switch -c <branch>"}});
    r.summary = "detached HEAD";
    return r;
  }
  const std::string cur = repo.branch.value_or("?");
  if (repo.unborn)
    r.add({Severity::Warning, "`" + cur + "` has no commit yet: there is nothing to deploy", "", 0, {}, {"git add -A && git commit"}});
  if (repo.remotes.empty()) {
    r.add({Severity::Warning, "no remote is configured: the host has nothing to deploy from", "", 0, {},
           {"git remote add origin <url>", "git push -u origin " + cur}});
    r.summary = "on `" + cur + "`, no remote";
    return r;
  }

  const RemoteInfo* remote = nullptr;
  const std::string remote_name = repo.push.remote.value_or(repo.remotes.front().name);
  for (const auto& rm : repo.remotes)
    if (rm.name == remote_name) remote = &rm;
  if (!remote) remote = &repo.remotes.front();
  const BranchInfo* info = nullptr;
  for (const auto& b : repo.branches)
    if (b.name == cur) info = &b;

  const std::string dest = repo.push.branch ? "`" + remote->name + "/" + *repo.push.branch + "`" : "nowhere";
  r.summary = "on `" + cur + "`";
  if (remote->default_branch) r.summary += ", `" + remote->name + "` default `" + *remote->default_branch + "`";
  r.summary += ", `git push` → " + dest;

  if (!remote->default_branch) {
    r.add({Severity::Notice, "`" + remote->name + "`'s default branch is not known locally (no refs/remotes/" + remote->name + "/HEAD)",
           "", 0, {"the check cannot tell which branch the host shows and deploys"},
           {"git remote set-head " + remote->name + " --auto"}});
  } else {
    const std::string& def = *remote->default_branch;
    const bool lands_on_default = repo.push.branch && *repo.push.branch == def;
    if (cur != def || !lands_on_default) {
      Finding fd;
      const bool mismatch = default_like(cur) && cur != def && !lands_on_default;
      if (lands_on_default) fd.severity = Severity::Notice;
      else if (mismatch || (cur == def && repo.push.branch)) fd.severity = Severity::Error;
      else fd.severity = Severity::Warning;
      fd.message = "you commit to `" + cur + "`; `" + remote->name + "`'s default is `" + def + "`; ";
      if (repo.push.branch)
        fd.message += "a push lands on `" + remote->name + "/" + *repo.push.branch + "`" +
                      (lands_on_default ? "" : ", which the host does not show or deploy");
      else
        fd.message += "a plain `git push` does not push it";
      fd.details.push_back("`git push`: " + repo.push.rule);
      if (lands_on_default) {
        fd.details.push_back("each plain `git push` from `" + cur + "` updates the default branch directly");
      } else if (mismatch) {
        fd.fixes.push_back("git push " + remote->name + " " + cur + ":" + def);
        fd.fixes.push_back("git branch -m " + cur + " " + def + " && git branch -u " + remote->name + "/" + def);
      } else if (cur == def) {
        if (repo.push.branch) fd.fixes.push_back("git branch -u " + remote->name + "/" + def);
        fd.fixes.push_back("git push " + remote->name + " " + def);
      } else {
        fd.details.push_back("a deploy of `" + def + "` does not include this branch until it is merged");
        fd.fixes.push_back("git push -u " + remote->name + " " + cur + "  # then open a pull request into `" + def + "`");
      }
      r.add(std::move(fd));
    }
  }

  if (!repo.unborn && repo.unpushed > 0) {
    Finding fd{Severity::Warning, "", "", 0, {}, {}};
    if (repo.has_remote_tracking_refs) {
      fd.message = plural(repo.unpushed, "commit") + " on `" + cur + "` " + (repo.unpushed == 1 ? "is" : "are") +
                   " not on any remote branch: a deploy from the remote does not have " + (repo.unpushed == 1 ? "it" : "them");
    } else {
      fd.message = "nothing has been pushed yet (" + plural(repo.unpushed, "commit") + " only here)";
    }
    const std::string target = remote->default_branch && default_like(cur) ? *remote->default_branch : cur;
    fd.fixes.push_back("git push " + remote->name + " " + (target == cur ? cur : cur + ":" + target));
    r.add(std::move(fd));
  }
  if (info && info->upstream_exists && info->behind > 0)
    r.add({Severity::Warning,
           "`" + cur + "` is " + plural(info->behind, "commit") + " behind `" + *info->upstream_remote + "/" + *info->upstream_branch +
               "`: a push is rejected until you integrate them",
           "", 0, {}, {"git pull --rebase"}});
  if (info && info->upstream_remote && info->upstream_branch && *info->upstream_remote != "." && !info->upstream_exists)
    r.add({Severity::Warning,
           "`" + cur + "` tracks `" + *info->upstream_remote + "/" + *info->upstream_branch + "`, which no longer exists", "", 0,
           {"the branch was deleted on the remote (merged?) or never pushed"},
           {"git push -u " + *info->upstream_remote + " " + cur}});

  std::vector<std::string> untracked;
  for (const auto& b : repo.branches)
    if (!b.upstream_remote) untracked.push_back(b.name);
  if (!untracked.empty()) {
    const bool current_untracked = std::find(untracked.begin(), untracked.end(), cur) != untracked.end();
    Finding fd{current_untracked ? Severity::Warning : Severity::Notice, "", "", 0, {}, {}};
    if (untracked.size() == 1) fd.message = "local branch `" + untracked[0] + "` tracks nothing";
    else {
      fd.message = std::to_string(untracked.size()) + " local branches track nothing: ";
      for (std::size_t i = 0; i < untracked.size(); ++i) fd.message += (i ? ", `" : "`") + untracked[i] + "`";
    }
    for (const auto& b : untracked)
      if (b == cur && remote->default_branch && default_like(cur) && cur != *remote->default_branch)
        fd.fixes.push_back("git branch -m " + cur + " " + *remote->default_branch + " && git branch -u " + remote->name + "/" + *remote->default_branch);
      else
        fd.fixes.push_back("git push -u " + remote->name + " " + b);
    r.add(std::move(fd));
  }
  return r;
}

}  // namespace pinreqs::analysis
