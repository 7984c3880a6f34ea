// real_world.json: real PyPI metadata run through packaging (versions, requirements, requires_python, wheel /
// sdist / other filenames, project names). Every answer is computed by pinreqs' parsers from the inputs.
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "packaging_pep508_checks.hpp"
#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/specifier.hpp"
#include "pinreqs/parsers/version.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace pinreqs::conformance {

namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
  return out;
}

std::vector<std::string> strings(const Json& list) {
  std::vector<std::string> out;
  for (const auto& item : list.as_array()) out.push_back(item.as_string());
  return out;
}

ListResult check_versions(const Json& cases) {
  auto l = named("real_world.versions");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto v = pep440::Version::parse(input);
    if (!c["valid"].as_bool()) {
      if (v)
        l.fail(input, "accepted as `" + v->to_string() + "`, packaging rejects it");
      else
        l.pass();
      continue;
    }
    if (!v) {
      l.fail(input, "rejected: " + v.error().message);
      continue;
    }
    std::string p;
    if (v->to_string() != c["normalized"].as_string()) p += "normalized: got `" + v->to_string() + "`; ";
    if (c.contains("epoch") && static_cast<std::int64_t>(v->epoch()) != c["epoch"].as_int()) p += "epoch differs; ";
    if (c.contains("release")) {
      std::vector<std::uint64_t> rel;
      for (const auto& x : c["release"].as_array()) rel.push_back(static_cast<std::uint64_t>(x.as_int()));
      if (rel != v->release()) p += "release differs; ";
    }
    if (c.contains("local")) {
      const std::string want = c["local"].is_null() ? "" : c["local"].as_string();
      if (want != v->local() || v->has_local() == c["local"].is_null()) p += "local differs; ";
    }
    if (c.contains("is_prerelease") && c["is_prerelease"].as_bool() != v->is_prerelease()) p += "is_prerelease; ";
    if (c.contains("is_postrelease") && c["is_postrelease"].as_bool() != v->is_postrelease()) p += "is_postrelease; ";
    if (c.contains("is_devrelease") && c["is_devrelease"].as_bool() != v->is_devrelease()) p += "is_devrelease; ";
    if (p.empty())
      l.pass();
    else
      l.fail(input, p);
  }
  return l;
}

ListResult check_requirements(const Json& cases) {
  auto l = named("real_world.requirements");
  for (const auto& c : cases.as_array()) {
    if (c["valid"].as_bool())
      check_requirement_fields(l, c);
    else
      check_requirement_invalid(l, c["input"].as_string());
  }
  return l;
}

ListResult check_requires_python(const Json& cases) {
  auto l = named("real_world.requires_python");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto s = pep440::SpecifierSet::parse(input);
    if (!c["valid"].as_bool()) {
      if (s)
        l.fail(input, "accepted as `" + s->to_string() + "`, packaging rejects it");
      else
        l.pass();
      continue;
    }
    if (!s) {
      l.fail(input, "rejected: " + s.error().message);
      continue;
    }
    std::string p;
    if (s->to_string() != c["normalized"].as_string()) p += "normalized: got `" + s->to_string() + "`; ";
    if (c.contains("specifiers")) {
      std::vector<std::string> got;
      for (const auto& one : s->specifiers()) got.push_back(one.to_string());
      std::sort(got.begin(), got.end());
      const auto want = strings(c["specifiers"]);
      if (got != want) p += "specifiers: expected " + joined(want) + ", got " + joined(got) + "; ";
    }
    if (p.empty())
      l.pass();
    else
      l.fail(input, p);
  }
  return l;
}

ListResult check_wheels(const Json& cases) {
  auto l = named("real_world.wheel_filenames");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto w = wheel::WheelFilename::parse(input);
    if (!c["valid"].as_bool()) {
      if (w)
        l.fail(input, "accepted, packaging rejects it");
      else
        l.pass();
      continue;
    }
    if (!w) {
      l.fail(input, "rejected: " + w.error().message);
      continue;
    }
    std::string p;
    if (w->name.str() != c["name"].as_string()) p += "name: got `" + w->name.str() + "`; ";
    if (w->version.to_string() != c["version"].as_string()) p += "version: got `" + w->version.to_string() + "`; ";
    const Json& build = c["build"];
    if (build.is_null() != !w->build.has_value()) {
      p += "build presence differs; ";
    } else if (w->build && (static_cast<std::int64_t>(w->build->number) != build[0].as_int() ||
                            w->build->suffix != build[1].as_string())) {
      p += "build differs; ";
    }
    std::vector<std::string> tags;
    for (const auto& t : w->tags) tags.push_back(t.to_string());
    const auto want = strings(c["tags"]);
    if (tags != want) p += "tags: expected " + joined(want) + ", got " + joined(tags) + "; ";
    if (p.empty())
      l.pass();
    else
      l.fail(input, p);
  }
  return l;
}

ListResult check_sdists(const Json& cases) {
  auto l = named("real_world.sdist_filenames");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto s = wheel::SdistFilename::parse(input);
    if (!c["valid"].as_bool()) {
      if (s)
        l.fail(input, "accepted, packaging rejects it");
      else
        l.pass();
      continue;
    }
    if (!s) {
      l.fail(input, "rejected: " + s.error().message);
      continue;
    }
    std::string p;
    if (s->name.str() != c["name"].as_string()) p += "name: got `" + s->name.str() + "`; ";
    if (s->version.to_string() != c["version"].as_string()) p += "version: got `" + s->version.to_string() + "`; ";
    if (p.empty())
      l.pass();
    else
      l.fail(input, p);
  }
  return l;
}

ListResult check_other_files(const Json& cases) {
  auto l = named("real_world.other_filenames");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    const bool as_wheel = wheel::WheelFilename::parse(input).has_value();
    const bool as_sdist = wheel::SdistFilename::parse(input).has_value();
    if (as_wheel || as_sdist)
      l.fail(input, std::string("accepted as ") + (as_wheel ? "a wheel" : "an sdist") + ", packaging rejects it");
    else if (wheel::classify_filename(input) != wheel::FileKind::Unsupported)
      l.fail(input, std::string("classified as ") + wheel::to_string(wheel::classify_filename(input)));
    else
      l.pass();
  }
  return l;
}

ListResult check_project_names(const Json& cases) {
  auto l = named("real_world.project_names");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    const std::string got = canonicalize_name(input);
    if (got != c["canonical"].as_string())
      l.fail(input, "expected `" + c["canonical"].as_string() + "`, got `" + got + "`");
    else
      l.pass();
  }
  return l;
}

}  // namespace

SuiteResult run_packaging_real_world(const std::filesystem::path& dir) {
  const auto path = dir / "real_world.json";
  if (!std::filesystem::exists(path)) throw std::runtime_error(path.string() + ": missing (not a packaging corpus)");
  const Json rw = Json::load_file(path);
  SuiteResult all;
  all.push_back(check_versions(rw["versions"]));
  all.push_back(check_requirements(rw["requirements"]));
  all.push_back(check_requires_python(rw["requires_python"]));
  all.push_back(check_wheels(rw["wheel_filenames"]));
  all.push_back(check_sdists(rw["sdist_filenames"]));
  all.push_back(check_other_files(rw["other_filenames"]));
  all.push_back(check_project_names(rw["project_names"]));
  return all;
}

}  // namespace pinreqs::conformance
