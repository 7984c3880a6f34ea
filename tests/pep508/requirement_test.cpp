// PEP 508 requirements: spans (used by the requirements-file rewriter), error messages and positions, printing.
#include <gtest/gtest.h>

#include <string>

#include "pinreqs/common/diagnostic.hpp"
#include "pinreqs/parsers/requirement.hpp"

namespace pinreqs::pep508::detail {
std::size_t analyze_grammar();  // pep508_grammar.cpp (internal)
}

namespace {

using pinreqs::Span;
using pinreqs::pep508::parse_requirement;
using pinreqs::pep508::Requirement;

TEST(Pep508Grammar, AnalyzeFindsNoProblems) { EXPECT_EQ(pinreqs::pep508::detail::analyze_grammar(), 0u); }

TEST(RequirementSpans, ParenthesizedSpecifierExtrasAndMarker) {
  const std::string text = "requests [socks] (>=2.8, <3) ; python_version >= '3.8'  ";
  auto r = parse_requirement(text);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->spans.name.in(text), "requests");
  ASSERT_TRUE(r->spans.extras);
  EXPECT_EQ(r->spans.extras->in(text), "[socks]");
  EXPECT_EQ(r->spans.specifier.in(text), "(>=2.8, <3)");
  EXPECT_EQ(r->spans.specifier_inner.in(text), ">=2.8, <3");
  EXPECT_TRUE(r->spans.specifier_parenthesized);
  ASSERT_TRUE(r->spans.marker);
  EXPECT_EQ(r->spans.marker->in(text), "python_version >= '3.8'");
  EXPECT_FALSE(r->spans.url);
  EXPECT_EQ(r->spans.requirement.in(text), "requests [socks] (>=2.8, <3) ; python_version >= '3.8'");
  EXPECT_EQ(r->req.to_string(), "requests[socks]<3,>=2.8; python_version >= \"3.8\"");
  EXPECT_EQ(r->req.name.str(), "requests");
  EXPECT_EQ(r->req.extras, std::vector<std::string>{"socks"});
}

TEST(RequirementSpans, PlainSpecifier) {
  const std::string text = "Foo_Bar>=1.0,<2;os_name=='nt'";
  auto r = parse_requirement(text);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->spans.specifier.in(text), ">=1.0,<2");
  EXPECT_EQ(r->spans.specifier_inner, r->spans.specifier);
  EXPECT_FALSE(r->spans.specifier_parenthesized);
  EXPECT_EQ(r->spans.marker->in(text), "os_name=='nt'");
  EXPECT_EQ(r->req.name.str(), "foo-bar");
  EXPECT_EQ(r->req.name_text, "Foo_Bar");
}

TEST(RequirementSpans, MissingSpecifierIsAnEmptySpanAfterNameOrExtras) {
  {
    const std::string text = "foo ; os_name == 'nt'";
    auto r = parse_requirement(text);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->spans.specifier, (Span{3, 3}));
    EXPECT_FALSE(r->spans.extras);
  }
  {
    const std::string text = "foo[Bar,baz]";
    auto r = parse_requirement(text);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->spans.specifier, (Span{12, 12}));
    EXPECT_EQ(r->req.extras_text, (std::vector<std::string>{"Bar", "baz"}));
    EXPECT_EQ(r->req.extras, (std::vector<std::string>{"bar", "baz"}));
  }
}

TEST(RequirementSpans, UrlAndOffsetBase) {
  const std::string text = "pkg @ https://example.com/pkg-1.0.whl ; extra == 'X'";
  auto r = parse_requirement(text, 100);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->spans.name, (Span{100, 103}));
  ASSERT_TRUE(r->spans.url);
  EXPECT_EQ((Span{r->spans.url->begin - 100, r->spans.url->end - 100}).in(text), "https://example.com/pkg-1.0.whl");
  EXPECT_EQ(r->req.url, "https://example.com/pkg-1.0.whl");
  EXPECT_TRUE(r->req.specifier.empty());
  EXPECT_EQ(r->req.to_string(), "pkg @ https://example.com/pkg-1.0.whl ; extra == \"x\"");
}

TEST(RequirementSpans, RewritingTheSpecifierInPlace) {
  // What the requirements-file helper does: replace only the specifier text.
  std::string text = "Django (>=1.4, <2) ; python_version < '3.9'  # comment-free";
  text = text.substr(0, text.find("  #"));
  auto r = parse_requirement(text);
  ASSERT_TRUE(r);
  std::string rewritten = text;
  rewritten.replace(r->spans.specifier.begin, r->spans.specifier.size(), "==1.11.29");
  EXPECT_EQ(rewritten, "Django ==1.11.29 ; python_version < '3.9'");
  auto again = Requirement::parse(rewritten);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->to_string(), "Django==1.11.29; python_version < \"3.9\"");
}

struct ErrorCase {
  const char* input;
  const char* message;
  Span span;
};

