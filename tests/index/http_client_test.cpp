// The index client against tests/support/fake_index.py on 127.0.0.1: caching (max-age, ETag/304, refresh,
// offline), retries (503, 429 + Retry-After, truncated bodies), content negotiation, redirects, PEP 658 hashes,
// extra indexes, credentials never shown, and parallel prefetch. Request counts come from the server's log.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../support/server_process.hpp"
#include "pinreqs/cache/metadata_cache.hpp"
#include "pinreqs/index/index_client.hpp"
#include "pinreqs/index/url.hpp"

namespace fs = std::filesystem;
using namespace pinreqs;
using pinreqs::testing::ServerProcess;

namespace {

struct Route {
  std::string path;
  std::string body;
  std::string extra;  // more JSON members for the route, e.g. "\"fail\":[503]"
};

fs::path fresh_dir(const std::string& tag) {
  static int counter = 0;
  auto d = fs::temp_directory_path() /
           ("pinreqs-http-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

class Fake {
 public:
  explicit Fake(const std::vector<Route>& routes, const std::string& cache_control = "max-age=600")
      : dir_(fresh_dir("srv")) {
    std::string cfg = "{\"cache_control\":\"" + cache_control + "\",\"routes\":{";
    for (std::size_t i = 0; i < routes.size(); ++i) {
      auto body = dir_ / ("body" + std::to_string(i));
      std::ofstream(body, std::ios::binary) << routes[i].body;
      cfg += (i ? "," : "") + ("\"" + routes[i].path + "\":{\"file\":\"" + body.string() + "\"" +
                               (routes[i].extra.empty() ? "" : "," + routes[i].extra) + "}");
    }
    cfg += "}}";
    std::ofstream(dir_ / "config.json") << cfg;
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "python3", std::string(PINREQS_SOURCE_DIR) + "/tests/support/fake_index.py", "--config",
        (dir_ / "config.json").string(), "--log", log_path()});
  }
  ~Fake() {
    server_.reset();
    fs::remove_all(dir_);
  }
  [[nodiscard]] bool ok() const { return server_->ok(); }
  [[nodiscard]] std::string url(const std::string& path) const { return server_->base() + path; }
  [[nodiscard]] std::string log_path() const { return (dir_ / "requests.log").string(); }
  [[nodiscard]] std::vector<std::string> log() const { return pinreqs::testing::read_lines(log_path()); }

 private:
  fs::path dir_;
  std::unique_ptr<ServerProcess> server_;
};

const std::string kMetadata =
    "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: dep>=0.5\n"
    "Requires-Dist: extra-thing; extra == \"x\"\nRequires-Python: >=3.7\nProvides-Extra: x\n\nDescription body\n";
const std::string kMetadataSha = "a3726214777795f0552e2c5e69d7951590fc1307ac9ec873f3566ea7172915f3";

const std::string kProjectJson = R"({"info":{"name":"Demo","version":"1.1","requires_dist":["dep>=1"],
 "requires_python":">=3.8","summary":"ignored"},
 "releases":{
  "1.0":[{"filename":"demo-1.0-py3-none-any.whl","url":"/files/demo-1.0-py3-none-any.whl","digests":{"sha256":"aa"},
          "requires_python":">=3.7","size":10,"yanked":false,"upload_time_iso_8601":"2024-01-02T03:04:05.000000Z"},
         {"filename":"demo-1.0.tar.gz","url":"/files/demo-1.0.tar.gz","digests":{"sha256":"bb"},"requires_python":null,
          "size":null,"yanked":true,"yanked_reason":"broken"}],
  "1.1":[{"filename":"demo-1.1-py3-none-any.whl","url":"/files/demo-1.1-py3-none-any.whl","digests":{"sha256":"cc"}}],
  "not a version":[{"filename":"demo-x.tar.gz","url":"/files/demo-x.tar.gz","digests":{"sha256":"dd"}}],
  "0.9":[{"filename":"demo-0.9.win32.exe","url":"/files/demo-0.9.win32.exe","digests":{"sha256":"ee"}},
         {"filename":"demo-0.9-py2.7.egg","url":"/files/demo-0.9-py2.7.egg","digests":{"sha256":"ff"}}]
 },"urls":[]})";

