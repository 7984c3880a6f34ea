// The Python layer on small in-memory indexes: candidate choice for a target (wheels, sdists, requires-python,
// yanked, pre-releases, upload cutoff), strategies, constraints, preferences, extras, URLs, markers, and the
// facts and hints explanations cite.
#include <gtest/gtest.h>

#include "pinreqs/resolver/python/memory_source.hpp"
#include "pinreqs/resolver/python/resolve.hpp"

using namespace pinreqs;
using namespace pinreqs::resolver::python;

namespace {

struct Index {
  MemorySource src;
  void add(const std::string& name, const std::string& version, std::vector<std::string> files,
           std::vector<std::string> deps = {}, std::string requires_python = "", bool yanked = false,
           std::optional<std::int64_t> uploaded = std::nullopt) {
    Release rel;
    rel.version = *pep440::Version::parse(version);
    rel.version_text = version;
    for (auto& f : files) {
      DistFile df;
      df.filename = f;
      df.url = "https://files.example/" + f;
      df.requires_python = requires_python;
      df.yanked = yanked;
      df.upload_time = uploaded;
      rel.files.push_back(std::move(df));
    }
    CoreMetadata meta;
    meta.name = PackageName::from_trusted(name);
    meta.version = rel.version;
    meta.requires_dist = std::move(deps);
    meta.requires_python = requires_python;
    src.add_release(PackageName::from_trusted(name), std::move(rel), std::move(meta));
  }
  // An any-wheel plus an sdist.
  void simple(const std::string& name, const std::string& version, std::vector<std::string> deps = {}) {
    add(name, version, {name + "-" + version + "-py3-none-any.whl", name + "-" + version + ".tar.gz"}, std::move(deps));
  }
};

ResolverOptions opts(const char* python = "3.12", const char* platform = "x86_64-manylinux_2_28") {
  ResolverOptions o;
  o.target.python = *pep440::Version::parse(python);
  o.target.platform = *wheel::parse_platform(platform);
  return o;
}

std::vector<pep508::Requirement> reqs(std::initializer_list<const char*> texts) {
  std::vector<pep508::Requirement> out;
  for (const char* t : texts) out.push_back(*pep508::Requirement::parse(t));
  return out;
}

Resolution solved(Index& idx, std::initializer_list<const char*> r, const ResolverOptions& o) {
  auto out = resolve(reqs(r), idx.src, o);
  EXPECT_TRUE(out.has_value());
  if (!out) return {};
  if (auto* ns = std::get_if<NoSolution>(&*out)) {
    ADD_FAILURE() << "no solution:\n" << ns->explanation;
    return {};
  }
  return std::get<Resolution>(*out);
}

std::string failed(Index& idx, std::initializer_list<const char*> r, const ResolverOptions& o) {
  auto out = resolve(reqs(r), idx.src, o);
  EXPECT_TRUE(out.has_value());
  if (!out) return {};
  if (!std::holds_alternative<NoSolution>(*out)) {
    ADD_FAILURE() << "expected no solution";
    return {};
  }
  return std::get<NoSolution>(*out).explanation;
}

std::string version_of(const Resolution& r, const char* name) {
  auto it = r.packages.find(PackageName::from_trusted(name));
  return it == r.packages.end() ? "<absent>" : it->second.version.to_string();
}

}  // namespace

TEST(PythonResolve, NoWheelForTargetIsAFactWithAHint) {
  Index idx;
  idx.add("torch", "2.2.2", {"torch-2.2.2-cp312-cp312-manylinux_2_17_x86_64.whl"});
  idx.add("torch", "2.5.1",
          {"torch-2.5.1-cp312-cp312-manylinux_2_17_x86_64.whl", "torch-2.5.1-cp313-cp313-manylinux_2_17_x86_64.whl"});
  const std::string text = failed(idx, {"torch==2.2.2"}, opts("3.13"));
  EXPECT_NE(text.find("`torch 2.2.2` has no wheel for CPython 3.13 on manylinux_2_28 x86_64"), std::string::npos) << text;
  EXPECT_NE(text.find("newest version with one: 2.5.1"), std::string::npos) << text;
  // Unpinned, the resolver picks the version that installs.
  EXPECT_EQ(version_of(solved(idx, {"torch"}, opts("3.13")), "torch"), "2.5.1");
}

