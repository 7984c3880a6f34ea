#include "pinreqs/resolver/python/specifier_range.hpp"

#include <algorithm>

namespace pinreqs::resolver::python {
namespace {

using pep440::Operator;
using pep440::Version;
using pubgrub::Bound;

struct Parts {
  std::uint64_t epoch = 0;
  std::vector<std::uint64_t> release;
  std::optional<pep440::PreRelease> pre;
  std::optional<std::uint64_t> post;
  std::optional<std::uint64_t> dev;
};

Parts parts_of(const Version& v) { return {v.epoch(), v.release(), v.pre(), v.post(), v.dev()}; }

Version build(const Parts& p) {
  std::string s;
  if (p.epoch != 0) s += std::to_string(p.epoch) + "!";
  for (std::size_t i = 0; i < p.release.size(); ++i) {
    if (i != 0) s += '.';
    s += std::to_string(p.release[i]);
  }
  if (p.release.empty()) s += '0';
  if (p.pre) {
    static const char* kinds[] = {"a", "b", "rc"};
    s += kinds[static_cast<int>(p.pre->kind)] + std::to_string(p.pre->number);
  }
  if (p.post) s += ".post" + std::to_string(*p.post);
  if (p.dev) s += ".dev" + std::to_string(*p.dev);
  return *Version::parse(s);
}

// The lowest version of a release prefix: X.dev0 (nothing with that release sorts lower).
Version lowest_of(std::uint64_t epoch, std::vector<std::uint64_t> release) {
  Parts p;
  p.epoch = epoch;
  p.release = std::move(release);
  p.dev = 0;
  return build(p);
}

// [V, after_locals(V)): V and its local versions.
Range equal_range(const Version& v) {
  if (v.has_local()) return Range::singleton(v);
  return Range::from_interval(Bound::included(v), Bound::excluded(after_locals(v)));
}

Range prefix_range(const Version& v) {
  auto release = v.release();
  if (release.empty()) return Range::full();
  const Version lo = lowest_of(v.epoch(), release);
  release.back() += 1;
  const Version hi = lowest_of(v.epoch(), release);
  return Range::between(lo, hi);
}

// V.postN(.devM)(+local) -> V
Version without_post(const Version& v) {
  Parts p = parts_of(v.public_version());
  p.post.reset();
  p.dev.reset();
  return build(p);
}

}  // namespace

Version after_locals(const Version& v) {
  Parts p = parts_of(v.public_version());
  if (p.dev) {
    *p.dev += 1;
  } else if (p.post) {
    *p.post += 1;
    p.dev = 0;
  } else {
    p.post = 0;
    p.dev = 0;
  }
  return build(p);
}

Range to_range(const pep440::Specifier& spec, const std::vector<Version>* known) {
  if (!spec.version()) return Range::empty();  // `===` with a non-PEP 440 string matches no PEP 440 version
  const Version& v = *spec.version();
  switch (spec.op()) {
    case Operator::Equal:
      return spec.wildcard() ? prefix_range(v) : equal_range(v);
    case Operator::NotEqual:
      return (spec.wildcard() ? prefix_range(v) : equal_range(v)).complement();
    case Operator::ArbitraryEqual:
      // Approximation: `===` compares strings, a range compares versions (so `===1.0` also admits 1.0.0).
      return Range::singleton(v);
    case Operator::GreaterEqual:
      return Range::higher_than(v);
    case Operator::LessEqual:
      return Range::from_interval(Bound::unbounded(), Bound::excluded(after_locals(v)));
    case Operator::Less: {
      // `<V` excludes pre-releases of V itself unless V is one.
      if (!v.is_prerelease() && !v.is_postrelease() && !v.has_local())
        return Range::strictly_lower_than(lowest_of(v.epoch(), v.release()));
      return Range::strictly_lower_than(v);
    }
    case Operator::Greater: {
      // `>V` excludes V's post-releases (unless V is one) and V's local versions. Every version between V
      // and the greatest such known version is one of them, so the bound simply moves past it.
      Version lower = v;
      if (!v.has_local() && known != nullptr) {
        for (const auto& k : *known) {
          if (!(lower < k)) continue;
          const bool post_of_v = !v.is_postrelease() && k.is_postrelease() && without_post(k) == v;
          const bool local_of_v = k.has_local() && k.public_version() == v;
          if (post_of_v || local_of_v) lower = k;
        }
      }
      return Range::strictly_higher_than(lower);
    }
    case Operator::Compatible: {
      auto release = v.release();
      if (release.size() < 2) return Range::higher_than(v);
      release.pop_back();
      return Range::higher_than(v).intersection(prefix_range(v.with_release(release)));
    }
  }
  return Range::empty();
}

Range to_range(const pep440::SpecifierSet& specs, const std::vector<Version>* known) {
  Range r = Range::full();
  for (const auto& s : specs.specifiers()) r = r.intersection(to_range(s, known));
  return r;
}

namespace {

bool is_lowest_of_release(const Version& v) {
  return v.dev() == std::optional<std::uint64_t>(0) && !v.pre() && !v.post() && !v.has_local();
}

std::string upper_text(const Bound& b) {
  const Version& v = b.version;
  if (b.kind == Bound::Kind::Included) return "<=" + v.to_string();
  if (v.has_local()) return "<" + v.to_string();
  if (v.dev() == std::optional<std::uint64_t>(0) && v.post()) {
    // after_locals(V) = V.post0.dev0 or V.postN+1.dev0: the set reads as <=V.
    Parts p = parts_of(v);
    p.dev.reset();
    if (*p.post == 0) {
      p.post.reset();
    } else {
      *p.post -= 1;
    }
    return "<=" + build(p).to_string();
  }
  if (is_lowest_of_release(v)) return "<" + v.base_version().to_string();
  return "<" + v.to_string();
}

}  // namespace

namespace {

std::string lower_text(const Bound& b) {
  const Version& v = b.version;
  if (b.kind == Bound::Kind::Excluded) return ">" + v.to_string();
  if (!v.has_local() && v.dev() == std::optional<std::uint64_t>(0) && v.post()) {
    // after_locals(V) as a lower bound reads as >V.
    Parts p = parts_of(v);
    p.dev.reset();
    if (*p.post == 0) {
      p.post.reset();
    } else {
      *p.post -= 1;
    }
    return ">" + build(p).to_string();
  }
  return ">=" + v.to_string();
}

// The hole between two intervals when it is exactly V and its local versions (printed as `!=V`).
const Version* excluded_version(const pubgrub::Interval& a, const pubgrub::Interval& b) {
  if (a.upper.kind != Bound::Kind::Excluded || b.lower.kind != Bound::Kind::Included) return nullptr;
  if (a.upper.version.has_local() || b.lower.version != after_locals(a.upper.version)) return nullptr;
  return &a.upper.version;
}

}  // namespace

std::string range_text(const Range& r) {
  if (r.is_empty()) return "<none>";
  if (r.is_full()) return "*";
  const auto& iv = r.intervals();
  // A single interval, or one whose holes are all single excluded versions: bounds plus `!=` clauses.
  bool holes_are_exclusions = true;
  for (std::size_t i = 0; i + 1 < iv.size(); ++i)
    if (excluded_version(iv[i], iv[i + 1]) == nullptr) holes_are_exclusions = false;
  if (holes_are_exclusions) {
    const auto& first = iv.front();
    const auto& last = iv.back();
    if (iv.size() == 1 && !first.lower.is_unbounded() && !first.upper.is_unbounded() &&
        first.lower.kind == Bound::Kind::Included) {
      if (first.upper.kind == Bound::Kind::Included && first.upper.version == first.lower.version)
        return "==" + first.lower.version.to_string();
      if (first.upper.kind == Bound::Kind::Excluded && !first.lower.version.has_local() &&
          first.upper.version == after_locals(first.lower.version))
        return "==" + first.lower.version.to_string();
    }
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
    if (!first.lower.is_unbounded()) add(lower_text(first.lower));
    for (std::size_t i = 0; i + 1 < iv.size(); ++i) add("!=" + excluded_version(iv[i], iv[i + 1])->to_string());
    if (!last.upper.is_unbounded()) add(upper_text(last.upper));
    return out;
  }
  std::string out;
  for (const auto& i : iv) {
    if (!out.empty()) out += " | ";
    out += range_text(Range::from_interval(i.lower, i.upper));
  }
  return out;
}

}  // namespace pinreqs::resolver::python
