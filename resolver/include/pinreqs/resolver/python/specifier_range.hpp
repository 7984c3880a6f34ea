#pragma once
// PEP 440 specifiers as PubGrub ranges. Ranges hold plain version order; the pre-release policy is applied
// when candidates are chosen. Exclusions that no finite interval expresses (`>1.0` excludes 1.0's
// post-releases and `+local` versions) are subtracted using the versions the index lists, when given.
#include <string>
#include <vector>

#include "pinreqs/parsers/specifier.hpp"
#include "pinreqs/resolver/pubgrub/range.hpp"

namespace pinreqs::resolver::python {

using pubgrub::Range;

// `known` (ascending, may be null): the project's versions, used for the `>V` exclusions above.
Range to_range(const pep440::Specifier& spec, const std::vector<pep440::Version>* known = nullptr);
Range to_range(const pep440::SpecifierSet& specs, const std::vector<pep440::Version>* known = nullptr);

// The smallest version above V and all of V's `+local` versions (V.post0.dev0, V.postN+1.dev0 or V.devN+1).
pep440::Version after_locals(const pep440::Version& v);

// A range as PEP 440 text: "==1.0", ">=1.0, <2.0", "!=1.5", "<1.0 | >=2.0", "*" for every version.
std::string range_text(const Range& r);

}  // namespace pinreqs::resolver::python
