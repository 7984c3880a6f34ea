// The Python layer: packages and extras as PubGrub packages, candidate choice for a target, unavailability
// facts, and the wording of explanations.
#include "pinreqs/resolver/python/resolve.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "pinreqs/parsers/target_environment.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"
#include "pinreqs/resolver/pubgrub/report.hpp"
#include "pinreqs/resolver/pubgrub/solver.hpp"
#include "pinreqs/resolver/python/specifier_range.hpp"

namespace pinreqs::resolver::python {
namespace {

using pep440::Version;
using pubgrub::Dependencies;
using pubgrub::Dependency;
using pubgrub::IncompatKind;
using pubgrub::Incompatibility;
using pubgrub::PackageId;
using pubgrub::Range;

constexpr PackageId kRoot = 0;

struct PackageKey {
  PackageName name;
  std::string extra;  // "" = the package itself; otherwise the virtual package name[extra]
  friend auto operator<=>(const PackageKey&, const PackageKey&) = default;
};

struct Candidate {
  Version version;
  std::string version_text;
  bool usable = false;     // has an installable file and admits the target Python (and the cutoff)
  bool yanked = false;     // every remaining file is yanked
  std::string reason;      // why not usable
  std::optional<DistFile> file;
  std::optional<int> rank;
};

struct ProjectInfo {
  bool exists = false;
  std::string display_name;
  std::vector<Candidate> candidates;  // ascending
  std::vector<Version> versions;      // ascending, every listed version
};

struct DepRecord {
  PackageName to;
  std::string requirement;
};

std::string python_text(const wheel::Target& t) { return t.python.to_string(); }

// Like uv, only the lower bound of requires-python counts: upper bounds (`<3.11`, `<=3.8`) are ignored, since
// they are usually guesses about the future that pip never enforced consistently.
bool admits_python(const std::string& requires_python, const Version& python) {
  if (requires_python.empty()) return true;
  auto rp = pep440::SpecifierSet::parse(requires_python);
  if (!rp) return true;  // unreadable metadata does not block a version (pip ignores it too)
  const Range r = to_range(*rp);
  if (r.is_empty()) return false;
  const auto& lower = r.intervals().front().lower;
  if (lower.is_unbounded()) return true;
  if (lower.kind == pubgrub::Bound::Kind::Included) return !(python < lower.version);
  return lower.version < python;
}

// The version a range pins exactly (`==1.0` is [1.0, 1.0.post0.dev0) because of local versions).
const Version* pinned(const Range& r) {
  if (const Version* v = r.as_singleton()) return v;
  if (r.intervals().size() != 1) return nullptr;
  const auto& i = r.intervals().front();
  if (i.lower.kind != pubgrub::Bound::Kind::Included || i.upper.kind != pubgrub::Bound::Kind::Excluded) return nullptr;
  if (i.lower.version.has_local() || i.upper.version != after_locals(i.lower.version)) return nullptr;
  return &i.lower.version;
}

class PythonProvider : public pubgrub::DependencyProvider, public pubgrub::ReportFormatter {
 public:
  PythonProvider(PackageSource& source, const ResolverOptions& options)
      : source_(source), options_(options), env_(wheel::marker_environment(options.target)),
        tags_(wheel::TagPriority::for_target(options.target)) {
    keys_.push_back({PackageName(), ""});
    env_.extra = std::string();
    for (const auto& c : options_.constraints) {
      if (c.marker && !eval(*c.marker, "")) continue;
      constraint_specs_[c.name].push_back(c.specifier);  // turned into a range when the project is loaded
      note_explicit_prereleases(c);
      constraint_text_[c.name] += (constraint_text_[c.name].empty() ? "" : ", ") + c.to_string();
    }
  }

  // ---- root ----
  void set_root(std::vector<Dependency> deps, std::vector<DepRecord> records) {
    root_deps_ = std::move(deps);
    dep_records_[{kRoot, Version()}] = std::move(records);
  }

  PackageId id(const PackageName& name, const std::string& extra) {
    PackageKey k{name, extra};
    auto it = ids_.find(k);
    if (it != ids_.end()) return it->second;
    keys_.push_back(k);
    const auto id = static_cast<PackageId>(keys_.size() - 1);
    ids_.emplace(std::move(k), id);
    return id;
  }
  const PackageKey& key(PackageId p) const { return keys_.at(p); }

