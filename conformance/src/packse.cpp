// packse scenarios (astral-sh/packse): each describes a tiny index and the expected outcome of resolving a root
// requirement set for a target. The runner builds an in-memory PackageSource from scenarios.json, resolves
// for the scenario's target with uv-like options, and compares. Universal (forking) scenarios are skipped:
// pinreqs resolves for one target. Beyond the expected outcome every result is checked for invariants: a
// solution satisfies every requirement edge and has an installable file per package; an explanation names
// only packages of the scenario.
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

std::string str_or(const Json& j, const std::string& fallback) { return j.is_string() ? j.as_string() : fallback; }

// "dep; marker" + extra x -> "dep ; (marker) and extra == 'x'"
std::string with_extra(const std::string& req, const std::string& extra) {
  const auto semi = req.find(';');
  const std::string cond = "extra == '" + extra + "'";
  if (semi == std::string::npos) return req + " ; " + cond;
  return req.substr(0, semi) + " ; (" + req.substr(semi + 1) + ") and " + cond;
}

void build_source(const Json& scenario, MemorySource& src) {
  for (const auto& [pname, pkg] : scenario["packages"].members()) {
    const PackageName name = PackageName::from_trusted(pname);
    for (const auto& [vtext, ver] : pkg["versions"].members()) {
      auto version = pep440::Version::parse(vtext);
      if (!version) throw std::runtime_error("package `" + pname + "` has an invalid version `" + vtext + "`");
      Release rel;
      rel.version = *version;
      rel.version_text = vtext;
      const std::string rp = str_or(ver["requires_python"], "");
      for (const auto& f : ver["distribution_files"].as_array()) {
        DistFile df;
        df.filename = f.as_string();
        df.url = "memory://" + df.filename;
        df.requires_python = rp;
        df.yanked = ver["yanked"].is_bool() && ver["yanked"].as_bool();
        rel.files.push_back(std::move(df));
      }
      CoreMetadata meta;
      meta.name = name;
      meta.version = *version;
      meta.requires_python = rp;
      std::vector<std::string> reqs;
      for (const auto& r : ver["requires"].as_array()) reqs.push_back(r.as_string());
      for (const auto& [extra, deps] : ver["extras"].members()) {
        meta.provides_extra.push_back(extra);
        for (const auto& d : deps.as_array()) reqs.push_back(with_extra(d.as_string(), extra));
      }
      meta.requires_dist = std::move(reqs);
      src.add_release(name, std::move(rel), std::move(meta));
    }
  }
}

std::set<std::string> names_list(const Json& j) {
  std::set<std::string> out;
  for (const auto& n : j.as_array()) out.insert(n.as_string());
  return out;
}

// A solution satisfies every edge: the root requirements and each chosen version's dependencies.
std::string check_solution(const Resolution& res, const std::vector<pep508::Requirement>& root, MemorySource& src,
                           const wheel::Target& target) {
  pep508::Environment env = wheel::marker_environment(target);
  env.extra = std::string();
  auto check_req = [&](const pep508::Requirement& r, const std::string& who, const std::string& extra) -> std::string {
    pep508::Environment e = env;
    e.extra = extra;
    if (r.marker) {
      auto ok = r.marker->evaluate(e);
      if (!ok || !*ok) return {};
    }
    auto it = res.packages.find(r.name);
    if (it == res.packages.end()) return who + " requires `" + r.to_string() + "` but it is not in the solution";
    if (!it->second.url.empty()) return {};
    if (!r.specifier.contains(it->second.version, true))
      return who + " requires `" + r.to_string() + "` but the solution has " + it->second.version.to_string();
    for (const auto& x : r.extras)
      if (it->second.extras.count(x) == 0) return who + " requires extra `" + x + "` of `" + r.name.str() + "`";
    return {};
  };
  for (const auto& r : root)
    if (auto e = check_req(r, "the root", ""); !e.empty()) return e;
  for (const auto& [name, pkg] : res.packages) {
    if (!pkg.url.empty()) continue;
    if (!pkg.file) return "`" + name.str() + "` has no chosen file";
    auto meta = src.metadata(name, pkg.version);
    if (!meta || !meta->requires_dist) continue;
    std::vector<std::string> extras{""};
    extras.insert(extras.end(), pkg.extras.begin(), pkg.extras.end());
    for (const auto& text : *meta->requires_dist) {
      auto r = pep508::Requirement::parse(text);
      if (!r) continue;
      for (const auto& x : extras) {
        if (!x.empty() && !(r->marker && r->marker->mentions_extra())) continue;
        if (auto e = check_req(*r, "`" + name.str() + "==" + pkg.version.to_string() + "`", x); !e.empty()) return e;
      }
    }
  }
  return {};
}

