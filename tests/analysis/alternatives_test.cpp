// Lighter alternatives: the embedded table parses, malformed rows are rejected with their line, globs match
// normalized names, and each condition fires (and does not fire) as documented.
#include <gtest/gtest.h>

#include "pinreqs/analysis/alternatives.hpp"
#include "pinreqs/analysis/data.hpp"

namespace pinreqs::analysis {
namespace {

wheel::Target target(const char* platform) {
  wheel::Target t;
  t.python = *pep440::Version::parse("3.12");
  t.platform = *wheel::parse_platform(platform);
  return t;
}

PackageName pn(const char* n) { return PackageName::from_trusted(n); }

TEST(Alternatives, EmbeddedTableParses) {
  auto t = AlternativeTable::parse(data::alternatives_tsv(), "alternatives.tsv");
  ASSERT_TRUE(t) << t.error().message;
  // One rule per data row of analysis/data/alternatives.tsv.
  std::size_t rows = 0;
  for (char c : data::alternatives_tsv()) rows += c == '\n';
  EXPECT_EQ(t->rules().size() + 1, rows);
  EXPECT_EQ(AlternativeTable::builtin().rules().size(), t->rules().size());
  // Spot checks of the three kinds.
  const auto torch = AlternativeTable::builtin().matching(pn("torch"));
  ASSERT_EQ(torch.size(), 1u);
  EXPECT_EQ(torch[0]->kind, Alternative::Kind::FromIndex);
  EXPECT_EQ(torch[0]->index_url, "https://download.pytorch.org/whl/cpu");
  const auto nv = AlternativeTable::builtin().matching(pn("nvidia-cudnn-cu12"));
  ASSERT_EQ(nv.size(), 1u);
  EXPECT_EQ(nv[0]->kind, Alternative::Kind::Drop);
  const auto pg = AlternativeTable::builtin().matching(pn("psycopg"));
  ASSERT_EQ(pg.size(), 1u);
  EXPECT_EQ(pg[0]->distribution.str(), "psycopg");
  EXPECT_EQ(pg[0]->extras, "[binary]");
  EXPECT_TRUE(AlternativeTable::builtin().matching(pn("requests")).empty());
}

TEST(Alternatives, RejectsMalformedRows) {
  struct Case {
    const char* tsv;
    const char* message_part;
  };
  const std::vector<Case> cases = {
      {"package\talternative\tcondition\treason\na\tb\tsometimes\tr\n", ":2: expected server, cpu-target"},
      {"package\talternative\tcondition\treason\na\tb\n", ":2: expected 4 tab-separated fields, found 2"},
      {"pkg\talt\n", ":1: expected the header"},
      {"package\talternative\tcondition\treason\n\na\tb from nowhere\talways\tr\n", ":3: expected an index URL"},
      {"package\talternative\tcondition\treason\na\t!!\talways\tr\n", ":2: expected a distribution"},
      {"", "empty table"},
  };
  for (const auto& c : cases) {
    auto t = AlternativeTable::parse(c.tsv, "t.tsv");
    if (t) {
      ADD_FAILURE() << "accepted: " << c.tsv;
      continue;
    }
    if (t.error().message.find(c.message_part) == std::string::npos)
      ADD_FAILURE() << "message `" << t.error().message << "` lacks `" << c.message_part << "`";
  }
}

TEST(Alternatives, GlobMatch) {
  struct Case {
    const char* pattern;
    const char* text;
    bool match;
  };
  const std::vector<Case> cases = {
      {"nvidia-*-cu12", "nvidia-cudnn-cu12", true},   {"nvidia-*-cu12", "nvidia-cuda-nvrtc-cu12", true},
      {"nvidia-*-cu12", "nvidia-cudnn-cu11", false},  {"nvidia-*-cu12", "nvidia-cu12", false},
      {"torch", "torch", true},                       {"torch", "torchvision", false},
      {"*", "", true},                                {"a*b*c", "axxbyyc", true},
      {"a*b*c", "axxbyy", false},                     {"", "", true},
  };
  for (const auto& c : cases)
    if (glob_match(c.pattern, c.text) != c.match)
      ADD_FAILURE() << c.pattern << " vs " << c.text << ": want " << c.match;
  // Patterns are normalized like names.
  auto t = AlternativeTable::parse("package\talternative\tcondition\treason\nFoo_Bar.*\t(drop)\talways\tr\n", "t");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rules()[0].pattern, "foo-bar-*");
  EXPECT_EQ(t->matching(pn("foo-bar-baz")).size(), 1u);
}

TEST(Alternatives, EachConditionFiresAndDoesNot) {
  const auto& table = AlternativeTable::builtin();
  auto rule = [&](const char* name) { return table.matching(pn(name)).at(0); };
  const auto linux = target("x86_64-manylinux_2_28");
  const auto mac = target("aarch64-apple-darwin");
  const auto windows = target("x86_64-pc-windows-msvc");
  int lookups = 0;
  const AlternativeLookup exists = [&](const Alternative&) {
    ++lookups;
    return std::optional<AlternativeOnTarget>(AlternativeOnTarget{true, "4.10.0.84", 40'000'000});
  };
  const AlternativeLookup missing = [&](const Alternative&) {
    return std::optional<AlternativeOnTarget>(AlternativeOnTarget{false, "", std::nullopt});
  };
  const AlternativeLookup unknown = [&](const Alternative&) { return std::optional<AlternativeOnTarget>(); };
  struct Case {
    const char* what;
    const char* package;
    Availability availability;
    const wheel::Target* target;
    const AlternativeLookup* lookup;
    bool fires;
    bool conditional;
    std::optional<std::int64_t> change;
  };
  const std::vector<Case> cases = {
      {"server: alternative exists", "opencv-python", Availability::PlatformWheel, &linux, &exists, true, false,
       40'000'000 - 60'000'000},
      {"server: alternative has no wheel for the target", "opencv-python", Availability::PlatformWheel, &linux,
       &missing, false, false, std::nullopt},
      {"server: could not check", "opencv-python", Availability::PlatformWheel, &linux, &unknown, false, false,
       std::nullopt},
      {"cpu-target drop on Linux", "nvidia-cublas-cu12", Availability::PlatformWheel, &linux, &missing, true, true,
       -60'000'000},
      {"cpu-target drop on Windows", "triton", Availability::PlatformWheel, &windows, &missing, true, true,
       -60'000'000},
      {"cpu-target never on macOS", "nvidia-cublas-cu12", Availability::PlatformWheel, &mac, &exists, false, false,
       std::nullopt},
      {"cpu-target from another index", "torch", Availability::PlatformWheel, &linux, &exists, true, true,
       40'000'000 - 60'000'000},
      {"no-compiler with an sdist-only package", "psycopg2", Availability::SdistOnly, &linux, &exists, true, false,
       40'000'000 - 60'000'000},
      {"no-compiler when nothing installs", "mysqlclient", Availability::Nothing, &linux, &exists, true, false,
       40'000'000 - 60'000'000},
      {"no-compiler not when a wheel installs", "psycopg2", Availability::PlatformWheel, &linux, &exists, false,
       false, std::nullopt},
      {"always", "pycrypto", Availability::PureWheel, &mac, &exists, true, false, 40'000'000 - 60'000'000},
  };
  for (const auto& c : cases) {
    SuggestionInput in{pn(c.package), c.availability, 60'000'000};
    const auto s = evaluate_alternative(*rule(c.package), in, *c.target, *c.lookup);
    if (s.has_value() != c.fires) {
      ADD_FAILURE() << c.what << ": fires=" << s.has_value();
      continue;
    }
    if (!s) continue;
    if (s->conditional != c.conditional) ADD_FAILURE() << c.what << ": conditional=" << s->conditional;
    if (s->size_change != c.change)
      ADD_FAILURE() << c.what << ": size change " << s->size_change.value_or(0) << ", want " << c.change.value_or(0);
    if (s->package != pn(c.package)) ADD_FAILURE() << c.what << ": wrong package";
  }
  EXPECT_GT(lookups, 0);
  // A rule never applies to a package it does not match.
  SuggestionInput other{pn("requests"), Availability::PureWheel, 1};
  EXPECT_FALSE(evaluate_alternative(*rule("pycrypto"), other, linux, exists));
  // The replacement names the version found and the other index.
  SuggestionInput torch{pn("torch"), Availability::PlatformWheel, 1};
  EXPECT_EQ(evaluate_alternative(*rule("torch"), torch, linux, exists)->replacement,
            "torch 4.10.0.84 from https://download.pytorch.org/whl/cpu");
}

}  // namespace
}  // namespace pinreqs::analysis