  bool eval(const pep508::Marker& m, const std::string& extra) const {
    pep508::Environment env = env_;
    env.extra = extra;
    auto r = m.evaluate(env);
    return r && *r;
  }

  const std::vector<Version>* versions_of(const PackageName& name) {
    ProjectInfo* info = project(name);
    return info != nullptr ? &info->versions : nullptr;
  }

  // ---- projects and candidates ----
  ProjectInfo* project(const PackageName& name) {
    auto it = projects_.find(name);
    if (it != projects_.end()) return &it->second;
    ProjectInfo info;
    auto r = source_.project(name);
    if (!r) {
      if (r.error().kind != ErrorKind::NotFound && !error_) error_ = r.error();
    } else {
      info.exists = true;
      info.display_name = (*r)->display_name.empty() ? name.str() : (*r)->display_name;
      for (const auto& rel : (*r)->releases) {
        info.versions.push_back(rel.version);
        info.candidates.push_back(make_candidate(name, rel));
      }
      std::sort(info.versions.begin(), info.versions.end());
      std::sort(info.candidates.begin(), info.candidates.end(),
                [](const Candidate& a, const Candidate& b) { return a.version < b.version; });
    }
    return &projects_.emplace(name, std::move(info)).first->second;
  }

  Candidate make_candidate(const PackageName& name, const Release& rel) {
    Candidate c;
    c.version = rel.version;
    c.version_text = rel.version_text.empty() ? rel.version.to_string() : rel.version_text;
    const bool no_sdist = options_.only_binary_all || options_.only_binary.count(name) != 0;
    const bool no_wheel = options_.no_binary_all || options_.no_binary.count(name) != 0;
    bool any_file = false, any_recent = false, any_python = false, any_tag = false, sdist_only_blocked = false;
    std::string requires_python_seen;
    std::optional<DistFile> best_wheel, sdist;
    std::optional<int> best_rank;
    bool best_yanked = true, sdist_yanked = true;
    for (const auto& f : rel.files) {
      any_file = true;
      if (options_.exclude_newer && f.upload_time && *f.upload_time > *options_.exclude_newer) continue;
      any_recent = true;
      if (!admits_python(f.requires_python, options_.target.python)) {
        requires_python_seen = f.requires_python;
        continue;
      }
      any_python = true;
      const auto kind = wheel::classify_filename(f.filename);
      if (kind == wheel::FileKind::Wheel) {
        if (no_wheel) continue;
        auto w = wheel::WheelFilename::parse(f.filename);
        if (!w) continue;
        auto rank = tags_.best_rank(*w);
        if (!rank) continue;
        any_tag = true;
        // Prefer non-yanked files, then the best tag rank.
        const bool better = !best_wheel || (best_yanked && !f.yanked) ||
                            (best_yanked == f.yanked && *rank < *best_rank);
        if (better) {
          best_wheel = f;
          best_rank = rank;
          best_yanked = f.yanked;
        }
      } else if (kind == wheel::FileKind::Sdist) {
        if (no_sdist) {
          sdist_only_blocked = true;
          continue;
        }
        any_tag = true;
        if (!sdist || (sdist_yanked && !f.yanked)) {
          sdist = f;
          sdist_yanked = f.yanked;
        }
      }
    }
    if (best_wheel) {
      c.file = best_wheel;
      c.rank = best_rank;
      c.yanked = best_yanked && (!sdist || sdist_yanked);
    } else if (sdist) {
      c.file = sdist;
      c.yanked = sdist_yanked;
    }
    if (c.file) {
      c.usable = true;
      return c;
    }
    if (!any_file) {
      c.reason = "has no distribution files";
    } else if (!any_recent) {
      c.reason = "was uploaded after the --exclude-newer cutoff";
    } else if (!any_python) {
      c.reason = "requires Python " + requires_python_seen + " (the target is Python " +
                 python_text(options_.target) + ")";
    } else if (sdist_only_blocked && !any_tag) {
      c.reason = "has only a source distribution, and only wheels are allowed for `" + name.str() + "`";
    } else {
      (void)any_tag;
      c.reason = "has no wheel for " + wheel::describe(options_.target) +
                 (no_sdist ? "" : " (nor a source distribution)");
      no_wheel_versions_[name].push_back(c.version);
    }
    return c;
  }

