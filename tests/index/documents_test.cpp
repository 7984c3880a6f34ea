// Document parsers on recorded pages (fixtures/index) and on the quirks indexes really produce.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "pinreqs/index/documents.hpp"

namespace fs = std::filesystem;
using namespace pinreqs;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

fs::path fixtures() { return fs::path(PINREQS_FIXTURES) / "index"; }

}  // namespace

TEST(Documents, RecordedPep691PagesParse) {
  // Every recorded page: all files accounted for (kept or skipped), versions ascending, core-metadata read.
  int pages = 0;
  for (const auto& ent : fs::directory_iterator(fixtures() / "simple-json")) {
    auto text = read(ent.path());
    auto name = PackageName::from_trusted(ent.path().stem().string());
    index::ParseNotes notes;
    auto p = index::parse_simple_json(text, name, "https://pypi.org/simple/" + name.str() + "/", &notes);
    if (!p) {
      ADD_FAILURE() << ent.path() << ": " << p.error().describe();
      continue;
    }
    ++pages;
    std::size_t files = 0;
    for (const auto& r : p->releases) {
      files += r.files.size();
      for (const auto& f : r.files) {
        EXPECT_EQ(f.sha256.size(), 64u) << f.filename;
        EXPECT_EQ(f.url.rfind("https://", 0), 0u) << f.filename;
        EXPECT_TRUE(f.upload_time.has_value()) << f.filename;
      }
    }
    for (std::size_t i = 1; i < p->releases.size(); ++i) EXPECT_LT(p->releases[i - 1].version, p->releases[i].version);
    // The page's own file count: count "filename" keys.
    std::size_t listed = 0;
    for (auto pos = text.find("\"filename\""); pos != std::string::npos; pos = text.find("\"filename\"", pos + 1)) ++listed;
    EXPECT_EQ(files + notes.skipped_files + notes.skipped_versions, listed) << ent.path();
  }
  EXPECT_EQ(pages, 4);
  auto attrs = index::parse_simple_json(read(fixtures() / "simple-json" / "attrs.json"),
                                        PackageName::from_trusted("attrs"), "https://pypi.org/simple/attrs/");
  ASSERT_TRUE(attrs);
  ASSERT_FALSE(attrs->releases.empty());
  const auto& f = attrs->releases.front().files.front();
  EXPECT_TRUE(f.has_core_metadata);
  EXPECT_EQ(f.core_metadata_sha256, "a1828f9b7a019e96302759189410f380814be1dd57a201a56c078f9e8e11a2e5");
  EXPECT_EQ(f.size, 31658u);
}

TEST(Documents, ProjectJsonQuirks) {
  const std::string doc = R"({"info":{"name":"Odd.Name","version":"2.0","requires_dist":null,"requires_python":null},
    "releases":{"2.0":[{"filename":"odd.name-2.0.zip","url":"/f/odd.name-2.0.zip","digests":{"md5":"x"},"size":null,
                        "yanked":false,"requires_python":null,"upload_time_iso_8601":null}],
                "2.0.0":[{"filename":"Odd.Name-2.0.0.tar.gz","url":"u","digests":{"sha256":"S"}}],
                "1.0":[{"filename":"Odd.Name-1.0.win-amd64.exe","url":"u"},
                             {"filename":"Odd.Name-1.0-py2.5.egg","url":"u"},
                             {"filename":"Odd.Name-1.0.tar.gz","url":"u"}],
                "junk version":[{"filename":"Odd.Name-junk.tar.gz","url":"u"}],
                "0.1":[]}})";
  index::ParseNotes notes;
  auto r = index::parse_pypi_project_json(doc, "https://idx.example/pypi/odd-name/json", &notes);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->project.name.str(), "odd-name");
  EXPECT_EQ(r->project.display_name, "Odd.Name");
  ASSERT_EQ(r->project.releases.size(), 2u);           // 1.0 and 2.0 (with 2.0.0 merged in); 0.1 has no files
  EXPECT_EQ(r->project.releases[1].files.size(), 2u);  // 2.0 == 2.0.0
  EXPECT_EQ(r->project.releases[1].files[0].url, "https://idx.example/f/odd.name-2.0.zip");
  EXPECT_FALSE(r->project.releases[1].files[0].size.has_value());
  EXPECT_EQ(r->project.releases[0].files.size(), 1u);
  EXPECT_EQ(notes.skipped_files, 2u);
  EXPECT_EQ(notes.skipped_versions, 1u);
  ASSERT_TRUE(r->latest);
  EXPECT_FALSE(r->latest->requires_dist.has_value());

  auto bad = index::parse_pypi_project_json(R"({"info":{"name":"x","version":"1"},"releases":{"1":[{"filename":)");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::Parse);
  auto noinfo = index::parse_pypi_project_json(R"({"releases":{}})");
  ASSERT_FALSE(noinfo);
  EXPECT_NE(noinfo.error().message.find("info.name"), std::string::npos);
  auto v = index::parse_pypi_version_json(R"({"info":{"name":"x","version":"1.0","requires_dist":[],"requires_python":">=3"}})");
  ASSERT_TRUE(v);
  ASSERT_TRUE(v->requires_dist.has_value());
  EXPECT_TRUE(v->requires_dist->empty());
  EXPECT_EQ(v->requires_python, ">=3");
}

