// The SQLite cache on its own: codec round trips, entries, 304 refresh, schema rebuild, corrupt and truncated
// files moved aside, two processes writing at once, stats and clean.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "pinreqs/cache/codec.hpp"
#include "pinreqs/cache/metadata_cache.hpp"

namespace fs = std::filesystem;
using namespace pinreqs;

namespace {

fs::path fresh_dir(const std::string& tag) {
  static int counter = 0;
  auto d = fs::temp_directory_path() /
           ("pinreqs-cache-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

cache::ProjectRecord sample_record() {
  cache::ProjectRecord r;
  r.project.name = PackageName::from_trusted("Demo_Pkg");
  r.project.display_name = "Demo_Pkg";
  for (const char* v : {"1.0", "2.0rc1", "2.0.post1+local.7"}) {
    Release rel;
    rel.version = *pep440::Version::parse(v);
    rel.version_text = v;
    DistFile f;
    f.filename = std::string("demo_pkg-") + v + "-py3-none-any.whl";
    f.url = "https://files.example/" + f.filename;
    f.sha256 = "abc123";
    f.size = 123456789012ULL;
    f.requires_python = ">=3.8";
    f.yanked = rel.version_text == "1.0";
    f.yanked_reason = f.yanked ? "broken" : "";
    f.upload_time = -5;  // before 1970 must survive
    f.has_core_metadata = true;
    f.core_metadata_sha256 = "ff00";
    rel.files.push_back(f);
    DistFile s;
    s.filename = std::string("demo_pkg-") + v + ".tar.gz";
    rel.files.push_back(s);
    r.project.releases.push_back(rel);
  }
  CoreMetadata m;
  m.name = r.project.name;
  m.version = *pep440::Version::parse("2.0.post1+local.7");
  m.requires_dist = std::vector<std::string>{"a>=1", "b; extra == \"x\""};
  m.requires_python = ">=3.8";
  m.provides_extra = {"x"};
  r.latest = m;
  return r;
}

void expect_same(const cache::ProjectRecord& a, const cache::ProjectRecord& b) {
  EXPECT_EQ(a.project.name, b.project.name);
  EXPECT_EQ(a.project.display_name, b.project.display_name);
  ASSERT_EQ(a.project.releases.size(), b.project.releases.size());
  for (std::size_t i = 0; i < a.project.releases.size(); ++i) {
    const auto& x = a.project.releases[i];
    const auto& y = b.project.releases[i];
    EXPECT_EQ(x.version, y.version);
    EXPECT_EQ(x.version_text, y.version_text);
    ASSERT_EQ(x.files.size(), y.files.size());
    for (std::size_t j = 0; j < x.files.size(); ++j) {
      const auto& f = x.files[j];
      const auto& g = y.files[j];
      EXPECT_EQ(f.filename, g.filename);
      EXPECT_EQ(f.url, g.url);
      EXPECT_EQ(f.sha256, g.sha256);
      EXPECT_EQ(f.size, g.size);
      EXPECT_EQ(f.requires_python, g.requires_python);
      EXPECT_EQ(f.yanked, g.yanked);
      EXPECT_EQ(f.yanked_reason, g.yanked_reason);
      EXPECT_EQ(f.upload_time, g.upload_time);
      EXPECT_EQ(f.has_core_metadata, g.has_core_metadata);
      EXPECT_EQ(f.core_metadata_sha256, g.core_metadata_sha256);
    }
  }
  ASSERT_EQ(a.latest.has_value(), b.latest.has_value());
  if (a.latest) {
    EXPECT_EQ(a.latest->version, b.latest->version);
    EXPECT_EQ(a.latest->requires_dist, b.latest->requires_dist);
    EXPECT_EQ(a.latest->requires_python, b.latest->requires_python);
    EXPECT_EQ(a.latest->provides_extra, b.latest->provides_extra);
  }
}

cache::Entry entry(const std::string& key, std::string blob) {
  cache::Entry e;
  e.key = key;
  e.etag = "\"e1\"";
  e.last_modified = "Tue, 01 Oct 2024 00:00:00 GMT";
  e.fetched_at = 1000;
  e.max_age = 600;
  e.blob = std::move(blob);
  return e;
}

}  // namespace

TEST(Codec, RoundTripsAndRejectsDamage) {
  auto rec = sample_record();
  auto blob = cache::encode(rec);
  auto back = cache::decode_project(blob);
  ASSERT_TRUE(back) << back.error().describe();
  expect_same(rec, *back);

  CoreMetadata unknown;
  unknown.name = PackageName::from_trusted("x");
  unknown.version = *pep440::Version::parse("1");
  auto mb = cache::decode_metadata(cache::encode(unknown));
  ASSERT_TRUE(mb);
  EXPECT_FALSE(mb->requires_dist.has_value());  // unknown stays unknown
  CoreMetadata none = unknown;
  none.requires_dist = std::vector<std::string>{};
  auto nb = cache::decode_metadata(cache::encode(none));
  ASSERT_TRUE(nb);
  ASSERT_TRUE(nb->requires_dist.has_value());  // "no dependencies" stays distinct
  EXPECT_TRUE(nb->requires_dist->empty());

  // Every truncation of a valid blob, a wrong tag, and trailing bytes are errors, never crashes.
  for (std::size_t n = 0; n < blob.size(); ++n) {
    if (cache::decode_project(std::string_view(blob).substr(0, n))) ADD_FAILURE() << "truncated to " << n << " decoded";
  }
  EXPECT_FALSE(cache::decode_metadata(blob));
  EXPECT_FALSE(cache::decode_project(blob + "x"));
}

TEST(MetadataCache, PutGetRefreshStatsClean) {
  auto dir = fresh_dir("basic");
  auto c = cache::MetadataCache::open(dir);
  ASSERT_TRUE(c) << c.error().describe();
  auto& cache_ = **c;
  auto missing = cache_.get("https://x/none");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
  auto blob = cache::encode(sample_record());
  ASSERT_TRUE(cache_.put(entry("https://x/demo/json", blob)));
  auto got = cache_.get("https://x/demo/json");
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->blob, blob);
  EXPECT_EQ((*got)->etag, "\"e1\"");
  EXPECT_TRUE((*got)->fresh(1599));
  EXPECT_FALSE((*got)->fresh(1600));
  ASSERT_TRUE(cache_.refresh("https://x/demo/json", 5000, 60, "\"e2\"", ""));
  got = cache_.get("https://x/demo/json");
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->blob, blob);  // a 304 keeps the parsed document
  EXPECT_EQ((*got)->etag, "\"e2\"");
  EXPECT_EQ((*got)->fetched_at, 5000);
  EXPECT_EQ((*got)->max_age, 60);
  auto e404 = entry("https://x/nope/json", "");
  e404.status = 404;
  ASSERT_TRUE(cache_.put(e404));
  auto st = cache_.stats();
  ASSERT_TRUE(st);
  EXPECT_EQ(st->entries, 2u);
  EXPECT_GT(st->bytes, 0u);
  c->reset();
  auto st2 = cache::stats(dir);
  ASSERT_TRUE(st2);
  EXPECT_EQ(st2->entries, 2u);
  auto freed = cache::clean(dir);
  ASSERT_TRUE(freed);
  EXPECT_GT(*freed, 0u);
  EXPECT_FALSE(fs::exists(cache::database_path(dir)));
  auto st3 = cache::stats(dir);
  ASSERT_TRUE(st3);
  EXPECT_EQ(st3->entries, 0u);
  fs::remove_all(dir);
}

