// The dependency graph of a resolution: attribution (nearest top-level requirement first), what removing a
// requirement saves, edges whose markers are false on another target, and size parsing/printing.
#include <gtest/gtest.h>

#include "pinreqs/analysis/weight.hpp"

namespace pinreqs::analysis {
namespace {

PackageName pn(const char* n) { return PackageName::from_trusted(n); }

resolver::python::Resolution resolution() {
  // app requires: sentence-transformers, torch, transformers[torch], typing-extensions (python < 3.12)
  // sentence-transformers -> transformers, torch; transformers[torch] -> torch (extra); torch -> nvidia (Linux)
  resolver::python::Resolution r;
  for (const char* n : {"sentence-transformers", "torch", "transformers", "typing-extensions", "nvidia-cudnn-cu12",
                        "filelock"}) {
    resolver::python::ResolvedPackage p;
    p.name = pn(n);
    p.display_name = n;
    r.packages.emplace(p.name, p);
  }
  r.packages.at(pn("transformers")).extras = {"torch"};
  auto edge = [&](const char* from, const char* to, const char* req) {
    r.edges.push_back({from[0] ? pn(from) : PackageName(), pn(to), req});
  };
  edge("", "sentence-transformers", "sentence-transformers>=3");
  edge("", "torch", "torch>=2.2,<2.5");
  edge("", "transformers", "transformers[torch]>=4.44");
  edge("", "typing-extensions", "typing-extensions>=4.8; python_version < \"3.12\"");
  edge("sentence-transformers", "transformers", "transformers<5,>=4.41.0");
  edge("sentence-transformers", "torch", "torch>=1.11.0");
  edge("transformers", "torch", "torch; extra == \"torch\"");
  edge("transformers", "filelock", "filelock");
  edge("torch", "nvidia-cudnn-cu12", "nvidia-cudnn-cu12==9.1.0.70; platform_system == \"Linux\"");
  edge("torch", "filelock", "filelock");
  edge("transformers", "transformers", "transformers[torch]");  // an extra's self-edge
  return r;
}

wheel::Target target(const char* python, const char* platform) {
  wheel::Target t;
  t.python = *pep440::Version::parse(python);
  t.platform = *wheel::parse_platform(platform);
  return t;
}

std::string join(const std::vector<PackageName>& v) {
  std::string s;
  for (const auto& n : v) s += (s.empty() ? "" : ",") + n.str();
  return s;
}

TEST(Weight, AttributionNearestFirst) {
  const auto g = DependencyGraph::from_resolution(resolution());
  EXPECT_EQ(g.roots.size(), 4u);
  const auto by = g.pulled_in_by();
  EXPECT_EQ(join(by.at(pn("torch"))), "torch,sentence-transformers,transformers");
  EXPECT_EQ(join(by.at(pn("nvidia-cudnn-cu12"))), "torch,sentence-transformers,transformers");
  EXPECT_EQ(join(by.at(pn("filelock"))), "torch,transformers,sentence-transformers");
  EXPECT_EQ(join(by.at(pn("transformers"))), "transformers,sentence-transformers");
  EXPECT_EQ(g.needed().size(), 6u);
}

TEST(Weight, WhatRemovingARequirementRemoves) {
  const auto g = DependencyGraph::from_resolution(resolution());
  // transformers is also pulled in by sentence-transformers: removing the line removes nothing.
  EXPECT_TRUE(g.exclusive_to(pn("transformers")).empty());
  EXPECT_EQ(g.exclusive_to(pn("typing-extensions")), std::set<PackageName>{pn("typing-extensions")});
  // Without sentence-transformers and transformers, torch and its closure would go with torch alone.
  DependencyGraph only_torch = g;
  only_torch.roots = {pn("torch"), pn("typing-extensions")};
  EXPECT_EQ(only_torch.exclusive_to(pn("torch")),
            (std::set<PackageName>{pn("torch"), pn("nvidia-cudnn-cu12"), pn("filelock")}));
}

TEST(Weight, MarkersPerTarget) {
  const auto r = resolution();
  const auto t311 = target("3.11", "x86_64-manylinux_2_28");
  const auto t313 = target("3.13", "x86_64-manylinux_2_28");
  const auto mac = target("3.11", "aarch64-apple-darwin");
  EXPECT_TRUE(DependencyGraph::from_resolution(r, &t311).needed().count(pn("typing-extensions")));
  EXPECT_FALSE(DependencyGraph::from_resolution(r, &t313).needed().count(pn("typing-extensions")));
  EXPECT_TRUE(DependencyGraph::from_resolution(r, &t313).needed().count(pn("nvidia-cudnn-cu12")));
  EXPECT_FALSE(DependencyGraph::from_resolution(r, &mac).needed().count(pn("nvidia-cudnn-cu12")));
  // The extra edge holds because transformers was requested with [torch].
  const auto g = DependencyGraph::from_resolution(r, &t311);
  EXPECT_TRUE(g.children.at(pn("transformers")).count(pn("torch")));
  auto no_extra = r;
  no_extra.packages.at(pn("transformers")).extras.clear();
  EXPECT_FALSE(DependencyGraph::from_resolution(no_extra, &t311).children.at(pn("transformers")).count(pn("torch")));
}

TEST(Weight, SizesPrintedAndParsed) {
  struct Out {
    std::uint64_t bytes;
    const char* text;
  };
  for (const auto& c : std::vector<Out>{{0, "0 B"}, {999, "999 B"}, {45'600, "46 kB"}, {2'100'000, "2.1 MB"},
                                        {797'111'232, "797 MB"}, {2'950'000'000ULL, "3.0 GB"}})
    if (format_size(c.bytes) != c.text) ADD_FAILURE() << c.bytes << " -> " << format_size(c.bytes) << ", want " << c.text;
  struct In {
    const char* text;
    std::optional<std::uint64_t> bytes;
  };
  for (const auto& c : std::vector<In>{{"500MB", 500'000'000},
                                       {"500 mb", 500'000'000},
                                       {"1.5GB", 1'500'000'000},
                                       {"2GiB", 2'147'483'648ULL},
                                       {"800k", 800'000},
                                       {"123", 123},
                                       {" 7 MiB ", 7'340'032},
                                       {"MB", std::nullopt},
                                       {"5 parsecs", std::nullopt},
                                       {"", std::nullopt},
                                       {"-5MB", std::nullopt}})
    if (parse_size(c.text) != c.bytes)
      ADD_FAILURE() << "`" << c.text << "` -> " << parse_size(c.text).value_or(0) << ", want " << c.bytes.value_or(0)
                    << (c.bytes ? "" : " (rejected)");
}

}  // namespace
}  // namespace pinreqs::analysis
