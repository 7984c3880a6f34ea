// pypa/packaging vectors for PEP 440: versions.json (valid, invalid, comparisons, ordered) and specifiers.json
// (specifier_valid/invalid, specifierset_valid/invalid, contains, contains_generated, filter, equality,
// unsatisfiable, set_relations). Every answer is computed from the case's inputs by pinreqs::pep440, so
// held-back cases of the same schema run through the same code.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"
#include "pinreqs/parsers/specifier.hpp"
#include "pinreqs/parsers/version.hpp"

namespace pinreqs::conformance {

namespace {

using pep440::Specifier;
using pep440::SpecifierSet;
using pep440::Version;

Json load(const std::filesystem::path& dir, const char* file) {
  return Json::load_corpus_file(dir, file, "packaging");
}

std::optional<bool> opt_bool(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return j.as_bool();
}

std::string show(std::optional<bool> b) { return b ? (*b ? "true" : "false") : "null"; }
std::string show(bool b) { return b ? "true" : "false"; }

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += '"' + items[i] + '"';
  }
  return out + "]";
}

std::vector<std::string> strings(const Json& list) {
  std::vector<std::string> out;
  for (const auto& item : list.as_array()) out.push_back(item.as_string());
  return out;
}

const char* pre_name(pep440::PreKind k) {
  switch (k) {
    case pep440::PreKind::Alpha: return "a";
    case pep440::PreKind::Beta: return "b";
    case pep440::PreKind::Rc: return "rc";
  }
  return "?";
}

// ---------------------------------------------------------------------------------------------------------
// versions.json

ListResult check_valid_versions(const Json& cases) {
  ListResult r = named("versions.valid");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto v = Version::parse(input);
    if (!v) {
      r.fail(input, "rejected: " + v.error().message + " at offset " + std::to_string(v.error().offset));
      continue;
    }
    std::string detail;
    auto expect_str = [&](const char* field, const std::string& got) {
      if (c[field].as_string() != got) detail += std::string(field) + ": expected " + c[field].as_string() + ", got " + got + "; ";
    };
    expect_str("normalized", v->to_string());
    expect_str("public", v->public_version().to_string());
    expect_str("base_version", v->base_version().to_string());
    if (static_cast<std::int64_t>(v->epoch()) != c["epoch"].as_int()) detail += "epoch differs; ";
    std::vector<std::uint64_t> rel;
    for (const auto& x : c["release"].as_array()) rel.push_back(static_cast<std::uint64_t>(x.as_int()));
    if (rel != v->release()) detail += "release differs; ";
    const auto pre = v->pre();
    if (c["pre"].is_null() != !pre.has_value()) {
      detail += "pre presence differs; ";
    } else if (pre) {
      if (c["pre"][0].as_string() != pre_name(pre->kind) ||
          static_cast<std::uint64_t>(c["pre"][1].as_int()) != pre->number)
        detail += "pre expected " + c["pre"].dump() + ", got " + pre_name(pre->kind) + std::to_string(pre->number) + "; ";
    }
    auto expect_num = [&](const char* field, std::optional<std::uint64_t> got) {
      const bool same = c[field].is_null() ? !got.has_value()
                                           : (got.has_value() && static_cast<std::int64_t>(*got) == c[field].as_int());
      if (!same) detail += std::string(field) + ": expected " + c[field].dump() + "; ";
    };
    expect_num("post", v->post());
    expect_num("dev", v->dev());
    const std::string want_local = c["local"].is_null() ? "" : c["local"].as_string();
    if (want_local != v->local() || v->has_local() == c["local"].is_null())
      detail += "local: expected " + c["local"].dump() + ", got \"" + v->local() + "\"; ";
    if (c["is_prerelease"].as_bool() != v->is_prerelease()) detail += "is_prerelease differs; ";
    if (c["is_postrelease"].as_bool() != v->is_postrelease()) detail += "is_postrelease differs; ";
    if (c["is_devrelease"].as_bool() != v->is_devrelease()) detail += "is_devrelease differs; ";
    // Round trip: the canonical form parses back to an equal version with the same hash.
    auto again = Version::parse(v->to_string());
    if (!again || !(*again == *v) || again->hash() != v->hash()) detail += "to_string does not round-trip; ";
    if (detail.empty())
      r.pass();
    else
      r.fail(input, detail);
  }
  return r;
}