TEST(MetadataCache, DefaultDirFollowsEnvironment) {
  const char* home = std::getenv("HOME");
  std::string saved_home = home ? home : "";
  ::setenv("PINREQS_CACHE_DIR", "/tmp/explicit-pinreqs", 1);
  EXPECT_EQ(cache::default_cache_dir(), fs::path("/tmp/explicit-pinreqs"));
  ::unsetenv("PINREQS_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(cache::default_cache_dir(), fs::path("/tmp/xdg/pinreqs"));
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/tmp/home-x", 1);
  EXPECT_EQ(cache::default_cache_dir(), fs::path("/tmp/home-x/.cache/pinreqs"));
  if (home) ::setenv("HOME", saved_home.c_str(), 1);
  else ::unsetenv("HOME");
}

TEST(MetadataCache, GarbageAndTruncatedFilesAreMovedAsideAndRebuilt) {
  auto dir = fresh_dir("corrupt");
  std::ofstream(cache::database_path(dir), std::ios::binary) << std::string(8192, '\x07');
  std::vector<std::string> warnings;
  auto c = cache::MetadataCache::open(dir, &warnings);
  ASSERT_TRUE(c) << c.error().describe();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("moved it to"), std::string::npos) << warnings[0];
  ASSERT_TRUE((*c)->put(entry("k", std::string(100000, 'b'))));
  for (int i = 0; i < 50; ++i) ASSERT_TRUE((*c)->put(entry("k" + std::to_string(i), std::string(4000, 'c'))));
  c->reset();  // closes: the WAL is checkpointed into the file
  // Truncate the valid file to half its size.
  auto db = cache::database_path(dir);
  auto size = fs::file_size(db);
  fs::resize_file(db, size / 2);
  warnings.clear();
  auto c2 = cache::MetadataCache::open(dir, &warnings);
  ASSERT_TRUE(c2) << c2.error().describe();
  EXPECT_EQ(warnings.size(), 1u);
  auto got = (*c2)->get("k");
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->has_value());  // started empty
  int aside = 0;
  for (const auto& ent : fs::directory_iterator(dir)) aside += ent.path().filename().string().find(".corrupt-") != std::string::npos;
  EXPECT_GE(aside, 1);
  fs::remove_all(dir);
}

TEST(MetadataCache, OtherSchemaVersionIsRebuilt) {
  auto dir = fresh_dir("schema");
  {
    auto c = cache::MetadataCache::open(dir);
    ASSERT_TRUE(c);
    ASSERT_TRUE((*c)->put(entry("k", "v")));
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(cache::database_path(dir).c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  std::vector<std::string> warnings;
  auto c = cache::MetadataCache::open(dir, &warnings);
  ASSERT_TRUE(c);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("schema 99"), std::string::npos);
  auto got = (*c)->get("k");
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->has_value());
  fs::remove_all(dir);
}

TEST(MetadataCache, TwoProcessesWriteAtOnce) {
  auto dir = fresh_dir("concurrent");
  constexpr int kPerProcess = 300;
  std::vector<pid_t> kids;
  for (int p = 0; p < 2; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      auto c = cache::MetadataCache::open(dir);
      if (!c) _exit(2);
      for (int i = 0; i < kPerProcess; ++i) {
        auto key = "p" + std::to_string(p) + "/" + std::to_string(i);
        if (!(*c)->put(entry(key, std::string(500, static_cast<char>('a' + p))))) _exit(3);
        if (!(*c)->get("p" + std::to_string(1 - p) + "/" + std::to_string(i))) _exit(4);
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (auto pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child exit " << WEXITSTATUS(status);
  }
  auto st = cache::stats(dir);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->entries, 2u * kPerProcess);
  fs::remove_all(dir);
}