const std::string kVersionNullDeps = R"({"info":{"name":"demo","version":"1.0","requires_dist":null,"requires_python":">=3.7"},"urls":[]})";

std::string simple_json(const std::string& sha) {
  return R"({"meta":{"api-version":"1.1"},"name":"demo","versions":["1.0","1.1"],"files":[
   {"filename":"demo-1.0-py3-none-any.whl","url":"/files/demo-1.0-py3-none-any.whl","hashes":{"sha256":"aa"},
    "requires-python":">=3.7","yanked":false,"size":10,"core-metadata":{"sha256":")" +
         sha + R"("},"data-dist-info-metadata":{"sha256":"0000"}},
   {"filename":"demo-1.1-py3-none-any.whl","url":"/files/demo-1.1-py3-none-any.whl","hashes":{"sha256":"cc"},
    "yanked":"bad build","core-metadata":false}]})";
}

const std::string kSimpleHtml = R"(<!DOCTYPE html><html><body>
<a href="/files/demo-1.0-py3-none-any.whl#sha256=aa" data-requires-python="&gt;=3.7" data-dist-info-metadata="sha256=)" +
                                kMetadataSha + R"(">demo-1.0-py3-none-any.whl</a><br/>
<a href="../../files/demo-1.1-py3-none-any.whl#sha256=cc" data-yanked="">demo-1.1-py3-none-any.whl</a>
</body></html>)";

index::IndexOptions options(const std::string& index_url, const fs::path& cache_dir) {
  index::IndexOptions o;
  o.index_urls = {index_url};
  o.cache_dir = cache_dir;
  o.retry_base_ms = 20;
  return o;
}

std::unique_ptr<index::IndexClient> make(const index::IndexOptions& o) {
  auto c = index::IndexClient::create(o);
  EXPECT_TRUE(c) << (c ? "" : c.error().describe());
  return c ? std::move(*c) : nullptr;
}

PackageName name(const char* n) { return *PackageName::parse(n); }
pep440::Version ver(const char* v) { return *pep440::Version::parse(v); }

std::vector<Route> json_api_routes() {
  return {{"/pypi/demo/json", kProjectJson, ""},
          {"/pypi/demo/1.0/json", kVersionNullDeps, ""},
          {"/simple/demo/", simple_json(kMetadataSha), "\"content_type\":\"application/vnd.pypi.simple.v1+json\""},
          {"/files/demo-1.0-py3-none-any.whl.metadata", kMetadata, "\"content_type\":\"application/octet-stream\""}};
}

}  // namespace

TEST(HttpClient, JsonApiQuirksAndNullRequiresDistFallsBackToVerifiedPep658) {
  Fake fake(json_api_routes());
  ASSERT_TRUE(fake.ok());
  auto cache = fresh_dir("cache");
  auto client = make(options(fake.url("/pypi"), cache));
  auto p = client->project(name("Demo"));
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ((*p)->display_name, "Demo");
  ASSERT_EQ((*p)->releases.size(), 2u);  // "not a version" and the .exe/.egg-only 0.9 are skipped
  const auto& r10 = (*p)->releases[0];
  EXPECT_EQ(r10.version_text, "1.0");
  ASSERT_EQ(r10.files.size(), 2u);
  EXPECT_EQ(r10.files[0].url, fake.url("/files/demo-1.0-py3-none-any.whl"));
  EXPECT_EQ(r10.files[0].size, 10u);
  EXPECT_EQ(r10.files[0].upload_time, 1704164645);
  EXPECT_EQ(r10.files[0].requires_python, ">=3.7");
  EXPECT_TRUE(r10.files[1].yanked);
  EXPECT_EQ(r10.files[1].yanked_reason, "broken");
  // 1.1 is `info`: no request for its metadata.
  auto m11 = client->metadata(name("demo"), ver("1.1"));
  ASSERT_TRUE(m11) << m11.error().describe();
  EXPECT_EQ((*m11)->requires_dist, (std::vector<std::string>{"dep>=1"}));
  // 1.0: version document says null -> Simple page for the hash -> verified .metadata.
  auto m10 = client->metadata(name("demo"), ver("1.0"));
  ASSERT_TRUE(m10) << m10.error().describe();
  ASSERT_TRUE((*m10)->requires_dist);
  EXPECT_EQ(*(*m10)->requires_dist, (std::vector<std::string>{"dep>=0.5", "extra-thing; extra == \"x\""}));
  EXPECT_EQ((*m10)->requires_python, ">=3.7");
  EXPECT_EQ((*m10)->provides_extra, (std::vector<std::string>{"x"}));
  EXPECT_EQ(fake.log().size(), 4u);
  fs::remove_all(cache);
}

