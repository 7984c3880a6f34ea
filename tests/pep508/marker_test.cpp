// PEP 508 markers: precedence, parentheses, legacy names, packaging 26's comparison rules, contexts, the
// resolver's per-extra evaluation, and the shared-tree Marker value.
#include <gtest/gtest.h>

#include <string>

#include "pinreqs/parsers/marker.hpp"

namespace {

using pinreqs::pep508::Environment;
using pinreqs::pep508::Marker;
using pinreqs::pep508::MarkerContext;
using pinreqs::pep508::MarkerEvalErrorKind;
using pinreqs::pep508::MarkerVariable;

Environment linux311() {
  Environment e;
  e.implementation_name = "cpython";
  e.implementation_version = "3.11.7";
  e.os_name = "posix";
  e.platform_machine = "x86_64";
  e.platform_release = "6.1.0-18-amd64";
  e.platform_system = "Linux";
  e.platform_version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)";
  e.python_full_version = "3.11.7";
  e.platform_python_implementation = "CPython";
  e.python_version = "3.11";
  e.sys_platform = "linux";
  return e;
}

bool eval(const std::string& text, const Environment& env, MarkerContext ctx = MarkerContext::Metadata) {
  auto m = Marker::parse(text);
  EXPECT_TRUE(m) << text << ": " << (m ? "" : m.error().message);
  if (!m) return false;
  auto r = m->evaluate(env, ctx);
  EXPECT_TRUE(r) << text << ": " << (r ? "" : r.error().message);
  return r && *r;
}

TEST(Marker, AndBindsTighterThanOr) {
  Environment env = linux311();
  EXPECT_TRUE(eval("os_name == 'posix' or os_name == 'nt' and python_version < '3'", env));
  EXPECT_FALSE(eval("(os_name == 'posix' or os_name == 'nt') and python_version < '3'", env));
  EXPECT_TRUE(eval("python_version < '3' and os_name == 'nt' or sys_platform == 'linux'", env));
  EXPECT_FALSE(eval("python_version < '3' and (os_name == 'nt' or sys_platform == 'linux')", env));
}

TEST(Marker, LegacyNamesAndQuotesNormalized) {
  auto m = Marker::parse("os.name=='nt' and python_implementation==\"CPython\" or platform.machine in 'x86_64 arm64'");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->to_string(),
            "os_name == \"nt\" and platform_python_implementation == \"CPython\" or platform_machine in \"x86_64 "
            "arm64\"");
  EXPECT_TRUE(m->evaluate(linux311()).value());
}

TEST(Marker, VersionKeysCompareAsVersionsAndReversedComparisonsWork) {
  Environment env = linux311();
  EXPECT_TRUE(eval("python_version >= '3.8'", env));
  EXPECT_TRUE(eval("python_version > '3.9'", env));  // "3.11" > "3.9" as versions, not as strings
  EXPECT_TRUE(eval("'3.8' < python_version", env));
  EXPECT_FALSE(eval("'3.12' <= python_version", env));
  EXPECT_TRUE(eval("python_full_version ~= '3.11.0'", env));
  EXPECT_TRUE(eval("python_version == '3.*'", env));
  EXPECT_TRUE(eval("python_version in '3.10 3.11'", env));  // `in` is a substring test
  EXPECT_FALSE(eval("python_version not in '3.10 3.11'", env));
  EXPECT_TRUE(eval("python_full_version >= '3.12.0a1'", [] {
    Environment e = linux311();
    e.python_full_version = "3.12.0b1";  // pre-releases are matched (prereleases=True)
    return e;
  }()));
}

TEST(Marker, PythonFullVersionWithTrailingPlusIsRepaired) {
  Environment env = linux311();
  env.python_full_version = "3.11.7+";
  EXPECT_TRUE(eval("python_full_version >= '3.11'", env));
}

TEST(Marker, StringFallbackRules) {
  Environment env = linux311();
  EXPECT_FALSE(eval("os_name < 'zzz'", env));  // no lexicographic order in packaging 26
  EXPECT_FALSE(eval("os_name > 'a'", env));
  EXPECT_TRUE(eval("os_name <= 'posix'", env));  // `<=` / `>=` mean equal
  EXPECT_TRUE(eval("'pos' in os_name", env));
  EXPECT_FALSE(eval("platform_release >= '5'", env));  // not a valid version: false, not an error
  for (const char* text : {"os_name ~= '1.0'", "os_name === 'posix'", "'1.0' ~= os_name"}) {
    auto r = Marker::parse(text)->evaluate(env);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().kind, MarkerEvalErrorKind::UndefinedComparison) << text;
  }
}