// An explanation may only name packages of the scenario (and the versions it cites must exist).
std::string check_explanation(const NoSolution& ns, const Json& scenario, const std::set<std::string>& requested) {
  // Real packages: those the index has, and those some requirement names (a missing one is a real fact).
  std::set<std::string> real = requested;
  for (const auto& [pname, pkg] : scenario["packages"].members()) {
    real.insert(PackageName::from_trusted(pname).str());
    for (const auto& [vtext, ver] : pkg["versions"].members()) {
      std::vector<std::string> texts;
      for (const auto& r : ver["requires"].as_array()) texts.push_back(r.as_string());
      for (const auto& [extra, deps] : ver["extras"].members())
        for (const auto& d : deps.as_array()) texts.push_back(d.as_string());
      for (const auto& t : texts)
        if (auto r = pep508::Requirement::parse(t)) real.insert(r->name.str());
    }
  }
  for (const auto& n : ns.packages) {
    if (real.count(n) == 0) return "the explanation names `" + n + "`, which the scenario does not have";
  }
  // Versions the explanation states facts about must exist: the "(1.0.0 is yanked; 2.0.0 requires ...)" lists
  // after "no version of `a...` can be used", and the `name==version` a hint line names.
  auto version_exists = [&](const std::string& pname, const std::string& vtext) {
    const auto cited = pep440::Version::parse(vtext);
    if (!cited) return false;
    for (const auto& [name, pkg] : scenario["packages"].members()) {
      if (PackageName::from_trusted(name).str() != PackageName::from_trusted(pname).str()) continue;
      for (const auto& [v, ver] : pkg["versions"].members()) {
        auto pv = pep440::Version::parse(v);
        if (pv && *pv == *cited) return true;
      }
    }
    return false;
  };
  auto base_name = [](std::string token) {
    const auto cut = token.find_first_of(" =<>!~[");
    return cut == std::string::npos ? token : token.substr(0, cut);
  };
  const std::string& text = ns.explanation;
  const std::string marker = "no version of `";
  for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
    const auto name_start = at + marker.size();
    const auto name_end = text.find('`', name_start);
    if (name_end == std::string::npos) return "unbalanced backticks in the explanation";
    const std::string pname = base_name(text.substr(name_start, name_end - name_start));
    const std::string lead = "` can be used (";
    if (text.compare(name_end, lead.size(), lead) != 0) continue;
    std::size_t pos = name_end + lead.size(), depth = 1, item_start = pos;
    std::vector<std::string> items;
    for (; pos < text.size() && depth > 0; ++pos) {
      if (text[pos] == '(') ++depth;
      if (text[pos] == ')' && --depth == 0) break;
      if (depth == 1 && text.compare(pos, 2, "; ") == 0) {
        items.push_back(text.substr(item_start, pos - item_start));
        item_start = pos + 2;
      }
    }
    items.push_back(text.substr(item_start, pos - item_start));
    for (const auto& item : items) {
      if (item.rfind("and ", 0) == 0) continue;  // "and 5 more"
      const std::string v = item.substr(0, item.find(' '));
      if (!version_exists(pname, v))
        return "the explanation states a fact about `" + pname + " " + v + "`, which the index does not list";
    }
  }
  // "`a 1.0.0` is yanked": a pinned version stated as a fact.
  for (std::size_t i = text.find('`'); i != std::string::npos; i = text.find('`', i + 1)) {
    const auto end = text.find('`', i + 1);
    if (end == std::string::npos) return "unbalanced backticks in the explanation";
    const std::string token = text.substr(i + 1, end - i - 1);
    i = end;
    const auto space = token.find(' ');
    if (space == std::string::npos || token.find(' ', space + 1) != std::string::npos) continue;
    const std::string vtext = token.substr(space + 1);
    if (!pep440::Version::parse(vtext)) continue;
    if (!version_exists(base_name(token), vtext))
      return "the explanation states a fact about `" + token + "`, which the index does not list";
  }
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    auto line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    const std::string line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    if (line.rfind("hint:", 0) != 0) continue;
    for (std::size_t i = line.find('`'); i != std::string::npos; i = line.find('`', i + 1)) {
      const auto end = line.find('`', i + 1);
      if (end == std::string::npos) return "unbalanced backticks in a hint";
      const std::string token = line.substr(i + 1, end - i - 1);
      i = end;
      const auto eq = token.find("==");
      if (eq == std::string::npos || token.find_first_of(" ,<>!") != std::string::npos) continue;
      if (!version_exists(base_name(token), token.substr(eq + 2)))
        return "a hint names `" + token + "`, which the index does not list";
    }
    const std::string newest = "newest version with one: ";
    if (auto n = line.find(newest); n != std::string::npos) {
      const auto tick = line.find('`');
      const auto tick_end = line.find('`', tick + 1);
      if (tick != std::string::npos && tick_end != std::string::npos &&
          !version_exists(base_name(line.substr(tick + 1, tick_end - tick - 1)), line.substr(n + newest.size())))
        return "a hint points at a version the index does not list: " + line;
    }
  }
  if (ns.explanation.empty()) return "empty explanation";
  return {};
}