  bool prerelease_allowed(const PackageName& name, const Range& range, const std::vector<Candidate>& cands) {
    if (options_.prereleases == PrereleaseMode::Allow) return true;
    if (options_.prereleases == PrereleaseMode::Disallow) return false;
    if (explicit_pre_.count(name) != 0) return true;
    // If necessary: the project publishes nothing but pre-releases (uv's rule; the range does not matter).
    (void)range;
    for (const auto& c : cands)
      if (!c.version.is_prerelease()) return false;
    return true;
  }

  std::optional<Version> choose_version(PackageId p, const Range& range) override {
    const PackageKey& k = key(p);
    ProjectInfo* info = project(k.name);
    if (!info->exists) return std::nullopt;
    const Range* constraint = nullptr;
    if (auto it = constraint_specs_.find(k.name); it != constraint_specs_.end()) {
      auto c = constraints_.find(k.name);
      if (c == constraints_.end()) {
        Range r = Range::full();
        for (const auto& spec : it->second) r = r.intersection(to_range(spec, &info->versions));
        c = constraints_.emplace(k.name, std::move(r)).first;
      }
      constraint = &c->second;
    }
    const bool pre = prerelease_allowed(k.name, range, info->candidates);
    const Version* pin = pinned(range);
    std::vector<const Candidate*> ok;
    for (const auto& c : info->candidates) {
      if (!range.contains(c.version) || !c.usable) continue;
      if (constraint != nullptr && !constraint->contains(c.version)) continue;
      if (c.yanked && (pin == nullptr || *pin != c.version)) continue;
      if (c.version.is_prerelease() && !pre) continue;
      ok.push_back(&c);
    }
    if (ok.empty()) return std::nullopt;
    if (k.extra.empty() && !(options_.upgrade_all || options_.upgrade.count(k.name) != 0)) {
      if (auto it = options_.preferences.find(k.name); it != options_.preferences.end())
        for (const auto* c : ok)
          if (c->version == it->second) return c->version;
    }
    bool lowest = options_.strategy == Strategy::Lowest ||
                  (options_.strategy == Strategy::LowestDirect && direct_.count(k.name) != 0);
    return lowest ? ok.front()->version : ok.back()->version;
  }

  std::int64_t priority(PackageId p, const Range& range) override {
    if (range.as_singleton() != nullptr) return 2;
    if (!key(p).extra.empty()) return 1;
    return 0;
  }

  std::vector<Version> known_versions(PackageId p) override {
    if (!source_.metadata_is_cheap() || p == kRoot) return {};
    ProjectInfo* info = project(key(p).name);
    std::vector<Version> out;
    for (const auto& c : info->candidates)
      if (c.usable) out.push_back(c.version);
    return out;
  }

  Dependencies get_dependencies(PackageId p, const Version& v) override {
    if (p == kRoot) return root_deps_;
    const PackageKey k = key(p);
    auto meta_it = metadata_.find({k.name, v});
    if (meta_it == metadata_.end()) {
      auto r = source_.metadata(k.name, v);
      if (!r) {
        if (r.error().kind != ErrorKind::NotFound && r.error().kind != ErrorKind::Parse) {
          if (!error_) error_ = r.error();
          return pubgrub::Unavailable{"its metadata could not be fetched"};
        }
        meta_it = metadata_.emplace(std::make_pair(k.name, v), std::nullopt).first;
      } else {
        meta_it = metadata_.emplace(std::make_pair(k.name, v), std::move(*r)).first;
      }
    }
    if (!meta_it->second) return pubgrub::Unavailable{"its dependencies are unknown (no metadata)"};
    const CoreMetadata& meta = *meta_it->second;
    if (!admits_python(meta.requires_python, options_.target.python)) {
      return pubgrub::Unavailable{"it requires Python " + meta.requires_python + " (the target is Python " +
                                    python_text(options_.target) + ")"};
    }
    std::vector<Dependency> deps;
    std::vector<DepRecord> records;
    if (!k.extra.empty()) deps.push_back({id(k.name, ""), Range::singleton(v)});
    if (!meta.requires_dist) {
      if (k.extra.empty())
        warnings_.push_back("the metadata of `" + k.name.str() + " " + v.to_string() +
                            "` does not list its dependencies; assuming none");
      dep_records_[{p, v}] = {};
      return deps;
    }
    std::vector<pep508::Requirement> wanted;
    for (const auto& text : *meta.requires_dist) {
      auto req = pep508::Requirement::parse(text);
      if (!req) return pubgrub::Unavailable{"its metadata has an invalid requirement `" + text + "`"};
      if (req->marker) {
        if (k.extra.empty()) {
          if (!eval(*req->marker, "")) continue;
        } else {
          // The virtual package name[extra] carries only what the extra adds.
          if (!req->marker->mentions_extra() || !eval(*req->marker, k.extra)) continue;
        }
      } else if (!k.extra.empty()) {
        continue;
      }
      if (req->name == k.name && k.extra.empty() && req->extras.empty()) continue;
      wanted.push_back(std::move(*req));
    }
    add_requirements(wanted, deps, records, false);
    dep_records_[{p, v}] = std::move(records);
    return deps;
  }

