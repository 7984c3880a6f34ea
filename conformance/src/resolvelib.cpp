// resolvelib's functional cases (sarugaku/resolvelib tests/functional/python): frozen PyPI dependency data
// (index/<name>.json) and cases (case/<name>.json) with the requested requirements and the expected pins.
// The runner loads each index into an in-memory PackageSource (every listed version gets one py3-none-any
// wheel: the index only lists versions that had a compatible wheel), resolves for CPython 3.12 on Linux
// x86_64 (markers are evaluated for that environment, as resolvelib evaluates them for the machine running
// the test), and compares the exact set of pins. An empty `resolved` or a `conflicted` entry means the case
// must fail. Every solution is checked to satisfy every requirement edge.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"
#include "pinreqs/parsers/requirement.hpp"
#include "pinreqs/parsers/target.hpp"
#include "pinreqs/parsers/target_environment.hpp"
#include "pinreqs/resolver/python/memory_source.hpp"
#include "pinreqs/resolver/python/resolve.hpp"

namespace pinreqs::conformance {
namespace {

using resolver::python::MemorySource;
using resolver::python::NoSolution;
using resolver::python::Resolution;

// resolvelib's harness evaluates a dependency's marker once per extra the candidate was requested with, so a
// candidate without extras drops every dependency that has a marker. Restated for pinreqs (which evaluates
// base dependencies with extra == "" and gives name[extra] only the markers that mention an extra): a marker
// that does not mention `extra` gets `and extra != ""`.
std::string harness_marker(const std::string& dep) {
  const auto semi = dep.find(';');
  if (semi == std::string::npos) return dep;
  auto m = pep508::Marker::parse(dep.substr(semi + 1));
  if (!m || m->mentions_extra()) return dep;
  return dep.substr(0, semi) + "; (" + dep.substr(semi + 1) + ") and extra != \"\"";
}

std::unique_ptr<MemorySource> load_index(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw std::runtime_error(path.string() + ": index file missing");
  const Json doc = Json::load_file(path);
  auto src = std::make_unique<MemorySource>();
  for (const auto& [pname, versions] : doc.members()) {
    if (!versions.is_object()) continue;  // e.g. a stray top-level flag in backjump-test-3
    const PackageName name = PackageName::from_trusted(pname);
    for (const auto& [vtext, info] : versions.members()) {
      if (!info.is_object()) continue;
      auto version = pep440::Version::parse(vtext);
      if (!version) continue;  // legacy versions are not PEP 440 and cannot be selected
      Release rel;
      rel.version = *version;
      rel.version_text = vtext;
      DistFile f;
      f.filename = name.str() + "-" + vtext + "-py3-none-any.whl";
      for (auto& c : f.filename)
        if (c == '-' && &c < &f.filename[name.str().size()]) c = '_';
      f.url = "memory://" + f.filename;
      rel.files.push_back(std::move(f));
      CoreMetadata meta;
      meta.name = name;
      meta.version = *version;
      std::vector<std::string> deps;
      if (info["dependencies"].is_array())  // an empty object means none in a few records
        for (const auto& d : info["dependencies"].as_array()) deps.push_back(harness_marker(d.as_string()));
      meta.requires_dist = std::move(deps);
      src->add_release(name, std::move(rel), std::move(meta));
    }
  }
  return src;
}

wheel::Target test_target() {
  wheel::Target t;
  t.python = *pep440::Version::parse("3.12.0");
  t.platform = *wheel::parse_platform("x86_64-manylinux_2_17");
  return t;
}

std::string check_edges(const Resolution& res, const std::vector<pep508::Requirement>& root, MemorySource& src,
                        const pep508::Environment& base_env) {
  auto check = [&](const pep508::Requirement& r, const std::string& who, const std::string& extra) -> std::string {
    pep508::Environment e = base_env;
    e.extra = extra;
    if (r.marker) {
      auto ok = r.marker->evaluate(e);
      if (!ok || !*ok) return {};
    }
    auto it = res.packages.find(r.name);
    if (it == res.packages.end()) return who + " requires `" + r.to_string() + "`, which is not pinned";
    if (!r.specifier.contains(it->second.version, true))
      return who + " requires `" + r.to_string() + "` but " + it->second.version.to_string() + " is pinned";
    return {};
  };
  for (const auto& r : root)
    if (auto e = check(r, "the request", ""); !e.empty()) return e;
  for (const auto& [name, pkg] : res.packages) {
    auto meta = src.metadata(name, pkg.version);
    if (!meta || !meta->requires_dist) return "no metadata for pinned `" + name.str() + "`";
    std::vector<std::string> extras{""};
    extras.insert(extras.end(), pkg.extras.begin(), pkg.extras.end());
    for (const auto& text : *meta->requires_dist) {
      auto r = pep508::Requirement::parse(text);
      if (!r) continue;
      for (const auto& x : extras) {
        if (!x.empty() && !(r->marker && r->marker->mentions_extra())) continue;
        if (auto e = check(*r, "`" + name.str() + " " + pkg.version.to_string() + "`", x); !e.empty()) return e;
      }
    }
  }
  return {};
}

}  // namespace

SuiteResult run_resolvelib(const std::filesystem::path& dir) {
  const auto case_dir = dir / "case";
  if (!std::filesystem::is_directory(case_dir) || !std::filesystem::is_directory(dir / "index"))
    throw std::runtime_error(dir.string() + ": expected case/ and index/ folders (resolvelib layout)");
  std::vector<std::filesystem::path> cases;
  for (const auto& e : std::filesystem::directory_iterator(case_dir))
    if (e.path().extension() == ".json") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());

