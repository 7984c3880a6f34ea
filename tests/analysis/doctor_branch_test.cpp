// Branch: `master` checked out while origin/HEAD points at `main` (a bare repository as the remote), commits
// not pushed, local branches that track nothing, and where a plain `git push` goes.
#include "doctor_support.hpp"

namespace {

using namespace doctor_test;
using pinreqs::analysis::CheckStatus;
using pinreqs::analysis::Severity;

// remote.git (bare, default branch main) and work/ cloned from it, with one commit on main pushed.
void make_remote_and_clone(const fs::path& root) {
  sh(root, "git init -q --bare -b main remote.git");
  sh(root, "git init -q -b main seed && cd seed && echo hi > README.md && git add -A && git commit -q -m init && "
           "git push -q ../remote.git main");
  sh(root, "git clone -q remote.git work");
}

TEST(DoctorBranch, MasterWhileTheRemoteDefaultIsMain) {
  TempDir dir;
  make_remote_and_clone(dir.path());
  const fs::path work = dir.path() / "work";
  sh(work, "git switch -q -c master && echo a > a.txt && git add a.txt && git commit -q -m a && git push -q -u origin master");
  sh(work, "echo b > b.txt && git add b.txt && git commit -q -m b");  // one commit not pushed
  sh(work, "git branch experiment");                                    // tracks nothing

  auto snap = pinreqs::analysis::read_repo_snapshot(work);
  ASSERT_TRUE(snap) << snap.error().describe();
  ASSERT_TRUE(snap->branch);
  EXPECT_EQ(*snap->branch, "master");
  ASSERT_EQ(snap->remotes.size(), 1u);
  EXPECT_EQ(snap->remotes[0].name, "origin");
  ASSERT_TRUE(snap->remotes[0].default_branch);
  EXPECT_EQ(*snap->remotes[0].default_branch, "main");
  EXPECT_EQ(snap->unpushed, 1u);
  ASSERT_TRUE(snap->push.branch);
  EXPECT_EQ(*snap->push.branch, "master");
  EXPECT_EQ(snap->push.remote.value_or(""), "origin");

  const auto r = pinreqs::analysis::check_branch(*snap, {});
  EXPECT_EQ(r.status, CheckStatus::Fail) << dump(r);
  const auto* f = finding(r, "you commit to `master`; `origin`'s default is `main`; a push lands on `origin/master`, "
                             "which the host does not show");
  ASSERT_NE(f, nullptr) << dump(r);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(has(f->fixes, "git push origin master:main")) << dump(r);
  EXPECT_TRUE(has(f->details, "push.default=simple with upstream `origin/master`")) << dump(r);

  const auto* unpushed = finding(r, "1 commit on `master` is not on any remote branch");
  ASSERT_NE(unpushed, nullptr) << dump(r);
  EXPECT_EQ(unpushed->severity, Severity::Warning);
  const auto* lonely = finding(r, "local branch `experiment` tracks nothing");
  ASSERT_NE(lonely, nullptr) << dump(r);
  EXPECT_TRUE(has(lonely->fixes, "git push -u origin experiment")) << dump(r);
}

TEST(DoctorBranch, NewBranchWithoutUpstreamIsRefusedBySimplePush) {
  TempDir dir;
  make_remote_and_clone(dir.path());
  const fs::path work = dir.path() / "work";
  sh(work, "git switch -q -c master && echo a > a.txt && git add a.txt && git commit -q -m a");
  auto snap = pinreqs::analysis::read_repo_snapshot(work);
  ASSERT_TRUE(snap);
  EXPECT_FALSE(snap->push.branch) << snap->push.rule;
  EXPECT_NE(snap->push.rule.find("has no upstream"), std::string::npos) << snap->push.rule;
  const auto r = pinreqs::analysis::check_branch(*snap, {});
  const auto* f = finding(r, "a plain `git push` does not push it");
  ASSERT_NE(f, nullptr) << dump(r);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_TRUE(has(f->fixes, "git push origin master:main")) << dump(r);
  // A feature branch is only a warning: it is expected not to be the default.
  sh(work, "git switch -q -c feature/login");
  auto snap2 = pinreqs::analysis::read_repo_snapshot(work);
  ASSERT_TRUE(snap2);
  const auto r2 = pinreqs::analysis::check_branch(*snap2, {});
  const auto* g = finding(r2, "you commit to `feature/login`");
  ASSERT_NE(g, nullptr) << dump(r2);
  EXPECT_EQ(g->severity, Severity::Warning) << dump(r2);
}

TEST(DoctorBranch, OnTheDefaultBranchAndPushedPasses) {
  TempDir dir;
  make_remote_and_clone(dir.path());
  auto snap = pinreqs::analysis::read_repo_snapshot(dir.path() / "work");
  ASSERT_TRUE(snap);
  const auto r = pinreqs::analysis::check_branch(*snap, {});
  EXPECT_EQ(r.status, CheckStatus::Pass) << dump(r);
  EXPECT_EQ(r.summary, "on `main`, `origin` default `main`, `git push` → `origin/main`");
}

}  // namespace

namespace {

// Where a plain `git push` goes under the push.* settings, and repositories with nothing to deploy from.
TEST(DoctorBranch, PushDestinationRulesAndEdgeCases) {
  struct Case {
    std::string name;
    std::string setup;          // run in work/ after the clone (on `main`, tracking origin/main)
    std::string push_branch;    // expected snap.push.branch ("" = none)
    std::string finding;        // expected in a finding ("" = the check passes)
  };
  const std::vector<Case> cases = {
      {"current", "git switch -q -c topic && git config push.default current", "topic", "you commit to `topic`"},
      {"upstream other name", "git switch -q -c topic --track origin/main && git config push.default upstream", "main",
       "you commit to `topic`; `origin`'s default is `main`; a push lands on `origin/main`"},
      {"simple refuses other name", "git switch -q -c topic --track origin/main", "", "a plain `git push` does not push it"},
      {"nothing", "git config push.default nothing", "", "a plain `git push` does not push it"},
      {"autoSetupRemote", "git switch -q -c topic && git config push.autoSetupRemote true", "topic", "local branch `topic` tracks nothing"},
      {"detached", "git checkout -q --detach", "", "HEAD is detached"},
      {"no remote", "git remote remove origin", "main", "no remote is configured"},
      {"behind", "git reset -q --hard HEAD && git commit -q --allow-empty -m x && git push -q origin main && git reset -q --hard HEAD~1",
       "main", "is 1 commit behind `origin/main`"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    make_remote_and_clone(dir.path());
    const fs::path work = dir.path() / "work";
    sh(work, c.setup);
    auto snap = pinreqs::analysis::read_repo_snapshot(work);
    if (!snap) {
      ADD_FAILURE() << c.name << ": " << snap.error().describe();
      continue;
    }
    if (snap->push.branch.value_or("") != c.push_branch && c.name != "no remote")
      ADD_FAILURE() << c.name << ": push goes to `" << snap->push.branch.value_or("") << "` (" << snap->push.rule << ")";
    const auto r = pinreqs::analysis::check_branch(*snap, {});
    if (c.finding.empty() ? r.status != CheckStatus::Pass : finding(r, c.finding) == nullptr)
      ADD_FAILURE() << c.name << ": expected " << (c.finding.empty() ? "a pass" : c.finding) << "\n" << dump(r);
  }
}

}  // namespace
