#include "pinreqs/resolver/pubgrub/solver.hpp"

#include <algorithm>
#include <deque>
#include <set>
#include <utility>

namespace pinreqs::resolver::pubgrub {
namespace {

struct Assignment {
  PackageId package = 0;
  Term term;
  std::uint32_t level = 0;
  bool decision = false;
  IncompatId cause = 0;  // derivations only
};

struct PackageState {
  std::vector<std::uint32_t> assignments;  // indices into the partial solution, ascending
  bool has = false;
  Term known = Term::any();
  bool decided = false;
  Version version;
  std::uint64_t first_seen = 0;
};

enum class IncRelation { Satisfied, Contradicted, Inconclusive, AlmostSatisfied };

class Solver {
 public:
  Solver(DependencyProvider& provider, PackageId root, Version root_version, std::size_t max_steps)
      : provider_(provider), root_(root), root_version_(std::move(root_version)), max_steps_(max_steps) {}

  SolveResult run(SolverStats* stats) {
    Incompatibility not_root;
    not_root.kind = IncompatKind::NotRoot;
    not_root.terms.push_back({root_, Term::neg(Range::singleton(root_version_))});
    add_incompat(std::move(not_root));
    // The root is decided at level 0 (as in solver.md), so backjumping never undoes it.
    (void)dependency_incompats(root_, root_version_);
    ++stats_.decisions;
    assign(root_, Term::pos(Range::singleton(root_version_)), true, 0, &root_version_);

    PackageId next = root_;
    SolveResult result;
    for (;;) {
      if (!propagate(next)) {
        result = Conflict{std::move(arena_), failure_};
        break;
      }
      if (max_steps_ != 0 && stats_.decisions + stats_.conflicts > max_steps_) {
        Incompatibility give_up;
        give_up.kind = IncompatKind::Custom;
        give_up.terms.push_back({root_, Term::pos(Range::singleton(root_version_))});
        give_up.reason = "resolution gave up after " + std::to_string(max_steps_) + " steps";
        const IncompatId id = arena_.add(std::move(give_up));
        result = Conflict{std::move(arena_), id};
        break;
      }
      auto picked = pick_package();
      if (!picked) {
        Solution s;
        for (PackageId p = 0; p < packages_.size(); ++p)
          if (packages_[p].decided) s.versions.emplace(p, packages_[p].version);
        result = std::move(s);
        break;
      }
      next = *picked;
      decide_for(next);
    }
    stats_.incompatibilities = std::holds_alternative<Conflict>(result)
                                   ? std::get<Conflict>(result).incompatibilities.size()
                                   : arena_.size();
    if (stats != nullptr) *stats = stats_;
    return result;
  }

 private:
  PackageState& state(PackageId p) {
    if (p >= packages_.size()) {
      packages_.resize(p + 1);
      by_package_.resize(p + 1);
    }
    return packages_[p];
  }

  Term known(PackageId p) {
    const auto& s = state(p);
    return s.has ? s.known : Term::any();
  }

  IncompatId add_incompat(Incompatibility inc) {
    const IncompatId id = arena_.add(std::move(inc));
    for (const auto& t : arena_[id].terms) {
      state(t.package);
      by_package_[t.package].push_back(id);
    }
    return id;
  }

  void assign(PackageId p, Term term, bool decision, IncompatId cause, const Version* version) {
    auto& s = state(p);
    if (s.first_seen == 0) s.first_seen = ++seen_counter_;
    s.known = s.has ? s.known.intersection(term) : term;
    s.has = true;
    if (decision) {
      s.decided = true;
      s.version = *version;
    }
    s.assignments.push_back(static_cast<std::uint32_t>(assignments_.size()));
    assignments_.push_back({p, std::move(term), level_, decision, cause});
  }

  void backtrack(std::uint32_t level) {
    std::set<PackageId> dirty;
    while (!assignments_.empty() && assignments_.back().level > level) {
      const Assignment& a = assignments_.back();
      auto& s = packages_[a.package];
      s.assignments.pop_back();
      if (a.decision) s.decided = false;
      dirty.insert(a.package);
      assignments_.pop_back();
    }
    for (PackageId p : dirty) {
      auto& s = packages_[p];
      s.has = !s.assignments.empty();
      s.known = Term::any();
      for (auto idx : s.assignments) s.known = s.known.intersection(assignments_[idx].term);
    }
    level_ = level;
  }