  // Requirements (markers already evaluated) as dependencies. The projects not seen yet are announced to the
  // source first, so an index client can fetch them concurrently. `first_party`: the user's requirements,
  // whose pre-release specifiers opt the package in to pre-releases.
  void add_requirements(const std::vector<pep508::Requirement>& reqs, std::vector<Dependency>& deps,
                        std::vector<DepRecord>& records, bool first_party) {
    std::vector<PackageName> to_prefetch;
    for (const auto& r : reqs)
      if (r.url.empty() && projects_.count(r.name) == 0 &&
          std::find(to_prefetch.begin(), to_prefetch.end(), r.name) == to_prefetch.end())
        to_prefetch.push_back(r.name);
    if (!to_prefetch.empty()) source_.prefetch(to_prefetch);
    // The newest admitted release is the likely pick under the default strategy: let its metadata arrive while
    // other packages are decided.
    if (options_.strategy == Strategy::Highest) {
      for (const auto& r : reqs) {
        if (!r.url.empty()) continue;
        const auto pref = options_.preferences.find(r.name);
        const bool keep_pin = pref != options_.preferences.end() && !options_.upgrade_all &&
                              options_.upgrade.count(r.name) == 0 && r.specifier.contains(pref->second, true);
        if (keep_pin)
          source_.prefetch_metadata(
              r.name, pep440::SpecifierSet({pep440::Specifier::make(pep440::Operator::Equal, pref->second)}));
        else
          source_.prefetch_metadata(r.name, r.specifier);
      }
    }
    for (const auto& r : reqs) add_requirement(r, deps, records, first_party);
  }

  void add_requirement(const pep508::Requirement& req, std::vector<Dependency>& deps, std::vector<DepRecord>& records,
                       bool first_party) {
    records.push_back({req.name, req.to_string()});
    if (!req.url.empty()) {
      urls_.emplace(req.name, req.url);
      return;  // accepted as given
    }
    if (urls_.count(req.name) != 0) return;
    if (first_party) note_explicit_prereleases(req);
    // Only `>V` needs the project's version list (to step past V's post-releases and local versions).
    bool needs_versions = false;
    for (const auto& sp : req.specifier.specifiers()) needs_versions |= sp.op() == pep440::Operator::Greater;
    const Range r = to_range(req.specifier, needs_versions ? versions_of(req.name) : nullptr);
    deps.push_back({id(req.name, ""), r});
    for (const auto& e : req.extras) {
      deps.push_back({id(req.name, e), r});
      extras_requested_[req.name].insert(e);
    }
  }

  void note_explicit_prereleases(const pep508::Requirement& req) {
    for (const auto& sp : req.specifier.specifiers())
      if (sp.implies_prereleases()) explicit_pre_.insert(req.name);
  }

  // ---- report wording ----
  std::string package_name(PackageId p) const override {
    if (p == kRoot) return "your requirements";
    const PackageKey& k = key(p);
    std::string n = k.name.str();
    if (auto it = projects_.find(k.name); it != projects_.end() && !it->second.display_name.empty())
      n = it->second.display_name;
    return k.extra.empty() ? n : n + "[" + k.extra + "]";
  }
  bool is_root(PackageId p) const override { return p == kRoot; }

