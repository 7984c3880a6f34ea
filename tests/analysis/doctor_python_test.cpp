// Runtime Python: runtime.txt naming python-3.13 with a pin that has no cp313 wheel (torch 2.4.1 in the
// bundled demo index), conflicting declarations, and a repository that declares nothing.
#include "doctor_support.hpp"

namespace {

using namespace doctor_test;
using pinreqs::analysis::CheckStatus;
using pinreqs::analysis::Severity;

TEST(DoctorPython, PinWithoutAWheelForTheDeclaredPython) {
  TempDir dir;
  const auto& root = dir.path();
  write(root / "runtime.txt", "python-3.13\n");
  write(root / "requirements.txt", "certifi==2026.7.22\ntorch==2.4.1\n");
  sh(root, "git init -q -b main . && git add -A && git commit -q -m init");
  auto snap = pinreqs::analysis::read_repo_snapshot(root);
  ASSERT_TRUE(snap);
  DemoIndexSource source;
  pinreqs::analysis::PreflightOptions o;
  o.source = &source;
  const auto r = pinreqs::analysis::check_runtime_python(*snap, o);
  EXPECT_EQ(r.status, CheckStatus::Fail) << dump(r);
  const auto* f = finding(r, "`torch==2.4.1` has no cp313 wheel (wheels for cp38–cp312) and no sdist for CPython 3.13");
  ASSERT_NE(f, nullptr) << dump(r);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_EQ(f->file, "requirements.txt");
  EXPECT_EQ(f->line, 2u);
  EXPECT_TRUE(has(f->details, "`pip install` fails on Python 3.13")) << dump(r);
  EXPECT_TRUE(has(f->details, "the nearest release with a cp313 wheel is 2.5.1")) << dump(r);
  EXPECT_TRUE(has(f->fixes, "pinreqs requirements.txt --python 3.13 --upgrade-package torch")) << dump(r);
  EXPECT_EQ(finding(r, "certifi"), nullptr) << "a pure-Python wheel fits every Python\n" << dump(r);
  EXPECT_NE(r.summary.find("3.13 from runtime.txt"), std::string::npos) << r.summary;

  // Without an index the declaration checks still run and say the wheel check was skipped.
  const auto skipped = pinreqs::analysis::check_runtime_python(*snap, {});
  EXPECT_EQ(skipped.status, CheckStatus::Pass) << dump(skipped);
  EXPECT_NE(skipped.summary.find("wheel check skipped"), std::string::npos) << skipped.summary;
}

TEST(DoctorPython, NextNewerPythonIsAWarning) {
  TempDir dir;
  const auto& root = dir.path();
  write(root / ".python-version", "3.12\n");
  write(root / "requirements.txt", "torch==2.4.1\n");
  auto snap = pinreqs::analysis::read_repo_snapshot(root);
  ASSERT_TRUE(snap);
  DemoIndexSource source;
  pinreqs::analysis::PreflightOptions o;
  o.source = &source;
  const auto r = pinreqs::analysis::check_runtime_python(*snap, o);
  EXPECT_EQ(r.status, CheckStatus::Warn) << dump(r);
  const auto* f = finding(r, "`torch==2.4.1` has no cp313 wheel");
  ASSERT_NE(f, nullptr) << dump(r);
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_NE(f->message.find("(the next newer Python)"), std::string::npos) << f->message;
  EXPECT_EQ(finding(r, "for CPython 3.12"), nullptr) << dump(r);
}

TEST(DoctorPython, ConflictingAndMissingDeclarations) {
  struct Case {
    std::map<std::string, std::string> files;
    CheckStatus status;
    std::string message;  // expected in some finding ("" = none expected)
  };
  const std::vector<Case> cases = {
      {{{"runtime.txt", "python-3.13\n"}, {".python-version", "3.11\n"}}, CheckStatus::Fail,
       "the declarations disagree: .python-version says 3.11, runtime.txt says 3.13"},
      {{{"Dockerfile", "FROM --platform=linux/amd64 python:3.10-slim AS base\nRUN pip install -r requirements.txt\n"},
        {".python-version", "3.12.4\n"}},
       CheckStatus::Fail, "Dockerfile says 3.10"},
      {{{"pyproject.toml", "[project]\nname='x'\nversion='1'\nrequires-python = \">=3.12\"\n"}, {"runtime.txt", "python-3.11.9\n"}},
       CheckStatus::Fail, "runtime.txt says 3.11.9, outside requires-python `>=3.12`"},
      {{{"requirements.txt", "certifi==2026.7.22\n"}}, CheckStatus::Warn, "no runtime Python declared"},
      {{{"pyproject.toml", "[project]\nname='x'\nversion='1'\nrequires-python = \">=3.10\"\n"}}, CheckStatus::Warn,
       "no runtime Python declared"},
      {{{"runtime.txt", "python-3.12.3\n"}, {".python-version", "3.12\n"}, {"Dockerfile", "FROM python:3.12\n"}},
       CheckStatus::Pass, ""},
      {{{".python-version", "pypy3.10\n"}}, CheckStatus::Warn, "not CPython"},
      {{{"runtime.txt", "python-three\n"}}, CheckStatus::Fail, "not a Python version pinreqs can read"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    std::string label;
    for (const auto& [name, text] : c.files) {
      write(dir.path() / name, text);
      label += name + "=" + text + " ";
    }
    auto snap = pinreqs::analysis::read_repo_snapshot(dir.path());
    if (!snap) {
      ADD_FAILURE() << label << snap.error().describe();
      continue;
    }
    const auto r = pinreqs::analysis::check_runtime_python(*snap, {});
    if (r.status != c.status) ADD_FAILURE() << label << "\n" << dump(r);
    if (!c.message.empty() && !finding(r, c.message)) ADD_FAILURE() << label << " expected: " << c.message << "\n" << dump(r);
  }
}

}  // namespace

namespace {

TEST(DoctorPython, ConflictFixRewritesTheOtherDeclarations) {
  doctor_test::TempDir dir;
  doctor_test::write(dir.path() / ".python-version", "3.12\n");
  doctor_test::write(dir.path() / "runtime.txt", "python-3.13\n");
  doctor_test::write(dir.path() / "Dockerfile", "FROM python:3.11-slim\n");
  auto snap = pinreqs::analysis::read_repo_snapshot(dir.path());
  ASSERT_TRUE(snap);
  const auto r = pinreqs::analysis::check_runtime_python(*snap, {});
  const auto* f = doctor_test::finding(r, "the declarations disagree");
  ASSERT_NE(f, nullptr) << doctor_test::dump(r);
  EXPECT_EQ(f->fixes, std::vector<std::string>{"echo python-3.12 > runtime.txt"}) << doctor_test::dump(r);
  EXPECT_TRUE(doctor_test::has(f->details, "change `FROM python:3.11-slim` in Dockerfile:1 to python:3.12")) << doctor_test::dump(r);
}

}  // namespace

namespace {

TEST(DoctorPython, NothingDeclaredChecksLikelyDefaultsAsWarnings) {
  doctor_test::TempDir dir;
  doctor_test::write(dir.path() / "requirements.txt", "torch==2.4.1\n");
  auto snap = pinreqs::analysis::read_repo_snapshot(dir.path());
  ASSERT_TRUE(snap);
  doctor_test::DemoIndexSource source;
  pinreqs::analysis::PreflightOptions o;
  o.source = &source;
  const auto r = pinreqs::analysis::check_runtime_python(*snap, o);
  EXPECT_EQ(r.status, pinreqs::analysis::CheckStatus::Warn) << doctor_test::dump(r);
  EXPECT_NE(doctor_test::finding(r, "no runtime Python declared"), nullptr) << doctor_test::dump(r);
  const auto* f = doctor_test::finding(r, "for CPython 3.13 on manylinux_2_28 x86_64 (no Python declared: a likely host default)");
  ASSERT_NE(f, nullptr) << doctor_test::dump(r);
  EXPECT_EQ(f->severity, pinreqs::analysis::Severity::Warning);
  EXPECT_EQ(doctor_test::finding(r, "for CPython 3.12"), nullptr) << doctor_test::dump(r);
}

}  // namespace

namespace {

TEST(DoctorPython, AServiceFolderOfAMonorepoUsesItsOwnDeclarations) {
  doctor_test::TempDir dir;
  const auto& root = dir.path();
  doctor_test::write(root / ".python-version", "3.11\n");
  doctor_test::write(root / "services/api/runtime.txt", "python-3.13\n");
  doctor_test::write(root / "services/api/requirements.txt", "certifi==2026.7.22\n");
  doctor_test::write(root / "services/web/requirements.txt", "certifi==2026.7.22\n");
  doctor_test::sh(root, "git init -q -b main . && git add -A && git commit -q -m init");
  auto api = pinreqs::analysis::read_repo_snapshot(root / "services/api");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->root, std::filesystem::weakly_canonical(root));
  EXPECT_EQ(api->app_dir, "services/api");
  const auto r = pinreqs::analysis::check_runtime_python(*api, {});
  EXPECT_EQ(r.status, pinreqs::analysis::CheckStatus::Pass) << doctor_test::dump(r);
  EXPECT_NE(r.summary.find("3.13 from services/api/runtime.txt"), std::string::npos) << r.summary;
  auto web = pinreqs::analysis::read_repo_snapshot(root / "services/web");
  ASSERT_TRUE(web);
  const auto rw = pinreqs::analysis::check_runtime_python(*web, {});
  EXPECT_NE(rw.summary.find("3.11 from .python-version"), std::string::npos) << doctor_test::dump(rw);
}

}  // namespace