ListResult check_invalid_versions(const Json& cases) {
  ListResult r = named("versions.invalid");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto v = Version::parse(input);
    if (v)
      r.fail(input, "accepted as " + v->to_string());
    else
      r.pass();
  }
  return r;
}

ListResult check_comparisons(const Json& cases) {
  ListResult r = named("versions.comparisons");
  for (const auto& c : cases.as_array()) {
    const std::string& l = c["left"].as_string();
    const std::string& rt = c["right"].as_string();
    const std::string id = l + " vs " + rt;
    auto a = Version::parse(l);
    auto b = Version::parse(rt);
    if (!a || !b) {
      r.fail(id, "did not parse");
      continue;
    }
    const auto ord = *a <=> *b;
    const int got = ord < 0 ? -1 : (ord > 0 ? 1 : 0);
    const auto want = c["expected"].as_int();
    if (got != want) {
      r.fail(id, "expected " + std::to_string(want) + ", got " + std::to_string(got));
    } else if (got == 0 && a->hash() != b->hash()) {
      r.fail(id, "equal versions with different hashes");
    } else if ((*a == *b) != (got == 0) || (*a < *b) != (got < 0)) {
      r.fail(id, "operators disagree with <=>");
    } else {
      r.pass();
    }
  }
  return r;
}

ListResult check_ordered(const Json& list) {
  ListResult r = named("versions.ordered");
  std::vector<Version> vs;
  std::vector<std::string> inputs = strings(list);
  for (const auto& s : inputs) {
    auto v = Version::parse(s);
    if (!v) {
      r.fail(s, "did not parse");
      return r;
    }
    vs.push_back(*v);
  }
  // Each element must sort strictly above every earlier one.
  for (std::size_t j = 0; j < vs.size(); ++j) {
    std::string detail;
    for (std::size_t i = 0; i < j; ++i)
      if (!(vs[i] < vs[j])) detail += inputs[i] + " is not below it; ";
    if (detail.empty())
      r.pass();
    else
      r.fail(inputs[j], detail);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// specifiers.json

ListResult check_specifier_valid(const Json& cases) {
  ListResult r = named("specifiers.specifier_valid");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto s = Specifier::parse(input);
    if (!s) {
      r.fail(input, "rejected: " + s.error().message + " at offset " + std::to_string(s.error().offset));
      continue;
    }
    std::string detail;
    if (pep440::to_string(s->op()) != c["operator"].as_string()) detail += "operator differs; ";
    if (s->version_text() != c["version"].as_string())
      detail += "version: expected " + c["version"].as_string() + ", got " + s->version_text() + "; ";
    if (s->to_string() != c["normalized"].as_string())
      detail += "normalized: expected " + c["normalized"].as_string() + ", got " + s->to_string() + "; ";
    if (s->prereleases() != opt_bool(c["prereleases"]))
      detail += "prereleases: expected " + show(opt_bool(c["prereleases"])) + ", got " + show(s->prereleases()) + "; ";
    auto again = Specifier::parse(s->to_string());
    if (!again || !(*again == *s)) detail += "to_string does not round-trip; ";
    if (detail.empty())
      r.pass();
    else
      r.fail(input, detail);
  }
  return r;
}

template <class T>
ListResult check_invalid(const char* name, const Json& cases) {
  ListResult r = named(name);
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto s = T::parse(input);
    if (s)
      r.fail(input, "accepted as " + s->to_string());
    else
      r.pass();
  }
  return r;
}

