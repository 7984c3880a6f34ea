#include <gtest/gtest.h>

#include "pinreqs/parsers/reqtxt/rewriter.hpp"
#include "support.hpp"

namespace {

using namespace pinreqs;

reqtxt::ParsedRequirements parse(const std::string& text) {
  reqtxt::ParseOptions o;
  o.reader = std::make_shared<reqtxt::MemoryFileReader>();
  o.env = [](std::string_view) { return std::optional<std::string>(); };
  return reqtxt::parse_requirements_text(text, "requirements.txt", o);
}

PackageName name(const char* n) { return PackageName::from_trusted(n); }

TEST(ReqtxtRewriter, GoldenRewriteKeepsEverythingElse) {
  const std::string dir = PINREQS_FIXTURES "/reqtxt-golden";
  const std::string text = reqtxt_test::read_file(dir + "/rewrite.in.txt");
  const auto p = parse(text);
  ASSERT_TRUE(p.ok()) << p.render_problems();
  auto out = reqtxt::rewrite(p, 0,
                             {reqtxt::SetSpecifier{name("numpy"), "==2.1.3"},
                              reqtxt::SetSpecifier{name("Flask"), "==3.0.3"},
                              reqtxt::SetSpecifier{name("requests"), ">=2.32,<3"},
                              reqtxt::ReplaceBlock{{"tzdata==2024.1", "six==1.16.0"}}});
  ASSERT_TRUE(out.has_value()) << out.error().describe();
  reqtxt_test::expect_golden(dir + "/rewrite.golden.txt", *out);
  // Replacing the block again changes only the block.
  const auto p2 = parse(*out);
  auto again = reqtxt::rewrite(p2, 0, {reqtxt::ReplaceBlock{{"six==1.17.0"}}});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->find("tzdata"), std::string::npos);
  EXPECT_NE(again->find("six==1.17.0\r\n# <<< pinreqs"), std::string::npos);
  EXPECT_EQ(again->substr(0, out->find("# >>>")), out->substr(0, out->find("# >>>")));
}

TEST(ReqtxtRewriter, NoEditsIsIdentity) {
  const std::string text = "\xEF\xBB\xBF" "a==1\r\nb \\\n  >=2 # x\rc\n";
  const auto p = parse(text);
  auto out = reqtxt::rewrite(p, 0, {});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, text);
}

TEST(ReqtxtRewriter, InsertsWhereThereIsNoSpecifier) {
  const auto p = parse("numpy ; python_version >= '3.9'\nscipy[all]\n");
  auto out = reqtxt::rewrite(p, 0, {reqtxt::SetSpecifier{name("numpy"), "==2.1.3"},
                                    reqtxt::SetSpecifier{name("scipy"), "==1.14.1"}});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "numpy==2.1.3 ; python_version >= '3.9'\nscipy[all]==1.14.1\n");
}

TEST(ReqtxtRewriter, Refusals) {
  const auto p = parse("pkg @ https://h/pkg-1.0.tar.gz\nx==1\n");
  EXPECT_FALSE(reqtxt::rewrite(p, 0, {reqtxt::SetSpecifier{name("pkg"), "==1"}}).has_value());
  EXPECT_FALSE(reqtxt::rewrite(p, 0, {reqtxt::SetSpecifier{name("absent"), "==1"}}).has_value());
  EXPECT_FALSE(reqtxt::rewrite(p, 0, {reqtxt::SetSpecifier{name("x"), "=>1"}}).has_value());
  EXPECT_FALSE(reqtxt::rewrite(p, 0, {reqtxt::SetSpecifier{name("x"), "==2"}, reqtxt::SetSpecifier{name("x"), "==3"}})
                   .has_value());
  const auto latin = parse("# coding: latin-1\nx==1 # \xE9\n");
  EXPECT_FALSE(reqtxt::rewrite(latin, 0, {reqtxt::SetSpecifier{name("x"), "==2"}}).has_value());
}

TEST(ReqtxtRewriter, AppendsBlockWithTheFileLineEnding) {
  const auto p = parse("a==1\r\nb==2");
  auto out = reqtxt::rewrite(p, 0, {reqtxt::ReplaceBlock{{"c==3"}, "# begin", "# end"}});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "a==1\r\nb==2\r\n# begin\r\nc==3\r\n# end\r\n");
}

}  // namespace