  IncRelation relation_of(const Incompatibility& inc, std::size_t& unsatisfied) {
    bool found = false;
    for (std::size_t i = 0; i < inc.terms.size(); ++i) {
      const Relation r = relation(known(inc.terms[i].package), inc.terms[i].term);
      if (r == Relation::Contradicted) return IncRelation::Contradicted;
      if (r == Relation::Inconclusive) {
        if (found) return IncRelation::Inconclusive;
        found = true;
        unsatisfied = i;
      }
    }
    return found ? IncRelation::AlmostSatisfied : IncRelation::Satisfied;
  }

  // Unit propagation starting from `start`; false when the root incompatibility was derived.
  bool propagate(PackageId start) {
    std::deque<PackageId> changed{start};
    while (!changed.empty()) {
      const PackageId p = changed.front();
      changed.pop_front();
      state(p);
      const std::vector<IncompatId> ids = by_package_[p];
      for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
        std::size_t unsat = 0;
        const IncRelation rel = relation_of(arena_[*it], unsat);
        if (rel == IncRelation::Satisfied) {
          ++stats_.conflicts;
          auto learned = resolve_conflict(*it);
          if (!learned) return false;
          std::size_t u = 0;
          if (relation_of(arena_[*learned], u) != IncRelation::AlmostSatisfied) {
            // Cannot happen for a correct conflict resolution; fail loudly rather than loop.
            failure_ = *learned;
            return false;
          }
          const PackageTerm pt = arena_[*learned].terms[u];
          assign(pt.package, pt.term.negate(), false, *learned, nullptr);
          changed.clear();
          changed.push_back(pt.package);
          break;
        }
        if (rel == IncRelation::AlmostSatisfied) {
          const PackageTerm pt = arena_[*it].terms[unsat];
          assign(pt.package, pt.term.negate(), false, *it, nullptr);
          if (std::find(changed.begin(), changed.end(), pt.package) == changed.end())
            changed.push_back(pt.package);
        }
      }
    }
    return true;
  }

  bool is_terminal(const Incompatibility& inc) const {
    if (inc.terms.empty()) return true;
    return inc.terms.size() == 1 && inc.terms[0].package == root_ && inc.terms[0].term.positive;
  }

  // Returns the learned incompatibility (after backtracking), or nullopt when resolution failed.
  std::optional<IncompatId> resolve_conflict(IncompatId id) {
    IncompatId cur = id;
    for (;;) {
      const Incompatibility inc = arena_[cur];
      if (is_terminal(inc)) {
        failure_ = cur;
        return std::nullopt;
      }
      // The satisfier of each term: the earliest assignment after which the term is satisfied.
      std::vector<std::uint32_t> sat(inc.terms.size(), 0);
      for (std::size_t i = 0; i < inc.terms.size(); ++i) {
        if (inc.terms[i].term.is_any()) continue;  // satisfied from the start
        Term acc = Term::any();
        for (auto idx : packages_[inc.terms[i].package].assignments) {
          acc = acc.intersection(assignments_[idx].term);
          if (acc.subset_of(inc.terms[i].term)) {
            sat[i] = idx;
            break;
          }
        }
      }
      std::size_t k = 0;
      for (std::size_t i = 1; i < sat.size(); ++i)
        if (sat[i] > sat[k]) k = i;
      const Assignment satisfier = assignments_[sat[k]];
      std::uint32_t previous_level = 0;
      for (std::size_t i = 0; i < sat.size(); ++i)
        if (i != k) previous_level = std::max(previous_level, assignments_[sat[i]].level);
      if (!satisfier.term.subset_of(inc.terms[k].term)) {
        Term acc = satisfier.term;
        for (auto idx : packages_[satisfier.package].assignments) {
          if (idx >= sat[k]) break;
          acc = acc.intersection(assignments_[idx].term);
          if (acc.subset_of(inc.terms[k].term)) {
            previous_level = std::max(previous_level, assignments_[idx].level);
            break;
          }
        }
      }
      if (satisfier.decision || previous_level != satisfier.level) {
        if (cur != id) {
          for (const auto& t : arena_[cur].terms) by_package_[t.package].push_back(cur);
        }
        backtrack(previous_level);
        return cur;
      }
      // Resolve `inc` with the satisfier's cause on the satisfier's package.
      const Incompatibility& cause = arena_[satisfier.cause];
      Incompatibility derived;
      derived.kind = IncompatKind::Derived;
      derived.cause1 = cur;
      derived.cause2 = satisfier.cause;
      auto merge = [&](const PackageTerm& t) {
        if (t.term.is_any()) return;  // always true: contributes nothing
        for (auto& d : derived.terms)
          if (d.package == t.package) {
            d.term = d.term.intersection(t.term);
            return;
          }
        derived.terms.push_back(t);
      };
      for (const auto& t : inc.terms)
        if (t.package != satisfier.package) merge(t);
      for (const auto& t : cause.terms)
        if (t.package != satisfier.package) merge(t);
      const PackageTerm* ct = cause.find(satisfier.package);
      Term u = ct != nullptr ? inc.terms[k].term.union_with(ct->term) : inc.terms[k].term;
      if (!u.is_any()) merge({satisfier.package, std::move(u)});
      cur = arena_.add(std::move(derived));
    }
  }