ListResult check_specifierset_valid(const Json& cases) {
  ListResult r = named("specifiers.specifierset_valid");
  for (const auto& c : cases.as_array()) {
    const std::string& input = c["input"].as_string();
    auto s = SpecifierSet::parse(input);
    if (!s) {
      r.fail(input, "rejected: " + s.error().message + " at offset " + std::to_string(s.error().offset));
      continue;
    }
    std::string detail;
    const std::string norm = s->to_string();
    if (norm != c["normalized"].as_string())
      detail += "normalized: expected " + c["normalized"].as_string() + ", got " + norm + "; ";
    std::vector<std::string> got;
    if (!norm.empty()) {
      std::size_t start = 0;
      while (true) {
        const auto comma = norm.find(',', start);
        got.push_back(norm.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    if (got != strings(c["specifiers"]))
      detail += "specifiers: expected " + join(strings(c["specifiers"])) + ", got " + join(got) + "; ";
    if (s->prereleases() != opt_bool(c["prereleases"]))
      detail += "prereleases: expected " + show(opt_bool(c["prereleases"])) + ", got " + show(s->prereleases()) + "; ";
    auto again = SpecifierSet::parse(norm);
    if (!again || !(*again == *s)) detail += "to_string does not round-trip; ";
    if (detail.empty())
      r.pass();
    else
      r.fail(input, detail);
  }
  return r;
}

std::string case_id(const Json& c) {
  std::string id = c["kind"].as_string() + "(" + c["spec"].dump();
  if (!c["spec_prereleases"].is_null()) id += ", prereleases=" + c["spec_prereleases"].dump();
  return id + ")";
}

ListResult check_contains(const char* name, const Json& cases) {
  ListResult r = named(name);
  for (const auto& c : cases.as_array()) {
    const std::string& spec = c["spec"].as_string();
    const std::string& version = c["version"].as_string();
    std::string id = case_id(c) + ".contains(" + c["version"].dump();
    if (!c["contains_prereleases"].is_null()) id += ", prereleases=" + c["contains_prereleases"].dump();
    if (!c["installed"].is_null()) id += ", installed=" + c["installed"].dump();
    id += ")";
    const auto pre = opt_bool(c["contains_prereleases"]);
    bool got = false;
    if (c["kind"].as_string() == "Specifier") {
      auto s = Specifier::parse(spec);
      if (!s) {
        r.fail(id, "spec rejected: " + s.error().message);
        continue;
      }
      s->set_prereleases(opt_bool(c["spec_prereleases"]));
      got = s->contains(version, pre);
    } else {
      auto s = SpecifierSet::parse(spec);
      if (!s) {
        r.fail(id, "spec rejected: " + s.error().message);
        continue;
      }
      s->set_prereleases(opt_bool(c["spec_prereleases"]));
      got = s->contains(version, pre, opt_bool(c["installed"]).value_or(false));
    }
    if (got != c["expected"].as_bool())
      r.fail(id, "expected " + show(c["expected"].as_bool()) + ", got " + show(got));
    else
      r.pass();
  }
  return r;
}

ListResult check_filter(const Json& cases) {
  ListResult r = named("specifiers.filter");
  for (const auto& c : cases.as_array()) {
    const std::string& spec = c["spec"].as_string();
    const auto input = strings(c["input"]);
    std::string id = case_id(c) + ".filter(" + c["input"].dump();
    if (!c["filter_prereleases"].is_null()) id += ", prereleases=" + c["filter_prereleases"].dump();
    id += ")";
    const auto pre = opt_bool(c["filter_prereleases"]);
    std::vector<std::string> got;
    if (c["kind"].as_string() == "Specifier") {
      auto s = Specifier::parse(spec);
      if (!s) {
        r.fail(id, "spec rejected: " + s.error().message);
        continue;
      }
      s->set_prereleases(opt_bool(c["spec_prereleases"]));
      got = s->filter(input, pre);
    } else {
      auto s = SpecifierSet::parse(spec);
      if (!s) {
        r.fail(id, "spec rejected: " + s.error().message);
        continue;
      }
      s->set_prereleases(opt_bool(c["spec_prereleases"]));
      got = s->filter(input, pre);
    }
    const auto want = strings(c["expected"]);
    if (got != want)
      r.fail(id, "expected " + join(want) + ", got " + join(got));
    else
      r.pass();
  }
  return r;
}

ListResult check_equality(const Json& cases) {
  ListResult r = named("specifiers.equality");
  for (const auto& c : cases.as_array()) {
    const std::string& l = c["left"].as_string();
    const std::string& rt = c["right"].as_string();
    const std::string id = c["kind"].as_string() + ": " + c["left"].dump() + " == " + c["right"].dump();
    bool got = false;
    if (c["kind"].as_string() == "Specifier") {
      // packaging compares a specifier with an unparsable string as "not equal".
      auto a = Specifier::parse(l);
      auto b = Specifier::parse(rt);
      if (!a) {
        r.fail(id, "left did not parse: " + a.error().message);
        continue;
      }
      got = b && *a == *b;
    } else {
      auto a = SpecifierSet::parse(l);
      auto b = SpecifierSet::parse(rt);
      if (!a) {
        r.fail(id, "left did not parse: " + a.error().message);
        continue;
      }
      got = b && *a == *b;
    }
    if (got != c["expected_equal"].as_bool())
      r.fail(id, "expected " + show(c["expected_equal"].as_bool()) + ", got " + show(got));
    else
      r.pass();
  }
  return r;
}

ListResult check_unsatisfiable(const Json& cases) {
  ListResult r = named("specifiers.unsatisfiable");
  for (const auto& c : cases.as_array()) {
    const std::string& spec = c["spec"].as_string();
    std::string id = "SpecifierSet(" + c["spec"].dump();
    if (!c["spec_prereleases"].is_null()) id += ", prereleases=" + c["spec_prereleases"].dump();
    id += ")";
    auto s = SpecifierSet::parse(spec);
    if (!s) {
      r.fail(id, "spec rejected: " + s.error().message);
      continue;
    }
    s->set_prereleases(opt_bool(c["spec_prereleases"]));
    const bool got = s->is_unsatisfiable();
    if (got != c["expected_unsatisfiable"].as_bool())
      r.fail(id, "expected " + show(c["expected_unsatisfiable"].as_bool()) + ", got " + show(got));
    else
      r.pass();
  }
  return r;
}

ListResult check_set_relations(const Json& cases) {
  ListResult r = named("specifiers.set_relations");
  for (const auto& c : cases.as_array()) {
    const std::string& relation = c["relation"].as_string();
    const std::string id = relation + "(" + c["left"].dump() + ", " + c["right"].dump() + ")";
    auto a = SpecifierSet::parse(c["left"].as_string());
    auto b = SpecifierSet::parse(c["right"].as_string());
    if (!a || !b) {
      r.fail(id, "did not parse");
      continue;
    }
    bool got = false;
    if (relation == "is_subset") {
      got = a->is_subset(*b);
    } else if (relation == "is_superset") {
      got = a->is_superset(*b);
    } else if (relation == "is_disjoint") {
      got = a->is_disjoint(*b);
    } else {
      r.skip(id, "unknown relation");
      continue;
    }
    if (got != c["expected"].as_bool())
      r.fail(id, "expected " + show(c["expected"].as_bool()) + ", got " + show(got));
    else
      r.pass();
  }
  return r;
}

}  // namespace

SuiteResult run_packaging_versions(const std::filesystem::path& dir) {
  const Json versions = load(dir, "versions.json");
  const Json specifiers = load(dir, "specifiers.json");
  SuiteResult out;
  out.push_back(check_valid_versions(versions["valid"]));
  out.push_back(check_invalid_versions(versions["invalid"]));
  out.push_back(check_comparisons(versions["comparisons"]));
  out.push_back(check_ordered(versions["ordered"]));
  out.push_back(check_specifier_valid(specifiers["specifier_valid"]));
  out.push_back(check_invalid<Specifier>("specifiers.specifier_invalid", specifiers["specifier_invalid"]));
  out.push_back(check_specifierset_valid(specifiers["specifierset_valid"]));
  out.push_back(check_invalid<SpecifierSet>("specifiers.specifierset_invalid", specifiers["specifierset_invalid"]));
  out.push_back(check_contains("specifiers.contains", specifiers["contains"]));
  out.push_back(check_contains("specifiers.contains_generated", specifiers["contains_generated"]));
  out.push_back(check_filter(specifiers["filter"]));
  out.push_back(check_equality(specifiers["equality"]));
  out.push_back(check_unsatisfiable(specifiers["unsatisfiable"]));
  out.push_back(check_set_relations(specifiers["set_relations"]));
  return out;
}

}  // namespace pinreqs::conformance
