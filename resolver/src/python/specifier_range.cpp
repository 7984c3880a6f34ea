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
      Range r = Range::strictly_higher_than(v);
      if (v.has_local() || known == nullptr) return r;
      // `>V` excludes V's post-releases (unless V is one) and V's local versions.
      for (const auto& k : *known) {
        if (!(v < k)) continue;
        const bool post_of_v = !v.is_postrelease() && k.is_postrelease() && k.base_version() == v.base_version();
        const bool local_of_v = k.has_local() && k.public_version() == v;
        if (post_of_v || local_of_v) r = r.difference(Range::singleton(k));
      }
      return r;
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

std::string range_text(const Range& r) {
  if (r.is_empty()) return "<none>";
  if (r.is_full()) return "*";
  const auto& iv = r.intervals();
  // != V : (-inf, V) | [after_locals(V), inf)
  if (iv.size() == 2 && iv[0].lower.is_unbounded() && iv[1].upper.is_unbounded() &&
      iv[0].upper.kind == Bound::Kind::Excluded && iv[1].lower.kind == Bound::Kind::Included &&
      !iv[0].upper.version.has_local() && iv[1].lower.version == after_locals(iv[0].upper.version))
    return "!=" + iv[0].upper.version.to_string();
  std::string out;
  for (const auto& i : iv) {
    if (!out.empty()) out += " | ";
    if (i.lower.kind == Bound::Kind::Included && !i.upper.is_unbounded()) {
      if (i.upper.kind == Bound::Kind::Included && i.upper.version == i.lower.version) {
        out += "==" + i.lower.version.to_string();
        continue;
      }
      if (i.upper.kind == Bound::Kind::Excluded && !i.lower.version.has_local() &&
          i.upper.version == after_locals(i.lower.version)) {
        out += "==" + i.lower.version.to_string();
        continue;
      }
    }
    std::string part;
    if (!i.lower.is_unbounded())
      part += (i.lower.kind == Bound::Kind::Included ? ">=" : ">") + i.lower.version.to_string();
    if (!i.upper.is_unbounded()) {
      if (!part.empty()) part += ", ";
      part += upper_text(i.upper);
    }
    out += part;
  }
  return out;
}

}  // namespace pinreqs::resolver::python
