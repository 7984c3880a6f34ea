// Focused Specifier/SpecifierSet tests: packaging 26 pre-release rules, `>`/`<` exclusions, wildcards with
// local versions, `~=` edges, `===`, canonical equality, sorting, unsatisfiable sets and error offsets.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::pep440 {
inline void PrintTo(const Version& v, std::ostream* os) { *os << v.to_string(); }
}  // namespace pinreqs::pep440

namespace {

using pinreqs::pep440::Operator;
using pinreqs::pep440::Specifier;
using pinreqs::pep440::SpecifierSet;
using pinreqs::pep440::Version;

Specifier S(const std::string& s) {
  auto r = Specifier::parse(s);
  EXPECT_TRUE(r.has_value()) << s << ": " << (r ? "" : r.error().message);
  return r ? *r : Specifier::make(Operator::GreaterEqual, Version());
}
SpecifierSet SS(const std::string& s) {
  auto r = SpecifierSet::parse(s);
  EXPECT_TRUE(r.has_value()) << s << ": " << (r ? "" : r.error().message);
  return r ? *r : SpecifierSet();
}

void expect_contains(const std::string& spec, const std::vector<std::string>& in, const std::vector<std::string>& out) {
  const SpecifierSet set = SS(spec);
  for (const auto& v : in) EXPECT_TRUE(set.contains(v)) << spec << " should contain " << v;
  for (const auto& v : out) EXPECT_FALSE(set.contains(v)) << spec << " should not contain " << v;
}

TEST(Specifier, GreaterAndLessExcludeTheNamedVersionsFamily) {
  expect_contains(">1.7", {"1.7.1", "1.8", "1.7.0.1"}, {"1.7", "1.7.post1", "1.7+local", "1.7.post1+x", "1.6"});
  expect_contains(">1.7.post2", {"1.7.post3", "1.7.post3.dev0", "1.8"}, {"1.7.post2", "1.7.post2+x", "1.7.post1"});
  expect_contains(">1.0a1", {"1.0a2", "1.0", "1.0b1"}, {"1.0a1.post1", "1.0a1+x"});
  expect_contains("<1.7", {"1.6", "1.6.post1", "1.6.9"}, {"1.7a1", "1.7.dev0", "1.7", "1.7+x"});
  expect_contains("<1.7a2", {"1.7a1", "1.7.dev0"}, {"1.7a2", "1.7"});
  expect_contains("<=1.7", {"1.7", "1.7+local"}, {"1.7.post0", "1.7.post0.dev0"});
}

TEST(Specifier, WildcardsAndLocalVersions) {
  expect_contains("==1.0.*", {"1.0", "1.0+local", "1.0.5", "1.0.5+x", "1.0.dev0", "1.0a1", "1.0.post3"},
                  {"1.1", "1.1.dev0", "0.9", "1.01.1"});
  expect_contains("!=1.0.*", {"1.1", "0.9"}, {"1.0+local", "1.0.5"});
  expect_contains("==1.0", {"1.0", "1.0.0", "1.0+abc"}, {"1.0.post1", "1.0.1"});
  expect_contains("==1.0+abc", {"1.0+ABC", "1.0.0+abc"}, {"1.0", "1.0+abd"});
  expect_contains("!=1.0", {"1.0.post0", "0.9"}, {"1.0+x"});
  expect_contains("==1!1.*", {"1!1.2"}, {"1.2"});
}

TEST(Specifier, CompatibleReleaseEdges) {
  expect_contains("~=2.2", {"2.2", "2.3", "2.2.post1", "2.99"}, {"3.0", "2.1", "3.0.dev0"});
  expect_contains("~=1.4.5", {"1.4.5", "1.4.6"}, {"1.5", "1.4.4"});
  expect_contains("~=1.4.5a4", {"1.4.5a4", "1.4.5", "1.4.9"}, {"1.4.5a3", "1.5.0"});
  expect_contains("~=1.4.5.0", {"1.4.5.1"}, {"1.4.6"});
  EXPECT_FALSE(S("~=2.2") == S("~=2.2.0"));
  EXPECT_TRUE(S("==2.2") == S("==2.2.0"));
  auto bad = Specifier::parse("~=1");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("two release components"), std::string::npos);
}

