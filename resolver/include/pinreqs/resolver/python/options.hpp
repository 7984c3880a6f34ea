#pragma once
// What to resolve for: the deploy target and uv-like policies.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/requirement.hpp"
#include "pinreqs/parsers/target.hpp"

namespace pinreqs::resolver::python {

enum class PrereleaseMode {
  IfNecessaryOrExplicit,  // uv's default: a pre-release only when a specifier names one or nothing else fits
  Allow,                  // --pre
  Disallow,
};

enum class Strategy { Highest, Lowest, LowestDirect };

struct ResolverOptions {
  wheel::Target target;
  PrereleaseMode prereleases = PrereleaseMode::IfNecessaryOrExplicit;
  Strategy strategy = Strategy::Highest;
  std::optional<std::int64_t> exclude_newer;  // Unix seconds: ignore files uploaded after this
  bool only_binary_all = false;                // never use sdists
  std::set<PackageName> only_binary;           // these packages must come from wheels (uv: no_build)
  bool no_binary_all = false;                  // never use wheels
  std::set<PackageName> no_binary;
  std::vector<pep508::Requirement> constraints;          // restrict versions, never add packages
  std::map<PackageName, pep440::Version> preferences;    // existing pins, kept unless upgraded
  bool upgrade_all = false;
  std::set<PackageName> upgrade;
  std::size_t max_steps = 200000;              // decisions + conflicts before giving up
};

}  // namespace pinreqs::resolver::python