  ListResult list;
  list.name = "resolvelib";
  std::map<std::string, std::unique_ptr<MemorySource>> indexes;
  const wheel::Target target = test_target();
  pep508::Environment env = wheel::marker_environment(target);
  env.extra = std::string();
  resolver::python::ResolverOptions opts;
  opts.target = target;

  for (const auto& path : cases) {
    const std::string id = path.stem().string();
    try {
      const Json c = Json::load_file(path);
      const std::string index = c["index"].as_string();
      auto& src = indexes[index];
      if (!src) src = load_index(dir / "index" / (index + ".json"));

      std::vector<pep508::Requirement> root;
      for (const auto& r : c["requested"].as_array()) {
        auto req = pep508::Requirement::parse(r.as_string());
        if (!req) throw std::runtime_error("requested `" + r.as_string() + "` does not parse: " + req.error().message);
        root.push_back(std::move(*req));
      }
      const bool has_expectation = c.contains("resolved");
      std::map<std::string, pep440::Version> want;
      for (const auto& [name, v] : c["resolved"].members()) {
        std::string vtext = v.is_string() ? v.as_string() : v["version"].as_string();
        if (v.is_object() && v["marker"].is_string()) {
          auto m = pep508::Marker::parse(v["marker"].as_string());
          if (!m) throw std::runtime_error("marker of `" + name + "` does not parse");
          auto ok = m->evaluate(env);
          if (!ok || !*ok) continue;
        }
        auto pv = pep440::Version::parse(vtext);
        if (!pv) throw std::runtime_error("expected version `" + vtext + "` of `" + name + "` is not PEP 440");
        want.emplace(PackageName::from_trusted(name).str(), *pv);
      }
      // `conflicted`: resolution must fail, and the conflict must involve those packages.
      const bool must_fail = (has_expectation && c["resolved"].size() == 0) || c.contains("conflicted");
      std::set<std::string> conflicted;
      for (const auto& [name, specs] : c["conflicted"].members()) conflicted.insert(PackageName::from_trusted(name).str());

      auto outcome = resolver::python::resolve(root, *src, opts);
      if (!outcome) {
        list.fail(id, "infrastructure error: " + outcome.error().describe());
        continue;
      }
      if (auto* ns = std::get_if<NoSolution>(&*outcome)) {
        std::string missing;
        for (const auto& n : conflicted)
          if (std::find(ns->packages.begin(), ns->packages.end(), n) == ns->packages.end()) missing += " " + n;
        if (must_fail && missing.empty()) {
          list.pass();
        } else if (must_fail) {
          list.fail(id, "the explanation does not involve" + missing + ":\n" + ns->explanation);
        } else {
          list.fail(id, "expected a solution, got none:\n" + ns->explanation);
        }
        continue;
      }
      const auto& res = std::get<Resolution>(*outcome);
      std::string got;
      for (const auto& [n, p] : res.packages) got += " " + n.str() + "==" + p.version.to_string();
      if (must_fail) {
        list.fail(id, "expected no solution, got:" + got);
        continue;
      }
      if (auto e = check_edges(res, root, *src, env); !e.empty()) {
        list.fail(id, "invalid solution: " + e);
        continue;
      }
      std::string diff;
      for (const auto& [n, v] : want) {
        auto it = res.packages.find(PackageName::from_trusted(n));
        if (it == res.packages.end()) {
          diff += " missing " + n + "==" + v.to_string() + ";";
        } else if (it->second.version != v) {
          diff += " " + n + ": want " + v.to_string() + ", got " + it->second.version.to_string() + ";";
        }
      }
      if (has_expectation)
        for (const auto& [n, p] : res.packages)
          if (want.count(n.str()) == 0) diff += " unexpected " + n.str() + "==" + p.version.to_string() + ";";
      if (diff.empty()) {
        list.pass();
      } else {
        list.fail(id, diff.substr(1));
      }
    } catch (const std::exception& e) {
      list.fail(id, std::string("malformed case: ") + e.what());
    }
  }
  return {std::move(list)};
}

}  // namespace pinreqs::conformance
