#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "pinreqs/cli/atomic_write.hpp"
#include "pinreqs/cli/python_detect.hpp"
#include "pinreqs/cli/unified_diff.hpp"

namespace fs = std::filesystem;

namespace pinreqs::cli {
namespace {

fs::path make_temp_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("pinreqs-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

TEST(AtomicWrite, ReplacesContentAndKeepsPermissions) {
  const fs::path dir = make_temp_dir("atomic");
  const fs::path f = dir / "requirements.txt";
  write(f, "numpy>=1.0\n");
  ASSERT_EQ(::chmod(f.c_str(), 0640), 0);
  ASSERT_TRUE(write_file_atomically(f, "numpy==2.1.3\n"));
  EXPECT_EQ(*read_file(f), "numpy==2.1.3\n");
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  // No temporary files are left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(AtomicWrite, InterruptedBeforeRenameLeavesOriginalIntact) {
  const fs::path dir = make_temp_dir("atomic-crash");
  const fs::path f = dir / "requirements.txt";
  write(f, "flask>=2\n");
  fs::path seen_temp;
  AtomicWriteHooks hooks;
  hooks.before_rename = [&](const fs::path& temp) {
    seen_temp = temp;
    EXPECT_TRUE(fs::exists(temp));
    EXPECT_EQ(*read_file(temp), "flask==3.0.3\n");  // the new content was fully written
    return false;                                   // simulate dying here
  };
  auto r = write_file_atomically(f, "flask==3.0.3\n", hooks);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::Io);
  EXPECT_EQ(*read_file(f), "flask>=2\n");
  EXPECT_FALSE(fs::exists(seen_temp));
  fs::remove_all(dir);
}

TEST(AtomicWrite, UnwritableFolderIsAnIoError) {
  auto r = write_file_atomically("/nonexistent-pinreqs-dir/x.txt", "x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::Io);
  EXPECT_NE(r.error().message.find("/nonexistent-pinreqs-dir"), std::string::npos);
}

TEST(UnifiedDiff, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a\n", "a\n", "a", "b"), ""); }

TEST(UnifiedDiff, OneChangedLineWithContext) {
  const std::string before = "a\nb\nc\nd\ne\nf\ng\nh\n";
  const std::string after = "a\nb\nc\nd\nE\nf\ng\nh\n";
  EXPECT_EQ(unified_diff(before, after, "req.txt", "req.txt"),
            "--- req.txt\n+++ req.txt\n"
            "@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
}

TEST(UnifiedDiff, AppendAtEndAndMissingNewline) {
  EXPECT_EQ(unified_diff("x", "x\ny\n", "a", "b"),
            "--- a\n+++ b\n@@ -1 +1,2 @@\n-x\n\\ No newline at end of file\n+x\n+y\n");
  EXPECT_EQ(unified_diff("", "y\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1 @@\n+y\n");
}

TEST(UnifiedDiff, CrlfLinesKeepTheirEndings) {
  const std::string out = unified_diff("a\r\nb\r\n", "a\r\nB\r\n", "f", "f");
  EXPECT_NE(out.find("-b\r\n+B\r\n"), std::string::npos);
}

TEST(UnifiedDiff, DistantChangesMakeTwoHunks) {
  std::string before, after;
  for (int i = 0; i < 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 1 || i == 18 ? "X" : std::to_string(i)) + "\n";
  }
  const std::string out = unified_diff(before, after, "a", "b");
  EXPECT_NE(out.find("@@ -1,5 +1,5 @@"), std::string::npos) << out;
  EXPECT_NE(out.find("@@ -16,5 +16,5 @@"), std::string::npos) << out;
}

TEST(PythonDetect, ParsesDeclarations) {
  EXPECT_EQ(parse_python_version_file("3.11\n")->to_string(), "3.11");
  EXPECT_EQ(parse_python_version_file("# comment\ncpython-3.12.4\n")->to_string(), "3.12.4");
  EXPECT_EQ(parse_python_version_file("3.13t\n")->to_string(), "3.13");
  EXPECT_FALSE(parse_python_version_file("pypy3.10\n"));
  EXPECT_FALSE(parse_python_version_file("system\n"));
  EXPECT_EQ(parse_runtime_txt("python-3.13.1\n")->to_string(), "3.13.1");
  EXPECT_FALSE(parse_runtime_txt("3.13\n"));
  EXPECT_EQ(lowest_python_for(">=3.10")->to_string(), "3.10");
  EXPECT_EQ(lowest_python_for(">=3.9.2,<4")->to_string(), "3.10");
  EXPECT_EQ(lowest_python_for("~=3.11")->to_string(), "3.11");
  EXPECT_FALSE(lowest_python_for(">=4"));
}

TEST(PythonDetect, PrefersPythonVersionThenRuntimeTxtThenPyproject) {
  const fs::path dir = make_temp_dir("detect");
  fs::create_directories(dir / ".git");
  fs::create_directories(dir / "app");
  write(dir / "pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.10\"\n");
  auto d = detect_python(dir / "app", false);
  EXPECT_EQ(d.version.to_string(), "3.10");
  EXPECT_NE(d.reason.find("pyproject.toml"), std::string::npos);
  write(dir / "runtime.txt", "python-3.13.1\n");
  EXPECT_EQ(detect_python(dir / "app", false).version.to_string(), "3.13.1");
  write(dir / "app" / ".python-version", "3.11\n");
  d = detect_python(dir / "app", false);
  EXPECT_EQ(d.version.to_string(), "3.11");
  EXPECT_EQ(d.reason, "from .python-version");
  fs::remove_all(dir);
}

TEST(PythonDetect, DefaultsTo312WithoutDeclarationOrInterpreter) {
  const fs::path dir = make_temp_dir("detect-none");
  fs::create_directories(dir / ".git");
  const auto d = detect_python(dir, false);
  EXPECT_EQ(d.version.to_string(), "3.12");
  EXPECT_NE(d.reason.find("default"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pinreqs::cli
