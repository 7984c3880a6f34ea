// Resolver micro-benchmarks: Range algebra on multi-interval sets, and whole resolutions against the frozen
// PyPI indexes bundled for the resolvelib suite (in memory, so this measures the solver, not I/O).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/parsers/requirement.hpp"
#include "pinreqs/resolver/pubgrub/range.hpp"
#include "pinreqs/resolver/python/memory_source.hpp"
#include "pinreqs/resolver/python/resolve.hpp"

namespace {

using pinreqs::pep440::Version;
using pinreqs::resolver::pubgrub::Range;
namespace py = pinreqs::resolver::python;

Range holes(int n, int offset) {
  Range r = Range::full();
  for (int i = 0; i < n; ++i)
    r = r.difference(Range::singleton(Version::from_release({1, static_cast<std::uint64_t>(i * 2 + offset)})));
  return r;
}

void BM_RangeIntersectUnion(benchmark::State& state) {
  const Range a = holes(static_cast<int>(state.range(0)), 0);
  const Range b = holes(static_cast<int>(state.range(0)), 1);
  for (auto _ : state) {
    Range i = a.intersection(b);
    Range u = a.union_with(b);
    benchmark::DoNotOptimize(i);
    benchmark::DoNotOptimize(u);
  }
}
BENCHMARK(BM_RangeIntersectUnion)->Arg(4)->Arg(64);

std::unique_ptr<py::MemorySource> load(const char* stem) {
  const auto path = std::filesystem::path(PINREQS_BENCH_SOURCE_DIR) / "fixtures" / "resolvelib" / "index" /
                    (std::string(stem) + ".json");
  const auto doc = pinreqs::conformance::Json::load_file(path);
  auto src = std::make_unique<py::MemorySource>();
  for (const auto& [name, versions] : doc.members()) {
    if (!versions.is_object()) continue;
    const auto pkg = pinreqs::PackageName::from_trusted(name);
    for (const auto& [vtext, info] : versions.members()) {
      auto v = Version::parse(vtext);
      if (!v || !info.is_object()) continue;
      pinreqs::Release rel;
      rel.version = *v;
      pinreqs::DistFile f;
      f.filename = pkg.str() + "-" + vtext + "-py3-none-any.whl";
      for (std::size_t i = 0; i < pkg.str().size(); ++i)
        if (f.filename[i] == '-') f.filename[i] = '_';
      rel.files.push_back(f);
      pinreqs::CoreMetadata meta;
      meta.name = pkg;
      meta.version = *v;
      std::vector<std::string> deps;
      if (info["dependencies"].is_array())
        for (const auto& d : info["dependencies"].as_array()) deps.push_back(d.as_string());
      meta.requires_dist = std::move(deps);
      src->add_release(pkg, std::move(rel), std::move(meta));
    }
  }
  return src;
}

void resolve_bench(benchmark::State& state, const char* index, std::vector<const char*> requested) {
  auto src = load(index);
  std::vector<pinreqs::pep508::Requirement> reqs;
  for (const char* r : requested) reqs.push_back(*pinreqs::pep508::Requirement::parse(r));
  py::ResolverOptions opts;
  opts.target.python = *Version::parse("3.12");
  opts.target.platform = *pinreqs::wheel::parse_platform("x86_64-manylinux_2_28");
  std::size_t packages = 0;
  for (auto _ : state) {
    auto out = py::resolve(reqs, *src, opts);
    if (!out || !std::holds_alternative<py::Resolution>(*out)) {
      state.SkipWithError("resolution failed");
      return;
    }
    packages = std::get<py::Resolution>(*out).packages.size();
  }
  state.counters["packages"] = static_cast<double>(packages);
}

void BM_ResolvePandasWithExtras(benchmark::State& state) {
  resolve_bench(state, "pypi-2020-02-15-pandas", {"pandas", "pandas[test]"});
}
BENCHMARK(BM_ResolvePandasWithExtras)->Unit(benchmark::kMillisecond);

void BM_ResolveVirtualenvConflict(benchmark::State& state) {
  resolve_bench(state, "pypi-2020-02-19-virtualenv-six", {"six<1.12", "virtualenv"});
}
BENCHMARK(BM_ResolveVirtualenvConflict)->Unit(benchmark::kMillisecond);

void BM_ResolveChalice(benchmark::State& state) { resolve_bench(state, "pypi-2020-02-13-chalice", {"chalice"}); }
BENCHMARK(BM_ResolveChalice)->Unit(benchmark::kMillisecond);

}  // namespace