  std::string term_text(PackageId p, const Range& range) const override {
    if (p == kRoot) return "your requirements";
    if (range.is_full()) return "`" + package_name(p) + "`";
    if (range.is_empty()) return "`" + package_name(p) + "` with conflicting specifiers (no version can match)";
    return "`" + package_name(p) + range_text_pretty(range) + "`";
  }

  static std::string range_text_pretty(const Range& r) {
    std::string t = range_text(r);
    if (t.rfind("==", 0) == 0 || t[0] == '<' || t[0] == '>' || t.rfind("!=", 0) == 0) return t;
    return " " + t;
  }

  // The versions inside `range` that exist but were rejected, newest first, with why.
  std::vector<std::pair<std::string, std::string>> rejections(const PackageKey& k, const Range& range) const {
    std::vector<std::pair<std::string, std::string>> out;
    auto it = projects_.find(k.name);
    if (it == projects_.end()) return out;
    const Range* constraint = nullptr;
    if (auto c = constraints_.find(k.name); c != constraints_.end()) constraint = &c->second;
    for (auto c = it->second.candidates.rbegin(); c != it->second.candidates.rend(); ++c) {
      if (!range.contains(c->version)) continue;
      std::string why;
      if (!c->usable) {
        why = c->reason;
      } else if (c->yanked) {
        why = "is yanked (only an exact `==` pin selects it)";
      } else if (constraint != nullptr && !constraint->contains(c->version)) {
        why = "is excluded by the constraint `" + constraint_text_.at(k.name) + "`";
      } else if (c->version.is_prerelease()) {
        why = "is a pre-release";
      } else {
        continue;
      }
      out.emplace_back(c->version_text, std::move(why));
    }
    return out;
  }

  std::string rejected_text(const std::vector<std::pair<std::string, std::string>>& rejected) const {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(rejected.size(), 4);
    for (std::size_t i = 0; i < shown; ++i) out += (i == 0 ? "" : "; ") + rejected[i].first + " " + rejected[i].second;
    if (rejected.size() > shown) out += "; and " + std::to_string(rejected.size() - shown) + " more";
    return out;
  }

  std::string external_text(const Incompatibility& inc) const override {
    if (inc.kind == IncompatKind::FromDependency && inc.terms.at(0).package == kRoot) {
      const auto& t = inc.terms.at(1);
      return "you require " + term_text(t.package, t.term.range);
    }
    if (inc.kind == IncompatKind::NoVersions) {
      const auto& t = inc.terms.at(0);
      const PackageKey& k = key(t.package);
      auto it = projects_.find(k.name);
      if (it == projects_.end() || !it->second.exists)
        return "`" + k.name.str() + "` was not found in the package index";
      const auto rejected = rejections(k, t.term.range);
      // One pinned version with one reason reads best as a plain fact: "`torch 2.2.2` has no wheel for ...".
      if (rejected.size() == 1 && pinned(t.term.range) != nullptr)
        return "`" + package_name(t.package) + " " + rejected[0].first + "` " + rejected[0].second;
      const std::string why = rejected_text(rejected);
      if (t.term.range.is_full()) {
        if (why.empty()) return "`" + package_name(t.package) + "` has no versions";
        return "no version of `" + package_name(t.package) + "` can be used (" + why + ")";
      }
      if (why.empty()) return "there is no version of " + term_text(t.package, t.term.range);
      return "no version of " + term_text(t.package, t.term.range) + " can be used (" + why + ")";
    }
    if (inc.kind == IncompatKind::Custom) {
      const auto& t = inc.terms.at(0);
      if (t.package == kRoot) return inc.reason;
      const Version* v = t.term.range.as_singleton();
      const std::string who = "`" + package_name(t.package) + (v ? "==" + v->to_string() : range_text(t.term.range)) + "`";
      return who + " cannot be used because " + inc.reason;
    }
    return ReportFormatter::external_text(inc);
  }

  std::string depends_on_both_text(const Incompatibility& a, const Incompatibility& b) const override {
    if (a.terms.at(0).package != kRoot) return ReportFormatter::depends_on_both_text(a, b);
    return "you require both " + term_text(a.terms.at(1).package, a.terms.at(1).term.range) + " and " +
           term_text(b.terms.at(1).package, b.terms.at(1).term.range);
  }

