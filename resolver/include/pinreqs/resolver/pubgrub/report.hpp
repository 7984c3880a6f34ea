#pragma once
// Turns a failed resolution's derivation tree into numbered sentences (dart pub's error reporting): each line
// explains one derived incompatibility from its causes; facts cited more than once get a "(n)" number.
#include <string>
#include <vector>

#include "pinreqs/resolver/pubgrub/solver.hpp"

namespace pinreqs::resolver::pubgrub {

// Domain-specific wording. The defaults print "`name range`" with Range::to_string().
class ReportFormatter {
 public:
  virtual ~ReportFormatter() = default;
  virtual std::string package_name(PackageId package) const = 0;
  [[nodiscard]] virtual bool is_root(PackageId package) const = 0;
  // "`foo >=1.0`", "every version of `foo`", ...
  [[nodiscard]] virtual std::string term_text(PackageId package, const Range& range) const;
  // An external incompatibility (not Derived), as a clause: "`foo >=1` depends on `bar <2`".
  [[nodiscard]] virtual std::string external_text(const Incompatibility& inc) const;
  // Two dependencies of the same depender in one clause: "`a` depends on both `b` and `c`".
  [[nodiscard]] virtual std::string depends_on_both_text(const Incompatibility& a, const Incompatibility& b) const;
  // A derived (or external) incompatibility as a conclusion: "`foo >=1` is forbidden", "version solving failed".
  [[nodiscard]] virtual std::string conclusion_text(const Incompatibility& inc) const;
  // Hints printed after the explanation (e.g. "hint: a pre-release satisfies this; use --pre").
  [[nodiscard]] virtual std::vector<std::string> hints(const Incompatibilities& /*arena*/,
                                                       IncompatId /*root*/) const {
    return {};
  }
};

struct ReportLine {
  std::string text;
  int number = 0;  // 0 = unnumbered
};

// The explanation lines for `conflict` (blank separator lines have empty text).
std::vector<ReportLine> report_lines(const Conflict& conflict, const ReportFormatter& fmt);
// Lines joined with '\n', numbered lines suffixed " (n)", then the hints.
std::string report(const Conflict& conflict, const ReportFormatter& fmt);

}  // namespace pinreqs::resolver::pubgrub