using Explanations = std::vector<std::pair<std::string, std::string>>;

void run_scenario(const Json& s, ListResult& list, Explanations* explanations) {
  const std::string name = s["name"].as_string();
  const Json& opts = s["resolver_options"];
  if (opts["universal"].is_bool() && opts["universal"].as_bool()) {
    list.skip(name, "universal (forking) resolution; pinreqs resolves for one target");
    return;
  }
  if (!opts["required_environments"].is_null() && opts["required_environments"].size() > 0) {
    list.skip(name, "required-environments apply to universal resolution only");
    return;
  }
  MemorySource src;
  build_source(s, src);

  resolver::python::ResolverOptions ro;
  const std::string py = str_or(opts["python"], str_or(s["environment"]["python"], "3.12"));
  auto pyv = pep440::Version::parse(py);
  if (!pyv) throw std::runtime_error(name + ": invalid python version `" + py + "`");
  ro.target.python = *pyv;
  const std::string plat = str_or(opts["python_platform"], "x86_64-manylinux_2_28");
  auto platform = wheel::parse_platform(plat);
  if (!platform) {
    list.skip(name, "unknown python_platform `" + plat + "`");
    return;
  }
  ro.target.platform = *platform;
  if (opts["prereleases"].is_bool() && opts["prereleases"].as_bool())
    ro.prereleases = resolver::python::PrereleaseMode::Allow;
  for (const auto& n : names_list(opts["no_build"])) {
    if (n == ":all:") ro.only_binary_all = true;
    else ro.only_binary.insert(PackageName::from_trusted(n));
  }
  for (const auto& n : names_list(opts["no_binary"])) {
    if (n == ":all:") ro.no_binary_all = true;
    else ro.no_binary.insert(PackageName::from_trusted(n));
  }

  std::vector<pep508::Requirement> root;
  std::set<std::string> requested;
  for (const auto& r : s["root"]["requires"].as_array()) {
    auto req = pep508::Requirement::parse(r.as_string());
    if (!req) {
      list.fail(name, "root requirement `" + r.as_string() + "` does not parse: " + req.error().message);
      return;
    }
    requested.insert(req->name.str());
    root.push_back(std::move(*req));
  }

  auto outcome = resolver::python::resolve(root, src, ro);
  if (!outcome) {
    list.fail(name, "infrastructure error: " + outcome.error().describe());
    return;
  }
  const bool want_ok = s["expected"]["satisfiable"].as_bool();
  if (auto* ns = std::get_if<NoSolution>(&*outcome)) {
    if (want_ok) {
      list.fail(name, "expected a solution, got no solution:\n" + ns->explanation);
      return;
    }
    if (explanations != nullptr) explanations->emplace_back(name, ns->explanation);
    if (auto e = check_explanation(*ns, s, requested); !e.empty()) {
      list.fail(name, e + "\n" + ns->explanation);
      return;
    }
    list.pass();
    return;
  }
  const auto& res = std::get<Resolution>(*outcome);
  auto show = [&] {
    std::string out;
    for (const auto& [n, p] : res.packages) out += " " + n.str() + "==" + (p.url.empty() ? p.version.to_string() : p.url);
    return out;
  };
  if (!want_ok) {
    list.fail(name, "expected no solution, got:" + show());
    return;
  }
  if (auto e = check_solution(res, root, src, ro.target); !e.empty()) {
    list.fail(name, "invalid solution: " + e + "; got:" + show());
    return;
  }
  const Json& want = s["expected"]["packages"];
  std::set<std::string> want_names;
  for (const auto& [pname, pver] : want.members()) {
    const auto n = PackageName::from_trusted(pname);
    want_names.insert(n.str());
    auto it = res.packages.find(n);
    auto wv = pep440::Version::parse(pver.as_string());
    if (it == res.packages.end() || !wv || it->second.version != *wv) {
      list.fail(name, "expected " + pname + "==" + pver.as_string() + "; got:" + show());
      return;
    }
  }
  // An empty expectation means "any solution" (packse leaves it empty when only satisfiability matters).
  for (const auto& [n, p] : res.packages) {
    if (!want_names.empty() && want_names.count(n.str()) == 0) {
      list.fail(name, "unexpected package `" + n.str() + "`; got:" + show());
      return;
    }
  }
  list.pass();
}


