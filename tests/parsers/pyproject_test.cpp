#include <gtest/gtest.h>

#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/pyproject.hpp"

namespace pinreqs {
namespace {

TEST(PyProject, ReadsProjectFieldsAndSpans) {
  const std::string text =
      "# build\n"
      "[build-system]\nrequires = [\"setuptools>=61\"]\n\n"
      "[project]\n"
      "name = \"demo\"  # comment\n"
      "requires-python = '>=3.10'\n"
      "dependencies = [\n"
      "  \"numpy>=1.24\",  # arrays\n"
      "  'flask[async] ; python_version >= \"3.8\"',\n"
      "]\n"
      "classifiers = [\"a\", [\"nested\"], {x = 1}]\n"
      "[project.optional-dependencies]\n"
      "gpu = [\"torch>=2\"]\n"
      "[tool.other]\n"
      "dependencies = [\"not-this\"]\n";
  const PyProject p = parse_pyproject(text);
  EXPECT_TRUE(p.has_project_table);
  ASSERT_TRUE(p.name);
  EXPECT_EQ(*p.name, "demo");
  ASSERT_TRUE(p.requires_python);
  EXPECT_EQ(p.requires_python->value, ">=3.10");
  EXPECT_EQ(p.requires_python->span.in(text), ">=3.10");
  ASSERT_EQ(p.dependencies.size(), 2u);
  EXPECT_EQ(p.dependencies[0].value, "numpy>=1.24");
  EXPECT_EQ(p.dependencies[0].span.in(text), "numpy>=1.24");
  EXPECT_EQ(p.dependencies[1].value, "flask[async] ; python_version >= \"3.8\"");
  ASSERT_EQ(p.optional_dependencies.count("gpu"), 1u);
  EXPECT_EQ(p.optional_dependencies.at("gpu").at(0).value, "torch>=2");
}

TEST(PyProject, NoProjectTableAndGarbageAreHarmless) {
  EXPECT_FALSE(parse_pyproject("[tool.poetry]\nname = 'x'\n").has_project_table);
  const PyProject p = parse_pyproject("[project]\ndependencies = [\"a\", \nrequires-python = \">=3.9\"");
  EXPECT_TRUE(p.has_project_table);  // unterminated array: nothing read, no crash
  EXPECT_TRUE(parse_pyproject("").dependencies.empty());
  EXPECT_TRUE(parse_pyproject("\"\"\"").dependencies.empty());
}

TEST(Names, CanonicalizeValidateAndCompare) {
  EXPECT_EQ(canonicalize_name("Foo__Bar.baz-Qux"), "foo-bar-baz-qux");
  EXPECT_TRUE(is_valid_name("a"));
  EXPECT_TRUE(is_valid_name("zope.interface"));
  EXPECT_FALSE(is_valid_name("-a"));
  EXPECT_FALSE(is_valid_name("a b"));
  EXPECT_TRUE(is_normalized_name("foo-bar"));
  EXPECT_FALSE(is_normalized_name("foo--bar"));
  EXPECT_FALSE(is_normalized_name("Foo"));
  EXPECT_EQ(*PackageName::parse("Django_REST.framework"), *PackageName::parse("django-rest-framework"));
  EXPECT_FALSE(PackageName::parse("bad name"));
}

}  // namespace
}  // namespace pinreqs
