// `pinreqs check FILE…`: will every package of the file install from a wheel on each target Python, how much
// does it weigh and who pulls the heavy parts in, are there lighter alternatives, and does the app import what
// it requires (and require what it imports)? The lock is what `pin` would write for the deploy target; every
// target is checked against those exact versions.
#include <algorithm>
#include <filesystem>

#include "check_model.hpp"
#include "console.hpp"
#include "json_writer.hpp"
#include "lock.hpp"
#include "pinreqs/cli/commands.hpp"
#include "pinreqs/cli/python_detect.hpp"
#include "pinreqs/index/url.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace pinreqs::cli {
namespace fs = std::filesystem;
using namespace check;

namespace {

constexpr int kNewestCPythonMinor = 14;

// The targets: --python × --platform, or the deploy Python (as `pin` chooses it) and the next newer CPython.
Result<std::vector<TargetReport>> choose_targets(const CheckOptions& o, const fs::path& project_dir) {
  std::vector<std::pair<std::string, std::string>> pythons;  // version, reason
  if (o.pythons.empty()) {
    const DetectedPython d = detect_python(project_dir);
    pythons.push_back({d.version.to_string(), d.reason});
    const auto minor = d.version.release_at(1);
    if (d.version.release_at(0) == 3 && minor < kNewestCPythonMinor)
      pythons.push_back({"3." + std::to_string(minor + 1), "the next newer CPython"});
  } else {
    for (const auto& p : o.pythons) pythons.push_back({p, "from --python"});
  }
  std::vector<std::string> platforms = o.platforms;
  const bool default_platform = platforms.empty();
  if (default_platform) platforms.push_back(kDefaultPlatform);
  std::vector<TargetReport> out;
  for (const auto& [py, why] : pythons)
    for (const auto& pl : platforms) {
      auto c = make_target(py, pl);
      if (!c) return tl::unexpected(c.error());
      c->python_reason = why;
      c->platform_reason = default_platform ? "by default (a typical Linux deploy; see --platform)" : "from --platform";
      TargetReport t;
      t.choice = std::move(*c);
      t.role = out.empty() ? "deploy" : why == "the next newer CPython" ? "next newer CPython" : "also checked";
      out.push_back(std::move(t));
    }
  return out;
}

const Release* find_release(const ProjectIndex& p, const pep440::Version& v) {
  for (const auto& r : p.releases)
    if (r.version == v) return &r;
  return nullptr;
}

}  // namespace

