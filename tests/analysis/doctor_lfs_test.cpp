// Git LFS: a pointer committed under a .gitattributes rule is reported with its real size, the code that
// loads it, and the untrack / rm --cached / add commands.
#include "doctor_support.hpp"

namespace {

using namespace doctor_test;
using pinreqs::analysis::CheckStatus;
using pinreqs::analysis::Severity;

const char* kPointer =
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 125829120\n";

TEST(DoctorLfs, ParsesPointersAndRejectsLookalikes) {
  auto p = pinreqs::analysis::parse_lfs_pointer(kPointer);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->size, 125829120u);
  EXPECT_EQ(p->oid, "sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393");
  const char* bad[] = {
      "",
      "version https://git-lfs.github.com/spec/v1\nsize 12\n",                         // no oid
      "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n",         // short oid
      "version https://example.com/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1\n",
      "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize x\n",
  };
  for (const char* b : bad)
    if (pinreqs::analysis::parse_lfs_pointer(b)) ADD_FAILURE() << "accepted as a pointer: " << b;
}

TEST(DoctorLfs, CommittedPointerIsReportedWithSizeCodeAndFix) {
  TempDir dir;
  const auto& root = dir.path();
  write(root / ".gitattributes", "# models\n*.bin filter=lfs diff=lfs merge=lfs -text\n");
  write(root / "models/model.bin", kPointer);
  write(root / "app.py", "import torch\n\nMODEL = \"models/model.bin\"\nweights = torch.load(MODEL)\n");
  write(root / "notes.py", "x = 'other_model.bin'\n");  // a different file: not a reference
  write(root / "requirements.txt", "torch==2.4.1\n");
  sh(root, "git init -q -b main . && git add -A && git commit -q -m init");

  pinreqs::analysis::PreflightOptions o;
  auto report = pinreqs::analysis::run_preflight(root, o);
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_TRUE(report->is_repository);
  const auto& lfs = check(*report, "lfs");
  EXPECT_EQ(lfs.status, CheckStatus::Fail) << dump(lfs);
  const auto* f = finding(lfs, "`models/model.bin` is a Git LFS pointer");
  ASSERT_NE(f, nullptr) << dump(lfs);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_NE(f->message.find("120.0 MiB of data"), std::string::npos) << f->message;
  EXPECT_TRUE(has(f->details, "gets this pointer text, not the 120.0 MiB file")) << dump(lfs);
  EXPECT_TRUE(has(f->details, "loaded by app.py:3")) << dump(lfs);
  EXPECT_FALSE(has(f->details, "notes.py")) << dump(lfs);
  EXPECT_TRUE(has(f->details, ".gitattributes:2")) << dump(lfs);
  EXPECT_TRUE(has(f->fixes, "git lfs untrack '*.bin'")) << dump(lfs);
  EXPECT_TRUE(has(f->fixes, "git rm --cached models/model.bin")) << dump(lfs);
  // 120 MiB does not fit GitHub's push limit: the fix keeps it out of git instead of re-adding it.
  EXPECT_TRUE(has(f->details, "over GitHub's 100.0 MiB push limit, so it cannot move into git")) << dump(lfs);
  EXPECT_TRUE(has(f->fixes, "echo /models/model.bin >> .gitignore")) << dump(lfs);
  EXPECT_FALSE(has(f->fixes, "git add .gitattributes models/model.bin")) << dump(lfs);

  // On Bitbucket (3.5 GB per push) the same file can live in git: untrack, rm --cached, add.
  pinreqs::analysis::PreflightOptions bb;
  bb.host = "bitbucket";
  auto bb_report = pinreqs::analysis::run_preflight(root, bb);
  ASSERT_TRUE(bb_report);
  const auto* g = finding(check(*bb_report, "lfs"), "`models/model.bin` is a Git LFS pointer");
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(has(g->fixes, "git lfs pull --include=models/model.bin")) << dump(check(*bb_report, "lfs"));
  EXPECT_TRUE(has(g->fixes, "git lfs untrack '*.bin'")) << dump(check(*bb_report, "lfs"));
  EXPECT_TRUE(has(g->fixes, "git rm --cached models/model.bin")) << dump(check(*bb_report, "lfs"));
  EXPECT_TRUE(has(g->fixes, "git add .gitattributes models/model.bin")) << dump(check(*bb_report, "lfs"));

  const auto* rule = finding(lfs, "`*.bin filter=lfs` routes 1 file");
  ASSERT_NE(rule, nullptr) << dump(lfs);
  EXPECT_EQ(rule->file, ".gitattributes");
  EXPECT_EQ(rule->line, 2u);
  EXPECT_TRUE(report->failed());
}

TEST(DoctorLfs, RuleWithoutPointersOnlyNotes) {
  TempDir dir;
  const auto& root = dir.path();
  write(root / ".gitattributes", "data/*.csv filter=lfs\n");
  write(root / "data/small.csv", "a,b\n1,2\n");  // committed without git-lfs: regular content
  sh(root, "git init -q -b main . && git add -A && git commit -q -m init");
  auto snap = pinreqs::analysis::read_repo_snapshot(root);
  ASSERT_TRUE(snap);
  const auto* csv = &snap->files.front();
  for (const auto& file : snap->files)
    if (file.path == "data/small.csv") csv = &file;
  EXPECT_TRUE(csv->lfs_filter) << "libgit2 reads the filter=lfs attribute";
  EXPECT_FALSE(csv->lfs_pointer);
  const auto lfs = pinreqs::analysis::check_lfs(*snap, {});
  EXPECT_NE(lfs.status, CheckStatus::Fail) << dump(lfs);
  const auto* rule = finding(lfs, "routes 1 file through Git LFS");
  ASSERT_NE(rule, nullptr) << dump(lfs);
  EXPECT_TRUE(has(rule->details, "still committed as regular content")) << dump(lfs);
}

}  // namespace
