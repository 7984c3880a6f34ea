// The import scanner on tricky files (fixtures/analysis/import-scan/*.py). Each file states what it expects
// in comments — `# expect: MODULE... [conditional] [guarded]` on the line of the import (`# expect^:` for the
// line above) — which the scanner
// itself never sees (comments are skipped); every other line must yield nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "pinreqs/analysis/import_scan.hpp"

namespace pinreqs::analysis {
namespace {
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string describe(const ImportRef& r) {
  return std::to_string(r.line) + " " + r.module + (r.conditional ? " [conditional]" : "") +
         (r.guarded ? " [guarded]" : "");
}

TEST(ImportScan, TrickyFiles) {
  const fs::path dir = fs::path(PINREQS_FIXTURES) / "analysis" / "import-scan";
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".py") continue;
    ++files;
    const std::string text = slurp(e.path());
    std::vector<std::string> want;
    std::istringstream lines(text);
    int n = 0;
    for (std::string line; std::getline(lines, line);) {
      ++n;
      // `# expect^:` states the imports of the line above (after a backslash continuation).
      auto at = line.find("# expect: ");
      int where = n;
      if (at == std::string::npos) {
        at = line.find("# expect^: ");
        if (at == std::string::npos) continue;
        ++at;
        where = n - 1;
      }
      std::istringstream words(line.substr(at + 10));
      std::vector<std::string> modules;
      std::string flags;
      for (std::string w; words >> w;) {
        if (w == "[conditional]" || w == "[guarded]") flags += " " + w;
        else modules.push_back(w);
      }
      for (const auto& m : modules) want.push_back(std::to_string(where) + " " + m + flags);
    }
    std::vector<std::string> got;
    for (const auto& r : scan_imports(text)) got.push_back(describe(r));
    const std::string name = e.path().filename().string();
    for (std::size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
      const std::string w = i < want.size() ? want[i] : "(nothing)";
      const std::string g = i < got.size() ? got[i] : "(nothing)";
      if (w != g) {
        ADD_FAILURE() << name << ": import #" << i + 1 << ": want `" << w << "`, got `" << g << "`";
        break;
      }
    }
  }
  EXPECT_GE(files, 2);
}

TEST(ImportScan, SmallCases) {
  struct Case {
    const char* source;
    std::vector<std::string> modules;
  };
  const std::vector<Case> cases = {
      {"import a\n", {"a"}},
      {"from __future__ import annotations\n", {}},
      {"from . import x\nfrom .y import z\n", {}},
      {"import a as b, c.d as e\n", {"a", "c.d"}},
      {"x = 'import a'\n", {}},
      {"print('''\nimport a\n''')\n", {}},
      {"if x:\n    import a\nelse:\n    import b\n", {"a", "b"}},
      {"def f(x: int) -> None: import a\n", {"a"}},
      {"d = {1: 2}; import a\n", {"a"}},
      {"foo(import_=1)\n", {}},
      {"s = 'unterminated\nimport a\n", {"a"}},
      {"async def f():\n    import a\n", {"a"}},
      {"", {}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> got;
    for (const auto& r : scan_imports(c.source)) got.push_back(r.module);
    if (got != c.modules) {
      std::string g;
      for (const auto& m : got) g += m + " ";
      ADD_FAILURE() << "source `" << c.source << "`: got [" << g << "]";
    }
  }
  EXPECT_EQ(top_level("a.b.c"), "a");
  EXPECT_EQ(top_level("a"), "a");
}

}  // namespace
}  // namespace pinreqs::analysis