TEST(HttpClient, WarmWithinMaxAgeMakesNoRequestsAndOfflineMatchesOnline) {
  Fake fake(json_api_routes());
  ASSERT_TRUE(fake.ok());
  auto cache = fresh_dir("cache");
  std::vector<std::string> online;
  {
    auto client = make(options(fake.url("/pypi"), cache));
    auto m = client->metadata(name("demo"), ver("1.0"));
    ASSERT_TRUE(m) << m.error().describe();
    online = *(*m)->requires_dist;
    EXPECT_EQ(client->stats().requests, 4u);
  }
  auto before = fake.log().size();
  {
    auto client = make(options(fake.url("/pypi"), cache));
    auto m = client->metadata(name("demo"), ver("1.0"));
    ASSERT_TRUE(m) << m.error().describe();
    EXPECT_EQ(*(*m)->requires_dist, online);
    EXPECT_EQ(client->stats().requests, 0u);
    EXPECT_EQ(client->stats().parsed, 0u);  // parsed blobs, no JSON re-parse
    EXPECT_EQ(client->stats().cache_hits, 4u);
  }
  EXPECT_EQ(fake.log().size(), before);
  {
    auto o = options(fake.url("/pypi"), cache);
    o.offline = true;
    auto client = make(o);
    auto m = client->metadata(name("demo"), ver("1.0"));
    ASSERT_TRUE(m) << m.error().describe();
    EXPECT_EQ(*(*m)->requires_dist, online);
    auto p = client->project(name("demo"));
    ASSERT_TRUE(p);
    EXPECT_EQ((*p)->releases.size(), 2u);
    // Not cached: the error names exactly what is missing.
    auto other = client->project(name("other-thing"));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().kind, ErrorKind::Offline);
    EXPECT_NE(other.error().describe().find("/pypi/other-thing/json"), std::string::npos) << other.error().describe();
  }
  EXPECT_EQ(fake.log().size(), before);
  fs::remove_all(cache);
}

TEST(HttpClient, AfterExpiryOnlyConditionalRequestsAndRefreshRevalidates) {
  Fake fake({{"/pypi/demo/json", kProjectJson, "\"cache_control\":\"max-age=1\""}});
  ASSERT_TRUE(fake.ok());
  auto cache = fresh_dir("cache");
  {
    auto client = make(options(fake.url("/pypi"), cache));
    ASSERT_TRUE(client->project(name("demo")));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  {
    auto client = make(options(fake.url("/pypi"), cache));
    auto p = client->project(name("demo"));
    ASSERT_TRUE(p);
    EXPECT_EQ((*p)->releases.size(), 2u);
    EXPECT_EQ(client->stats().revalidated, 1u);
    EXPECT_EQ(client->stats().parsed, 0u);
  }
  auto log = fake.log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0], "GET /pypi/demo/json 200 -");
  EXPECT_EQ(log[1], "GET /pypi/demo/json 304 cond");
  {
    auto o = options(fake.url("/pypi"), cache);
    o.refresh = true;  // fresh (just revalidated), but refresh forces a conditional request
    auto client = make(o);
    ASSERT_TRUE(client->project(name("demo")));
  }
  log = fake.log();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[2], "GET /pypi/demo/json 304 cond");
  fs::remove_all(cache);
}