TEST(Marker, NoShortCircuit) {
  // packaging evaluates every comparison, so an undefined one anywhere raises.
  auto r = Marker::parse("os_name == 'posix' or os_name ~= '1.0'")->evaluate(linux311());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, MarkerEvalErrorKind::UndefinedComparison);
}

TEST(Marker, ExtraIsCanonicalizedAndContextDecidesWhetherItExists) {
  auto m = Marker::parse("extra == 'Foo_Bar' or extra == \"b\"");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->to_string(), "extra == \"foo-bar\" or extra == \"b\"");
  EXPECT_TRUE(m->mentions_extra());
  EXPECT_FALSE(m->mentions(MarkerVariable::PythonVersion));
  EXPECT_EQ(m->referenced_extras(), (std::vector<std::string>{"b", "foo-bar"}));
  Environment env = linux311();
  EXPECT_FALSE(m->evaluate(env, MarkerContext::Metadata).value());  // extra defaults to ""
  auto undefined = m->evaluate(env, MarkerContext::Requirement);
  ASSERT_FALSE(undefined);
  EXPECT_EQ(undefined.error().kind, MarkerEvalErrorKind::UndefinedEnvironmentName);
  EXPECT_TRUE(m->evaluate_with_extra(env, "FOO.bar").value());
  EXPECT_TRUE(m->evaluate_with_extra(env, "B", MarkerContext::Requirement).value());
  EXPECT_FALSE(m->evaluate_with_extra(env, "c").value());
  env.extra = "foo--bar";
  EXPECT_TRUE(m->evaluate(env).value());
}

TEST(Marker, SetValuedKeysInLockFiles) {
  auto m = Marker::parse("'Dev' in dependency_groups and 'docs' not in extras");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->to_string(), "\"dev\" in dependency_groups and \"docs\" not in extras");
  Environment env = linux311();
  EXPECT_FALSE(m->evaluate(env, MarkerContext::LockFile).value());  // missing sets are empty
  env.dependency_groups = std::vector<std::string>{"DEV"};
  EXPECT_TRUE(m->evaluate(env, MarkerContext::LockFile).value());
  Environment plain = linux311();
  auto r = m->evaluate(plain, MarkerContext::Metadata);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, MarkerEvalErrorKind::UndefinedEnvironmentName);
}

TEST(Marker, QuotedStringsAreDecodedLikePythonLiterals) {
  auto m = Marker::parse("platform_version == 'a\\tb' or os_name == \"it's\"");
  ASSERT_TRUE(m);
  Environment env = linux311();
  env.platform_version = "a\tb";
  EXPECT_TRUE(m->evaluate(env).value());
  auto dq = Marker::parse("os_name == 'say \"hi\"'");
  ASSERT_TRUE(dq);
  EXPECT_EQ(dq->to_string(), "os_name == 'say \"hi\"'");
  for (const char* bad : {"os_name == \"C:\\\"", "os_name == '\\x4'", "os_name == 'a\nb'"}) {
    auto r = Marker::parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message, "invalid quoted string") << bad;
  }
}

TEST(Marker, EmptyCombineAndCopy) {
  Marker empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.to_string(), "");
  EXPECT_TRUE(empty.evaluate(Environment{}).value());
  auto a = *Marker::parse("os_name == 'a' or os_name == 'b'");
  auto b = *Marker::parse("python_version < '3'");
  EXPECT_EQ((a && b).to_string(), "(os_name == \"a\" or os_name == \"b\") and python_version < \"3\"");
  EXPECT_EQ((b || a).to_string(), "python_version < \"3\" or (os_name == \"a\" or os_name == \"b\")");
  EXPECT_EQ((empty && b).to_string(), b.to_string());
  Marker copy = a;
  EXPECT_EQ(copy.root(), a.root());  // shared immutable tree
  EXPECT_TRUE(copy == a);
}

TEST(Marker, ParseErrorsPointAtTheProblem) {
  struct Case {
    const char* input;
    const char* message;
    std::size_t at;
  };
  const Case cases[] = {
      {"", "expected a marker variable or quoted string", 0},
      {"python_version", "expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", 14},
      {"this_isnt_a_real_variable >= '1.0'", "expected a marker variable or quoted string", 0},
      {"os_name == 'a' and (python_version)", "expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", 34},
      {"python_version >= '3'\n", "expected end of marker expression", 21},
      {"os_name == 'a' andos_name == 'b'", "expected end of marker expression", 15},
      {"os_name not  'a'", "expected `in` after `not`", 13},
  };
  for (const auto& c : cases) {
    auto r = Marker::parse(c.input);
    if (r) {
      ADD_FAILURE() << "accepted: " << c.input;
      continue;
    }
    EXPECT_EQ(r.error().message, c.message) << c.input;
    EXPECT_EQ(r.error().span.begin, c.at) << c.input;
  }
}

}  // namespace