TEST(Specifier, Packaging26PrereleaseRules) {
  EXPECT_TRUE(SS(">=1.0").contains("2.0a1"));
  EXPECT_FALSE(SS(">=1.0").contains("2.0a1", false));
  SpecifierSet no_pre = SS(">=1.0");
  no_pre.set_prereleases(false);
  EXPECT_FALSE(no_pre.contains("2.0a1"));
  EXPECT_TRUE(no_pre.contains("2.0a1", std::nullopt, /*installed=*/true));
  EXPECT_EQ(SS(">=1.0").filter(std::vector<std::string>{"1.0", "2.0a1"}), (std::vector<std::string>{"1.0"}));
  EXPECT_EQ(SS(">=1.0").filter(std::vector<std::string>{"2.0a1", "3.0b1"}),
            (std::vector<std::string>{"2.0a1", "3.0b1"}));
  EXPECT_EQ(SS(">=1.0").filter(std::vector<std::string>{"1.0", "2.0a1"}, true),
            (std::vector<std::string>{"1.0", "2.0a1"}));
  EXPECT_EQ(SS("").filter(std::vector<std::string>{"1.3", "1.5a1"}), (std::vector<std::string>{"1.3"}));
  EXPECT_EQ(SS(">=1.0a1").prereleases(), std::optional<bool>(true));
  EXPECT_EQ(SS(">=1.0").prereleases(), std::nullopt);
  EXPECT_EQ(S("!=1.0a1").prereleases(), std::optional<bool>(false));
  const std::vector<Version> vs = {*Version::parse("0.9"), *Version::parse("1.1")};
  EXPECT_EQ(SS("<1").filter(vs), (std::vector<Version>{*Version::parse("0.9")}));
}

TEST(Specifier, ArbitraryEqualityComparesStrings) {
  EXPECT_TRUE(S("===foobar").contains("FOOBAR"));
  EXPECT_FALSE(S("===1.0").contains("1.0.0"));
  EXPECT_TRUE(S("===1.0").contains(*Version::parse("1.0")));
  EXPECT_FALSE(S("===1.0").contains(*Version::parse("1.0.0")));  // a Version prints as "1.0.0"
  EXPECT_EQ(S("=== foo").version_text(), "foo");
  EXPECT_FALSE(S(">=1").contains("not a version"));
}

TEST(SpecifierSet, PrintsSortedAndComparesCanonically) {
  EXPECT_EQ(SS("<2, >=1 ,!=1.5").to_string(), "!=1.5,<2,>=1");
  EXPECT_EQ(SS(">=1.0,>=1.0.0").to_string(), ">=1.0");
  EXPECT_TRUE(SS(">=1.0,<2") == SS("<2.0.0,>=1"));
  EXPECT_FALSE(SS(">=1.0,<2") == SS(">=1.0"));
  EXPECT_TRUE(SS("").empty());
  SpecifierSet a = SS(">=1");
  a &= SS("<2");
  EXPECT_EQ(a.to_string(), "<2,>=1");
  EXPECT_EQ(std::string(pinreqs::pep440::to_string(Operator::Compatible)), "~=");
  EXPECT_EQ(Specifier::make(Operator::Less, *Version::parse("2.0")).to_string(), "<2.0");
}

TEST(SpecifierSet, Unsatisfiable) {
  EXPECT_TRUE(SS(">=2,<1").is_unsatisfiable());
  EXPECT_TRUE(SS("==1.0,!=1.0").is_unsatisfiable());
  EXPECT_TRUE(SS(">1.0,<=1.0.post3").is_unsatisfiable());
  EXPECT_TRUE(SS("<0.dev0").is_unsatisfiable());
  EXPECT_FALSE(SS(">=1.0,<2.0").is_unsatisfiable());
  EXPECT_FALSE(SS(">1.0,<1.0.1").is_unsatisfiable());  // 1.0.0.1 fits
  EXPECT_FALSE(SS("").is_unsatisfiable());
  SpecifierSet only_pre = SS(">=1.0a1,<=1.0a5");
  EXPECT_FALSE(only_pre.is_unsatisfiable());
  only_pre.set_prereleases(false);
  EXPECT_TRUE(only_pre.is_unsatisfiable());
}