int run_check(const CheckOptions& o) {
  const Console console(o.common);
  Report report;
  report.allow_sdist = o.allow_sdist;
  if (o.heavy_mb < 0) {
    console.error("--heavy-mb must be 0 or more");
    return 1;
  }
  report.heavy_bytes = static_cast<std::uint64_t>(o.heavy_mb * 1e6);
  if (o.max_size) {
    report.budget = analysis::parse_size(*o.max_size);
    if (!report.budget) {
      console.error("invalid --max-size `" + *o.max_size + "`: expected a size like 500MB, 1.5GB or 800MiB");
      return 1;
    }
  }

  // The requirements: every file read like pip -r a -r b.
  std::vector<reqtxt::ParsedRequirements> parsed;
  for (const auto& file : o.files) {
    auto p = reqtxt::parse_requirements_file(file, reqtxt::ParseOptions{});
    if (!p.ok()) {
      std::fputs(p.render_problems({.color = console.color_stderr()}).c_str(), stderr);
      console.error("`" + file + "` has errors; nothing was checked");
      return 1;
    }
    parsed.push_back(std::move(p));
    report.files.push_back(file);
  }
  LockRequest req;
  std::vector<const reqtxt::RequirementEntry*> entries;
  for (std::size_t fi = 0; fi < parsed.size(); ++fi) {
    const auto& p = parsed[fi];
    auto take = [&](const reqtxt::RequirementEntry& e) {
      entries.push_back(&e);
      auto r = to_requirement(e);
      if (!r) {
        console.warn(p.files[e.file].display_name + ":" + std::to_string(e.line_number) +
                     ": names no project; not checked (pinreqs never builds packages)");
        return;
      }
      // Annotations point at the file as the user named it when the line is in it, else at the included file.
      const std::string where = e.file == 0 ? o.files[fi] : p.files[e.file].display_name;
      const std::string& text = p.files[e.file].text;
      const std::string written = e.specifier_span ? std::string(e.specifier_span->in(text)) : "";
      report.lines.emplace(r->name, RequirementLine{where, e.line_number, written, r->specifier});
      req.requirements.push_back(std::move(*r));
    };
    for (const auto& e : p.requirements) take(e);
    for (const auto& e : p.editables) take(e);
    for (const auto& c : p.constraints)
      if (auto r = to_requirement(c)) req.constraints.push_back(std::move(*r));
  }
  req.preferences = exact_pins(entries);

  // --require-pinned: every named top-level requirement must be `==version` (or `===`).
  bool unpinned = false;
  if (o.require_pinned) {
    const auto pins = exact_pins(entries);
    for (std::size_t fi = 0; fi < parsed.size(); ++fi) {
      for (const auto& e : parsed[fi].requirements) {
        if (!e.named || !e.url.empty() || pins.count(e.name)) continue;
        const std::string where = e.file == 0 ? o.files[fi] : parsed[fi].files[e.file].display_name;
        const std::string what = "`" + std::string(e.requirement.in(parsed[fi].files[e.file].text)) +
                                 "` is not pinned; run `pinreqs " + o.files[fi] + "`";
        if (o.common.format == OutputFormat::Github)
          console.out("::error file=" + where + ",line=" + std::to_string(e.line_number) + "::" + what + "\n");
        console.error(where + ":" + std::to_string(e.line_number) + ": " + what);
        unpinned = true;
      }
    }
  }

  const fs::path first(o.files.front());
  const fs::path project_dir = first.has_parent_path() ? first.parent_path() : fs::path(".");
  auto targets = choose_targets(o, project_dir);
  if (!targets) return report_error(console, targets.error());
  report.targets = std::move(*targets);

  // Resolve for the deploy target, exactly as `pin` would.
  CommonOptions common = o.common;  // the deploy target: detected like `pin` does unless --python/--platform
  if (!o.pythons.empty()) common.python = o.pythons.front();
  if (!o.platforms.empty()) common.platform = o.platforms.front();
  LockRun run;
  if (int rc = run_lock(console, common, project_dir, &parsed.front().index, req, run); rc != 0) return rc;
  // Keep the reasons choose_targets() gave (run_lock only saw --python/--platform).
  run.target.python_reason = report.targets.front().choice.python_reason;
  run.target.platform_reason = report.targets.front().choice.platform_reason;
  report.targets.front().choice = run.target;
  report.index_source = run.indexes.source;
  if (auto* ns = std::get_if<resolver::python::NoSolution>(&run.outcome)) {
    // A fully pinned file is checked as given even when the pins do not resolve on the deploy target (e.g. a
    // file pinned for an older Python): each pin is looked up on its own, without dependency edges.
    bool all_pinned = !req.requirements.empty();
    for (const auto& r : req.requirements)
      if (!req.preferences.count(r.name) || !r.url.empty()) all_pinned = false;
    if (!all_pinned) {
      console.error("no versions of the requirements fit together on the deploy target " + run.target.describe() +
                    ", so there is nothing to check:\n\n" + ns->explanation);
      if (o.common.format == OutputFormat::Json) {
        JsonWriter w;
        w.begin_object().field("ok", false).field("deploy_target", run.target.describe());
        w.field("error", "no solution").field("explanation", ns->explanation).field("exit_code", 1).end_object();
        console.out(w.str());
      } else if (o.common.format == OutputFormat::Github) {
        const std::string where = report.lines.empty() ? o.files.front() : report.lines.begin()->second.file;
        std::string msg = "no versions of the requirements fit together on " + run.target.describe();
        console.out("::error file=" + where + ",line=1::" + msg + "%0A" + [&] {
          std::string e;
          for (char ch : ns->explanation) e += ch == '\n' ? std::string("%0A") : ch == '%' ? std::string("%25") : std::string(1, ch);
          return e;
        }() + "\n");
      }
      return 1;
    }
    console.warn("the pins do not resolve together on " + run.target.describe() +
                 "; checking each pin as given (no dependency edges, so no attribution):\n" + ns->explanation);
    resolver::python::Resolution pins;
    for (const auto& r : req.requirements) {
      resolver::python::ResolvedPackage p;
      p.name = r.name;
      p.display_name = r.name_text;
      p.version = req.preferences.at(r.name);
      pins.packages.emplace(r.name, std::move(p));
      pins.edges.push_back({PackageName(), r.name, r.to_string()});
    }
    run.outcome = std::move(pins);
  }
  resolver::python::Resolution res = std::get<resolver::python::Resolution>(run.outcome);
  for (const auto& w : res.warnings) console.detail(w);

  // Packages only another target needs (a dependency behind `python_version >= "3.13"`, a platform marker):
  // resolve for that target preferring the deploy versions, and add what the deploy lock lacks, with the edges
  // that lead to it (their markers keep them off the other targets).
  std::map<PackageName, std::size_t> extra_on;  // package -> the first target that needs it
  {
    std::map<PackageName, pep440::Version> prefer = req.preferences;
    for (const auto& [name, p] : res.packages)
      if (p.url.empty()) prefer.insert_or_assign(name, p.version);
    for (std::size_t ti = 1; ti < report.targets.size(); ++ti) {
      auto ropts = resolver_options(o.common, report.targets[ti].choice, &parsed.front().index);
      if (!ropts) return report_error(console, ropts.error());
      ropts->constraints = req.constraints;
      ropts->preferences = prefer;
      auto other = resolver::python::resolve(req.requirements, *run.source, *ropts);
      if (!other) return report_error(console, other.error());
      auto* r = std::get_if<resolver::python::Resolution>(&*other);
      if (!r) continue;  // the matrix shows why the lock does not install there
      std::set<PackageName> fresh;
      for (auto& [name, p] : r->packages)
        if (!res.packages.count(name)) {
          fresh.insert(name);
          extra_on.emplace(name, ti);
          res.packages.emplace(name, p);
        }
      for (const auto& e : r->edges) {
        if (!fresh.count(e.to) && !fresh.count(e.from)) continue;
        const bool dup = std::any_of(res.edges.begin(), res.edges.end(), [&](const resolver::python::Edge& x) {
          return x.from == e.from && x.to == e.to && x.requirement == e.requirement;
        });
        if (!dup) res.edges.push_back(e);
      }
    }
    report.only_elsewhere = extra_on.size();
  }
  for (const auto& [name, p] : res.packages) report.display[name] = p.display_name.empty() ? name.str() : p.display_name;

  // The wheel matrix and weights, target by target.
  const std::size_t nt = report.targets.size();
  for (const auto& [name, p] : res.packages) {
    PackageRow row;
    row.name = name;
    row.display = report.display[name];
    row.version = p.url.empty() ? p.version.to_string() : index::redact_url(p.url);
    row.is_url = !p.url.empty();
    row.direct = report.lines.count(name) != 0;
    row.cells.resize(nt);
    report.packages.push_back(std::move(row));
  }
  std::map<PackageName, const ProjectIndex*> projects;
  for (const auto& [name, p] : res.packages) {
    if (!p.url.empty()) continue;
    auto proj = run.source->project(name);
    if (!proj) return report_error(console, proj.error());
    projects[name] = *proj;
  }
  for (const auto& w : run.client->take_warnings()) console.warn(w);

  std::map<std::string, std::unique_ptr<index::IndexClient>> other_clients;  // for `X from <index URL>` alternatives
  std::map<std::string, std::optional<analysis::AlternativeOnTarget>> lookups;
  for (std::size_t ti = 0; ti < nt; ++ti) {
    TargetReport& t = report.targets[ti];
    const wheel::Target& target = t.choice.target;
    const auto tags = wheel::TagPriority::for_target(target);
    const auto graph = analysis::DependencyGraph::from_resolution(res, &target);
    const auto needed = graph.needed();
    const auto pulled = graph.pulled_in_by();
    for (const auto& root : graph.roots) t.exclusive[root] = graph.exclusive_to(root);
    for (auto& row : report.packages) {
      Cell& c = row.cells[ti];
      c.needed = needed.count(row.name) != 0;
      if (!c.needed) continue;
      ++t.needed;
      if (auto v = pulled.find(row.name); v != pulled.end()) c.via = v->second;
      auto pit = projects.find(row.name);
      if (pit == projects.end()) {
        // A direct URL is installed as given: a wheel URL is classified by its tags, anything else is built.
        std::string url = res.packages.at(row.name).url;
        url = url.substr(0, url.find_first_of("?#"));
        DistFile f;
        f.filename = url.substr(url.rfind('/') + 1);
        f.url = res.packages.at(row.name).url;
        Release one;
        one.version = res.packages.at(row.name).version;
        if (wheel::classify_filename(f.filename) == wheel::FileKind::Wheel) one.files.push_back(f);
        c.fit = analysis::classify_release(one, target, tags);
        if (one.files.empty()) {
          c.fit.availability = analysis::Availability::SdistOnly;
          c.fit.file = f;
          c.fit.detail = "is a direct URL to a source tree or sdist; pip builds it";
        }
      } else if (const Release* rel = find_release(*pit->second, res.packages.at(row.name).version)) {
        c.fit = analysis::classify_release(*rel, target, tags);
      } else {
        c.fit.availability = analysis::Availability::Nothing;
        c.fit.detail = "is not on the index";
      }
      const auto a = c.fit.availability;
      ++t.counts[a];
      if (c.fit.file && c.fit.file->size) t.download += *c.fit.file->size;
      else if (c.fit.file) ++t.unknown_sizes;
      c.failing = !analysis::from_wheel(a) && !(o.allow_sdist && a == analysis::Availability::SdistOnly);
      if (c.failing) ++t.failures;
      if (!analysis::from_wheel(a) && pit != projects.end())
        c.fix = analysis::find_wheel_fix(*pit->second, res.packages.at(row.name).version, target, tags);
      const bool big = c.fit.file && c.fit.file->size && *c.fit.file->size > report.heavy_bytes;
      c.heavy = (a == analysis::Availability::PlatformWheel && big) ||
                (a == analysis::Availability::SdistOnly && c.fit.native_code);
      if (c.heavy && c.fit.file && c.fit.file->size) t.heavy_total += *c.fit.file->size;

      // Lighter alternatives that exist for this target.
      for (const auto* rule : analysis::AlternativeTable::builtin().matching(row.name)) {
        analysis::SuggestionInput in{row.name, a, c.fit.file ? c.fit.file->size : std::nullopt};
        auto lookup = [&](const analysis::Alternative& alt) -> std::optional<analysis::AlternativeOnTarget> {
          const std::string key = std::to_string(ti) + " " + alt.alternative;
          if (auto it = lookups.find(key); it != lookups.end()) return it->second;
          std::optional<analysis::AlternativeOnTarget> found;
          index::IndexClient* client = run.client.get();
          if (alt.kind == analysis::Alternative::Kind::FromIndex) {
            auto& oc = other_clients[alt.index_url];
            if (!oc) {
              IndexChoice ic;
              ic.urls = {alt.index_url};
              if (auto opened = open_index(o.common, ic)) oc = std::move(*opened);
            }
            client = oc.get();
          }
          if (client) {
            auto proj = client->project(alt.distribution);
            if (proj) {
              found = analysis::AlternativeOnTarget{};
              for (const auto& rel : (*proj)->releases) {
                if (rel.version.is_prerelease()) continue;
                const auto fit = analysis::classify_release(rel, target, tags);
                if (!analysis::from_wheel(fit.availability)) continue;
                found->exists = true;
                found->version = rel.version.to_string();
                found->size = fit.file->size;
              }
            } else if (proj.error().kind == ErrorKind::NotFound) {
              found = analysis::AlternativeOnTarget{};
            }
            if (!found) t.unchecked_alternatives.push_back(row.display + " -> " + alt.alternative + ": " + proj.error().message);
            for (const auto& w : client->take_warnings()) console.detail(w);
          }
          lookups[key] = found;
          return found;
        };
        if (auto s = analysis::evaluate_alternative(*rule, in, target, lookup)) t.suggestions.push_back(std::move(*s));
      }
    }
    if (report.budget && t.download > *report.budget) t.over_budget = true;
  }

  // Imports of the app against the requirements, per target Python.
  if (!o.no_imports) {
    const fs::path app_dir = o.app_dir ? fs::path(*o.app_dir) : project_dir;
    std::error_code ec;
    if (!fs::is_directory(app_dir, ec)) {
      console.error("--app-dir `" + app_dir.string() + "` is not a folder");
      return 1;
    }
    report.app_dir = app_dir.string();
    report.scan = analysis::scan_app(app_dir);
    for (const auto& u : report.scan->unreadable) console.warn("could not read " + (app_dir / u).string());
    for (std::size_t ti = 0; ti < nt; ++ti) {
      TargetReport& t = report.targets[ti];
      analysis::UsageInput in;
      in.python = t.choice.target.python;
      const auto graph = analysis::DependencyGraph::from_resolution(res, &t.choice.target);
      in.installed = graph.needed();
      in.top_level = graph.roots;
      in.pulled_in_by = graph.pulled_in_by();
      t.usage = analysis::analyze_usage(*report.scan, in);
    }
  }

  // The verdict.
  bool fail = unpinned;
  for (const auto& t : report.targets) {
    if (t.failures > 0 || t.over_budget) fail = true;
    if (t.usage)
      for (const auto& f : t.usage->findings)
        if (f.breaks_deploy()) fail = true;
  }
  report.exit_code = fail ? 1 : 0;

  switch (o.common.format) {
    case OutputFormat::Json: console.out(render_json(report)); break;
    case OutputFormat::Github: console.out(render_github(report)); break;
    case OutputFormat::Text: console.out(render_text(report, console.color_stdout())); break;
  }
  return report.exit_code;
}

}  // namespace pinreqs::cli
