// Focused Version tests: ordering of dev/pre/post/local, long releases and big numbers (the general
// comparison path), canonical printing, hashing, and error messages with offsets.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "pinreqs/parsers/version.hpp"

namespace pinreqs::pep440 {
inline void PrintTo(const Version& v, std::ostream* os) { *os << v.to_string(); }
}  // namespace pinreqs::pep440

namespace {

using pinreqs::pep440::PreKind;
using pinreqs::pep440::Version;

Version V(const std::string& s) {
  auto v = Version::parse(s);
  EXPECT_TRUE(v.has_value()) << s << ": " << (v ? "" : v.error().message);
  return v ? *v : Version();
}

TEST(Version, OrdersDevPrePostAndLocal) {
  const std::vector<std::string> ordered = {
      "0.dev0",        "0",           "1.0.dev0",      "1.0.dev1+x",     "1.0a1.dev1",    "1.0a1",
      "1.0a1+local",   "1.0a1.post1.dev1", "1.0a1.post1", "1.0b1",         "1.0rc1",        "1.0",
      "1.0+abc",       "1.0+abc.z",   "1.0+abc.1",     "1.0+1",          "1.0+2.abc",     "1.0+10",
      "1.0.post0.dev0", "1.0.post1",  "1.0.post1+x",   "1.0.0.0.1",      "1.0.1.dev0",    "1.0.1",
      "1.0.2.3.4.5",   "1.0.2.3.4.6", "1.0.10",        "2",              "1!0.1"};
  std::vector<Version> vs;
  for (const auto& s : ordered) vs.push_back(V(s));
  for (std::size_t i = 0; i + 1 < vs.size(); ++i) {
    EXPECT_LT(vs[i], vs[i + 1]) << ordered[i] << " < " << ordered[i + 1];
    EXPECT_GT(vs[i + 1], vs[i]) << ordered[i + 1] << " > " << ordered[i];
    EXPECT_NE(vs[i], vs[i + 1]);
  }
  std::vector<Version> shuffled = vs;
  std::mt19937 rng(42);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  std::sort(shuffled.begin(), shuffled.end());
  EXPECT_EQ(shuffled, vs);
}

TEST(Version, EqualSpellingsAreEqualWithEqualHashes) {
  const std::vector<std::pair<std::string, std::string>> same = {
      {"1.0", "1.0.0.0"},     {"1.0", "v1.0"},          {"1.0a1", "1.0-ALPHA.1"}, {"1.0rc1", "1.0c1"},
      {"1.0rc1", "1.0pre1"},  {"1.0rc1", "1.0preview1"}, {"1.0.post1", "1.0-1"},  {"1.0.post1", "1.0r1"},
      {"1.0.post0", "1.0.post"}, {"1.0.dev0", "1.0-dev"}, {"1.0+ab.1", "1.0+AB-1"}, {"1.0+01", "1.0+1"},
      {"0!1.2", "1.2"},       {"1.2.3.4.5.0.0", "1.2.3.4.5"}, {" 1.0\t", "1.0"}};
  for (const auto& [a, b] : same) {
    EXPECT_EQ(V(a), V(b)) << a << " == " << b;
    EXPECT_EQ(V(a).hash(), V(b).hash()) << a << " and " << b;
  }
  std::unordered_set<Version> set = {V("1.0"), V("1.0.0"), V("1.0+1"), V("1.0+01"), V("1.0.post1")};
  EXPECT_EQ(set.size(), 3u);
}

TEST(Version, GeneralPathForLongReleasesAndHugeNumbers) {
  EXPECT_LT(V("1.2.3.4.5"), V("1.2.3.4.5.1"));
  EXPECT_GT(V("1.2.3.5"), V("1.2.3.4.9.9"));
  EXPECT_EQ(V("1.2.3.4.0"), V("1.2.3.4"));
  EXPECT_LT(V("1.0.post9223372036854775807"), V("1.0.post9223372036854775808"));
  EXPECT_LT(V("1.0a2305843009213693952"), V("1.0a2305843009213693953"));
  EXPECT_LT(V("1.0.dev18446744073709551614"), V("1.0.dev18446744073709551615"));
  EXPECT_LT(V("1.0.dev18446744073709551615"), V("1.0"));
  EXPECT_EQ(V("18446744073709551615").release_at(0), 18446744073709551615ULL);
  auto err = Version::parse("1.18446744073709551616");
  ASSERT_FALSE(err.has_value());
  EXPECT_EQ(err.error().offset, 2u);
  EXPECT_NE(err.error().message.find("too large"), std::string::npos);
}

TEST(Version, CanonicalFormAndParts) {
  const Version v = V("  V1!2.0.0RC1-post2_DEV3+Ubuntu-1_2 ");
  EXPECT_EQ(v.to_string(), "1!2.0.0rc1.post2.dev3+ubuntu.1.2");
  EXPECT_EQ(v.epoch(), 1u);
  EXPECT_EQ(v.release(), (std::vector<std::uint64_t>{2, 0, 0}));
  ASSERT_TRUE(v.pre());
  EXPECT_EQ(v.pre()->kind, PreKind::Rc);
  EXPECT_EQ(v.pre()->number, 1u);
  EXPECT_EQ(v.post(), 2u);
  EXPECT_EQ(v.dev(), 3u);
  EXPECT_EQ(v.local(), "ubuntu.1.2");
  EXPECT_TRUE(v.is_prerelease());
  EXPECT_EQ(v.public_version().to_string(), "1!2.0.0rc1.post2.dev3");
  EXPECT_EQ(v.base_version().to_string(), "1!2.0.0");
  EXPECT_EQ(V("1.0a").to_string(), "1.0a0");
  EXPECT_EQ(V("1.0-a-").to_string(), "1.0a0");
  EXPECT_EQ(Version().to_string(), "0");
  EXPECT_EQ(Version::from_release({3, 12}).to_string(), "3.12");
  EXPECT_EQ(V("1.2.3.4.5.6rc1").with_release({2}).to_string(), "2rc1");
  EXPECT_EQ(V("1.2.3.4.5.6").release_size(), 6u);
  EXPECT_EQ(V("1.2.3.4.5.6").release_at(5), 6u);
  EXPECT_EQ(V("1.2.3.4.5.6").release_at(9), 0u);
  EXPECT_EQ(V("\xe2\x80\xaf" "1.0\xe2\x80\xa9").to_string(), "1.0");  // U+202F / U+2029 around it
}

TEST(Version, ErrorsSayWhatWasExpectedAndWhere) {
  struct Case {
    const char* input;
    std::size_t offset;
    const char* fragment;
  };
  const Case cases[] = {
      {"", 0, "empty version"},
      {"v", 1, "expected a version number"},
      {"french toast", 0, "expected a version number"},
      {"1..0", 1, "unexpected `.`"},
      {"1.0+", 4, "local version label"},
      {"1.0+_x", 4, "local version label"},
      {"1.0a1 x", 5, "unexpected ` `"},
      {"1.0.post1.dev1x", 14, "a local label"},
      {"1!", 2, "after the epoch"},
      {"1.0+abc+1", 7, "end of the version"},
  };
  for (const auto& c : cases) {
    auto v = Version::parse(c.input);
    ASSERT_FALSE(v.has_value()) << c.input;
    EXPECT_EQ(v.error().offset, c.offset) << c.input << ": " << v.error().message;
    EXPECT_NE(v.error().message.find(c.fragment), std::string::npos) << c.input << ": " << v.error().message;
  }
}

TEST(Version, CopiesAreIndependent) {
  Version a = V("1.2.3.4.5.6+local.label.that.is.long.enough.to.allocate");
  Version b = a;
  a = V("2");
  EXPECT_EQ(b.to_string(), "1.2.3.4.5.6+local.label.that.is.long.enough.to.allocate");
  EXPECT_EQ(a.to_string(), "2");
}

}  // namespace

namespace {

TEST(Version, NumericLocalSegmentsPrintAsNumbers) {
  EXPECT_EQ(V("1.0+01.0abc.00").to_string(), "1.0+1.0abc.0");
  EXPECT_EQ(V("1.0+01").local(), "1");
}

}  // namespace