TEST(HttpClient, RetriesServerErrorsTruncationAndHonoursRetryAfter) {
  Fake fake({{"/pypi/a/json", R"({"info":{"name":"a","version":"1"},"releases":{}})", "\"fail\":[503,502]"},
             {"/pypi/b/json", R"({"info":{"name":"b","version":"1"},"releases":{}})",
              "\"fail\":[429],\"retry_after\":\"1\""},
             {"/pypi/c/json", R"({"info":{"name":"c","version":"1"},"releases":{"1":[]},"pad":")" +
                                  std::string(4000, 'x') + R"("})",
              "\"truncate\":1"},
             {"/pypi/d/json", "{}", "\"fail\":[503,503,503,503,503,503]"}});
  ASSERT_TRUE(fake.ok());
  auto o = options(fake.url("/pypi"), fresh_dir("cache"));
  o.use_cache = false;
  o.max_retries = 2;
  auto client = make(o);
  EXPECT_TRUE(client->project(name("a")));
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client->project(name("b")));
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(950));  // Retry-After: 1 beats the 20 ms backoff
  auto c = client->project(name("c"));
  EXPECT_TRUE(c) << c.error().describe();
  auto d = client->project(name("d"));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().kind, ErrorKind::Http);
  EXPECT_NE(d.error().describe().find("HTTP 503"), std::string::npos) << d.error().describe();
  EXPECT_NE(d.error().describe().find("3 attempts"), std::string::npos) << d.error().describe();
  int a_count = 0, b_count = 0, c_count = 0, d_count = 0;
  for (const auto& l : fake.log()) {
    a_count += l.find("/pypi/a/") != std::string::npos;
    b_count += l.find("/pypi/b/") != std::string::npos;
    c_count += l.find("/pypi/c/") != std::string::npos;
    d_count += l.find("/pypi/d/") != std::string::npos;
  }
  EXPECT_EQ(a_count, 3);
  EXPECT_EQ(b_count, 2);
  EXPECT_EQ(c_count, 2);
  EXPECT_EQ(d_count, 3);
  EXPECT_EQ(client->stats().retries, 2u + 1u + 1u + 2u);
}

TEST(HttpClient, SimpleApiHtmlJsonWrongContentTypeAndHashCheck) {
  Fake fake({{"/simple/demo/", kSimpleHtml, "\"content_type\":\"text/html\""},
             {"/simple/sniffed/", simple_json(kMetadataSha), "\"content_type\":\"text/plain\""},
             {"/simple/mislabelled/", kSimpleHtml, "\"content_type\":\"application/vnd.pypi.simple.v1+json\""},
             {"/json/demo/", simple_json("00ff"), "\"content_type\":\"application/vnd.pypi.simple.v1+json\""},
             {"/files/demo-1.0-py3-none-any.whl.metadata", kMetadata, ""}});
  ASSERT_TRUE(fake.ok());
  {
    auto o = options(fake.url("/simple"), {});
    o.use_cache = false;
    auto client = make(o);
    auto p = client->project(name("demo"));
    ASSERT_TRUE(p) << p.error().describe();
    ASSERT_EQ((*p)->releases.size(), 2u);
    const auto& f10 = (*p)->releases[0].files.at(0);
    EXPECT_EQ(f10.sha256, "aa");
    EXPECT_EQ(f10.requires_python, ">=3.7");
    EXPECT_TRUE(f10.has_core_metadata);
    EXPECT_EQ(f10.core_metadata_sha256, kMetadataSha);
    const auto& f11 = (*p)->releases[1].files.at(0);
    EXPECT_EQ(f11.url, fake.url("/files/demo-1.1-py3-none-any.whl"));  // "../../files/..." from /simple/demo/
    EXPECT_TRUE(f11.yanked);
    auto m = client->metadata(name("demo"), ver("1.0"));
    ASSERT_TRUE(m) << m.error().describe();
    EXPECT_EQ((*m)->requires_dist->size(), 2u);
    // 1.1 advertises no metadata: unknown, not empty.
    auto m11 = client->metadata(name("demo"), ver("1.1"));
    ASSERT_TRUE(m11);
    EXPECT_FALSE((*m11)->requires_dist.has_value());
    // JSON served as text/plain is still recognised.
    auto s = client->project(name("sniffed"));
    ASSERT_TRUE(s) << s.error().describe();
    EXPECT_EQ((*s)->releases.size(), 2u);
    EXPECT_EQ((*s)->releases[1].files[0].yanked_reason, "bad build");
    // HTML served as JSON is still read as HTML.
    auto h = client->project(name("mislabelled"));
    ASSERT_TRUE(h) << h.error().describe();
    EXPECT_EQ((*h)->releases.size(), 2u);
  }
  {
    auto o = options(fake.url("/json"), {});
    o.use_cache = false;
    auto client = make(o);
    auto m = client->metadata(name("demo"), ver("1.0"));
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().kind, ErrorKind::Parse);
    EXPECT_NE(m.error().describe().find("sha256"), std::string::npos) << m.error().describe();
  }
}

