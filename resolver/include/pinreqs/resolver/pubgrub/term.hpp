#pragma once
// A term: "package is selected at a version in R" (positive) or "package is not selected at a version in R"
// (negative; also true when the package is absent). PubGrub reasons only with terms and incompatibilities.
#include <cstdint>

#include "pinreqs/resolver/pubgrub/range.hpp"

namespace pinreqs::resolver::pubgrub {

using PackageId = std::uint32_t;

struct Term {
  bool positive = true;
  Range range;

  static Term pos(Range r) { return {true, std::move(r)}; }
  static Term neg(Range r) { return {false, std::move(r)}; }
  // The term every state satisfies ("not in ∅").
  static Term any() { return {false, Range::empty()}; }

  [[nodiscard]] Term negate() const { return {!positive, range}; }
  [[nodiscard]] Term intersection(const Term& o) const;
  [[nodiscard]] Term union_with(const Term& o) const { return negate().intersection(o.negate()).negate(); }
  [[nodiscard]] bool is_empty() const noexcept { return positive && range.is_empty(); }
  [[nodiscard]] bool is_any() const noexcept { return !positive && range.is_empty(); }
  [[nodiscard]] bool subset_of(const Term& o) const { return intersection(o) == *this; }
  [[nodiscard]] bool disjoint(const Term& o) const { return intersection(o).is_empty(); }
  [[nodiscard]] bool contains(const Version& v) const { return positive == range.contains(v); }

  friend bool operator==(const Term&, const Term&) = default;
};

enum class Relation { Satisfied, Contradicted, Inconclusive };

// How a term relates to what is known about its package (`known` = intersection of assignments, or any()).
Relation relation(const Term& known, const Term& term);

}  // namespace pinreqs::resolver::pubgrub
