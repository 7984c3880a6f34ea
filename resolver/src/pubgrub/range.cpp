#include "pinreqs/resolver/pubgrub/range.hpp"

#include <algorithm>

namespace pinreqs::resolver::pubgrub {
namespace {

using Kind = Bound::Kind;

// Orders lower bounds: Unbounded < [v < (v.
bool lower_less(const Bound& a, const Bound& b) {
  if (a.is_unbounded()) return !b.is_unbounded();
  if (b.is_unbounded()) return false;
  if (a.version != b.version) return a.version < b.version;
  return a.kind == Kind::Included && b.kind == Kind::Excluded;
}

// Orders upper bounds: v) < v] < Unbounded.
bool upper_less(const Bound& a, const Bound& b) {
  if (b.is_unbounded()) return !a.is_unbounded();
  if (a.is_unbounded()) return false;
  if (a.version != b.version) return a.version < b.version;
  return a.kind == Kind::Excluded && b.kind == Kind::Included;
}

bool non_empty(const Bound& lo, const Bound& hi) {
  if (lo.is_unbounded() || hi.is_unbounded()) return true;
  if (lo.version < hi.version) return true;
  return lo.version == hi.version && lo.kind == Kind::Included && hi.kind == Kind::Included;
}

// Whether an interval ending at `hi` overlaps or touches one starting at `lo` (so the two merge).
bool touches(const Bound& hi, const Bound& lo) {
  if (hi.is_unbounded() || lo.is_unbounded()) return true;
  if (hi.version != lo.version) return lo.version < hi.version;
  return !(hi.kind == Kind::Excluded && lo.kind == Kind::Excluded);
}

Bound flip(const Bound& b) {
  if (b.is_unbounded()) return b;
  return {b.kind == Kind::Included ? Kind::Excluded : Kind::Included, b.version};
}

}  // namespace

Range Range::full() {
  Range r;
  r.intervals_.push_back({Bound::unbounded(), Bound::unbounded()});
  return r;
}

Range Range::singleton(const Version& v) { return from_interval(Bound::included(v), Bound::included(v)); }
Range Range::higher_than(const Version& v) { return from_interval(Bound::included(v), Bound::unbounded()); }
Range Range::strictly_higher_than(const Version& v) {
  return from_interval(Bound::excluded(v), Bound::unbounded());
}
Range Range::lower_than(const Version& v) { return from_interval(Bound::unbounded(), Bound::included(v)); }
Range Range::strictly_lower_than(const Version& v) {
  return from_interval(Bound::unbounded(), Bound::excluded(v));
}
Range Range::between(const Version& lo, const Version& hi) {
  return from_interval(Bound::included(lo), Bound::excluded(hi));
}

Range Range::from_interval(Bound lower, Bound upper) {
  Range r;
  if (non_empty(lower, upper)) r.intervals_.push_back({std::move(lower), std::move(upper)});
  return r;
}

bool Range::is_full() const noexcept {
  return intervals_.size() == 1 && intervals_[0].lower.is_unbounded() && intervals_[0].upper.is_unbounded();
}

const Version* Range::as_singleton() const noexcept {
  if (intervals_.size() != 1) return nullptr;
  const auto& i = intervals_[0];
  if (i.lower.kind == Kind::Included && i.upper.kind == Kind::Included && i.lower.version == i.upper.version)
    return &i.lower.version;
  return nullptr;
}

bool Range::contains(const Version& v) const {
  // First interval whose upper bound is not below v.
  auto it = std::partition_point(intervals_.begin(), intervals_.end(), [&](const Interval& i) {
    if (i.upper.is_unbounded()) return false;
    return i.upper.version < v || (i.upper.version == v && i.upper.kind == Kind::Excluded);
  });
  if (it == intervals_.end()) return false;
  if (it->lower.is_unbounded()) return true;
  return it->lower.version < v || (it->lower.version == v && it->lower.kind == Kind::Included);
}

Range Range::complement() const {
  Range r;
  Bound next_lower = Bound::unbounded();
  bool open = true;  // whether next_lower still starts a gap
  for (const auto& i : intervals_) {
    if (!i.lower.is_unbounded()) {
      Bound hi = flip(i.lower);
      if (non_empty(next_lower, hi)) r.intervals_.push_back({next_lower, hi});
    }
    if (i.upper.is_unbounded()) {
      open = false;
      break;
    }
    next_lower = flip(i.upper);
  }
  if (open) r.intervals_.push_back({next_lower, Bound::unbounded()});
  return r;
}

Range Range::intersection(const Range& other) const {
  Range r;
  std::size_t a = 0, b = 0;
  while (a < intervals_.size() && b < other.intervals_.size()) {
    const Interval& x = intervals_[a];
    const Interval& y = other.intervals_[b];
    const Bound& lo = lower_less(x.lower, y.lower) ? y.lower : x.lower;
    const bool x_ends_first = upper_less(x.upper, y.upper);
    const Bound& hi = x_ends_first ? x.upper : y.upper;
    if (non_empty(lo, hi)) r.intervals_.push_back({lo, hi});
    if (x_ends_first) {
      ++a;
    } else {
      ++b;
    }
  }
  return r;
}

Range Range::union_with(const Range& other) const {
  std::vector<Interval> all;
  all.reserve(intervals_.size() + other.intervals_.size());
  std::merge(intervals_.begin(), intervals_.end(), other.intervals_.begin(), other.intervals_.end(),
             std::back_inserter(all),
             [](const Interval& x, const Interval& y) { return lower_less(x.lower, y.lower); });
  Range r;
  for (auto& i : all) {
    if (!r.intervals_.empty() && touches(r.intervals_.back().upper, i.lower)) {
      if (upper_less(r.intervals_.back().upper, i.upper)) r.intervals_.back().upper = std::move(i.upper);
    } else {
      r.intervals_.push_back(std::move(i));
    }
  }
  return r;
}

std::string Range::to_string() const {
  if (intervals_.empty()) return "∅";
  if (is_full()) return "*";
  std::string out;
  for (const auto& i : intervals_) {
    if (!out.empty()) out += " | ";
    if (i.lower.kind == Kind::Included && i.upper.kind == Kind::Included && i.lower.version == i.upper.version) {
      out += "==" + i.lower.version.to_string();
      continue;
    }
    std::string part;
    if (!i.lower.is_unbounded())
      part += (i.lower.kind == Kind::Included ? ">=" : ">") + i.lower.version.to_string();
    if (!i.upper.is_unbounded()) {
      if (!part.empty()) part += ", ";
      part += (i.upper.kind == Kind::Included ? "<=" : "<") + i.upper.version.to_string();
    }
    out += part;
  }
  return out;
}

}  // namespace pinreqs::resolver::pubgrub
