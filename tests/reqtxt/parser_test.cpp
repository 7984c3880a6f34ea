#include <gtest/gtest.h>

#include <algorithm>

#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "support.hpp"

namespace {

using namespace pinreqs;
using reqtxt::ParseOptions;
using reqtxt::ProblemKind;

ParseOptions offline(std::shared_ptr<reqtxt::FileReader> reader = std::make_shared<reqtxt::MemoryFileReader>()) {
  ParseOptions o;
  o.reader = std::move(reader);
  o.env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "TOKEN") return "s3cret";
    if (name == "EMPTY") return "";
    return std::nullopt;
  };
  return o;
}

std::vector<ProblemKind> kinds(const reqtxt::ParsedRequirements& p) {
  std::vector<ProblemKind> k;
  for (const auto& x : p.problems) k.push_back(x.kind);
  return k;
}

TEST(ReqtxtParser, SpansOfEveryPart) {
  const std::string text =
      "\xEF\xBB\xBF# header\r\n"
      "numpy[dev, test] >= 1.24 , <2 ; python_version >= \"3.9\"  # pinned\r\n"
      "flask==3.0.0 \\\r\n"
      "    --hash=sha256:aaaa \\\r\n"
      "    --hash sha256:bbbb\r\n"
      "pkg @ https://host/pkg-1.0.tar.gz ; os_name == 'nt'\r\n"
      "-e ./local[extra] ; sys_platform == \"linux\"\r\n"
      "git+https://github.com/o/r.git@v1#egg=r&subdirectory=sub\r\n"
      "-i https://mirror/simple\r\n";
  const auto p = reqtxt::parse_requirements_text(text, "req.txt", offline());
  ASSERT_TRUE(p.ok()) << p.render_problems();
  ASSERT_EQ(p.requirements.size(), 4U);
  const std::string_view t = p.files[0].text;
  const auto& np = p.requirements[0];
  EXPECT_EQ(np.line_number, 2U);
  EXPECT_EQ(np.name_span->in(t), "numpy");
  EXPECT_EQ(np.extras_span->in(t), "[dev, test]");
  EXPECT_EQ(np.specifier_span->in(t), ">= 1.24 , <2");
  EXPECT_EQ(np.marker_span->in(t), "python_version >= \"3.9\"");
  EXPECT_EQ(np.comment_span->in(t), "# pinned");
  EXPECT_EQ(np.line.in(t), "numpy[dev, test] >= 1.24 , <2 ; python_version >= \"3.9\"  # pinned");
  const auto& fl = p.requirements[1];
  EXPECT_EQ(fl.line_number, 3U);
  ASSERT_EQ(fl.hashes.size(), 2U);
  EXPECT_EQ(fl.hashes[0].span.in(t), "sha256:aaaa");
  EXPECT_EQ(fl.hashes[1].span.in(t), "sha256:bbbb");
  EXPECT_EQ(fl.hashes[1].option_span.in(t), "--hash sha256:bbbb");
  EXPECT_EQ(fl.line.in(t), "flask==3.0.0 \\\r\n    --hash=sha256:aaaa \\\r\n    --hash sha256:bbbb");
  const auto& pkg = p.requirements[2];
  EXPECT_EQ(pkg.url_span->in(t), "https://host/pkg-1.0.tar.gz");
  EXPECT_EQ(pkg.url_kind, reqtxt::UrlKind::Archive);
  const auto& git = p.requirements[3];
  EXPECT_FALSE(git.named);
  EXPECT_EQ(git.name.str(), "r");
  EXPECT_EQ(git.url_kind, reqtxt::UrlKind::Vcs);
  ASSERT_EQ(p.editables.size(), 1U);
  EXPECT_EQ(p.editables[0].url, "./local");
  EXPECT_EQ(p.editables[0].extras, std::vector<std::string>{"extra"});
  EXPECT_EQ(p.editables[0].marker_span->in(t), "sys_platform == \"linux\"");
  ASSERT_EQ(p.options.size(), 1U);
  EXPECT_EQ(p.options[0].value_span->in(t), "https://mirror/simple");
  EXPECT_EQ(p.index.index_url.value_or(""), "https://mirror/simple");
}