  std::optional<PackageId> pick_package() {
    std::optional<PackageId> best;
    std::int64_t best_priority = 0;
    for (PackageId p = 0; p < packages_.size(); ++p) {
      const auto& s = packages_[p];
      if (!s.has || !s.known.positive || s.decided) continue;
      const std::int64_t prio = provider_.priority(p, s.known.range);
      if (!best || prio > best_priority ||
          (prio == best_priority && s.first_seen < packages_[*best].first_seen)) {
        best = p;
        best_priority = prio;
      }
    }
    return best;
  }

  const Dependencies& dependencies(PackageId p, const Version& v) {
    auto key = std::make_pair(p, v);
    auto it = deps_cache_.find(key);
    if (it == deps_cache_.end()) it = deps_cache_.emplace(key, provider_.get_dependencies(p, v)).first;
    return it->second;
  }

  static std::vector<Dependency> merged(const std::vector<Dependency>& deps) {
    std::vector<Dependency> out;
    for (const auto& d : deps) {
      auto it = std::find_if(out.begin(), out.end(), [&](const Dependency& o) { return o.package == d.package; });
      if (it == out.end()) {
        out.push_back(d);
      } else {
        it->range = it->range.intersection(d.range);
      }
    }
    return out;
  }

  bool declares(PackageId p, const Version& v, const Dependency& dep) {
    const Dependencies& deps = dependencies(p, v);
    if (!std::holds_alternative<std::vector<Dependency>>(deps)) return false;
    for (const auto& d : merged(std::get<std::vector<Dependency>>(deps)))
      if (d.package == dep.package) return d.range == dep.range;
    return false;
  }

