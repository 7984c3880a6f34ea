// PEP 508 micro-benchmarks: parsing real Requires-Dist strings (the resolver parses one per dependency edge of
// every candidate) and evaluating markers against a target environment, including the per-extra check.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/parsers/marker.hpp"
#include "pinreqs/parsers/requirement.hpp"

namespace {

using pinreqs::pep508::Environment;
using pinreqs::pep508::Marker;
using pinreqs::pep508::MarkerContext;
using pinreqs::pep508::Requirement;

// The Requires-Dist strings of real_world.json (real PyPI metadata).
const std::vector<std::string>& real_requirements() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    const auto rw = pinreqs::conformance::Json::load_file(PINREQS_BENCH_SOURCE_DIR "/fixtures/packaging/real_world.json");
    for (const auto& c : rw["requirements"].as_array())
      if (c["valid"].as_bool()) out.push_back(c["input"].as_string());
    return out;
  }();
  return all;
}

Environment linux312() {
  Environment e;
  e.implementation_name = "cpython";
  e.implementation_version = "3.12.3";
  e.os_name = "posix";
  e.platform_machine = "x86_64";
  e.platform_release = "6.1.0-18-amd64";
  e.platform_system = "Linux";
  e.platform_version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1";
  e.python_full_version = "3.12.3";
  e.platform_python_implementation = "CPython";
  e.python_version = "3.12";
  e.sys_platform = "linux";
  return e;
}

void BM_RequirementParse(benchmark::State& state) {
  const auto& reqs = real_requirements();
  std::size_t bytes = 0;
  for (const auto& r : reqs) bytes += r.size();
  for (auto _ : state) {
    for (const auto& r : reqs) {
      auto p = Requirement::parse(r);
      benchmark::DoNotOptimize(p);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * reqs.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_RequirementParse);

void BM_RequirementParseWithMarker(benchmark::State& state) {
  const std::string text =
      "pywin32 (>=300, !=301) ; sys_platform == 'win32' and platform_python_implementation == 'CPython' and "
      "python_version >= '3.8' or extra == 'Windows_Support'";
  for (auto _ : state) {
    auto p = Requirement::parse(text);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_RequirementParseWithMarker);

std::vector<Marker> real_markers() {
  std::vector<Marker> out;
  for (const auto& r : real_requirements()) {
    auto p = Requirement::parse(r);
    if (p && p->marker) out.push_back(*p->marker);
  }
  return out;
}

void BM_MarkerEvaluate(benchmark::State& state) {
  const auto markers = real_markers();
  const Environment env = linux312();
  for (auto _ : state) {
    for (const auto& m : markers) {
      auto v = m.evaluate(env, MarkerContext::Metadata);
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * markers.size()));
}
BENCHMARK(BM_MarkerEvaluate);

void BM_MarkerEvaluateWithExtra(benchmark::State& state) {
  const Marker m = *Marker::parse("python_version >= '3.8' and extra == 'socks' or extra == 'Security'");
  const Environment env = linux312();
  const std::vector<std::string> extras = {"socks", "security", "tests", "docs"};
  for (auto _ : state) {
    for (const auto& e : extras) {
      auto v = m.evaluate_with_extra(env, e);
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * extras.size()));
}
BENCHMARK(BM_MarkerEvaluateWithExtra);

}  // namespace
