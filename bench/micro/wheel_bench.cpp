// Micro-benchmarks for the wheel layer: filename parsing and the per-file "can the target install this, and how
// preferred is it" lookup the resolver runs for every file of every candidate version.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "pinreqs/parsers/target.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace {

using namespace pinreqs::wheel;

const std::vector<std::string>& filenames() {
  static const std::vector<std::string> names = {
      "numpy-2.1.3-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
      "numpy-2.1.3-cp313-cp313-musllinux_1_2_x86_64.whl",
      "numpy-2.1.3-cp312-cp312-macosx_14_0_arm64.whl",
      "numpy-2.1.3-cp311-cp311-win_amd64.whl",
      "six-1.16.0-py2.py3-none-any.whl",
      "cryptography-43.0.3-cp39-abi3-manylinux_2_28_x86_64.whl",
      "PyYAML-6.0.2-cp313-cp313-manylinux_2_17_aarch64.manylinux2014_aarch64.whl",
      "pydantic_core-2.23.4-pp310-pypy310_pp73-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
  };
  return names;
}

Target target() {
  Target t;
  t.python = pinreqs::pep440::Version::from_release({3, 13});
  t.platform = *parse_platform("x86_64-manylinux_2_28");
  return t;
}

void BM_ParseWheelFilename(benchmark::State& state) {
  const auto& names = filenames();
  std::size_t i = 0;
  for (auto _ : state) {
    auto w = WheelFilename::parse(names[i++ % names.size()]);
    benchmark::DoNotOptimize(w);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseWheelFilename);

void BM_ParseSdistFilename(benchmark::State& state) {
  for (auto _ : state) {
    auto s = SdistFilename::parse("SQLAlchemy-2.0.36.tar.gz");
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseSdistFilename);

void BM_BuildTagPriority(benchmark::State& state) {
  const auto t = target();
  for (auto _ : state) {
    auto p = TagPriority::for_target(t);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_BuildTagPriority);

void BM_BestRank(benchmark::State& state) {
  const auto priority = TagPriority::for_target(target());
  std::vector<WheelFilename> wheels;
  for (const auto& n : filenames()) wheels.push_back(*WheelFilename::parse(n));
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = priority.best_rank(wheels[i++ % wheels.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_BestRank);

}  // namespace
