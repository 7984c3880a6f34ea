#include <gtest/gtest.h>

#include "pinreqs/common/diagnostic.hpp"
#include "pinreqs/common/error.hpp"

namespace pinreqs {
namespace {

TEST(LineCol, CountsLfCrlfAndCr) {
  const std::string_view text = "ab\ncd\r\nef\rgh";
  EXPECT_EQ(line_col(text, 0).line, 1u);
  EXPECT_EQ(line_col(text, 1).column, 2u);
  EXPECT_EQ(line_col(text, 3).line, 2u);
  EXPECT_EQ(line_col(text, 3).column, 1u);
  EXPECT_EQ(line_col(text, 7).line, 3u);  // "ef" after CRLF
  EXPECT_EQ(line_col(text, 10).line, 4u); // "gh" after lone CR
  EXPECT_EQ(line_col(text, 11).column, 2u);
  EXPECT_EQ(line_col(text, 999).line, 4u);  // clamps past the end
}

TEST(Render, CaretUnderSpanWithHint) {
  const std::string src = "numpy>=1.0\nflask>=\nrequests\n";
  Diagnostic d;
  d.file = "requirements.txt";
  d.span = {16, 18};
  d.message = "expected a version after `>=`";
  d.hints = {"write `flask>=2.0`"};
  const std::string out = render(d, src);
  EXPECT_EQ(out,
            "requirements.txt:2:6: error: expected a version after `>=`\n"
            "  |\n"
            "2 | flask>=\n"
            "  |      ^^\n"
            "hint: write `flask>=2.0`\n");
}

TEST(Render, EmptySpanGetsOneCaretAndColorIsOptIn) {
  Diagnostic d;
  d.span = {3, 3};
  d.message = "unexpected end";
  EXPECT_NE(render(d, "abc").find("   ^\n"), std::string::npos);
  EXPECT_EQ(render(d, "abc").find("\x1b["), std::string::npos);
  EXPECT_NE(render(d, "abc", {.color = true}).find("\x1b["), std::string::npos);
}

TEST(Error, ContextIsAppendedOnTheWayUp) {
  Error e(ErrorKind::Http, "HTTP 503 from index");
  e.with_context("fetching `numpy`");
  EXPECT_EQ(e.describe(), "HTTP 503 from index\n  while fetching `numpy`");
  Result<int> r = fail(ErrorKind::Offline, "not cached");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::Offline);
  EXPECT_STREQ(to_string(ErrorKind::NotFound), "not-found");
}

}  // namespace
}  // namespace pinreqs