TEST(Documents, HtmlScannerIsTolerant) {
  const std::string html = R"(<html><head><base href="https://cdn.example/root/"><title>x</title></head>
<!-- <a href="commented-0.1.tar.gz">no</a> -->
<body>
<A HREF='pkg/demo-1.0-py3-none-any.whl#sha256=ABCDEF' data-requires-python="&gt;=3.8,&lt;4" data-core-metadata="sha256=11"
   data-dist-info-metadata="sha256=22">demo-1.0-py3-none-any.whl</A>
<a href=demo-1.1.tar.gz data-yanked="reason &amp; more" data-dist-info-metadata=true>demo-1.1.tar.gz</a>
<a href="https://other.example/demo-2.0.zip"></a>
<a href="/x/demo-0.5.win32.exe">demo-0.5.win32.exe</a>
<a name="anchor-without-href">ignored</a>
</body></html>)";
  index::ParseNotes notes;
  auto p = index::parse_simple_html(html, PackageName::from_trusted("demo"), "https://idx.example/simple/demo/", &notes);
  ASSERT_TRUE(p) << p.error().describe();
  ASSERT_EQ(p->releases.size(), 3u);
  const auto& w = p->releases[0].files.at(0);
  EXPECT_EQ(w.url, "https://cdn.example/root/pkg/demo-1.0-py3-none-any.whl");
  EXPECT_EQ(w.sha256, "abcdef");
  EXPECT_EQ(w.requires_python, ">=3.8,<4");
  EXPECT_EQ(w.core_metadata_sha256, "11");  // PEP 714: data-core-metadata first
  const auto& s = p->releases[1].files.at(0);
  EXPECT_TRUE(s.yanked);
  EXPECT_EQ(s.yanked_reason, "reason & more");
  EXPECT_TRUE(s.has_core_metadata);
  EXPECT_TRUE(s.core_metadata_sha256.empty());
  EXPECT_EQ(p->releases[2].files.at(0).filename, "demo-2.0.zip");  // from the URL when the anchor is empty
  EXPECT_EQ(notes.skipped_files, 1u);
  EXPECT_FALSE(index::parse_simple_html("not html at all", PackageName::from_trusted("demo"), ""));
}

TEST(Documents, CoreMetadataAndFilenames) {
  auto m = index::parse_core_metadata(
      "Metadata-Version: 2.1\r\nName: Foo_Bar\r\nVersion: 1.0.post1\r\nRequires-Dist: a (>=1) ;\r\n"
      " python_version < \"3.9\"\r\nRequires-Python: >=3.7\r\nProvides-Extra: test\r\n\r\nRequires-Dist: body\r\n");
  ASSERT_TRUE(m) << m.error().describe();
  EXPECT_EQ(m->name.str(), "foo-bar");
  EXPECT_EQ(m->version.to_string(), "1.0.post1");
  ASSERT_TRUE(m->requires_dist);
  EXPECT_EQ(*m->requires_dist, (std::vector<std::string>{"a (>=1) ; python_version < \"3.9\""}));
  EXPECT_EQ(m->provides_extra, (std::vector<std::string>{"test"}));
  auto none = index::parse_core_metadata("Name: x\nVersion: 1\n");
  ASSERT_TRUE(none && none->requires_dist);
  EXPECT_TRUE(none->requires_dist->empty());
  EXPECT_FALSE(index::parse_core_metadata("Name: x\nVersion: not-a-version\n"));
  EXPECT_FALSE(index::parse_core_metadata("Version: 1\n"));
  EXPECT_FALSE(index::parse_core_metadata("Name x\n"));

  struct Case {
    const char* file;
    const char* project;
    const char* version;  // "" = not a distribution
  };
  const Case cases[] = {
      {"numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.whl", "numpy", "2.1.3"},
      {"zope.interface-5.4.0.tar.gz", "zope-interface", "5.4.0"},
      {"python-dateutil-2.8.2.tar.gz", "python-dateutil", "2.8.2"},
      {"Django-4.2.zip", "django", "4.2"},
      {"demo-1.0.win32.exe", "demo", ""},
      {"demo-1.0-py2.7.egg", "demo", ""},
  };
  for (const auto& c : cases) {
    auto v = index::version_from_filename(c.file, PackageName::from_trusted(c.project));
    if (v.value_or("") != c.version) ADD_FAILURE() << c.file << " -> " << v.value_or("(none)") << ", want " << c.version;
  }
  EXPECT_EQ(index::parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(index::parse_iso8601("2024-01-02T03:04:05.123456Z"), 1704164645);
  EXPECT_EQ(index::parse_iso8601("2024-01-02T05:04:05+02:00"), 1704164645);
  EXPECT_FALSE(index::parse_iso8601("yesterday"));
}