SuiteResult packse_with_explanations(const std::filesystem::path& dir, Explanations* explanations) {
  const auto path = dir / "scenarios.json";
  if (!std::filesystem::exists(path))
    throw std::runtime_error(path.string() + ": missing (a packse folder holds scenarios.json)");
  const Json doc = Json::load_file(path);
  if (!doc["scenarios"].is_array()) throw std::runtime_error(path.string() + ": expected {\"scenarios\": [...]}");
  ListResult list;
  list.name = "packse";
  for (const auto& s : doc["scenarios"].as_array()) {
    const std::string name = s["name"].is_string() ? s["name"].as_string() : "<unnamed>";
    try {
      run_scenario(s, list, explanations);
    } catch (const std::exception& e) {
      list.fail(name, std::string("malformed scenario: ") + e.what());
    }
  }
  return {std::move(list)};
}

}  // namespace

SuiteResult run_packse(const std::filesystem::path& dir) { return packse_with_explanations(dir, nullptr); }

// For the explanation snapshot test (tests/resolver): the same run, also returning (scenario, explanation) for
// every scenario that ended without a solution.
SuiteResult run_packse_explained(const std::filesystem::path& dir,
                                 std::vector<std::pair<std::string, std::string>>& explanations) {
  return packse_with_explanations(dir, &explanations);
}

}  // namespace pinreqs::conformance
