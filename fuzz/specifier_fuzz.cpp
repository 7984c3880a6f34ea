// libFuzzer target for pep440::Specifier/SpecifierSet: parsing never crashes, every accepted set prints to
// text that parses back to an equal set with the same membership on probe versions, and the checks that
// build ranges (contains, filter, is_unsatisfiable) run without faults.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/parsers/specifier.hpp"

using pinreqs::pep440::Specifier;
using pinreqs::pep440::SpecifierSet;
using pinreqs::pep440::Version;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}

const std::vector<std::string>& probes() {
  static const std::vector<std::string> p = {"0.dev0", "1.0a1", "1.0",     "1.0+local", "1.0.post1", "1.0.1",
                                             "1.2.3.4.5.6", "1!0.1", "2.0rc1.dev3", "2.0", "foobar"};
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto one = Specifier::parse(text)) {
    auto again = Specifier::parse(one->to_string());
    check(again.has_value());
    check(*again == *one);
    for (const auto& p : probes()) check(one->contains(p) == again->contains(p));
  } else {
    check(one.error().offset <= size);
  }

  auto set = SpecifierSet::parse(text);
  if (!set) {
    check(set.error().offset <= size);
    check(!set.error().message.empty());
    return 0;
  }
  const std::string printed = set->to_string();
  auto again = SpecifierSet::parse(printed);
  check(again.has_value());
  check(*again == *set);
  check(again->to_string() == printed);
  for (const auto& p : probes()) {
    check(set->contains(p) == again->contains(p));
    (void)set->contains(p, false, true);
  }
  const bool unsat = set->is_unsatisfiable();
  // An unsatisfiable set matches no probe (=== sets aside, which compare spellings).
  if (unsat && set->to_string().find("===") == std::string::npos)
    for (const auto& p : probes()) check(!set->contains(p, true));
  // Set relations agree with themselves and with is_unsatisfiable (which only differs under prereleases=False).
  check(set->is_subset(*again) && again->is_subset(*set));
  check(set->is_subset(SpecifierSet()));
  check(set->is_disjoint(*set) == unsat || set->to_string().find("===") != std::string::npos);
  (void)set->filter(probes());
  return 0;
}