  std::string conclusion_text(const Incompatibility& inc) const override {
    if (inc.kind == IncompatKind::Derived && inc.terms.size() == 1 && !inc.terms[0].term.positive &&
        inc.terms[0].package != kRoot)
      return term_text(inc.terms[0].package, inc.terms[0].term.range) + " is required";
    if (inc.kind == IncompatKind::Derived) {
      // "your requirements requires X" reads better as "you require X".
      if (inc.terms.size() == 2) {
        const auto* r = inc.find(kRoot);
        if (r != nullptr && r->term.positive) {
          const auto& other = inc.terms[0].package == kRoot ? inc.terms[1] : inc.terms[0];
          if (!other.term.positive) return "you require " + term_text(other.package, other.term.range);
          return term_text(other.package, other.term.range) + " cannot be used";
        }
      }
    }
    return ReportFormatter::conclusion_text(inc);
  }

  std::vector<std::string> hints(const pubgrub::Incompatibilities& arena, pubgrub::IncompatId root) const override {
    std::vector<std::string> out;
    std::set<std::string> seen;
    std::vector<pubgrub::IncompatId> stack{root};
    std::set<pubgrub::IncompatId> visited;
    while (!stack.empty()) {
      const auto id = stack.back();
      stack.pop_back();
      if (!visited.insert(id).second) continue;
      const auto& inc = arena[id];
      if (inc.kind == IncompatKind::Derived) {
        stack.push_back(inc.cause1);
        stack.push_back(inc.cause2);
        continue;
      }
      if (inc.kind != IncompatKind::NoVersions) continue;
      const auto& t = inc.terms.at(0);
      const PackageKey& k = key(t.package);
      auto it = projects_.find(k.name);
      if (it == projects_.end() || !it->second.exists) continue;
      const auto& cands = it->second.candidates;
      std::string hint;
      // A pre-release would satisfy the range.
      for (auto c = cands.rbegin(); c != cands.rend(); ++c) {
        if (c->usable && !c->yanked && c->version.is_prerelease() && t.term.range.contains(c->version) &&
            options_.prereleases != PrereleaseMode::Allow) {
          hint = "hint: the pre-release `" + k.name.str() + "==" + c->version_text + "` satisfies " +
                 term_text(t.package, t.term.range) + "; use --pre (or name a pre-release in the requirement)";
          break;
        }
      }
      if (hint.empty()) {
        // Versions in range with no wheel for the target: point at the newest version that has one.
        bool no_wheel = false;
        for (const auto& c : cands)
          if (!c.usable && t.term.range.contains(c.version) && c.reason.rfind("has no wheel", 0) == 0) no_wheel = true;
        if (no_wheel) {
          const Candidate* newest = nullptr;
          for (const auto& c : cands)
            if (c.usable && !c.yanked) newest = &c;
          hint = "hint: `" + k.name.str() + "` has no wheel for " + wheel::describe(options_.target) +
                 (t.term.range.is_full() ? std::string() : " in " + term_text(t.package, t.term.range)) +
                 (newest != nullptr ? "; newest version with one: " + newest->version_text : "; no version has one");
        }
      }
      if (hint.empty()) {
        for (const auto& c : cands)
          if (!c.usable && t.term.range.contains(c.version) && c.reason.rfind("requires Python", 0) == 0) {
            hint = "hint: `" + k.name.str() + "==" + c.version_text + "` " + c.reason +
                   "; its requires-python excludes " + python_text(options_.target);
            break;
          }
      }
      if (!hint.empty() && seen.insert(hint).second) out.push_back(hint);
    }
    return out;
  }

  // ---- results ----
  std::optional<Error> error_;
  std::vector<std::string> warnings_;
  std::map<std::pair<PackageId, Version>, std::vector<DepRecord>> dep_records_;
  std::map<PackageName, std::set<std::string>> extras_requested_;
  std::map<PackageName, std::string> urls_;
  std::set<PackageName> direct_;
  std::map<PackageName, ProjectInfo> projects_;

