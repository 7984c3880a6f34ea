// shared/tools/index-server (a local PyPI) must give identical projects and metadata through the JSON API, the
// PEP 691 Simple API and the PEP 503 HTML Simple API, and the same as a file:// read of the same data.
// Skipped when /work/shared is absent: the repository stands alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "../support/server_process.hpp"
#include "pinreqs/index/index_client.hpp"

namespace fs = std::filesystem;
using namespace pinreqs;
using pinreqs::testing::ServerProcess;

namespace {

const fs::path kServer = "/work/shared/tools/index-server";
const fs::path kSample = "/work/shared/tools/sample-index";

// Everything a resolver reads, as text, so a mismatch prints readably.
std::string snapshot(index::IndexClient& client, const std::vector<std::string>& names, bool with_sizes) {
  std::ostringstream out;
  for (const auto& n : names) {
    auto name = *PackageName::parse(n);
    auto p = client.project(name);
    if (!p) {
      out << n << ": ERROR " << p.error().describe() << "\n";
      continue;
    }
    out << n << "\n";
    for (const auto& r : (*p)->releases) {
      out << "  " << r.version.to_string() << "\n";
      for (const auto& f : r.files) {
        out << "    " << f.filename << " sha256=" << f.sha256 << " rp=" << f.requires_python
            << " yanked=" << f.yanked << "/" << f.yanked_reason;
        if (with_sizes) out << " size=" << f.size.value_or(0);
        out << "\n";
      }
      auto m = client.metadata(name, r.version);
      if (!m) {
        out << "    metadata ERROR " << m.error().describe() << "\n";
        continue;
      }
      out << "    requires_python=" << (*m)->requires_python << " requires_dist=";
      if (!(*m)->requires_dist) out << "unknown";
      else
        for (const auto& d : *(*m)->requires_dist) out << "[" << d << "]";
      out << "\n";
    }
  }
  return out.str();
}

std::vector<std::string> project_names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

index::IndexOptions opts(const std::string& url) {
  index::IndexOptions o;
  o.index_urls = {url};
  o.use_cache = false;
  o.retry_base_ms = 10;
  o.max_retries = 6;
  return o;
}

}  // namespace

TEST(IndexServer, JsonApiSimpleJsonAndSimpleHtmlAgree) {
  if (!fs::exists(kServer) || !fs::exists(kSample)) GTEST_SKIP() << "shared/tools not present";
  // --sdist-metadata: socksy is sdist-only; without it only the JSON API `info` knows its newest dependencies.
  ServerProcess json_srv({"python3", kServer.string(), "--data", kSample.string(), "--sdist-metadata"});
  ServerProcess html_srv(
      {"python3", kServer.string(), "--data", kSample.string(), "--sdist-metadata", "--simple-format", "html"});
  ASSERT_TRUE(json_srv.ok() && html_srv.ok());
  auto names = project_names(kSample);
  ASSERT_EQ(names.size(), 5u);
  auto via_json_api = index::IndexClient::create(opts(json_srv.base() + "/pypi"));
  auto via_simple = index::IndexClient::create(opts(json_srv.base() + "/simple/"));
  auto via_html = index::IndexClient::create(opts(html_srv.base() + "/simple"));
  ASSERT_TRUE(via_json_api && via_simple && via_html);
  auto a = snapshot(**via_json_api, names, true);
  auto b = snapshot(**via_simple, names, true);
  auto c = snapshot(**via_html, names, false);
  EXPECT_EQ(a.find("ERROR"), std::string::npos) << a;
  EXPECT_NE(a.find("yanked=1"), std::string::npos);  // the sample has yanked releases
  EXPECT_EQ(a, b);
  EXPECT_EQ(snapshot(**via_json_api, names, false), c);
  // Redirect of a non-normalized name is never needed: names are normalized before asking.
  EXPECT_GT((*via_json_api)->stats().requests, 5u);
}

TEST(IndexServer, HttpWithFailuresMatchesFileIndex) {
  if (!fs::exists(kServer)) GTEST_SKIP() << "shared/tools not present";
  auto data = fs::path(PINREQS_FIXTURES) / "index" / "reconstructed";
  auto log = fs::temp_directory_path() / ("pinreqs-idxsrv-" + std::to_string(::getpid()) + ".log");
  ServerProcess srv({"python3", kServer.string(), "--data", data.string(), "--files", "none", "--fail-rate", "0.25",
                     "--seed", "7", "--log", log.string()});
  ASSERT_TRUE(srv.ok());
  auto names = project_names(data);
  auto http = index::IndexClient::create(opts(srv.base() + "/pypi"));
  auto file = index::IndexClient::create(opts("file://" + data.string()));
  ASSERT_TRUE(http && file);
  std::vector<PackageName> pn;
  for (const auto& n : names) pn.push_back(*PackageName::parse(n));
  (*http)->prefetch_projects(pn);
  auto h = snapshot(**http, names, false);
  auto f = snapshot(**file, names, false);
  EXPECT_EQ(h.find("ERROR"), std::string::npos) << h;
  EXPECT_EQ(h, f);
  EXPECT_GT((*http)->stats().retries, 0u);  // the server failed a quarter of the requests
  int failures = 0;
  for (const auto& l : pinreqs::testing::read_lines(log.string())) failures += l.find(" 503 ") != std::string::npos;
  EXPECT_EQ(static_cast<std::uint64_t>(failures), (*http)->stats().retries);
  fs::remove(log);
}
