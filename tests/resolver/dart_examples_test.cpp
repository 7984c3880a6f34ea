// The worked examples of dart pub's doc/solver.md, replayed on the generic solver: the solutions, and for the
// failing ones the explanation text (same derivation structure as solver.md, in our wording).
#include <gtest/gtest.h>

#include "pubgrub_test_provider.hpp"

using namespace pinreqs::resolver::pubgrub;
using namespace pinreqs::resolver::pubgrub::testing;

namespace {

SolveResult run(TestProvider& p) { return solve(p, p.id("root"), V("1.0.0")); }

std::string explain(TestProvider& p) {
  auto r = run(p);
  if (!std::holds_alternative<Conflict>(r)) return "(solved)";
  return report(std::get<Conflict>(r), p);
}

std::map<std::string, std::string> solution(TestProvider& p) {
  auto r = run(p);
  if (!std::holds_alternative<Solution>(r)) return {{"conflict", explain(p)}};
  return p.names_of(std::get<Solution>(r));
}

}  // namespace

TEST(DartSolverExamples, NoConflicts) {
  TestProvider p;
  p.add("root", "1.0.0", {{"foo", "^1.0.0"}});
  p.add("foo", "1.0.0", {{"bar", "^1.0.0"}});
  p.add("bar", "1.0.0", {});
  p.add("bar", "2.0.0", {});
  const std::map<std::string, std::string> want{{"root", "1.0.0"}, {"foo", "1.0.0"}, {"bar", "1.0.0"}};
  EXPECT_EQ(solution(p), want);
}

TEST(DartSolverExamples, AvoidingConflictDuringDecisionMaking) {
  TestProvider p;
  p.add("root", "1.0.0", {{"foo", "^1.0.0"}, {"bar", "^1.0.0"}});
  p.add("foo", "1.1.0", {{"bar", "^2.0.0"}});
  p.add("foo", "1.0.0", {});
  p.add("bar", "1.0.0", {});
  p.add("bar", "1.1.0", {});
  p.add("bar", "2.0.0", {});
  const std::map<std::string, std::string> want{{"root", "1.0.0"}, {"foo", "1.0.0"}, {"bar", "1.1.0"}};
  EXPECT_EQ(solution(p), want);
}

TEST(DartSolverExamples, PerformingConflictResolution) {
  TestProvider p;
  p.add("root", "1.0.0", {{"foo", ">=1.0.0"}});
  p.add("foo", "2.0.0", {{"bar", "^1.0.0"}});
  p.add("foo", "1.0.0", {});
  p.add("bar", "1.0.0", {{"foo", "^1.0.0"}});
  const std::map<std::string, std::string> want{{"root", "1.0.0"}, {"foo", "1.0.0"}};
  EXPECT_EQ(solution(p), want);
}

TEST(DartSolverExamples, ConflictResolutionWithAPartialSatisfier) {
  TestProvider p;
  p.add("root", "1.0.0", {{"foo", "^1.0.0"}, {"target", "^2.0.0"}});
  p.add("foo", "1.1.0", {{"left", "^1.0.0"}, {"right", "^1.0.0"}});
  p.add("foo", "1.0.0", {});
  p.add("left", "1.0.0", {{"shared", ">=1.0.0"}});
  p.add("right", "1.0.0", {{"shared", "<2.0.0"}});
  p.add("shared", "2.0.0", {});
  p.add("shared", "1.0.0", {{"target", "^1.0.0"}});
  p.add("target", "2.0.0", {});
  p.add("target", "1.0.0", {});
  const std::map<std::string, std::string> want{{"root", "1.0.0"}, {"foo", "1.0.0"}, {"target", "2.0.0"}};
  EXPECT_EQ(solution(p), want);
}