 private:
  PackageSource& source_;
  const ResolverOptions& options_;
  pep508::Environment env_;
  wheel::TagPriority tags_;
  std::vector<PackageKey> keys_;
  std::map<PackageKey, PackageId> ids_;
  std::vector<Dependency> root_deps_;
  std::map<PackageName, std::vector<pep440::SpecifierSet>> constraint_specs_;
  std::map<PackageName, Range> constraints_;  // computed from constraint_specs_ on first use
  std::map<PackageName, std::string> constraint_text_;
  std::set<PackageName> explicit_pre_;
  std::map<PackageName, std::vector<Version>> no_wheel_versions_;
  std::map<std::pair<PackageName, Version>, std::optional<CoreMetadata>> metadata_;
};

void collect_names(const pubgrub::Incompatibilities& arena, pubgrub::IncompatId root, const PythonProvider& p,
                   std::set<std::string>& out) {
  std::vector<pubgrub::IncompatId> stack{root};
  std::set<pubgrub::IncompatId> seen;
  while (!stack.empty()) {
    auto id = stack.back();
    stack.pop_back();
    if (!seen.insert(id).second) continue;
    const auto& inc = arena[id];
    for (const auto& t : inc.terms)
      if (t.package != kRoot) out.insert(p.key(t.package).name.str());
    if (inc.kind == IncompatKind::Derived) {
      stack.push_back(inc.cause1);
      stack.push_back(inc.cause2);
    }
  }
}

}  // namespace

Result<Outcome> resolve(const std::vector<pep508::Requirement>& requirements, PackageSource& source,
                        const ResolverOptions& options) {
  PythonProvider provider(source, options);
  std::vector<Dependency> deps;
  std::vector<DepRecord> records;
  std::vector<pep508::Requirement> wanted;
  for (const auto& r : requirements) {
    if (r.marker && !provider.eval(*r.marker, "")) continue;
    provider.direct_.insert(r.name);
    wanted.push_back(r);
  }
  provider.add_requirements(wanted, deps, records, true);
  provider.set_root(std::move(deps), std::move(records));

  pubgrub::SolverStats stats;
  auto result = pubgrub::solve(provider, kRoot, Version(), options.max_steps, &stats);
  if (provider.error_) return tl::unexpected(*provider.error_);

  if (auto* conflict = std::get_if<pubgrub::Conflict>(&result)) {
    NoSolution ns;
    ns.explanation = pubgrub::report(*conflict, provider);
    std::set<std::string> names;
    collect_names(conflict->incompatibilities, conflict->root, provider, names);
    ns.packages.assign(names.begin(), names.end());
    return Outcome(std::move(ns));
  }
  const auto& solution = std::get<pubgrub::Solution>(result);
  Resolution res;
  res.warnings = provider.warnings_;
  for (const auto& [pid, version] : solution.versions) {
    if (pid == kRoot) continue;
    const PackageKey& k = provider.key(pid);
    if (!k.extra.empty()) continue;
    ResolvedPackage rp;
    rp.name = k.name;
    rp.version = version;
    const ProjectInfo& info = provider.projects_.at(k.name);
    rp.display_name = info.display_name;
    for (const auto& c : info.candidates)
      if (c.version == version) {
        rp.file = c.file;
        if (c.file && wheel::classify_filename(c.file->filename) == wheel::FileKind::Wheel) rp.wheel_rank = c.rank;
      }
    if (auto it = provider.extras_requested_.find(k.name); it != provider.extras_requested_.end()) {
      for (const auto& e : it->second) {
        auto eid = provider.id(k.name, e);
        if (solution.versions.count(eid) != 0) rp.extras.insert(e);
      }
    }
    res.packages.emplace(k.name, std::move(rp));
  }
  for (const auto& [name, url] : provider.urls_) {
    ResolvedPackage rp;
    rp.name = name;
    rp.display_name = name.str();
    rp.url = url;
    rp.version_known = false;
    res.packages.emplace(name, std::move(rp));
  }
  for (const auto& [pid, version] : solution.versions) {
    auto it = provider.dep_records_.find({pid, pid == kRoot ? Version() : version});
    if (it == provider.dep_records_.end()) continue;
    const PackageName from = pid == kRoot ? PackageName() : provider.key(pid).name;
    for (const auto& d : it->second) {
      if (res.packages.count(d.to) == 0) continue;  // e.g. a dependency whose marker excluded it
      res.edges.push_back({from, d.to, d.requirement});
    }
  }
  return Outcome(std::move(res));
}

}  // namespace pinreqs::resolver::python
