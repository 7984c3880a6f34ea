// A clean repository passes every check: pinned requirements with wheels for the declared Python and the next
// one, no LFS, small files, on the remote's default branch with everything pushed.
#include "doctor_support.hpp"

namespace {

using namespace doctor_test;
using pinreqs::analysis::CheckStatus;

TEST(DoctorClean, EveryCheckPasses) {
  TempDir dir;
  const auto& root = dir.path();
  sh(root, "git init -q --bare -b main remote.git");
  const fs::path work = root / "work";
  write(work / "requirements.txt", "certifi==2026.7.22\n");
  write(work / ".python-version", "3.12\n");
  write(work / "app.py", "import certifi\nprint(certifi.where())\n");
  write(work / ".gitignore", ".venv/\n");
  sparse(work / ".venv/big.so", 200u * 1024 * 1024);  // ignored: not part of what a push carries
  sparse(work / "venv/lib/huge.so", 200u * 1024 * 1024);  // not ignored, but a virtual environment all the same
  sh(work, "git init -q -b main . && git add -A ':!venv' && git commit -q -m init && git remote add origin ../remote.git && "
           "git push -q -u origin main && git remote set-head origin --auto");
  DemoIndexSource source;
  pinreqs::analysis::PreflightOptions o;
  o.source = &source;
  auto report = pinreqs::analysis::run_preflight(work, o);
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_TRUE(report->is_repository);
  for (const auto& c : report->checks)
    if (c.status != CheckStatus::Pass) ADD_FAILURE() << dump(c);
  EXPECT_FALSE(report->failed());
  EXPECT_EQ(report->checks.size(), 5u);
  EXPECT_EQ(check(*report, "python").summary, "3.12 from .python-version; 1 pin checked for 3.12, 3.13: all have wheels");
}

}  // namespace
