// Unpinned dependencies: ranges and bare names in every requirements file of the tree, pyproject.toml
// [project] dependencies, and pins without hashes under --require-hashes.
#include "doctor_support.hpp"

namespace {

using namespace doctor_test;
using pinreqs::analysis::CheckStatus;
using pinreqs::analysis::Severity;

TEST(DoctorUnpinned, RangesAndBareNamesWithLinesAndFix) {
  TempDir dir;
  const auto& root = dir.path();
  write(root / "requirements.txt", "# app\nflask>=2.0,<3\nrequests\nnumpy==2.0.0\nuvicorn==0.30.*\n-e ./lib\n");
  write(root / "requirements/dev.txt", "pytest~=8.0\n");
  write(root / "docs/notes.txt", "flask\n");  // not a requirements file
  write(root / "tests/fixtures/requirements.txt", "flask\n");  // test data, not the deploy
  sh(root, "git init -q -b main . && git add -A && git commit -q -m init");
  auto snap = pinreqs::analysis::read_repo_snapshot(root);
  ASSERT_TRUE(snap);
  const auto r = pinreqs::analysis::check_unpinned(*snap, {});
  EXPECT_EQ(r.status, CheckStatus::Fail) << dump(r);
  struct Expect {
    std::string message, file;
    std::size_t line;
    std::string fix;
  };
  const std::vector<Expect> expected = {
      {"`flask>=2.0,<3` is a range (`<3,>=2.0`), not a pin", "requirements.txt", 2, "pinreqs requirements.txt"},
      {"`requests` has no version", "requirements.txt", 3, "pinreqs requirements.txt"},
      {"`uvicorn==0.30.*` is a wildcard", "requirements.txt", 5, "pinreqs requirements.txt"},
      {"`pytest~=8.0` is a range", "requirements/dev.txt", 1, "pinreqs requirements/dev.txt"},
  };
  for (const auto& e : expected) {
    const auto* f = finding(r, e.message);
    if (!f) {
      ADD_FAILURE() << "missing: " << e.message << "\n" << dump(r);
      continue;
    }
    EXPECT_EQ(f->file, e.file) << e.message;
    EXPECT_EQ(f->line, e.line) << e.message;
    EXPECT_EQ(f->severity, Severity::Error) << e.message;
    EXPECT_TRUE(has(f->fixes, e.fix)) << e.message << "\n" << dump(r);
  }
  EXPECT_EQ(finding(r, "numpy"), nullptr) << dump(r);
  EXPECT_EQ(finding(r, "notes"), nullptr) << dump(r);
  const auto* skipped = finding(r, "1 requirements file under tests/ or fixtures/ folders not checked");
  ASSERT_NE(skipped, nullptr) << dump(r);
  EXPECT_EQ(skipped->severity, Severity::Notice);
  EXPECT_EQ(r.findings.size(), expected.size() + 1) << dump(r);
  EXPECT_EQ(r.summary, "4 of 5 requirements not pinned") << r.summary;
}

TEST(DoctorUnpinned, RequireHashesAndPyproject) {
  TempDir dir;
  const auto& root = dir.path();
  write(root / "requirements.txt",
        "certifi==2026.7.22 \\\n    --hash=sha256:62f22742b58a1a33014a2b6b706588a8d7e2a88ae7bd1a6ebe8c992928483775\nidna==3.7\n");
  write(root / "pyproject.toml", "[project]\nname = \"app\"\nversion = \"1\"\ndependencies = [\n  \"httpx>=0.27\",\n  \"anyio==4.4.0\",\n]\n");
  auto snap = pinreqs::analysis::read_repo_snapshot(root);
  ASSERT_TRUE(snap);
  pinreqs::analysis::PreflightOptions o;
  const auto plain = pinreqs::analysis::check_unpinned(*snap, o);
  EXPECT_EQ(finding(plain, "idna"), nullptr) << dump(plain);
  const auto* py = finding(plain, "`httpx>=0.27` is a range (`>=0.27`), not a pin in [project] dependencies");
  ASSERT_NE(py, nullptr) << dump(plain);
  EXPECT_EQ(py->file, "pyproject.toml");
  EXPECT_EQ(py->line, 5u);
  EXPECT_EQ(py->severity, Severity::Error);
  EXPECT_TRUE(has(py->fixes, "pinreqs compile pyproject.toml -o requirements.txt")) << dump(plain);

  o.require_hashes = true;
  const auto hashed = pinreqs::analysis::check_unpinned(*snap, o);
  const auto* idna = finding(hashed, "`idna==3.7` has no `--hash`");
  ASSERT_NE(idna, nullptr) << dump(hashed);
  EXPECT_EQ(idna->line, 3u);
  EXPECT_EQ(finding(hashed, "certifi"), nullptr) << dump(hashed);

  // With a lock file, pyproject ranges are a library's metadata, not the deploy's pins.
  write(root / "uv.lock", "version = 1\n");
  auto locked_snap = pinreqs::analysis::read_repo_snapshot(root);
  ASSERT_TRUE(locked_snap);
  const auto locked = pinreqs::analysis::check_unpinned(*locked_snap, {});
  const auto* lf = finding(locked, "`httpx>=0.27`");
  ASSERT_NE(lf, nullptr) << dump(locked);
  EXPECT_EQ(lf->severity, Severity::Notice);
  EXPECT_EQ(locked.status, CheckStatus::Pass) << dump(locked);
}

}  // namespace
