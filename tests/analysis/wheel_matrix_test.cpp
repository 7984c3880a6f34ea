// Classification of a release per target (pure / abi3 / platform / sdist-only / none / requires-python /
// yanked) and the "newest version with a wheel" fix, on releases built in memory.
#include <gtest/gtest.h>

#include "pinreqs/analysis/wheel_matrix.hpp"
#include "pinreqs/parsers/target.hpp"

namespace pinreqs::analysis {
namespace {

wheel::Target target(const char* python, const char* platform = "x86_64-manylinux_2_28") {
  wheel::Target t;
  t.python = *pep440::Version::parse(python);
  t.platform = *wheel::parse_platform(platform);
  return t;
}

DistFile file(std::string name, std::string requires_python = "", bool yanked = false, std::uint64_t size = 1000) {
  DistFile f;
  f.filename = std::move(name);
  f.requires_python = std::move(requires_python);
  f.yanked = yanked;
  f.size = size;
  return f;
}

Release release(const char* version, std::vector<DistFile> files) {
  Release r;
  r.version = *pep440::Version::parse(version);
  r.version_text = version;
  r.files = std::move(files);
  return r;
}

TEST(WheelMatrix, ClassifiesEveryKind) {
  struct Case {
    const char* what;
    const char* python;
    const char* platform;
    std::vector<DistFile> files;
    Availability want;
    const char* want_file;    // "" = none
    const char* detail_part;  // substring of the detail ("" = no check)
  };
  const std::vector<Case> cases = {
      {"pure wheel", "3.13", "x86_64-manylinux_2_28", {file("p-1.0-py3-none-any.whl"), file("p-1.0.tar.gz")},
       Availability::PureWheel, "p-1.0-py3-none-any.whl", ""},
      {"py2.py3 pure wheel", "3.11", "aarch64-apple-darwin", {file("p-1.0-py2.py3-none-any.whl")},
       Availability::PureWheel, "p-1.0-py2.py3-none-any.whl", ""},
      {"abi3 wheel on a newer Python", "3.13", "x86_64-manylinux_2_28",
       {file("p-1.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"), file("p-1.0.tar.gz")},
       Availability::Abi3Wheel, "p-1.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", ""},
      {"platform wheel preferred over pure", "3.12", "x86_64-manylinux_2_28",
       {file("p-1.0-py3-none-any.whl"), file("p-1.0-cp312-cp312-manylinux_2_17_x86_64.whl")},
       Availability::PlatformWheel, "p-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", ""},
      {"sdist only: wheels for older Pythons", "3.13", "x86_64-manylinux_2_28",
       {file("p-1.0-cp311-cp311-manylinux_2_17_x86_64.whl"), file("p-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
        file("p-1.0.tar.gz")},
       Availability::SdistOnly, "p-1.0.tar.gz", "has no cp313 wheel (wheels for cp311–cp312)"},
      {"sdist only: no wheels at all", "3.12", "x86_64-manylinux_2_28", {file("p-1.0.tar.gz")},
       Availability::SdistOnly, "p-1.0.tar.gz", "has no wheel"},
      {"nothing: wheels for other Pythons only", "3.13", "x86_64-manylinux_2_28",
       {file("torch-2.4.1-cp38-cp38-manylinux1_x86_64.whl"), file("torch-2.4.1-cp312-cp312-manylinux1_x86_64.whl")},
       Availability::Nothing, "", "has no cp313 wheel (wheels for cp38–cp312) and no sdist"},
      {"nothing: platform too new for the glibc", "3.12", "x86_64-manylinux_2_28",
       {file("p-1.0-cp312-cp312-manylinux_2_34_x86_64.whl")}, Availability::Nothing, "",
       "has no wheel for manylinux_2_28 x86_64"},
      {"nothing: musllinux wheel on glibc", "3.12", "x86_64-manylinux_2_28",
       {file("p-1.0-cp312-cp312-musllinux_1_2_x86_64.whl")}, Availability::Nothing, "", "no sdist"},
      {"nothing: no files", "3.12", "x86_64-manylinux_2_28", {}, Availability::Nothing, "", "no distribution files"},
      {"requires-python excludes the target", "3.11", "x86_64-manylinux_2_28",
       {file("p-2.0-py3-none-any.whl", ">=3.12"), file("p-2.0.tar.gz", ">=3.12")}, Availability::RequiresPython, "",
       "requires Python >=3.12"},
      {"requires-python admits the target", "3.12", "x86_64-manylinux_2_28",
       {file("p-2.0-py3-none-any.whl", ">=3.12")}, Availability::PureWheel, "p-2.0-py3-none-any.whl", ""},
      {"yanked only", "3.12", "x86_64-manylinux_2_28", {file("p-1.0-py3-none-any.whl", "", true)},
       Availability::YankedOnly, "p-1.0-py3-none-any.whl", "yanked"},
      {"yanked wheel, live sdist", "3.12", "x86_64-manylinux_2_28",
       {file("p-1.0-py3-none-any.whl", "", true), file("p-1.0.tar.gz")}, Availability::SdistOnly, "p-1.0.tar.gz", ""},
      {"windows wheel for a windows target", "3.12", "x86_64-pc-windows-msvc",
       {file("p-1.0-cp312-cp312-win_amd64.whl"), file("p-1.0-cp312-cp312-manylinux_2_17_x86_64.whl")},
       Availability::PlatformWheel, "p-1.0-cp312-cp312-win_amd64.whl", ""},
  };
  for (const auto& c : cases) {
    const auto t = target(c.python, c.platform);
    const auto tags = wheel::TagPriority::for_target(t);
    const auto fit = classify_release(release("1.0", c.files), t, tags);
    if (fit.availability != c.want)
      ADD_FAILURE() << c.what << ": got " << to_string(fit.availability) << ", want " << to_string(c.want) << " ("
                    << fit.detail << ")";
    const std::string got_file = fit.file ? fit.file->filename : "";
    if (got_file != c.want_file) ADD_FAILURE() << c.what << ": file " << got_file << ", want " << c.want_file;
    if (std::string(c.detail_part).size() && fit.detail.find(c.detail_part) == std::string::npos)
      ADD_FAILURE() << c.what << ": detail `" << fit.detail << "` lacks `" << c.detail_part << "`";
    if (from_wheel(c.want) != (c.want == Availability::PureWheel || c.want == Availability::Abi3Wheel ||
                               c.want == Availability::PlatformWheel))
      ADD_FAILURE() << c.what << ": from_wheel disagrees";
  }
}

TEST(WheelMatrix, NativeCodeIsKnownFromPlatformWheels) {
  const auto t = target("3.13");
  const auto tags = wheel::TagPriority::for_target(t);
  EXPECT_TRUE(classify_release(release("1.0", {file("p-1.0-cp312-cp312-win_amd64.whl"), file("p-1.0.tar.gz")}), t, tags)
                  .native_code);
  EXPECT_FALSE(classify_release(release("1.0", {file("p-1.0.tar.gz")}), t, tags).native_code);
}

ProjectIndex torch_like() {
  ProjectIndex p;
  p.name = PackageName::from_trusted("torch");
  p.display_name = "torch";
  auto cp = [](const char* v, const char* py) {
    return file(std::string("torch-") + v + "-" + py + "-" + py + "-manylinux1_x86_64.whl");
  };
  p.releases = {release("2.3.0", {cp("2.3.0", "cp312")}), release("2.4.1", {cp("2.4.1", "cp312")}),
                release("2.5.0", {cp("2.5.0", "cp313")}), release("2.5.1", {cp("2.5.1", "cp313")}),
                release("2.6.0rc1", {cp("2.6.0rc1", "cp313")}), release("2.13.0", {cp("2.13.0", "cp313")}),
                release("2.14.0", {file("torch-2.14.0-cp313-cp313-manylinux1_x86_64.whl", "", true)})};
  return p;
}

TEST(WheelMatrix, FixIsTheNewestOfTheFirstSeriesWithAWheel) {
  const auto p = torch_like();
  const auto t = target("3.13");
  const auto tags = wheel::TagPriority::for_target(t);
  const auto fix = find_wheel_fix(p, *pep440::Version::parse("2.4.1"), t, tags);
  ASSERT_TRUE(fix.nearest);
  EXPECT_EQ(fix.nearest->to_string(), "2.5.1");  // not 2.5.0, not the pre-release
  ASSERT_TRUE(fix.newest);
  EXPECT_EQ(fix.newest->to_string(), "2.13.0");  // the yanked-only 2.14.0 does not count
  EXPECT_FALSE(fix.older);
}

TEST(WheelMatrix, FixFallsBackToAnOlderRelease) {
  const auto p = torch_like();
  const auto t = target("3.12");
  const auto tags = wheel::TagPriority::for_target(t);
  const auto fix = find_wheel_fix(p, *pep440::Version::parse("2.5.1"), t, tags);
  EXPECT_FALSE(fix.nearest);
  EXPECT_FALSE(fix.newest);
  ASSERT_TRUE(fix.older);
  EXPECT_EQ(fix.older->to_string(), "2.4.1");
  const auto none = find_wheel_fix(p, *pep440::Version::parse("2.4.1"), target("3.10"), wheel::TagPriority::for_target(target("3.10")));
  EXPECT_FALSE(none.nearest || none.newest || none.older);
}

TEST(WheelMatrix, InterpreterTag) {
  EXPECT_EQ(interpreter_tag(target("3.13")), "cp313");
  EXPECT_EQ(interpreter_tag(target("3.9.18")), "cp39");
}

}  // namespace
}  // namespace pinreqs::analysis
