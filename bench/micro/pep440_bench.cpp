// PEP 440 micro-benchmarks: version parsing, comparison (sorting realistic version lists, as the resolver
// does) and specifier membership.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "pinreqs/parsers/specifier.hpp"
#include "pinreqs/parsers/version.hpp"

namespace {

using pinreqs::pep440::SpecifierSet;
using pinreqs::pep440::Version;

// Spellings as they appear on PyPI: mostly 2-3 component finals, some pre/post/dev/local, a few long ones.
std::vector<std::string> realistic_versions(std::size_t n) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> major(0, 30);
  std::uniform_int_distribution<int> minor(0, 40);
  std::uniform_int_distribution<int> kind(0, 99);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string v = std::to_string(major(rng)) + "." + std::to_string(minor(rng));
    const int k = kind(rng);
    if (k < 60) v += "." + std::to_string(minor(rng));
    if (k >= 60 && k < 70) v += "rc" + std::to_string(minor(rng) % 4);
    if (k >= 70 && k < 75) v += "b" + std::to_string(minor(rng) % 4);
    if (k >= 75 && k < 80) v += ".post" + std::to_string(minor(rng) % 3);
    if (k >= 80 && k < 84) v += ".dev" + std::to_string(minor(rng));
    if (k >= 84 && k < 87) v += "+cpu";
    if (k >= 87 && k < 90) v = "2024." + std::to_string(minor(rng) % 12 + 1) + "." + std::to_string(minor(rng));
    if (k >= 90 && k < 92) v += ".1.2.3";
    out.push_back(v);
  }
  return out;
}

std::vector<Version> parsed(const std::vector<std::string>& texts) {
  std::vector<Version> out;
  out.reserve(texts.size());
  for (const auto& t : texts) out.push_back(*Version::parse(t));
  return out;
}

void BM_VersionParse(benchmark::State& state) {
  const auto texts = realistic_versions(1024);
  std::size_t i = 0;
  for (auto _ : state) {
    auto v = Version::parse(texts[i++ & 1023]);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VersionParse);

void BM_VersionToString(benchmark::State& state) {
  const auto vs = parsed(realistic_versions(1024));
  std::size_t i = 0;
  for (auto _ : state) {
    auto s = vs[i++ & 1023].to_string();
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VersionToString);

void BM_VersionCompare(benchmark::State& state) {
  const auto vs = parsed(realistic_versions(1024));
  std::size_t i = 0;
  for (auto _ : state) {
    const bool lt = vs[i & 1023] < vs[(i * 7 + 3) & 1023];
    benchmark::DoNotOptimize(lt);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VersionCompare);

void BM_VersionSort(benchmark::State& state) {
  const auto vs = parsed(realistic_versions(static_cast<std::size_t>(state.range(0))));
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Version> copy = vs;
    state.ResumeTiming();
    std::sort(copy.begin(), copy.end());
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_VersionSort)->Arg(1000)->Arg(10000);

void BM_VersionCopy(benchmark::State& state) {
  const auto vs = parsed(realistic_versions(1024));
  std::size_t i = 0;
  for (auto _ : state) {
    Version copy = vs[i++ & 1023];
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VersionCopy);

void contains_bench(benchmark::State& state, const char* spec) {
  const auto set = *SpecifierSet::parse(spec);
  const auto vs = parsed(realistic_versions(1024));
  std::size_t i = 0;
  std::size_t hits = 0;
  for (auto _ : state) hits += set.contains(vs[i++ & 1023]) ? 1 : 0;
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
}
void BM_ContainsRange(benchmark::State& state) { contains_bench(state, ">=1.20,<20,!=5.3.1"); }
void BM_ContainsCompatible(benchmark::State& state) { contains_bench(state, "~=5.2"); }
void BM_ContainsWildcard(benchmark::State& state) { contains_bench(state, "==5.*"); }
void BM_ContainsGreaterSameRelease(benchmark::State& state) { contains_bench(state, ">5.2,<25"); }
BENCHMARK(BM_ContainsRange);
BENCHMARK(BM_ContainsCompatible);
BENCHMARK(BM_ContainsWildcard);
BENCHMARK(BM_ContainsGreaterSameRelease);

void BM_SpecifierSetParse(benchmark::State& state) {
  for (auto _ : state) {
    auto s = SpecifierSet::parse(">=1.20, <2.0, !=1.21.3, !=1.22.*");
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SpecifierSetParse);

}  // namespace