TEST(HttpClient, RedirectsExtraIndexesAndRedactedCredentials) {
  Fake fake({{"/primary/demo/", "", "\"redirect\":\"/moved/demo/\""},
             {"/moved/demo/", kSimpleHtml, "\"content_type\":\"text/html\""},
             {"/extra/other/", kSimpleHtml, "\"content_type\":\"text/html\""},
             {"/broken/x/", "", "\"fail\":[500,500,500,500,500]"}});
  ASSERT_TRUE(fake.ok());
  auto o = options(fake.url("/primary"), {});
  o.use_cache = false;
  o.max_retries = 1;
  o.index_urls.push_back(fake.url("/extra"));
  auto client = make(o);
  auto p = client->project(name("demo"));
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ((*p)->releases[0].files[0].url, fake.url("/files/demo-1.0-py3-none-any.whl"));
  auto other = client->project(name("other"));  // 404 on the primary, found on the extra index
  ASSERT_TRUE(other) << other.error().describe();
  auto log = fake.log();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[2], "GET /primary/other/ 404 -");
  EXPECT_EQ(log[3], "GET /extra/other/ 200 -");
  // Credentials in the URL are used but never shown.
  auto base = fake.url("/broken");
  auto with_creds = "http://alice:s3cr3t@" + base.substr(7);
  auto o2 = options(with_creds, {});
  o2.use_cache = false;
  o2.max_retries = 1;
  auto client2 = make(o2);
  auto x = client2->project(name("x"));
  ASSERT_FALSE(x);
  auto text = x.error().describe();
  EXPECT_EQ(text.find("s3cr3t"), std::string::npos) << text;
  EXPECT_EQ(text.find("alice"), std::string::npos) << text;
  EXPECT_NE(text.find("****@127.0.0.1"), std::string::npos) << text;
}

TEST(HttpClient, PrefetchRunsInParallelAndFetchesEachDocumentOnce) {
  std::vector<Route> routes;
  std::vector<PackageName> names;
  for (int i = 0; i < 24; ++i) {
    auto n = "p" + std::to_string(i);
    routes.push_back({"/pypi/" + n + "/json", R"({"info":{"name":")" + n + R"(","version":"1"},"releases":{}})",
                      "\"latency_ms\":300"});
    names.push_back(*PackageName::parse(n));
  }
  Fake fake(routes);
  ASSERT_TRUE(fake.ok());
  auto o = options(fake.url("/pypi"), {});
  o.use_cache = false;
  auto client = make(o);
  auto start = std::chrono::steady_clock::now();
  client->prefetch_projects(names);
  client->prefetch_projects(names);
  for (const auto& n : names) ASSERT_TRUE(client->project(n));
  auto took = std::chrono::steady_clock::now() - start;
  // Serial would be 24 x 300 ms = 7.2 s; 16 at a time needs two rounds.
  EXPECT_LT(took, std::chrono::milliseconds(2500));
  EXPECT_EQ(fake.log().size(), 24u);
  EXPECT_EQ(client->stats().requests, 24u);
}

TEST(HttpClient, CorruptCacheIsRebuiltWithAWarning) {
  Fake fake(json_api_routes());
  ASSERT_TRUE(fake.ok());
  auto cache = fresh_dir("cache");
  std::ofstream(cache::database_path(cache), std::ios::binary) << std::string(5000, 'Z');
  auto client = make(options(fake.url("/pypi"), cache));
  auto warnings = client->take_warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("damaged"), std::string::npos) << warnings[0];
  EXPECT_TRUE(client->project(name("demo")));
  fs::remove_all(cache);
}

