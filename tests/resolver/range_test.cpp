// Unit tests for the interval-set Range: algebraic laws over a grid of small ranges, plus concrete cases.
#include <gtest/gtest.h>

#include "pinreqs/resolver/pubgrub/range.hpp"

using pinreqs::resolver::pubgrub::Bound;
using pinreqs::resolver::pubgrub::Range;
using pinreqs::resolver::pubgrub::Version;

namespace {

Version v(const char* s) { return *Version::parse(s); }

std::vector<Range> samples() {
  std::vector<Range> out{Range::empty(), Range::full()};
  const char* pts[] = {"1", "1.5", "2", "3"};
  for (const char* a : pts) {
    out.push_back(Range::singleton(v(a)));
    out.push_back(Range::higher_than(v(a)));
    out.push_back(Range::strictly_higher_than(v(a)));
    out.push_back(Range::lower_than(v(a)));
    out.push_back(Range::strictly_lower_than(v(a)));
    for (const char* b : pts) out.push_back(Range::between(v(a), v(b)));
  }
  // A few unions with holes.
  out.push_back(Range::strictly_lower_than(v("1")).union_with(Range::higher_than(v("2"))));
  out.push_back(Range::singleton(v("1")).complement());
  return out;
}

}  // namespace

TEST(Range, ConcreteOperations) {
  const Range a = Range::between(v("1"), v("2"));
  EXPECT_TRUE(a.contains(v("1")));
  EXPECT_TRUE(a.contains(v("1.9.9")));
  EXPECT_FALSE(a.contains(v("2")));
  EXPECT_FALSE(a.contains(v("0.9")));
  EXPECT_EQ(a.to_string(), ">=1, <2");
  EXPECT_EQ(a.complement().to_string(), "<1 | >=2");
  EXPECT_EQ(Range::singleton(v("1.0")).to_string(), "==1.0");
  EXPECT_EQ(Range::full().to_string(), "*");
  EXPECT_TRUE(Range::between(v("2"), v("1")).is_empty());
  EXPECT_TRUE(Range::from_interval(Bound::excluded(v("1")), Bound::included(v("1"))).is_empty());
  // [1,2) ∪ [2,3) touch and merge; (.., 2) ∪ (2, ..) leave a hole at 2.
  EXPECT_EQ(a.union_with(Range::between(v("2"), v("3"))), Range::between(v("1"), v("3")));
  const Range holed = Range::strictly_lower_than(v("2")).union_with(Range::strictly_higher_than(v("2")));
  EXPECT_EQ(holed, Range::singleton(v("2")).complement());
  EXPECT_FALSE(holed.contains(v("2")));
  EXPECT_TRUE(holed.contains(v("2.0.1")));
  ASSERT_NE(Range::singleton(v("4")).as_singleton(), nullptr);
  EXPECT_EQ(*Range::singleton(v("4")).as_singleton(), v("4"));
  EXPECT_EQ(a.as_singleton(), nullptr);
  // Pre-releases and post-releases order inside intervals.
  EXPECT_TRUE(a.contains(v("2.0a1")));
  EXPECT_TRUE(Range::higher_than(v("1")).contains(v("1.post1")));
  EXPECT_FALSE(Range::higher_than(v("1")).contains(v("1.0rc1")));
}

TEST(Range, AlgebraicLaws) {
  const auto rs = samples();
  const char* probes[] = {"0", "0.5", "1", "1.2", "1.5", "1.7", "2", "2.5", "3", "4", "1.0.post1", "2.0a1"};
  for (const auto& x : rs) {
    EXPECT_EQ(x.complement().complement(), x) << x.to_string();
    EXPECT_TRUE(x.intersection(x.complement()).is_empty()) << x.to_string();
    EXPECT_TRUE(x.union_with(x.complement()).is_full()) << x.to_string();
    for (const auto& y : rs) {
      const Range i = x.intersection(y), u = x.union_with(y);
      EXPECT_EQ(i, y.intersection(x)) << x.to_string() << " & " << y.to_string();
      EXPECT_EQ(u, y.union_with(x)) << x.to_string() << " | " << y.to_string();
      EXPECT_EQ(u.complement(), x.complement().intersection(y.complement())) << x.to_string() << " " << y.to_string();
      EXPECT_TRUE(i.subset_of(x));
      EXPECT_TRUE(x.subset_of(u));
      for (const char* p : probes) {
        const Version pv = v(p);
        EXPECT_EQ(i.contains(pv), x.contains(pv) && y.contains(pv)) << x.to_string() << " & " << y.to_string() << " @ " << p;
        EXPECT_EQ(u.contains(pv), x.contains(pv) || y.contains(pv)) << x.to_string() << " | " << y.to_string() << " @ " << p;
        EXPECT_EQ(x.complement().contains(pv), !x.contains(pv)) << x.to_string() << " @ " << p;
      }
    }
  }
}
