#include "pinreqs/resolver/pubgrub/term.hpp"

namespace pinreqs::resolver::pubgrub {

Term Term::intersection(const Term& o) const {
  if (positive && o.positive) return pos(range.intersection(o.range));
  if (positive) return pos(range.difference(o.range));
  if (o.positive) return pos(o.range.difference(range));
  return neg(range.union_with(o.range));
}

Relation relation(const Term& known, const Term& term) {
  const Term both = known.intersection(term);
  if (both == known) return Relation::Satisfied;
  if (both.is_empty()) return Relation::Contradicted;
  return Relation::Inconclusive;
}

}  // namespace pinreqs::resolver::pubgrub
