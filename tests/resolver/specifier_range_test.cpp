// PEP 440 specifier -> Range: for every specifier in the table and every probe version, the range contains the
// version exactly when packaging's rules (pre-releases allowed, since the pre-release policy is applied
// when choosing candidates) say the specifier does. Plus the text the explanations print for ranges.
#include <gtest/gtest.h>

#include <algorithm>

#include "pinreqs/parsers/specifier.hpp"
#include "pinreqs/resolver/python/specifier_range.hpp"

using pinreqs::pep440::Specifier;
using pinreqs::pep440::SpecifierSet;
using pinreqs::pep440::Version;
using pinreqs::resolver::python::range_text;
using pinreqs::resolver::python::to_range;

namespace {

std::vector<Version> probes() {
  const char* texts[] = {"0.9",        "1.0.dev0",  "1.0a1",       "1.0a1.post1", "1.0rc1",   "1.0",
                         "1.0+local",  "1.0.0",     "1.0.post1",   "1.0.post1+l", "1.0.post2.dev1", "1.0.1",
                         "1.1.dev0",   "1.1",       "1.1+x",       "1.1.0.1",     "1.4",      "1.4.5",
                         "1.4.5.post1", "1.4.9",    "1.5.dev0",    "1.5",         "2.0.dev1", "2.0a1",
                         "2.0",        "2.0+abc",   "2.0.post1",   "2.1",         "3",        "1!0.5",
                         "1!1.0"};
  std::vector<Version> out;
  for (const char* t : texts) out.push_back(*Version::parse(t));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(SpecifierRange, AgreesWithSpecifierContains) {
  const char* specs[] = {"==1.0",     "==1.0.*", "!=1.0",      "!=1.0.*",   ">=1.0",       "<=1.0",
                         ">1.0",      "<1.0",    "<2.0",       ">1.0.post1", "<1.0.post1", "~=1.4.5",
                         "~=1.4",     "~=1.0a1", "==1.0+local", "!=1.0+local", "<2.0a1",
                         ">=2.0a1",  "==1.0.0",    "==1!1.0",   ">1.0a1",      "<=2.0",
                         "==2.0.*",   ">=1.0,<2", ">1.0,!=1.1", "~=1.4.5,!=1.4.9", "==1.0.dev0"};
  const auto versions = probes();
  for (const char* text : specs) {
    auto set = SpecifierSet::parse(text);
    ASSERT_TRUE(set.has_value()) << text;
    const auto range = to_range(*set, &versions);
    for (const auto& v : versions) {
      const bool want = set->contains(v, true);
      if (range.contains(v) != want)
        ADD_FAILURE() << "`" << text << "` and " << v.to_string() << ": specifier says " << want << ", range ("
                      << range_text(range) << ") says " << !want;
    }
  }
}

TEST(SpecifierRange, PrintsReadableText) {
  const std::pair<const char*, const char*> cases[] = {
      {"==1.0", "==1.0"},
      {">=1.0,<2", ">=1.0, <2"},
      {"!=1.5", "!=1.5"},
      {"<=1.0", "<=1.0"},
      {"<2.0", "<2.0"},
      {">1.0", ">1.0"},
      {"~=1.4.5", ">=1.4.5, <1.5"},
      {">1.0,!=1.1,!=1.2,<3", ">1.0, !=1.1, !=1.2, <3"},
      {"", "*"},
      {"==1.0+local", "==1.0+local"},
  };
  for (const auto& [spec, want] : cases) {
    auto set = SpecifierSet::parse(spec);
    ASSERT_TRUE(set.has_value()) << spec;
    const std::string got = range_text(to_range(*set));
    if (got != want) ADD_FAILURE() << "`" << spec << "`: want `" << want << "`, got `" << got << "`";
  }
}