TEST(PythonResolve, ChoosesTheBestRankedWheelElseTheSdist) {
  Index idx;
  idx.add("a", "1.0", {"a-1.0.tar.gz", "a-1.0-py3-none-any.whl", "a-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                       "a-1.0-cp312-cp312-win_amd64.whl"});
  idx.add("b", "1.0", {"b-1.0.tar.gz"});
  auto r = solved(idx, {"a", "b"}, opts());
  ASSERT_TRUE(r.packages.at(PackageName::from_trusted("a")).file.has_value());
  EXPECT_EQ(r.packages.at(PackageName::from_trusted("a")).file->filename, "a-1.0-cp312-cp312-manylinux_2_17_x86_64.whl");
  ASSERT_TRUE(r.packages.at(PackageName::from_trusted("b")).file.has_value());
  EXPECT_EQ(r.packages.at(PackageName::from_trusted("b")).file->filename, "b-1.0.tar.gz");
  auto o = opts();
  o.only_binary_all = true;
  EXPECT_NE(failed(idx, {"b"}, o).find("only a source distribution"), std::string::npos);
}

TEST(PythonResolve, PreReleasesIfNecessaryOrExplicit) {
  Index idx;
  idx.simple("a", "1.0");
  idx.simple("a", "2.0b1");
  EXPECT_EQ(version_of(solved(idx, {"a"}, opts()), "a"), "1.0");
  const std::string text = failed(idx, {"a>1.0"}, opts());
  EXPECT_NE(text.find("use --pre"), std::string::npos) << text;
  EXPECT_EQ(version_of(solved(idx, {"a>=2.0b1"}, opts()), "a"), "2.0b1");
  auto pre = opts();
  pre.prereleases = PrereleaseMode::Allow;
  EXPECT_EQ(version_of(solved(idx, {"a"}, pre), "a"), "2.0b1");
  Index only_pre;
  only_pre.simple("c", "1.0rc1");
  EXPECT_EQ(version_of(solved(only_pre, {"c"}, opts()), "c"), "1.0rc1");
}

TEST(PythonResolve, YankedOnlyWhenPinned) {
  Index idx;
  idx.simple("a", "1.0");
  idx.add("a", "2.0", {"a-2.0-py3-none-any.whl"}, {}, "", true);
  EXPECT_EQ(version_of(solved(idx, {"a"}, opts()), "a"), "1.0");
  EXPECT_EQ(version_of(solved(idx, {"a==2.0"}, opts()), "a"), "2.0");
  EXPECT_NE(failed(idx, {"a>=2"}, opts()).find("2.0 is yanked"), std::string::npos);
}

TEST(PythonResolve, RequiresPythonLowerBoundAndHint) {
  Index idx;
  idx.add("a", "1.0", {"a-1.0-py3-none-any.whl"}, {}, ">=3.8");
  idx.add("a", "2.0", {"a-2.0-py3-none-any.whl"}, {}, ">=3.10");
  idx.add("a", "3.0", {"a-3.0-py3-none-any.whl"}, {}, ">=3.6,<3.8");  // upper bounds are ignored (uv)
  EXPECT_EQ(version_of(solved(idx, {"a<3"}, opts("3.9")), "a"), "1.0");
  EXPECT_EQ(version_of(solved(idx, {"a"}, opts("3.9")), "a"), "3.0");
  const std::string text = failed(idx, {"a==2.0"}, opts("3.9"));
  EXPECT_NE(text.find("requires-python excludes 3.9"), std::string::npos) << text;
}

TEST(PythonResolve, ExcludeNewerCutoff) {
  Index idx;
  idx.add("a", "1.0", {"a-1.0-py3-none-any.whl"}, {}, "", false, 1000);
  idx.add("a", "2.0", {"a-2.0-py3-none-any.whl"}, {}, "", false, 5000);
  auto o = opts();
  o.exclude_newer = 2000;
  EXPECT_EQ(version_of(solved(idx, {"a"}, o), "a"), "1.0");
  EXPECT_NE(failed(idx, {"a>1"}, o).find("uploaded after the --exclude-newer cutoff"), std::string::npos);
}

TEST(PythonResolve, StrategiesConstraintsPreferences) {
  Index idx;
  idx.simple("a", "1.0", {"b"});
  idx.simple("a", "2.0", {"b"});
  idx.simple("b", "1.0");
  idx.simple("b", "2.0");
  idx.simple("c", "1.0");
  auto lowest = opts();
  lowest.strategy = Strategy::Lowest;
  auto r = solved(idx, {"a"}, lowest);
  EXPECT_EQ(version_of(r, "a"), "1.0");
  EXPECT_EQ(version_of(r, "b"), "1.0");
  auto direct = opts();
  direct.strategy = Strategy::LowestDirect;
  r = solved(idx, {"a"}, direct);
  EXPECT_EQ(version_of(r, "a"), "1.0");
  EXPECT_EQ(version_of(r, "b"), "2.0");
  auto constrained = opts();
  constrained.constraints = reqs({"b<2", "c==1.0"});
  r = solved(idx, {"a"}, constrained);
  EXPECT_EQ(version_of(r, "b"), "1.0");
  EXPECT_EQ(version_of(r, "c"), "<absent>");  // constraints never add packages
  auto preferred = opts();
  preferred.preferences[PackageName::from_trusted("a")] = *pep440::Version::parse("1.0");
  EXPECT_EQ(version_of(solved(idx, {"a"}, preferred), "a"), "1.0");
  preferred.upgrade.insert(PackageName::from_trusted("a"));
  EXPECT_EQ(version_of(solved(idx, {"a"}, preferred), "a"), "2.0");
}

TEST(PythonResolve, ExtrasMarkersEdgesAndUrls) {
  Index idx;
  idx.simple("a", "1.0", {"b>=1", "c; extra == 'x'", "winonly; sys_platform == 'win32'"});
  idx.simple("b", "1.0");
  idx.simple("c", "1.0");
  auto r = solved(idx, {"a[x]", "d @ https://example.com/d-1.0.tar.gz"}, opts());
  EXPECT_EQ(version_of(r, "c"), "1.0");
  EXPECT_EQ(version_of(r, "winonly"), "<absent>");
  EXPECT_EQ(r.packages.at(PackageName::from_trusted("a")).extras, std::set<std::string>{"x"});
  const auto& d = r.packages.at(PackageName::from_trusted("d"));
  EXPECT_EQ(d.url, "https://example.com/d-1.0.tar.gz");
  EXPECT_FALSE(d.version_known);
  bool a_to_b = false, a_to_c = false, root_to_a = false;
  for (const auto& e : r.edges) {
    a_to_b |= e.from.str() == "a" && e.to.str() == "b";
    a_to_c |= e.from.str() == "a" && e.to.str() == "c";
    root_to_a |= e.from.empty() && e.to.str() == "a";
  }
  EXPECT_TRUE(a_to_b && a_to_c && root_to_a);
  // Without the extra, c is not needed.
  EXPECT_EQ(version_of(solved(idx, {"a"}, opts()), "c"), "<absent>");
}

TEST(PythonResolve, MissingMetadataMakesAVersionUnusable) {
  Index idx;
  idx.simple("a", "1.0");
  Release rel;
  rel.version = *pep440::Version::parse("2.0");
  DistFile f;
  f.filename = "a-2.0-py3-none-any.whl";
  rel.files.push_back(f);
  // A release the index lists but whose metadata the source cannot give.
  class Broken : public MemorySource {
   public:
    Result<CoreMetadata> metadata(const PackageName& n, const pep440::Version& v) override {
      if (v.to_string() == "2.0") return fail(ErrorKind::NotFound, "no metadata");
      return MemorySource::metadata(n, v);
    }
  } broken;
  broken.add_release(PackageName::from_trusted("a"), idx.src.projects().at(PackageName::from_trusted("a")).releases[0],
                     *idx.src.metadata(PackageName::from_trusted("a"), *pep440::Version::parse("1.0")));
  CoreMetadata m;
  broken.add_release(PackageName::from_trusted("a"), rel, m);
  auto out = resolve(reqs({"a==2.0"}), broken, opts());
  ASSERT_TRUE(out.has_value());
  ASSERT_TRUE(std::holds_alternative<NoSolution>(*out));
  EXPECT_NE(std::get<NoSolution>(*out).explanation.find("dependencies are unknown"), std::string::npos);
  auto ok = resolve(reqs({"a"}), broken, opts());
  ASSERT_TRUE(ok.has_value() && std::holds_alternative<Resolution>(*ok));
  EXPECT_EQ(version_of(std::get<Resolution>(*ok), "a"), "1.0");
}

TEST(PythonResolve, InfrastructureErrorsAreErrors) {
  class Offline : public PackageSource {
   public:
    Result<const ProjectIndex*> project(const PackageName&) override {
      return fail(ErrorKind::Network, "connection refused");
    }
    Result<CoreMetadata> metadata(const PackageName&, const pep440::Version&) override {
      return fail(ErrorKind::Network, "connection refused");
    }
  } offline;
  auto out = resolve(reqs({"a"}), offline, opts());
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().kind, ErrorKind::Network);
}

TEST(PythonResolve, AnnouncesProjectsBeforeAskingForThem) {
  // Every project is named in a prefetch() hint before project() is called for it (the index client fetches
  // hinted projects concurrently).
  class Recording : public MemorySource {
   public:
    std::set<std::string> hinted;
    std::vector<std::string> unhinted;
    void prefetch(const std::vector<PackageName>& names) override {
      for (const auto& n : names) hinted.insert(n.str());
    }
    Result<const ProjectIndex*> project(const PackageName& name) override {
      if (hinted.count(name.str()) == 0) unhinted.push_back(name.str());
      return MemorySource::project(name);
    }
  } src;
  Index idx;
  idx.simple("a", "1.0", {"b>1.0", "c"});
  idx.simple("b", "2.0", {"c<2"});
  idx.simple("c", "1.0");
  for (const auto& [name, p] : idx.src.projects())
    for (const auto& rel : p.releases) src.add_release(name, rel, *idx.src.metadata(name, rel.version));
  auto out = resolve(reqs({"a"}), src, opts());
  ASSERT_TRUE(out.has_value() && std::holds_alternative<Resolution>(*out));
  EXPECT_TRUE(src.unhinted.empty()) << "first asked without a hint: " << src.unhinted.front();
  EXPECT_EQ(src.hinted, (std::set<std::string>{"a", "b", "c"}));
}