TEST(DartSolverExamples, LinearErrorReporting) {
  TestProvider p;
  p.add("root", "1.0.0", {{"foo", "^1.0.0"}, {"baz", "^1.0.0"}});
  p.add("foo", "1.0.0", {{"bar", "^2.0.0"}});
  p.add("bar", "2.0.0", {{"baz", "^3.0.0"}});
  p.add("baz", "1.0.0", {});
  p.add("baz", "3.0.0", {});
    // solver.md: "Because every version of foo depends on bar ^2.0.0 which depends on baz ^3.0.0, every version of
  // foo requires baz ^3.0.0. So, because root depends on both baz ^1.0.0 and foo ^1.0.0, version solving failed."
  EXPECT_EQ(explain(p),
            "Because every version of `foo` depends on `bar >=2.0.0, <3.0.0` which depends on `baz >=3.0.0, <4.0.0`, "
            "every version of `foo` requires `baz >=3.0.0, <4.0.0`.\n"
            "So, because root depends on both `foo >=1.0.0, <2.0.0` and `baz >=1.0.0, <2.0.0`, version solving "
            "failed.\n");
}

TEST(DartSolverExamples, BranchingErrorReporting) {
  TestProvider p;
  p.add("root", "1.0.0", {{"foo", "^1.0.0"}});
  p.add("foo", "1.0.0", {{"a", "^1.0.0"}, {"b", "^1.0.0"}});
  p.add("foo", "1.1.0", {{"x", "^1.0.0"}, {"y", "^1.0.0"}});
  p.add("a", "1.0.0", {{"b", "^2.0.0"}});
  p.add("b", "1.0.0", {});
  p.add("b", "2.0.0", {});
  p.add("x", "1.0.0", {{"y", "^2.0.0"}});
  p.add("y", "1.0.0", {});
  p.add("y", "2.0.0", {});
    // solver.md: six lines; `foo <1.1.0` is forbidden gets number (1) and is cited again before the conclusion.
  EXPECT_EQ(explain(p),
            "Because `foo <1.1.0` depends on `a >=1.0.0, <2.0.0` which depends on `b >=2.0.0, <3.0.0`, `foo <1.1.0` "
            "requires `b >=2.0.0, <3.0.0`.\n"
            "So, because `foo <1.1.0` depends on `b >=1.0.0, <2.0.0`, `foo <1.1.0` cannot be used. (1)\n"
            "\n"
            "Because `foo >=1.1.0` depends on `x >=1.0.0, <2.0.0` which depends on `y >=2.0.0, <3.0.0`, `foo >=1.1.0` "
            "requires `y >=2.0.0, <3.0.0`.\n"
            "And because `foo >=1.1.0` depends on `y >=1.0.0, <2.0.0`, `foo >=1.1.0` cannot be used.\n"
            "And because `foo <1.1.0` cannot be used (1), every version of `foo` cannot be used.\n"
            "So, because root depends on `foo >=1.0.0, <2.0.0`, version solving failed.\n");
}

TEST(DartSolverExamples, StepLimitEndsWithAnExplanation) {
  TestProvider p;
  p.add("root", "1.0.0", {{"foo", "^1.0.0"}});
  p.add("foo", "1.0.0", {{"a", "^1.0.0"}, {"b", "^1.0.0"}});
  p.add("foo", "1.1.0", {{"x", "^1.0.0"}, {"y", "^1.0.0"}});
  p.add("a", "1.0.0", {{"b", "^2.0.0"}});
  p.add("b", "1.0.0", {});
  p.add("b", "2.0.0", {});
  p.add("x", "1.0.0", {{"y", "^2.0.0"}});
  p.add("y", "1.0.0", {});
  p.add("y", "2.0.0", {});
  SolverStats stats;
  auto r = solve(p, p.id("root"), V("1.0.0"), 1, &stats);
  ASSERT_TRUE(std::holds_alternative<Conflict>(r));
  EXPECT_EQ(report(std::get<Conflict>(r), p),
            "Because root is unavailable (resolution gave up after 1 steps), version solving failed.\n");
  // Unbounded, the same problem takes several decisions and conflicts.
  solve(p, p.id("root"), V("1.0.0"), 0, &stats);
  EXPECT_GE(stats.conflicts, 2u);
}
