// Size limits: a 120 MiB file (sparse) is over GitHub's push limit, a 30 MiB file over the browser-upload
// limit; presets per host, --max-file-mb, files close to a limit, the tree total, and a plain folder.
#include "doctor_support.hpp"

namespace {

using namespace doctor_test;
using pinreqs::analysis::CheckStatus;
using pinreqs::analysis::Severity;
constexpr std::uintmax_t MiB = 1024 * 1024;

TEST(DoctorSize, BigFilesInARepositoryPerDoor) {
  TempDir dir;
  const auto& root = dir.path();
  sparse(root / "data/big.bin", 120 * MiB);
  sparse(root / "data/medium.bin", 30 * MiB);
  write(root / "requirements.txt", "certifi==2026.7.22\n");
  sh(root, "git init -q -b main . && git add -A && git commit -q -m init");

  auto snap = pinreqs::analysis::read_repo_snapshot(root);
  ASSERT_TRUE(snap) << snap.error().describe();
  pinreqs::analysis::PreflightOptions o;
  const auto size = pinreqs::analysis::check_size_limits(*snap, o);
  EXPECT_EQ(size.status, CheckStatus::Fail) << dump(size);
  const auto* big = finding(size, "`data/big.bin` is 120.0 MiB");
  ASSERT_NE(big, nullptr) << dump(size);
  EXPECT_EQ(big->severity, Severity::Error);
  EXPECT_EQ(big->file, "data/big.bin");
  EXPECT_NE(big->message.find("GitHub's 100.0 MiB per-file push limit [push]"), std::string::npos) << big->message;
  EXPECT_TRUE(has(big->details, "also over GitHub's 50.0 MiB large-file warning [push]")) << dump(size);
  EXPECT_TRUE(has(big->fixes, "git rm --cached data/big.bin")) << dump(size);
  EXPECT_TRUE(has(big->fixes, ">> .gitignore")) << dump(size);

  const auto* medium = finding(size, "`data/medium.bin` is 30.0 MiB");
  ASSERT_NE(medium, nullptr) << dump(size);
  EXPECT_EQ(medium->severity, Severity::Warning);
  EXPECT_NE(medium->message.find("25.0 MiB browser-upload limit [web upload]"), std::string::npos) << medium->message;
  EXPECT_TRUE(has(medium->details, "git push is not affected")) << dump(size);
  EXPECT_NE(size.summary.find("150.0 MiB tracked"), std::string::npos) << size.summary;

  // Hugging Face rejects files over 10 MiB that are not in LFS: both files fail there.
  o.host = "huggingface";
  const auto hf = pinreqs::analysis::check_size_limits(*snap, o);
  const auto* hf_medium = finding(hf, "`data/medium.bin` is 30.0 MiB");
  ASSERT_NE(hf_medium, nullptr) << dump(hf);
  EXPECT_EQ(hf_medium->severity, Severity::Error);
  EXPECT_NE(hf_medium->message.find("Hugging Face Hub's 10.0 MiB per-file push limit"), std::string::npos) << dump(hf);

  // --max-file-mb replaces the push limit.
  o.host = "github";
  o.max_file_mb = 200;
  const auto custom = pinreqs::analysis::check_size_limits(*snap, o);
  const auto* custom_big = finding(custom, "`data/big.bin`");
  ASSERT_NE(custom_big, nullptr) << dump(custom);
  EXPECT_EQ(custom_big->severity, Severity::Warning) << dump(custom);
  EXPECT_EQ(custom.status, CheckStatus::Warn) << dump(custom);
}

TEST(DoctorSize, CloseToALimitTreeTotalsAndUntrackedFiles) {
  pinreqs::analysis::RepoSnapshot snap;
  snap.is_repository = true;
  auto add = [&](std::string path, std::uint64_t bytes, bool tracked) {
    pinreqs::analysis::RepoFile f;
    f.path = std::move(path);
    f.size = f.disk_size = bytes;
    f.tracked = tracked;
    snap.files.push_back(f);
  };
  add("a.bin", 95 * MiB, true);     // 95% of the 100 MiB push limit (and over the 50 MiB warning)
  add("b.bin", 23 * MiB, true);     // 92% of the 25 MiB browser upload
  add("c.bin", 10 * MiB, true);     // fine
  add("d.bin", 300 * MiB, false);   // untracked: `git add .` would add it
  const auto r = pinreqs::analysis::check_size_limits(snap, {});
  const auto* a = finding(r, "`a.bin`");
  ASSERT_NE(a, nullptr) << dump(r);
  EXPECT_EQ(a->severity, Severity::Warning) << dump(r);  // over the warning threshold
  EXPECT_TRUE(has(a->details, "and 95% of GitHub's 100.0 MiB per-file push limit [push]")) << dump(r);
  const auto* b = finding(r, "`b.bin` is 23.0 MiB, 92% of GitHub's 25.0 MiB browser-upload limit [web upload]");
  ASSERT_NE(b, nullptr) << dump(r);
  EXPECT_EQ(finding(r, "`c.bin`"), nullptr) << dump(r);
  const auto* d = finding(r, "`d.bin`");
  ASSERT_NE(d, nullptr) << dump(r);
  EXPECT_EQ(d->severity, Severity::Warning) << dump(r);
  EXPECT_NE(d->message.find("untracked"), std::string::npos) << dump(r);
  EXPECT_EQ(r.status, CheckStatus::Warn) << dump(r);

  // Bitbucket: a 4.3 GB tree is over the 4 GB repository limit.
  pinreqs::analysis::RepoSnapshot huge;
  huge.is_repository = true;
  for (int i = 0; i < 3; ++i) {
    pinreqs::analysis::RepoFile f;
    f.path = "part" + std::to_string(i);
    f.size = 1450ULL * 1000 * 1000;
    f.tracked = true;
    huge.files.push_back(f);
  }
  pinreqs::analysis::PreflightOptions bb;
  bb.host = "bitbucket";
  const auto hr = pinreqs::analysis::check_size_limits(huge, bb);
  const auto* total = finding(hr, "the tree is");
  ASSERT_NE(total, nullptr) << dump(hr);
  EXPECT_EQ(total->severity, Severity::Error) << dump(hr);
  EXPECT_NE(total->message.find("Bitbucket Cloud's 3.73 GiB repository limit"), std::string::npos) << dump(hr);
}

TEST(DoctorSize, FolderThatIsNotARepositoryStillGetsFileChecks) {
  TempDir dir;
  const auto& root = dir.path();
  sparse(root / "big.bin", 120 * MiB);
  sparse(root / ".venv/lib/torch.so", 500 * MiB);  // a virtual environment is not part of the app
  write(root / "requirements.txt", "flask\n");
  auto report = pinreqs::analysis::run_preflight(root, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_FALSE(report->is_repository);
  EXPECT_EQ(check(*report, "branch").status, CheckStatus::Skipped);
  const auto& size = check(*report, "size");
  EXPECT_NE(finding(size, "`big.bin` is 120.0 MiB"), nullptr) << dump(size);
  EXPECT_EQ(finding(size, "torch.so"), nullptr) << dump(size);
  EXPECT_EQ(check(*report, "unpinned").status, CheckStatus::Fail);
  EXPECT_TRUE(report->failed());
}

TEST(DoctorSize, HostTableIsComplete) {
  for (const char* name : {"github", "gitlab", "huggingface", "bitbucket"}) {
    const auto* h = pinreqs::analysis::find_host(name);
    if (!h) {
      ADD_FAILURE() << "missing host " << name;
      continue;
    }
    EXPECT_GT(h->push_file_limit, 0u) << name;
    EXPECT_FALSE(h->source.empty()) << name;
  }
  const auto* gh = pinreqs::analysis::find_host("github");
  ASSERT_NE(gh, nullptr);
  EXPECT_EQ(*gh->web_upload, 25u * MiB);
  EXPECT_EQ(*gh->push_warning, 50u * MiB);
  EXPECT_EQ(gh->push_file_limit, 100u * MiB);
  EXPECT_EQ(pinreqs::analysis::find_host("sourceforge"), nullptr);
  pinreqs::analysis::PreflightOptions unknown;
  unknown.host = "sourceforge";
  auto bad = pinreqs::analysis::run_preflight(std::filesystem::path("."), unknown);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("unknown host `sourceforge`"), std::string::npos);
}

}  // namespace
