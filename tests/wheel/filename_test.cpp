// Filenames PyPI really serves (real_world.json) and the edges of the filename and tag parsers.
#include <gtest/gtest.h>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace {

using pinreqs::conformance::Json;
using namespace pinreqs::wheel;

const Json& real_world() {
  static const Json j = Json::load_file(PINREQS_FIXTURES "/packaging/real_world.json");
  return j;
}

TEST(RealWorld, WheelFilenames) {
  std::size_t checked = 0;
  for (const auto& c : real_world()["wheel_filenames"].as_array()) {
    const auto& input = c["input"].as_string();
    auto w = WheelFilename::parse(input);
    ++checked;
    if (w.has_value() != c["valid"].as_bool()) {
      ADD_FAILURE() << input << ": validity " << w.has_value();
      continue;
    }
    if (!w) continue;
    EXPECT_EQ(classify_filename(input), FileKind::Wheel) << input;
    EXPECT_EQ(w->name.str(), c["name"].as_string()) << input;
    EXPECT_EQ(w->version.to_string(), c["version"].as_string()) << input;
    EXPECT_EQ(w->build.has_value(), !c["build"].is_null()) << input;
    std::vector<std::string> tags;
    for (const auto& t : w->tags) tags.push_back(t.to_string());
    std::vector<std::string> expected;
    for (const auto& t : c["tags"].as_array()) expected.push_back(t.as_string());
    EXPECT_EQ(tags, expected) << input;
  }
  EXPECT_GT(checked, 50U);
}

TEST(RealWorld, SdistFilenames) {
  std::size_t checked = 0;
  for (const auto& c : real_world()["sdist_filenames"].as_array()) {
    const auto& input = c["input"].as_string();
    auto s = SdistFilename::parse(input);
    ++checked;
    if (s.has_value() != c["valid"].as_bool()) {
      ADD_FAILURE() << input << ": validity " << s.has_value();
      continue;
    }
    if (!s) continue;
    EXPECT_EQ(s->name.str(), c["name"].as_string()) << input;
    EXPECT_EQ(s->version.to_string(), c["version"].as_string()) << input;
  }
  EXPECT_GT(checked, 50U);
}

TEST(RealWorld, OtherFilenamesAreNeitherWheelNorSdist) {
  std::size_t checked = 0;
  for (const auto& c : real_world()["other_filenames"].as_array()) {
    const auto& input = c["input"].as_string();
    ++checked;
    EXPECT_EQ(classify_filename(input), FileKind::Unsupported) << input;
    EXPECT_FALSE(WheelFilename::parse(input).has_value()) << input;
    EXPECT_FALSE(SdistFilename::parse(input).has_value()) << input;
  }
  EXPECT_GT(checked, 3U);
}

TEST(WheelFilename, KeepsSpellingBuildTagAndFormat) {
  auto w = WheelFilename::parse("PyYAML-6.0.1-7custom-cp312-cp312-win_amd64.whl");
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->raw_name, "PyYAML");
  EXPECT_EQ(w->name.str(), "pyyaml");
  ASSERT_TRUE(w->build);
  EXPECT_EQ(w->build->number, 7U);
  EXPECT_EQ(w->build->suffix, "custom");
  EXPECT_LT((BuildTag{7, "custom"}), (BuildTag{10, ""}));

  auto zip = SdistFilename::parse("Foo.Bar-2.0.zip");
  ASSERT_TRUE(zip);
  EXPECT_EQ(zip->format, SdistFilename::Format::Zip);
  EXPECT_EQ(zip->name.str(), "foo-bar");
  EXPECT_EQ(std::string(to_string(classify_filename("x-1.0.tar.bz2"))), "unsupported");
}

TEST(WheelFilename, ErrorsQuoteTheFilenameLikePython) {
  auto e = WheelFilename::parse("it's-1.0-py3-none-any.whl");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message, "Invalid project name: \"it's-1.0-py3-none-any\"");
  auto nbsp = SdistFilename::parse("foo\xc2\xa0\xe2\x80\xa8\x01.tar.gz");
  ASSERT_FALSE(nbsp);
  EXPECT_EQ(nbsp.error().message, "Invalid sdist filename: 'foo\\xa0\\u2028\\x01.tar.gz'");
  auto big = WheelFilename::parse("foo-1.0-99999999999999999999999-py3-none-any.whl");
  ASSERT_FALSE(big) << "a build number beyond 64 bits is rejected, not wrapped";
}

TEST(ParseTag, LowercasesAndDeduplicates) {
  auto tags = parse_tag("CP312-CP312-Win_AMD64.win_amd64");
  ASSERT_TRUE(tags);
  ASSERT_EQ(tags->size(), 1U);
  EXPECT_EQ((*tags)[0].to_string(), "cp312-cp312-win_amd64");
}

TEST(ParseTag, RejectsExplosiveCompressedSets) {
  std::string part;
  for (int i = 0; i < 20; ++i) part += (i ? ".a" : "a") + std::to_string(i);
  auto tags = parse_tag(part + "-" + part + "-" + part);  // 8000 tags
  ASSERT_FALSE(tags);
  EXPECT_EQ(tags.error().kind, TagError::Kind::TooManyTags);
  EXPECT_TRUE(parse_tag("py2.py3-none-any.manylinux1_x86_64"));
}

TEST(CanonicalizeVersion, StripsOnlyTrailingReleaseZeros) {
  EXPECT_EQ(canonicalize_version("1.0.0"), "1");
  EXPECT_EQ(canonicalize_version("0.0"), "0");
  EXPECT_EQ(canonicalize_version("1.0.0", false), "1.0.0");
  EXPECT_EQ(canonicalize_version("1!2.0.0rc1.post0+Local"), "1!2rc1.post0+local");
  EXPECT_EQ(canonicalize_version("1.0.1"), "1.0.1");
  EXPECT_EQ(canonicalize_version("not a version"), "not a version");
}

}  // namespace
