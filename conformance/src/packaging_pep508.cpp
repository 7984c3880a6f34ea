// pypa/packaging vectors for PEP 508: markers.json (valid, invalid, evaluate, evaluate_generated),
// requirements.json (valid, invalid, equality) and utils.json canonicalize_name. Every answer is computed from
// the case's inputs by pinreqs::pep508, so held-back cases of the same schema run through the same code.
#include <stdexcept>
#include <string>
#include <vector>

#include "packaging_pep508_checks.hpp"
#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"
#include "pinreqs/parsers/marker.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/requirement.hpp"

namespace pinreqs::conformance {

namespace {

using pep508::Environment;
using pep508::Marker;
using pep508::MarkerContext;
using pep508::MarkerEvalErrorKind;

Json load(const std::filesystem::path& dir, const char* file) {
  return Json::load_corpus_file(dir, file, "packaging");
}

std::string show(bool b) { return b ? "true" : "false"; }

// Whether the printed form of what `input` parses to must parse back to itself: packaging's str() does not
// re-escape marker values, so this holds only when the input used no backslash escape.
bool reparsable(const std::string& input) { return input.find('\\') == std::string::npos; }

// Adds every key of a JSON environment object.
void apply_environment(const Json& obj, Environment& env) {
  for (const auto& [key, value] : obj.members()) {
    if (value.is_array()) {
      std::vector<std::string> items;
      for (const auto& v : value.as_array()) items.push_back(v.as_string());
      if (!env.set_list(key, std::move(items))) throw std::runtime_error("unknown set-valued key `" + key + "`");
    } else if (value.is_null()) {
      if (key != "extra") throw std::runtime_error("null value for `" + key + "`");
      env.extra = std::string();  // packaging: extra=None means ""
    } else {
      env.set(key, value.as_string());  // unknown keys land in env.custom, as in packaging's dict
    }
  }
}

MarkerContext context_of(const Json& j) {
  if (j.is_null()) return MarkerContext::Metadata;
  const std::string& s = j.as_string();
  if (s == "metadata") return MarkerContext::Metadata;
  if (s == "requirement") return MarkerContext::Requirement;
  if (s == "lock_file") return MarkerContext::LockFile;
  throw std::runtime_error("unknown marker context `" + s + "`");
}

const char* kind_name(MarkerEvalErrorKind k) {
  return k == MarkerEvalErrorKind::UndefinedComparison ? "UndefinedComparison" : "UndefinedEnvironmentName";
}

void check_evaluation(ListResult& out, const std::string& id, const std::string& marker_text, const Environment& env,
                      MarkerContext context, const Json& c) {
  auto m = Marker::parse(marker_text);
  if (!m) {
    out.fail(id, "parse failed: " + m.error().message);
    return;
  }
  auto got = m->evaluate(env, context);
  const Json& expected_error = c["error"];
  if (!expected_error.is_null()) {
    if (got)
      out.fail(id, "expected " + expected_error.as_string() + ", got " + show(*got));
    else if (expected_error.as_string() != kind_name(got.error().kind))
      out.fail(id, "expected " + expected_error.as_string() + ", got " + kind_name(got.error().kind) + ": " +
                       got.error().message);
    else
      out.pass();
    return;
  }
  const bool expected = c["expected"].as_bool();
  if (!got)
    out.fail(id, "expected " + show(expected) + ", got " + kind_name(got.error().kind) + ": " + got.error().message);
  else if (*got != expected)
    out.fail(id, "expected " + show(expected) + ", got " + show(*got));
  else
    out.pass();
}

}  // namespace

void check_requirement_fields(ListResult& out, const Json& c) {
  const std::string& input = c["input"].as_string();
  auto r = pep508::Requirement::parse(input);
  if (!r) {
    out.fail(input, "rejected: " + r.error().message);
    return;
  }
  std::string problems;
  auto expect = [&problems](const char* field, const std::string& want, const std::string& got) {
    if (want != got) problems += std::string(field) + ": expected `" + want + "`, got `" + got + "`; ";
  };
  expect("name", c["name"].as_string(), r->name_text);
  expect("canonical_name", c["canonical_name"].as_string(), r->name.str());
  std::string want_extras, got_extras;
  for (const auto& e : c["extras"].as_array()) want_extras += e.as_string() + ",";
  for (const auto& e : r->extras_text) got_extras += e + ",";
  expect("extras", want_extras, got_extras);
  expect("specifier", c["specifier"].as_string(), r->specifier.to_string());
  expect("url", c["url"].is_null() ? "<null>" : c["url"].as_string(), r->url.empty() ? "<null>" : r->url);
  expect("marker", c["marker"].is_null() ? "<null>" : c["marker"].as_string(),
         r->marker ? r->marker->to_string() : "<null>");
  expect("normalized", c["normalized"].as_string(), r->to_string());
  // The printed form must parse back to the same requirement (see reparsable()).
  const std::string printed = r->to_string();
  auto again = pep508::Requirement::parse(printed);
  if (!reparsable(input)) {
    // nothing more to check
  } else if (!again)
    problems += "str() does not parse back: " + again.error().message + "; ";
  else if (again->to_string() != r->to_string())
    problems += "str() round trip changed to `" + again->to_string() + "`; ";
  if (problems.empty())
    out.pass();
  else
    out.fail(input, problems);
}

void check_requirement_invalid(ListResult& out, const std::string& input) {
  auto r = pep508::Requirement::parse(input);
  if (r)
    out.fail(input, "accepted as `" + r->to_string() + "`, packaging rejects it");
  else if (r.error().message.empty())
    out.fail(input, "rejected without a message");
  else
    out.pass();
}

SuiteResult run_packaging_pep508(const std::filesystem::path& dir) {
  SuiteResult all;
  const Json markers = load(dir, "markers.json");
  const Json requirements = load(dir, "requirements.json");
  const Json utils = load(dir, "utils.json");

  {
    auto l = named("markers.valid");
    for (const auto& c : markers["valid"].as_array()) {
      const std::string& input = c["input"].as_string();
      auto m = Marker::parse(input);
      if (!m) {
        l.fail(input, "rejected: " + m.error().message);
        continue;
      }
      const std::string got = m->to_string();
      if (got != c["normalized"].as_string()) {
        l.fail(input, "expected `" + c["normalized"].as_string() + "`, got `" + got + "`");
        continue;
      }
      auto again = Marker::parse(got);
      if (reparsable(input) && (!again || again->to_string() != got))
        l.fail(input, "printed form `" + got + "` does not parse back to itself");
      else
        l.pass();
    }
    all.push_back(std::move(l));
  }
  {
    auto l = named("markers.invalid");
    for (const auto& c : markers["invalid"].as_array()) {
      const std::string& input = c["input"].as_string();
      auto m = Marker::parse(input);
      if (m)
        l.fail(input, "accepted as `" + m->to_string() + "`, packaging rejects it");
      else if (m.error().message.empty() || m.error().span.begin > input.size())
        l.fail(input, "rejected without a message or with a span outside the input");
      else
        l.pass();
    }
    all.push_back(std::move(l));
  }
  {
    auto l = named("markers.evaluate");
    for (const auto& c : markers["evaluate"].as_array()) {
      Environment env;
      apply_environment(c["environment"], env);
      const std::string& marker = c["marker"].as_string();
      check_evaluation(l, marker + " [" + c["context"].dump() + " " + c["environment"].dump() + "]", marker, env,
                       context_of(c["context"]), c);
    }
    all.push_back(std::move(l));
  }
  {
    auto l = named("markers.evaluate_generated");
    const Json& refs = markers["reference_environments"];
    for (const auto& c : markers["evaluate_generated"].as_array()) {
      const std::string& env_name = c["environment_name"].as_string();
      if (!refs.contains(env_name)) {
        l.fail(c["marker"].as_string(), "unknown reference environment `" + env_name + "`");
        continue;
      }
      Environment env;
      apply_environment(refs[env_name], env);
      if (!env.extra) env.extra = std::string();
      const std::string& marker = c["marker"].as_string();
      check_evaluation(l, marker + " [" + env_name + ", " + c["context"].dump() + "]", marker, env,
                       context_of(c["context"]), c);
    }
    all.push_back(std::move(l));
  }
  {
    auto l = named("requirements.valid");
    for (const auto& c : requirements["valid"].as_array()) check_requirement_fields(l, c);
    all.push_back(std::move(l));
  }
  {
    auto l = named("requirements.invalid");
    for (const auto& c : requirements["invalid"].as_array()) check_requirement_invalid(l, c["input"].as_string());
    all.push_back(std::move(l));
  }
  {
    auto l = named("requirements.equality");
    for (const auto& c : requirements["equality"].as_array()) {
      const std::string& left = c["left"].as_string();
      const std::string& right = c["right"].as_string();
      const std::string id = left + "  vs  " + right;
      auto a = pep508::Requirement::parse(left);
      auto b = pep508::Requirement::parse(right);
      if (!a || !b) {
        l.fail(id, "rejected: " + (!a ? a.error().message : b.error().message));
        continue;
      }
      const bool want = c["expected_equal"].as_bool();
      const bool got = *a == *b;
      const bool got_reverse = *b == *a;
      if (got != want || got_reverse != want)
        l.fail(id, "expected equal=" + show(want) + ", got " + show(got) + " (reverse " + show(got_reverse) + ")");
      else
        l.pass();
    }
    all.push_back(std::move(l));
  }
  {
    auto l = named("utils.canonicalize_name");
    for (const auto& c : utils["canonicalize_name"].as_array()) {
      const std::string& input = c["input"].as_string();
      std::string problems;
      const std::string got = canonicalize_name(input);
      if (got != c["expected"].as_string()) problems += "expected `" + c["expected"].as_string() + "`, got `" + got + "`; ";
      if (c.contains("valid_name") && is_valid_name(input) != c["valid_name"].as_bool())
        problems += "valid_name: expected " + show(c["valid_name"].as_bool()) + "; ";
      if (c.contains("is_normalized") && is_normalized_name(input) != c["is_normalized"].as_bool())
        problems += "is_normalized: expected " + show(c["is_normalized"].as_bool()) + "; ";
      if (problems.empty())
        l.pass();
      else
        l.fail(input, problems);
    }
    all.push_back(std::move(l));
  }
  return all;
}

}  // namespace pinreqs::conformance
