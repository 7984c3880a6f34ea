#pragma once
// A set of versions as a sorted vector of disjoint, non-touching intervals. Every operation returns a value in
// that normal form, so two equal sets compare equal with ==. Knows nothing of specifiers: the Python layer
// converts PEP 440 specifiers into ranges.
#include <string>
#include <vector>

#include "pinreqs/parsers/version.hpp"

namespace pinreqs::resolver::pubgrub {

using Version = pep440::Version;

struct Bound {
  enum class Kind : unsigned char { Unbounded, Included, Excluded };
  Kind kind = Kind::Unbounded;
  Version version;  // meaningless when Unbounded

  static Bound unbounded() { return {}; }
  static Bound included(Version v) { return {Kind::Included, std::move(v)}; }
  static Bound excluded(Version v) { return {Kind::Excluded, std::move(v)}; }
  [[nodiscard]] bool is_unbounded() const noexcept { return kind == Kind::Unbounded; }
  friend bool operator==(const Bound&, const Bound&) = default;
};

struct Interval {
  Bound lower;  // Unbounded = from the lowest version
  Bound upper;  // Unbounded = to infinity
  friend bool operator==(const Interval&, const Interval&) = default;
};

class Range {
 public:
  Range() = default;  // empty
  static Range empty() { return {}; }
  static Range full();
  static Range singleton(const Version& v);
  static Range higher_than(const Version& v);          // >= v
  static Range strictly_higher_than(const Version& v); // > v
  static Range lower_than(const Version& v);           // <= v
  static Range strictly_lower_than(const Version& v);  // < v
  static Range between(const Version& lo, const Version& hi);  // [lo, hi)
  // Any interval; returns empty when the bounds do not enclose a version.
  static Range from_interval(Bound lower, Bound upper);

  [[nodiscard]] bool is_empty() const noexcept { return intervals_.empty(); }
  [[nodiscard]] bool is_full() const noexcept;
  // The one version when this is a singleton [v, v].
  [[nodiscard]] const Version* as_singleton() const noexcept;
  [[nodiscard]] bool contains(const Version& v) const;

  [[nodiscard]] Range complement() const;
  [[nodiscard]] Range intersection(const Range& other) const;
  [[nodiscard]] Range union_with(const Range& other) const;
  [[nodiscard]] Range difference(const Range& other) const { return intersection(other.complement()); }
  [[nodiscard]] bool subset_of(const Range& other) const { return intersection(other) == *this; }
  [[nodiscard]] bool disjoint(const Range& other) const { return intersection(other).is_empty(); }

  [[nodiscard]] const std::vector<Interval>& intervals() const noexcept { return intervals_; }
  // Generic text: "*", "==1.0", ">=1.0, <2.0", "<1.0 | >=2.0", "∅" for empty.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const Range&, const Range&) = default;

 private:
  std::vector<Interval> intervals_;
};

}  // namespace pinreqs::resolver::pubgrub
