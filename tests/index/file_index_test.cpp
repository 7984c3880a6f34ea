// The client on a file:// index made of recorded data (fixtures/index/reconstructed, same layout as
// shared/corpus/pypi-reconstructed): every project and every version document must come through intact.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "pinreqs/index/documents.hpp"
#include "pinreqs/index/index_client.hpp"

namespace fs = std::filesystem;
using namespace pinreqs;

namespace {

fs::path fixture_dir() { return fs::path(PINREQS_FIXTURES) / "index" / "reconstructed"; }

fs::path temp_dir(const std::string& tag) {
  auto d = fs::temp_directory_path() / ("pinreqs-test-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST(FileIndex, EveryRecordedProjectAndVersion) {
  index::IndexOptions o;
  o.index_urls = {"file://" + fixture_dir().string()};
  o.use_cache = false;
  auto client = index::IndexClient::create(o);
  ASSERT_TRUE(client) << client.error().describe();
  std::size_t projects = 0, versions = 0;
  for (const auto& ent : fs::directory_iterator(fixture_dir())) {
    if (ent.path().extension() != ".json") continue;
    auto name = PackageName::parse(ent.path().stem().string());
    ASSERT_TRUE(name);
    auto p = (*client)->project(*name);
    if (!p) {
      ADD_FAILURE() << name->str() << ": " << p.error().describe();
      continue;
    }
    ++projects;
    // Releases must match the document's release keys (all are valid here) and be ascending.
    auto direct = index::parse_pypi_project_json(read(ent.path()));
    ASSERT_TRUE(direct);
    EXPECT_EQ((*p)->releases.size(), direct->project.releases.size()) << name->str();
    EXPECT_FALSE((*p)->releases.empty()) << name->str();
    for (std::size_t i = 1; i < (*p)->releases.size(); ++i)
      EXPECT_LT((*p)->releases[i - 1].version, (*p)->releases[i].version) << name->str();
    // Each version document gives metadata with the same requires_dist.
    auto vdir = fixture_dir() / name->str();
    if (!fs::is_directory(vdir)) continue;
    for (const auto& vent : fs::directory_iterator(vdir)) {
      auto text = vent.path().stem().string();
      auto v = pep440::Version::parse(text);
      ASSERT_TRUE(v) << text;
      auto m = (*client)->metadata(*name, *v);
      if (!m) {
        ADD_FAILURE() << name->str() << " " << text << ": " << m.error().describe();
        continue;
      }
      auto expect = index::parse_pypi_version_json(read(vent.path()));
      ASSERT_TRUE(expect) << expect.error().describe();
      ++versions;
      EXPECT_EQ((*m)->requires_dist, expect->requires_dist) << name->str() << " " << text;
      EXPECT_EQ((*m)->requires_python, expect->requires_python) << name->str() << " " << text;
      EXPECT_EQ((*m)->version, *v);
    }
  }
  EXPECT_EQ(projects, 16u);
  EXPECT_GT(versions, 60u);
  auto s = (*client)->stats();
  EXPECT_EQ(s.requests, 0u);  // file:// is not HTTP
  EXPECT_GT(s.file_reads, 60u);
}

TEST(FileIndex, MissingProjectIsNotFoundAndExtraIndexWins) {
  auto empty = temp_dir("empty-index");
  index::IndexOptions o;
  o.index_urls = {"file://" + empty.string(), "file://" + fixture_dir().string()};
  o.use_cache = false;
  auto client = index::IndexClient::create(o);
  ASSERT_TRUE(client);
  auto p = (*client)->project(*PackageName::parse("Requests"));
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ((*p)->name.str(), "requests");
  auto none = (*client)->project(*PackageName::parse("no-such-project"));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::NotFound);
  EXPECT_NE(none.error().describe().find("no-such-project"), std::string::npos);
  auto missing_version = (*client)->metadata(*PackageName::parse("requests"), *pep440::Version::parse("0.0.1"));
  ASSERT_FALSE(missing_version);
  EXPECT_EQ(missing_version.error().kind, ErrorKind::NotFound);
  fs::remove_all(empty);
}

TEST(FileIndex, PrefetchReadsEachDocumentOnce) {
  index::IndexOptions o;
  o.index_urls = {"file://" + fixture_dir().string()};
  o.use_cache = false;
  auto client = index::IndexClient::create(o);
  ASSERT_TRUE(client);
  std::vector<PackageName> names;
  for (auto n : {"requests", "flask", "click", "requests", "flask"}) names.push_back(*PackageName::parse(n));
  (*client)->prefetch_projects(names);
  (*client)->wait_all();
  EXPECT_EQ((*client)->stats().file_reads, 3u);
  for (const auto& n : names) ASSERT_TRUE((*client)->project(n));
  EXPECT_EQ((*client)->stats().file_reads, 3u);
}