  // Adds the incompatibilities for `p v`'s dependencies; returns their ids (or nullopt when unavailable).
  std::optional<std::vector<IncompatId>> dependency_incompats(PackageId p, const Version& v) {
    auto key = std::make_pair(p, v);
    if (auto it = added_.find(key); it != added_.end()) return it->second;
    const Dependencies deps = dependencies(p, v);
    if (const auto* u = std::get_if<Unavailable>(&deps)) {
      Incompatibility inc;
      inc.kind = IncompatKind::Custom;
      inc.terms.push_back({p, Term::pos(Range::singleton(v))});
      inc.reason = u->reason;
      add_incompat(std::move(inc));
      added_.emplace(key, std::nullopt);
      return std::nullopt;
    }
    std::vector<Version> neighbours = provider_.known_versions(p);
    const auto pos = std::lower_bound(neighbours.begin(), neighbours.end(), v);
    const bool widen = pos != neighbours.end() && *pos == v;
    std::vector<IncompatId> ids;
    for (const auto& d : merged(std::get<std::vector<Dependency>>(deps))) {
      if (d.package == p) {
        if (d.range.contains(v)) continue;
        Incompatibility inc;
        inc.kind = IncompatKind::Custom;
        inc.terms.push_back({p, Term::pos(Range::singleton(v))});
        inc.reason = "it depends on itself at " + d.range.to_string();
        ids.push_back(add_incompat(std::move(inc)));
        continue;
      }
      Range own = Range::singleton(v);
      if (widen) {
        auto lo = static_cast<std::size_t>(pos - neighbours.begin());
        auto hi = lo;
        while (lo > 0 && declares(p, neighbours[lo - 1], d)) --lo;
        while (hi + 1 < neighbours.size() && declares(p, neighbours[hi + 1], d)) ++hi;
        own = Range::from_interval(lo == 0 ? Bound::unbounded() : Bound::included(neighbours[lo]),
                                   hi + 1 == neighbours.size() ? Bound::unbounded()
                                                               : Bound::excluded(neighbours[hi + 1]));
      }
      // The same widened edge may already exist from a neighbouring version.
      bool dup = false;
      state(p);
      for (auto id : by_package_[p]) {
        const auto& e = arena_[id];
        if (e.kind == IncompatKind::FromDependency && e.terms.size() == 2 && e.terms[0].package == p &&
            e.terms[1].package == d.package && e.terms[0].term.range == own && e.terms[1].term.range == d.range) {
          ids.push_back(id);
          dup = true;
          break;
        }
      }
      if (dup) continue;
      Incompatibility inc;
      inc.kind = IncompatKind::FromDependency;
      inc.terms.push_back({p, Term::pos(std::move(own))});
      inc.terms.push_back({d.package, Term::neg(d.range)});
      ids.push_back(add_incompat(std::move(inc)));
    }
    added_.emplace(key, ids);
    return ids;
  }

  void decide_for(PackageId p) {
    const Range range = packages_[p].known.range;
    std::optional<Version> v;
    if (p == root_) {
      if (range.contains(root_version_)) v = root_version_;
    } else {
      v = provider_.choose_version(p, range);
      if (v && !range.contains(*v)) v.reset();  // a provider bug must not break soundness
    }
    if (!v) {
      Incompatibility inc;
      inc.kind = IncompatKind::NoVersions;
      inc.terms.push_back({p, Term::pos(range)});
      add_incompat(std::move(inc));
      return;
    }
    auto ids = dependency_incompats(p, *v);
    if (!ids) return;
    // Do not decide a version whose dependencies would immediately conflict; propagation learns why.
    for (auto id : *ids) {
      const auto& inc = arena_[id];
      bool all_others = true;
      for (const auto& t : inc.terms) {
        if (t.package == p) continue;
        if (relation(known(t.package), t.term) != Relation::Satisfied) {
          all_others = false;
          break;
        }
      }
      if (all_others) return;
    }
    ++level_;
    ++stats_.decisions;
    assign(p, Term::pos(Range::singleton(*v)), true, 0, &*v);
  }

  DependencyProvider& provider_;
  PackageId root_;
  Version root_version_;
  std::size_t max_steps_;
  Incompatibilities arena_;
  std::vector<std::vector<IncompatId>> by_package_;
  std::vector<PackageState> packages_;
  std::vector<Assignment> assignments_;
  std::uint32_t level_ = 0;
  std::uint64_t seen_counter_ = 0;
  IncompatId failure_ = 0;
  SolverStats stats_;
  std::map<std::pair<PackageId, Version>, Dependencies> deps_cache_;
  std::map<std::pair<PackageId, Version>, std::optional<std::vector<IncompatId>>> added_;
};

}  // namespace

SolveResult solve(DependencyProvider& provider, PackageId root, const Version& root_version, std::size_t max_steps,
                  SolverStats* stats) {
  Solver s(provider, root, root_version, max_steps);
  return s.run(stats);
}

}  // namespace pinreqs::resolver::pubgrub
