// Import names -> distributions, the standard library per Python, and unused/missing requirements.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "pinreqs/analysis/data.hpp"
#include "pinreqs/analysis/dependency_usage.hpp"

namespace pinreqs::analysis {
namespace {
namespace fs = std::filesystem;

PackageName pn(const char* n) { return PackageName::from_trusted(n); }
pep440::Version v(const char* s) { return *pep440::Version::parse(s); }

TEST(ImportMap, EmbeddedTableAndHeuristics) {
  ASSERT_TRUE(ImportMap::parse(data::import_names_tsv()));
  const auto& m = ImportMap::builtin();
  struct Case {
    const char* module;
    const char* first;  // most likely distribution
    const char* also;   // another candidate ("" = none checked)
  };
  const std::vector<Case> cases = {
      {"PIL.Image", "pillow", ""},
      {"yaml", "pyyaml", ""},
      {"dotenv", "python-dotenv", ""},
      {"faiss", "faiss-cpu", "faiss-gpu"},
      {"google.protobuf.message", "protobuf", ""},
      {"google.cloud.storage.blob", "google-cloud-storage", ""},
      {"sentence_transformers", "sentence-transformers", ""},
      {"langchain.text_splitter", "langchain-text-splitter", "langchain"},
      {"requests", "requests", ""},
      {"multipart", "python-multipart", ""},  // listed in the table
      {"somelib", "somelib", "python-somelib"},  // wrapper spellings come last
      {"otherlib.sub", "otherlib-sub", "pyotherlib"},
  };
  for (const auto& c : cases) {
    const auto got = m.candidates(c.module);
    if (got.empty() || got.front() != pn(c.first)) {
      ADD_FAILURE() << c.module << ": first candidate " << (got.empty() ? "(none)" : got.front().str());
      continue;
    }
    if (*c.also && std::find(got.begin(), got.end(), pn(c.also)) == got.end())
      ADD_FAILURE() << c.module << ": " << c.also << " is not a candidate";
  }
  EXPECT_EQ(m.suggest("dotenv").str(), "python-dotenv");
  EXPECT_EQ(m.suggest("some_thing.sub").str(), "some-thing");
  EXPECT_TRUE(m.listed("imghdr").empty());
  auto bad = ImportMap::parse("import\tdistribution\talso\nx\t!bad\t\n", "t");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("t:2:"), std::string::npos);
}

TEST(Stdlib, PerPythonVersion) {
  ASSERT_TRUE(StdlibTable::parse(data::stdlib_tsv()));
  const auto& s = StdlibTable::builtin();
  struct Case {
    const char* module;
    const char* python;
    bool in;
  };
  const std::vector<Case> cases = {
      {"os", "3.11", true},        {"imghdr", "3.12", true},    {"imghdr", "3.13", false},
      {"distutils", "3.11", true}, {"distutils", "3.12", false}, {"tomllib", "3.10", false},
      {"tomllib", "3.11", true},   {"annotationlib", "3.13", false}, {"annotationlib", "3.14", true},
      {"numpy", "3.12", false},    {"os", "3.8", true},          {"os", "3.15", true},
      {"__future__", "3.12", true},
  };
  for (const auto& c : cases)
    if (s.contains(c.module, v(c.python)) != c.in) ADD_FAILURE() << c.module << " on " << c.python << ": want " << c.in;
  EXPECT_EQ(s.absence_reason("imghdr", v("3.13")), "removed from the standard library in 3.13");
  EXPECT_EQ(s.absence_reason("tomllib", v("3.10")), "added to the standard library in 3.11");
  EXPECT_EQ(s.absence_reason("os", v("3.12")), "");
  EXPECT_FALSE(StdlibTable::parse("module\tfirst\tlast\nx\t3.12\t3.10\n", "t"));
}

AppScan scan_of(std::vector<std::pair<std::string, std::string>> files) {
  AppScan scan;
  for (auto& [name, text] : files) {
    scan.files.push_back(name);
    scan.local_modules.insert(fs::path(name).stem().string());
    for (auto& r : scan_imports(text)) scan.imports.push_back({name, r});
  }
  return scan;
}

TEST(Usage, MissingTransitiveUnusedAndOptional) {
  const auto scan = scan_of({{"app.py",
                              "import os\nimport faiss\nimport numpy as np\nfrom dotenv import load_dotenv\n"
                              "import helpers\nimport imghdr\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
                              "def f():\n    import lazy_thing\n"},
                             {"helpers.py", "from dotenv import find_dotenv\n"}});
  UsageInput in;
  in.top_level = {pn("faiss-cpu"), pn("transformers"), pn("sentence-transformers")};
  in.installed = {pn("faiss-cpu"), pn("transformers"), pn("sentence-transformers"), pn("numpy")};
  in.pulled_in_by[pn("numpy")] = {pn("faiss-cpu"), pn("transformers")};
  in.python = v("3.13");
  const auto r = analyze_usage(scan, in);
  std::map<std::string, const ImportFinding*> by;
  for (const auto& f : r.findings) by[f.module] = &f;
  ASSERT_TRUE(by.count("faiss"));
  EXPECT_EQ(by["faiss"]->status, ImportStatus::Direct);
  EXPECT_EQ(by["faiss"]->distribution, pn("faiss-cpu"));
  ASSERT_TRUE(by.count("numpy"));
  EXPECT_EQ(by["numpy"]->status, ImportStatus::Transitive);
  EXPECT_EQ(by["numpy"]->via, (std::vector<PackageName>{pn("faiss-cpu"), pn("transformers")}));
  EXPECT_FALSE(by["numpy"]->breaks_deploy());
  ASSERT_TRUE(by.count("dotenv"));
  EXPECT_EQ(by["dotenv"]->status, ImportStatus::Missing);
  EXPECT_EQ(by["dotenv"]->distribution, pn("python-dotenv"));
  EXPECT_EQ(by["dotenv"]->uses.size(), 2u);  // grouped across files
  EXPECT_TRUE(by["dotenv"]->breaks_deploy());
  ASSERT_TRUE(by.count("imghdr"));
  EXPECT_EQ(by["imghdr"]->status, ImportStatus::StdlibRemoved);
  EXPECT_TRUE(by["imghdr"]->breaks_deploy());
  ASSERT_TRUE(by.count("ujson"));
  EXPECT_TRUE(by["ujson"]->optional());
  EXPECT_FALSE(by["ujson"]->breaks_deploy());
  ASSERT_TRUE(by.count("lazy_thing"));
  EXPECT_TRUE(by["lazy_thing"]->breaks_deploy());  // inside a function, but not guarded
  EXPECT_FALSE(by.count("os"));
  EXPECT_FALSE(by.count("helpers"));  // the app's own module
  // transformers is never imported (sentence_transformers is a different module).
  EXPECT_EQ(r.unused, (std::vector<PackageName>{pn("sentence-transformers"), pn("transformers")}));

  // On 3.12 imghdr is still in the standard library.
  in.python = v("3.12");
  const auto r12 = analyze_usage(scan, in);
  for (const auto& f : r12.findings) EXPECT_NE(f.module, "imghdr");
}

TEST(Usage, ScanAppSkipsEnvironmentsAndFindsLocalPackages) {
  const fs::path root = fs::temp_directory_path() / ("pinreqs-scan-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "mypkg");
  fs::create_directories(root / ".venv" / "lib");
  fs::create_directories(root / "env");
  fs::create_directories(root / "__pycache__");
  std::ofstream(root / "main.py") << "import mypkg\nimport requests\n";
  std::ofstream(root / "mypkg" / "__init__.py") << "from mypkg import util\n";
  std::ofstream(root / ".venv" / "lib" / "x.py") << "import hidden_dep\n";
  std::ofstream(root / "env" / "pyvenv.cfg") << "home = /usr\n";
  std::ofstream(root / "env" / "y.py") << "import venv_dep\n";
  std::ofstream(root / "__pycache__" / "z.py") << "import cached_dep\n";
  const auto scan = scan_app(root);
  EXPECT_EQ(scan.files, (std::vector<std::string>{"main.py", "mypkg/__init__.py"}));
  std::vector<std::string> mods;
  for (const auto& i : scan.imports) mods.push_back(i.ref.module);
  EXPECT_EQ(mods, (std::vector<std::string>{"mypkg", "requests", "mypkg"}));
  EXPECT_TRUE(scan.local_modules.count("mypkg"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace pinreqs::analysis