TEST(RequirementErrors, SayWhatWasExpectedAndWhere) {
  const ErrorCase cases[] = {
      {"", "expected package name at the start of dependency specifier", {0, 0}},
      {"==1.0", "expected package name at the start of dependency specifier", {0, 1}},
      {"name>=", "expected a version after `>=`", {4, 6}},
      {"name 1.0", "expected semicolon (after name with no version specifier) or end", {5, 6}},
      {"name >= 1.0 <= 2.0",
       "expected comma (within version specifier), semicolon (after version specifier) or end", {12, 13}},
      {"name >= 1.0, <=", "expected a version after `<=`", {13, 15}},
      {"name >= 1.0 #", "expected comma (within version specifier), semicolon (after version specifier) or end",
       {12, 13}},
      {"name[bar baz]", "expected comma between extra names", {9, 10}},
      {"name[bar, baz", "expected matching `]` for `[`, after extras", {13, 13}},
      {"name[bar,]", "expected extra name after comma", {9, 10}},
      {"name (>= 1.0", "expected matching `)` for `(`, after version specifier", {12, 12}},
      {"name >= 1.0+local", "local version label can only be used with `==` or `!=` operators", {11, 12}},
      {"name >= 1.0.*", "`.*` suffix can only be used with `==` or `!=` operators", {11, 12}},
      {"name == 1.0.post1.*", "`.*` suffix cannot be used with pre-release, post-release, dev or local versions",
       {17, 18}},
      {"name @ ", "expected URL after `@`", {7, 7}},
      {"name @ https://x.org/a; extra == 'b'", "expected semicolon (after URL and whitespace) or end", {24, 25}},
      {"name; os_name ==", "expected a marker variable or quoted string", {16, 16}},
      {"name; os_name == 'a' and", "expected a marker variable or quoted string", {24, 24}},
      {"name; os_name ~ 'a'", "expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", {14, 15}},
      {"name; os_name not 'a'", "expected `in` after `not`", {18, 19}},
      {"name; (os_name == 'a'", "expected matching `)` for `(`, after marker expression", {21, 21}},
      {"name; os_name == '\\x'", "invalid quoted string", {17, 21}},
      {"name; python_version >= '3'\n", "expected end of dependency specifier", {27, 28}},
      {"demo===x,y", "invalid specifier: `y`", {4, 10}},
  };
  for (const auto& c : cases) {
    auto r = parse_requirement(c.input);
    if (r) {
      ADD_FAILURE() << "accepted: " << c.input;
      continue;
    }
    EXPECT_EQ(r.error().message, c.message) << c.input;
    EXPECT_EQ(r.error().span, c.span) << c.input << " -> [" << r.error().span.begin << ", " << r.error().span.end
                                       << ")";
  }
}

TEST(RequirementErrors, HintsAndRendering) {
  const std::string text = "name 1.0";
  auto r = parse_requirement(text);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().hints.size(), 1u);
  EXPECT_EQ(r.error().hints[0], "a version needs an operator, e.g. `==1.0`");
  pinreqs::Diagnostic d;
  d.file = "requirements.txt";
  d.span = r.error().span;
  d.message = r.error().message;
  d.hints = r.error().hints;
  const std::string rendered = pinreqs::render(d, text);
  EXPECT_NE(rendered.find("requirements.txt:1:6"), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("\nhint: a version needs an operator"), std::string::npos) << rendered;
}

TEST(RequirementErrors, HintsForCommonMistakes) {
  {
    auto r = parse_requirement("requests=2.31.0");
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().hints.size(), 1u);
    EXPECT_EQ(r.error().hints[0], "pin a version with `==`, as in `==2.31.0`");
  }
  {
    auto r = parse_requirement("requests>=2 <3");
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().hints.size(), 1u);
    EXPECT_EQ(r.error().hints[0], "separate version clauses with `,`, as in `>=1.0,<2`");
  }
  {
    const std::string text = "tomli; python_version < 3.11";
    auto r = parse_requirement(text);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "expected a marker variable or quoted string");
    EXPECT_EQ(r.error().span.in(text), "3.11");
    ASSERT_EQ(r.error().hints.size(), 1u);
    EXPECT_NE(r.error().hints[0].find("`\"3.11\"`"), std::string::npos) << r.error().hints[0];
  }
}

TEST(RequirementPrinting, LikePackaging) {
  const std::pair<const char*, const char*> cases[] = {
      {"A.B-C_D", "A.B-C_D"},
      {"name[b, a, a]", "name[a,b]"},
      {"name (>=1.0, <2, !=1.5)", "name!=1.5,<2,>=1.0"},
      {"name>=1.0,", "name>=1.0"},
      {"name===x; os_name == 'a'", "name===x; os_name == \"a\""},
      {"name @ file:///tmp/x", "name @ file:///tmp/x"},
      {"name; (os_name == 'a' or os_name == 'b') and python_version < '3'",
       "name; (os_name == \"a\" or os_name == \"b\") and python_version < \"3\""},
      {"name; ((os_name == 'a'))", "name; os_name == \"a\""},
  };
  for (const auto& [input, want] : cases) {
    auto r = Requirement::parse(input);
    if (!r) {
      ADD_FAILURE() << input << ": " << r.error().message;
      continue;
    }
    EXPECT_EQ(r->to_string(), want) << input;
  }
}

TEST(RequirementEquality, CanonicalNamesExtrasAndSpecifiers) {
  auto eq = [](const char* a, const char* b) { return *Requirement::parse(a) == *Requirement::parse(b); };
  EXPECT_TRUE(eq("Foo.Bar[X_Y]==1.0", "foo-bar[x-y]==1.0.0"));
  EXPECT_TRUE(eq("foo; os_name=='a'", "foo ;os_name == \"a\""));
  EXPECT_FALSE(eq("foo>1", "foo>=1"));
  EXPECT_FALSE(eq("foo", "foo; os_name == 'a'"));
  EXPECT_FALSE(eq("foo @ https://a/b", "foo"));
}

}  // namespace