TEST(Url, RedactAndJoin) {
  EXPECT_EQ(index::redact_url("https://user:pw@host.example/simple/"), "https://****@host.example/simple/");
  EXPECT_EQ(index::redact_url("https://token@host.example/x?a=1&api_key=zz#f"),
            "https://****@host.example/x?a=1&api_key=****#f");
  EXPECT_EQ(index::redact_url("https://host.example/a@b"), "https://host.example/a@b");
  EXPECT_EQ(index::redact_url("file:///tmp/index"), "file:///tmp/index");
  EXPECT_EQ(index::join_url("https://h/simple/demo/", "../../files/x.whl#sha256=1"), "https://h/files/x.whl#sha256=1");
  EXPECT_EQ(index::join_url("https://h/simple/demo/", "/f/x.whl"), "https://h/f/x.whl");
  EXPECT_EQ(index::join_url("https://h/simple/demo/", "x.whl"), "https://h/simple/demo/x.whl");
  EXPECT_EQ(index::join_url("https://h/simple/demo/", "//cdn/x.whl"), "https://cdn/x.whl");
  EXPECT_EQ(index::join_url("https://h/simple/demo/", "https://o/x.whl"), "https://o/x.whl");
}

TEST(HttpClient, PrefetchMetadataFetchesVersionDocumentsInParallel) {
  std::string releases;
  std::vector<Route> routes;
  std::vector<std::pair<PackageName, pep440::Version>> wanted;
  for (int i = 1; i <= 12; ++i) {
    auto v = std::to_string(i) + ".0";
    releases += (i > 1 ? "," : "") + ("\"" + v + "\":[{\"filename\":\"m-" + v + "-py3-none-any.whl\",\"url\":\"/f\"}]");
    routes.push_back({"/pypi/m/" + v + "/json",
                      R"({"info":{"name":"m","version":")" + v + R"(","requires_dist":["dep==)" + v + R"("]}})",
                      "\"latency_ms\":300"});
    wanted.emplace_back(name("m"), ver(v.c_str()));
  }
  // `info` describes 99.0, which has no files: every listed version needs its own document.
  routes.push_back({"/pypi/m/json", R"({"info":{"name":"m","version":"99.0"},"releases":{)" + releases + "}}", ""});
  Fake fake(routes);
  ASSERT_TRUE(fake.ok());
  auto o = options(fake.url("/pypi"), {});
  o.use_cache = false;
  auto client = make(o);
  auto start = std::chrono::steady_clock::now();
  client->prefetch_metadata(wanted);
  for (const auto& [n, v] : wanted) {
    auto m = client->metadata(n, v);
    ASSERT_TRUE(m) << m.error().describe();
    EXPECT_EQ((*m)->requires_dist->at(0), "dep==" + v.to_string());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2000));  // serial: 3.6 s
  EXPECT_EQ(fake.log().size(), 13u);
}

TEST(HttpClient, UnreadableCachedBlobIsRefetched) {
  Fake fake({{"/pypi/demo/json", kProjectJson, ""}});
  ASSERT_TRUE(fake.ok());
  auto dir = fresh_dir("cache");
  {
    auto c = cache::MetadataCache::open(dir);
    ASSERT_TRUE(c);
    cache::Entry e;
    e.key = fake.url("/pypi/demo/json");
    e.fetched_at = 4'000'000'000;
    e.max_age = 600;
    e.blob = "\x01Pgarbage";
    ASSERT_TRUE((*c)->put(e));
  }
  auto client = make(options(fake.url("/pypi"), dir));
  auto p = client->project(name("demo"));
  ASSERT_TRUE(p) << p.error().describe();
  EXPECT_EQ((*p)->releases.size(), 2u);
  EXPECT_EQ(fake.log().size(), 1u);
  auto warnings = client->take_warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("unreadable"), std::string::npos);
  fs::remove_all(dir);
}

TEST(HttpClient, WarmRunWithExtraIndexTrustsCachedNotFound) {
  Fake fake({{"/extra/other/", kSimpleHtml, "\"content_type\":\"text/html\""}});
  ASSERT_TRUE(fake.ok());
  auto dir = fresh_dir("cache");
  auto o = options(fake.url("/primary"), dir);
  o.index_urls.push_back(fake.url("/extra"));
  for (int run = 0; run < 2; ++run) {
    auto client = make(o);
    auto p = client->project(name("other"));
    ASSERT_TRUE(p) << p.error().describe();
    EXPECT_EQ(client->stats().requests, run == 0 ? 2u : 0u);
  }
  EXPECT_EQ(fake.log().size(), 2u);
  fs::remove_all(dir);
}