TEST(ReqtxtParser, EnvironmentVariablesOnlyInBracedUpperForm) {
  const std::string text =
      "pkg @ https://${TOKEN}@host/pkg.whl\n"
      "other @ https://${EMPTY}x.org/$TOKEN/%TOKEN%/${lower}/${UNSET}/o.whl\n";
  const auto p = reqtxt::parse_requirements_text(text, "r.txt", offline());
  ASSERT_TRUE(p.ok()) << p.render_problems();
  ASSERT_EQ(p.requirements.size(), 2U);
  EXPECT_EQ(p.requirements[0].url, "https://s3cret@host/pkg.whl");
  // The span still points at the source text, variable included.
  EXPECT_EQ(p.requirements[0].url_span->in(p.files[0].text), "https://${TOKEN}@host/pkg.whl");
  EXPECT_EQ(p.requirements[1].url, "https://${EMPTY}x.org/$TOKEN/%TOKEN%/${lower}/${UNSET}/o.whl");
}

TEST(ReqtxtParser, EveryProblemReportedInOneRunWithGoldenRendering) {
  const std::string dir = PINREQS_FIXTURES "/reqtxt-golden";
  const std::string text = reqtxt_test::read_file(dir + "/diagnostics.txt");
  const auto p = reqtxt::parse_requirements_text(text, "diagnostics.txt", offline());
  const std::vector<ProblemKind> want = {
      ProblemKind::UnknownOption,       ProblemKind::InvalidOptionValue, ProblemKind::InvalidRequirement,
      ProblemKind::InvalidRequirement,  ProblemKind::InvalidPath,        ProblemKind::MissingOptionValue,
      ProblemKind::IncludeNotFound,     ProblemKind::UnterminatedQuote,  ProblemKind::InvalidOptionValue,
      ProblemKind::InvalidRequirement,  ProblemKind::UnknownOption,      ProblemKind::UnterminatedContinuation};
  EXPECT_EQ(kinds(p), want);
  // The good line before the errors and the continued line at the end still parse.
  ASSERT_EQ(p.requirements.size(), 2U);
  EXPECT_EQ(p.requirements[0].name.str(), "numpy");
  EXPECT_EQ(p.requirements[1].name.str(), "tomli");
  reqtxt_test::expect_golden(dir + "/diagnostics.golden", p.render_problems());
}

TEST(ReqtxtParser, EncodingProblemsSkipOnlyTheirLines) {
  const std::string dir = PINREQS_FIXTURES "/reqtxt-golden";
  const auto p = reqtxt::parse_requirements_text(reqtxt_test::read_file(dir + "/encoding.txt"), "encoding.txt",
                                                 offline());
  EXPECT_EQ(kinds(p), (std::vector<ProblemKind>{ProblemKind::NulByte, ProblemKind::InvalidEncoding}));
  ASSERT_EQ(p.requirements.size(), 2U);
  EXPECT_EQ(p.requirements[1].name.str(), "ok");
  reqtxt_test::expect_golden(dir + "/encoding.golden", p.render_problems());
}

TEST(ReqtxtParser, LineOverTheLimit) {
  ParseOptions o = offline();
  o.max_line_bytes = 64;
  const std::string text = "a==1\n" + std::string(100, 'x') + "\nb==2\n";
  const auto p = reqtxt::parse_requirements_text(text, "r.txt", o);
  EXPECT_EQ(kinds(p), std::vector<ProblemKind>{ProblemKind::LineTooLong});
  EXPECT_EQ(p.requirements.size(), 2U);
}

TEST(ReqtxtParser, LineEndingsLfCrlfCrAndMixed) {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const std::string text = "a==1" + eol + "b==2 \\" + eol + "  --hash=sha256:ff" + eol + "# c" + eol + "c" + eol;
    const auto p = reqtxt::parse_requirements_text(text, "r.txt", offline());
    ASSERT_TRUE(p.ok()) << p.render_problems();
    ASSERT_EQ(p.requirements.size(), 3U);
    EXPECT_EQ(p.requirements[1].hashes.size(), 1U);
    EXPECT_EQ(p.requirements[2].line_number, 5U);
  }
}

