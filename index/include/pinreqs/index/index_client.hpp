#pragma once
// The index client: project pages and per-version core metadata from one or more indexes, through the SQLite
// cache, with parallel prefetch. Single-threaded by design: every call runs on the caller's thread; transfers
// started by prefetch_*() progress whenever any call waits (and in pump()), so the resolver can announce what it
// will need and then ask synchronously. No document is fetched twice in one run.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/project.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::index {

struct IndexOptions {
  // First = primary (--index-url), the rest are --extra-index-url; the first index that has a project wins.
  // `https://pypi.org/pypi` (or any URL ending in /pypi) = JSON API; `.../simple` = Simple API (pypi.org's Simple
  // URL is served through its JSON API); `file:///dir` = a folder of `<name>.json` + `<name>/<version>.json`.
  std::vector<std::string> index_urls = {"https://pypi.org/pypi"};
  std::filesystem::path cache_dir;   // "" = cache::default_cache_dir()
  bool use_cache = true;             // false: no SQLite cache at all (everything from the network)
  bool offline = false;              // only the cache (and file:// indexes); a miss is ErrorKind::Offline
  bool refresh = false;              // revalidate everything cached (conditional requests)
  std::string ca_bundle;             // extra CA file; TLS is always verified
  int max_parallel = 16;             // connections (HTTP/1.1); HTTP/2 multiplexes over fewer
  int max_retries = 3;
  int retry_base_ms = 200;           // backoff: base * 2^n with jitter, at least Retry-After
  int connect_timeout_ms = 10000;
  int low_speed_seconds = 30;
  std::int64_t default_max_age = 0;  // freshness when a response has no Cache-Control max-age
  std::int64_t not_found_max_age = 600;  // a 404 without max-age: how long "this index lacks it" is trusted
};

struct IndexStats {
  std::uint64_t requests = 0;       // HTTP requests sent (retries included)
  std::uint64_t retries = 0;
  std::uint64_t file_reads = 0;     // file:// documents read
  std::uint64_t bytes = 0;          // body bytes received
  std::uint64_t cache_hits = 0;     // documents served from the cache without a request
  std::uint64_t revalidated = 0;    // 304 answers
  std::uint64_t parsed = 0;         // documents parsed (JSON/HTML/METADATA)
};

class IndexClient {
 public:
  static Result<std::unique_ptr<IndexClient>> create(IndexOptions options);
  ~IndexClient();
  IndexClient(const IndexClient&) = delete;
  IndexClient& operator=(const IndexClient&) = delete;

  // Releases and files of a project (NotFound when no index has it).
  Result<std::shared_ptr<const ProjectIndex>> project(const PackageName& name);
  // Core metadata of one release. `requires_dist` is nullopt when no source gives it (unknown, not empty).
  Result<std::shared_ptr<const CoreMetadata>> metadata(const PackageName& name, const pep440::Version& version);

  // Start fetching in parallel; results are kept for the synchronous calls above.
  void prefetch_projects(std::span<const PackageName> names);
  void prefetch_metadata(std::span<const std::pair<PackageName, pep440::Version>> releases);
  // Speculative: once the project page is in, start fetching the metadata of its newest final, not fully
  // yanked release inside `spec` (the release a highest-first resolver most likely picks). Costs no request
  // when that release's metadata is already known (e.g. the JSON API's `info`), one wasted request when the
  // resolver picks another version.
  void prefetch_best_metadata(const PackageName& name, const pep440::SpecifierSet& spec);
  // Drives transfers until everything started so far is done.
  void wait_all();

  [[nodiscard]] IndexStats stats() const;
  // Non-fatal problems met so far (cache repaired, skipped files, ...); URLs are redacted.
  std::vector<std::string> take_warnings();

  struct Impl;

 private:
  explicit IndexClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pinreqs::index