TEST(Specifier, ErrorsSayWhatWasExpectedAndWhere) {
  struct Case {
    const char* input;
    std::size_t offset;
    const char* fragment;
  };
  const Case cases[] = {
      {"=>2.0", 0, "comparison operator"},
      {"  ", 2, "expected a version specifier"},
      {">=", 2, "expected a version after `>=`"},
      {">=1.0+local", 5, "local version label"},
      {"<1.0.*", 4, "wildcard is only allowed"},
      {"==1.0a1.*", 2, "plain release"},
      {"== 1.0 x", 6, "unexpected"},
      {"===a b", 4, "`===`"},
  };
  for (const auto& c : cases) {
    auto s = Specifier::parse(c.input);
    ASSERT_FALSE(s.has_value()) << c.input;
    EXPECT_EQ(s.error().offset, c.offset) << c.input << ": " << s.error().message;
    EXPECT_NE(s.error().message.find(c.fragment), std::string::npos) << c.input << ": " << s.error().message;
  }
  auto set = SpecifierSet::parse(">=1.0, <2.0+x");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().offset, 11u);
}

}  // namespace

namespace {

TEST(SpecifierSet, SetRelationsFollowAdmittedVersions) {
  EXPECT_TRUE(SS(">2").is_subset(SS(">1")));
  EXPECT_TRUE(SS("==1.0.*").is_subset(SS(">=1.0.dev0,<1.1.dev0")));
  EXPECT_TRUE(SS(">=1.0.dev0,<1.1.dev0").is_subset(SS("==1.0.*")));
  EXPECT_FALSE(SS(">=1.0").is_subset(SS(">1.0")));
  EXPECT_FALSE(SS(">1.0").is_subset(SS(">=1.0.1.dev0")));  // 1.0.0.1 is in the left only
  EXPECT_FALSE(SS(">=1.0.post0").is_subset(SS(">1.0")));  // 1.0.post0 is excluded by >1.0
  EXPECT_TRUE(SS("~=1.4").is_subset(SS("==1.*")));
  EXPECT_TRUE(SS("").is_superset(SS(">=3")));
  EXPECT_FALSE(SS(">=3").is_superset(SS("")));
  EXPECT_TRUE(SS("<1.0").is_disjoint(SS(">=1.0a1")));
  EXPECT_FALSE(SS("<=1.0").is_disjoint(SS("==1.0+local")));
  EXPECT_TRUE(SS(">1.0").is_disjoint(SS("<=1.0.post4")));
  EXPECT_TRUE(SS(">=2,<1").is_disjoint(SS("")));
}

}  // namespace

namespace {

// contains() answers most clauses with direct comparisons; filter() always goes through the range lists.
// Both must agree on every clause/version pair.
TEST(Specifier, DirectAnswersAgreeWithRanges) {
  const std::vector<std::string> versions = {
      "0.dev0", "0", "0.post0", "1.0.dev0", "1.0a1", "1.0a1+x", "1.0a1.post1", "1.0a2.dev0", "1.0",
      "1.0+local", "1.0+01", "1.0.post0.dev0", "1.0.post1", "1.0.post1+x", "1.0.0.1", "1.0.1.dev0", "1.0.1",
      "1.1.dev0", "1.1", "1.1+x", "1.2.3.4.5", "2.0rc1", "2.0", "1!0.1", "1!1.0+x"};
  const std::vector<std::string> specs = {
      "==1.0", "==1.0+local", "==1.0+01", "!=1.0", "!=1.0+local", "<=1.0", ">=1.0", "<1.0", ">1.0", "<1.0a2",
      ">1.0a1", ">1.0.post1", "<1.0.post1", ">1.0.dev0", "<=1.0.post1", "~=1.0", "~=1.0.0", "~=1.0a1", "==1.*",
      "==1.0.*", "!=1.0.*", "==1!0.*", ">=1!0", "<1.1", "<=1.0a1", "==1.0.0.0"};
  for (const auto& spec : specs) {
    const Specifier s = S(spec);
    for (const auto& v : versions) {
      const bool direct = s.contains(v, true);
      const bool ranged = !s.filter(std::vector<std::string>{v}, true).empty();
      EXPECT_EQ(direct, ranged) << spec << " vs " << v;
    }
  }
}

}  // namespace