TEST(ReqtxtParser, IncludesRelativeNestedAndCycles) {
  auto reader = std::make_shared<reqtxt::MemoryFileReader>();
  reader->add("proj/requirements.txt", "-r sub/base.txt\n-c constraints.txt\ntop\n");
  reader->add("proj/sub/base.txt", "-r ../common.txt\nbase\n");
  reader->add("proj/common.txt", "common\n-r sub/base.txt\n");
  reader->add("proj/constraints.txt", "pinned==1\n");
  const auto p = reqtxt::parse_requirements_file("proj/requirements.txt", offline(reader));
  EXPECT_EQ(kinds(p), std::vector<ProblemKind>{ProblemKind::IncludeCycle});
  ASSERT_EQ(p.problems.size(), 1U);
  const auto& d = p.problems[0].diagnostic;
  EXPECT_EQ(d.message, "proj/sub/base.txt recursively references itself in proj/common.txt and again in "
                       "proj/requirements.txt");
  ASSERT_EQ(d.hints.size(), 1U);
  EXPECT_EQ(d.hints[0],
            "include chain: proj/requirements.txt -> proj/sub/base.txt -> proj/common.txt -> proj/sub/base.txt");
  EXPECT_EQ(p.files[p.problems[0].file].location, "proj/common.txt");
  std::vector<std::string> names;
  for (const auto& e : p.requirements) names.push_back(e.name.str());
  EXPECT_EQ(names, (std::vector<std::string>{"common", "base", "top"}));
  ASSERT_EQ(p.constraints.size(), 1U);
  EXPECT_EQ(p.constraints[0].name.str(), "pinned");

  ParseOptions skip = offline(reader);
  skip.cycles = reqtxt::CyclePolicy::Skip;
  EXPECT_TRUE(reqtxt::parse_requirements_file("proj/requirements.txt", skip).ok());
}

TEST(ReqtxtParser, RemoteIncludeIsUnsupportedOfflineByDefault) {
  ParseOptions o;
  o.env = [](std::string_view) { return std::optional<std::string>(); };
  const auto p = reqtxt::parse_requirements_text("-r https://example.org/r.txt\nx\n", "r.txt", o);
  EXPECT_EQ(kinds(p), std::vector<ProblemKind>{ProblemKind::IncludeUnsupported});
  EXPECT_EQ(p.requirements.size(), 1U);
}

TEST(ReqtxtParser, GlobalOptions) {
  const std::string text =
      "-i https://a/simple\n--extra-index-url=https://b/simple\n-f ./wheels\n--no-index\n"
      "--extra-index-url https://c/simple\n--pre\n--prefer-binary\n--only-binary :all:\n--no-binary numpy,Scipy\n"
      "--trusted-host b\n--require-hashes\n--use-feature truststore\n--find-l ./more\n";
  const auto p = reqtxt::parse_requirements_text(text, "r.txt", offline());
  ASSERT_TRUE(p.ok()) << p.render_problems();
  const auto& ix = p.index;
  EXPECT_EQ(ix.index_url.value_or(""), "https://a/simple");
  EXPECT_EQ(ix.extra_index_urls, (std::vector<std::string>{"https://b/simple", "https://c/simple"}));
  EXPECT_TRUE(ix.effective_index_urls.empty());  // --no-index
  EXPECT_EQ(ix.find_links, (std::vector<std::string>{"./wheels", "./more"}));
  EXPECT_TRUE(ix.pre && ix.prefer_binary && ix.require_hashes && ix.no_index);
  EXPECT_EQ(ix.format.only_binary, std::vector<std::string>{":all:"});
  EXPECT_EQ(ix.format.no_binary, (std::vector<std::string>{"numpy", "scipy"}));
  EXPECT_EQ(ix.use_features, std::vector<std::string>{"truststore"});
  EXPECT_EQ(p.options.size(), 13U);
}

