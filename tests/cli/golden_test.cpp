// Golden-file tests of whole CLI runs. Each folder under fixtures/cli/ is one case:
//   args        the command line after `pinreqs` (whitespace-separated; @INDEX@ = the bundled demo index,
//               @FIXTURES@ = fixtures/)
//   input/      the tree the command runs in (copied to a fresh temp folder, which is the working directory)
//   expected/   files that must exist after the run with exactly these bytes (other input files must be unchanged)
//   stdout, stderr, exit_code   what the run must print and return
// In all of them the temp folder's path reads as <TMP> and the fixtures folder's as <FIXTURES>.
// Set PINREQS_UPDATE_GOLDEN=1 to rewrite stdout/stderr/exit_code/expected from the current behaviour, then
// review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

std::string shell_quote(const std::string& s) { return "'" + replace_all(s, "'", "'\\''") + "'"; }

bool update_mode() {
  const char* v = std::getenv("PINREQS_UPDATE_GOLDEN");
  return v && *v && std::string(v) != "0";
}

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root));
  std::sort(out.begin(), out.end());
  return out;
}

void run_case(const fs::path& dir) {
  SCOPED_TRACE("golden case " + dir.filename().string());
  const fs::path tmp = fs::temp_directory_path() / ("pinreqs-golden-" + dir.filename().string() + "-" +
                                                     std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  if (fs::exists(dir / "input")) fs::copy(dir / "input", tmp, fs::copy_options::recursive);

  std::string args = slurp(dir / "args");
  while (!args.empty() && (args.back() == '\n' || args.back() == '\r')) args.pop_back();
  args = replace_all(args, "@INDEX@", std::string(PINREQS_FIXTURES) + "/demo-index");
  args = replace_all(args, "@FIXTURES@", PINREQS_FIXTURES);
  std::string argv;
  std::istringstream ss(args);
  for (std::string tok; ss >> tok;) argv += " " + shell_quote(tok);

  const std::string bin = std::string(PINREQS_BINARY_DIR) + "/cli/pinreqs";
  const std::string cmd = "cd " + shell_quote(tmp.string()) +
                          " && env -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null NO_COLOR=1 "
                          "PINREQS_CACHE_DIR=" + shell_quote((tmp / ".cache").string()) + " " + shell_quote(bin) + argv +
                          " > .stdout 2> .stderr";
  const int status = std::system(cmd.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  auto clean = [&](std::string s) { return replace_all(replace_all(s, tmp.string(), "<TMP>"), PINREQS_FIXTURES, "<FIXTURES>"); };
  const std::string out = clean(slurp(tmp / ".stdout"));
  const std::string err = clean(slurp(tmp / ".stderr"));
  fs::remove(tmp / ".stdout");
  fs::remove(tmp / ".stderr");
  fs::remove_all(tmp / ".cache");

  if (update_mode()) {
    spit(dir / "stdout", out);
    spit(dir / "stderr", err);
    spit(dir / "exit_code", std::to_string(code) + "\n");
    fs::remove_all(dir / "expected");
    for (const auto& rel : files_under(tmp)) {
      const std::string after = slurp(tmp / rel);
      if (!fs::exists(dir / "input" / rel) || slurp(dir / "input" / rel) != after)
        spit(dir / "expected" / rel, clean(after));
    }
  } else {
    EXPECT_EQ(std::to_string(code) + "\n", slurp(dir / "exit_code"));
    EXPECT_EQ(out, slurp(dir / "stdout"));
    EXPECT_EQ(err, slurp(dir / "stderr"));
    for (const auto& rel : files_under(dir / "expected")) {
      ASSERT_TRUE(fs::exists(tmp / rel)) << rel << " was not written";
      EXPECT_EQ(clean(slurp(tmp / rel)), slurp(dir / "expected" / rel)) << "contents of " << rel;
    }
    for (const auto& rel : files_under(dir / "input")) {
      if (fs::exists(dir / "expected" / rel)) continue;
      EXPECT_EQ(slurp(tmp / rel), slurp(dir / "input" / rel)) << rel << " must be unchanged";
    }
    for (const auto& rel : files_under(tmp)) {
      EXPECT_TRUE(fs::exists(dir / "input" / rel) || fs::exists(dir / "expected" / rel))
          << "unexpected file left behind: " << rel;
    }
  }
  fs::remove_all(tmp);
}

TEST(CliGolden, EveryCase) {
  const fs::path root = fs::path(PINREQS_FIXTURES) / "cli";
  ASSERT_TRUE(fs::exists(root));
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory()) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 10u);
  for (const auto& c : cases) run_case(c);
}

}  // namespace
