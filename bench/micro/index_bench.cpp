// Index micro-benchmarks: JSON ingestion throughput (simdjson On-Demand into the owned model) on large recorded
// documents, and the warm-cache path a second run takes (SQLite lookup + blob decode, no JSON, no request).
// Large documents come from /work/shared/corpus/pypi-reconstructed when present, else from fixtures/index.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "pinreqs/cache/codec.hpp"
#include "pinreqs/cache/metadata_cache.hpp"
#include "pinreqs/index/documents.hpp"
#include "pinreqs/index/index_client.hpp"

namespace fs = std::filesystem;
using namespace pinreqs;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

fs::path fixture_dir() { return fs::path(PINREQS_BENCH_SOURCE_DIR) / "fixtures" / "index" / "reconstructed"; }

std::string large_document(const char* name) {
  fs::path shared = fs::path("/work/shared/corpus/pypi-reconstructed") / (std::string(name) + ".json");
  if (fs::exists(shared)) return read(shared);
  return read(fixture_dir() / "requests.json");
}

void ingest(benchmark::State& state, const char* name) {
  auto doc = large_document(name);
  std::size_t files = 0;
  for (auto _ : state) {
    auto rec = index::parse_pypi_project_json(doc);
    if (!rec) state.SkipWithError(rec.error().describe().c_str());
    files = 0;
    for (const auto& r : rec->project.releases) files += r.files.size();
    benchmark::DoNotOptimize(rec);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
  state.counters["doc_bytes"] = static_cast<double>(doc.size());
  state.counters["files"] = static_cast<double>(files);
}

void BM_IngestProjectJson_PydanticCore(benchmark::State& s) { ingest(s, "pydantic-core"); }
void BM_IngestProjectJson_Lxml(benchmark::State& s) { ingest(s, "lxml"); }
void BM_IngestProjectJson_Numpy(benchmark::State& s) { ingest(s, "numpy"); }
BENCHMARK(BM_IngestProjectJson_PydanticCore);
BENCHMARK(BM_IngestProjectJson_Lxml);
BENCHMARK(BM_IngestProjectJson_Numpy);

// Blob decode alone (what a warm run does instead of JSON parsing).
void BM_DecodeCachedBlob_PydanticCore(benchmark::State& state) {
  auto rec = index::parse_pypi_project_json(large_document("pydantic-core"));
  auto blob = cache::encode(*rec);
  for (auto _ : state) {
    auto back = cache::decode_project(blob);
    benchmark::DoNotOptimize(back);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * blob.size()));
  state.counters["blob_bytes"] = static_cast<double>(blob.size());
}
BENCHMARK(BM_DecodeCachedBlob_PydanticCore);

// A warm run end to end: a new client over a warm cache answers project() for the 16 fixture projects without
// any request (the index URL is unreachable on purpose). Reported per project.
void BM_WarmClientLookupPerProject(benchmark::State& state) {
  auto dir = fs::temp_directory_path() / ("pinreqs-bench-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string base = "http://127.0.0.1:9/pypi";
  std::vector<PackageName> names;
  {
    auto c = cache::MetadataCache::open(dir);
    std::vector<cache::Entry> entries;
    for (const auto& ent : fs::directory_iterator(fixture_dir())) {
      if (ent.path().extension() != ".json") continue;
      auto rec = index::parse_pypi_project_json(read(ent.path()));
      cache::Entry e;
      e.key = base + "/" + rec->project.name.str() + "/json";
      e.fetched_at = 4'000'000'000;  // fresh for a long time
      e.max_age = 1;
      e.blob = cache::encode(*rec);
      names.push_back(rec->project.name);
      entries.push_back(std::move(e));
    }
    (void)(*c)->put_many(entries);
  }
  index::IndexOptions o;
  o.index_urls = {base};
  o.cache_dir = dir;
  for (auto _ : state) {
    auto client = index::IndexClient::create(o);
    for (const auto& n : names) {
      auto p = (*client)->project(n);
      if (!p) state.SkipWithError(p.error().describe().c_str());
      benchmark::DoNotOptimize(p);
    }
    if ((*client)->stats().requests != 0) state.SkipWithError("warm run made a request");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * names.size()));
  state.counters["us_per_project"] = benchmark::Counter(static_cast<double>(state.iterations() * names.size()),
                                                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert,
                                                         benchmark::Counter::OneK::kIs1000);
  fs::remove_all(dir);
}
BENCHMARK(BM_WarmClientLookupPerProject)->Unit(benchmark::kMicrosecond);

// The per-document part of a warm run: one SQLite lookup plus blob decode (no client set-up).
void BM_CacheGetAndDecode(benchmark::State& state) {
  auto dir = fs::temp_directory_path() / ("pinreqs-bench-get-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto c = cache::MetadataCache::open(dir);
  std::vector<std::string> keys;
  std::vector<cache::Entry> entries;
  for (const auto& ent : fs::directory_iterator(fixture_dir())) {
    if (ent.path().extension() != ".json") continue;
    auto rec = index::parse_pypi_project_json(read(ent.path()));
    cache::Entry e;
    e.key = "https://pypi.example/pypi/" + rec->project.name.str() + "/json";
    e.blob = cache::encode(*rec);
    keys.push_back(e.key);
    entries.push_back(std::move(e));
  }
  (void)(*c)->put_many(entries);
  std::size_t i = 0;
  for (auto _ : state) {
    auto got = (*c)->get(keys[i++ % keys.size()]);
    auto rec = cache::decode_project((**got).blob);
    benchmark::DoNotOptimize(rec);
  }
  c->reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_CacheGetAndDecode)->Unit(benchmark::kMicrosecond);

}  // namespace