TEST(ReqtxtParser, PerRequirementOptionsAndMisplacedOptions) {
  const auto p = reqtxt::parse_requirements_text(
      "pkg --config-settings=k=v --global-option=--x\n--hash=sha256:00\nq==1 --index-url https://x/\n", "r.txt",
      offline());
  ASSERT_EQ(p.requirements.size(), 2U);
  EXPECT_EQ(p.requirements[0].config_settings, std::vector<std::string>{"k=v"});
  EXPECT_EQ(p.requirements[0].global_options, std::vector<std::string>{"--x"});
  ASSERT_EQ(p.problems.size(), 2U);
  EXPECT_EQ(p.problems[0].kind, ProblemKind::OptionNotAllowedHere);
  EXPECT_EQ(p.problems[1].diagnostic.severity, Severity::Warning);  // pip ignores it
}

TEST(ReqtxtParser, Pep263AndUtf16) {
  const auto latin = reqtxt::parse_requirements_text(std::string("# -*- coding: latin-1 -*-\nx==1 # caf\xE9\n"),
                                                     "r.txt", offline());
  ASSERT_TRUE(latin.ok()) << latin.render_problems();
  EXPECT_TRUE(latin.files[0].transcoded);
  EXPECT_EQ(latin.requirements.at(0).comment_span->in(latin.files[0].text), "# caf\xC3\xA9");
  const std::string utf16("\xFF\xFEx\0=\0=\0001\0", 10);
  const auto u = reqtxt::parse_requirements_text(utf16, "r.txt", offline());
  ASSERT_TRUE(u.ok()) << u.render_problems();
  EXPECT_EQ(u.requirements.at(0).specifier.to_string(), "==1");
}

TEST(ReqtxtParser, PipPipelineHelpers) {
  EXPECT_EQ(reqtxt::expand_env_vars("a${X}b${Y}", [](std::string_view n) -> std::optional<std::string> {
              return n == "X" ? std::optional<std::string>("1") : std::nullopt;
            }),
            "a1b${Y}");
  const auto lines = reqtxt::preprocess("a \\\n  b # c\n\n# d\ne\\");
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].text, "a   b");
  EXPECT_EQ(lines[1].line_number, 5U);
}

}  // namespace

namespace {

TEST(ReqtxtParser, DialectDecidesIndexUrlStrictness) {
  auto reader = std::make_shared<pinreqs::reqtxt::MemoryFileReader>();
  reader->add("r.txt", "--index-url https://a.example/simple\n-r child.txt\n--extra-index-url 123\n");
  reader->add("child.txt", "--index-url https://b.example/simple\n");
  ParseOptions pip = offline(reader);
  const auto p = pinreqs::reqtxt::parse_requirements_file("r.txt", pip);
  EXPECT_TRUE(p.ok()) << p.render_problems();
  EXPECT_EQ(p.index.index_url.value_or(""), "https://b.example/simple");  // pip: the last one wins
  ParseOptions uv = offline(reader);
  uv.dialect = pinreqs::reqtxt::Dialect::Uv;
  const auto u = pinreqs::reqtxt::parse_requirements_file("r.txt", uv);
  EXPECT_EQ(kinds(u), (std::vector<ProblemKind>{ProblemKind::InvalidOptionValue, ProblemKind::InvalidOptionValue}));
}

}  // namespace

namespace {

TEST(ReqtxtParser, RequirementsFileInsideConstraintsFile) {
  auto reader = std::make_shared<pinreqs::reqtxt::MemoryFileReader>();
  reader->add("r.txt", "-c c.txt\n");
  reader->add("c.txt", "pinned==1\n-r inner.txt\n");
  reader->add("inner.txt", "inner\n");
  const auto pip = pinreqs::reqtxt::parse_requirements_file("r.txt", offline(reader));
  ASSERT_TRUE(pip.ok());
  ASSERT_EQ(pip.requirements.size(), 1U);  // pip: `-r` resets constraint-ness
  EXPECT_EQ(pip.requirements[0].name.str(), "inner");
  ParseOptions uv = offline(reader);
  uv.dialect = pinreqs::reqtxt::Dialect::Uv;
  const auto u = pinreqs::reqtxt::parse_requirements_file("r.txt", uv);
  EXPECT_TRUE(u.requirements.empty());
  EXPECT_EQ(u.constraints.size(), 2U);
}

}  // namespace

namespace {

TEST(ReqtxtParser, GrammarHasNoRuleThatLoopsWithoutConsuming) { EXPECT_EQ(pinreqs::reqtxt::analyze_grammar(), 0U); }

}  // namespace
