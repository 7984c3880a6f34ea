#pragma once
// Resolve requirements for one target against a PackageSource. The answer is a Resolution or a NoSolution
// that explains itself; only infrastructure failures (network, cache) are errors.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/project.hpp"
#include "pinreqs/parsers/requirement.hpp"
#include "pinreqs/resolver/python/options.hpp"
#include "pinreqs/resolver/python/package_source.hpp"

namespace pinreqs::resolver::python {

struct ResolvedPackage {
  PackageName name;
  std::string display_name;          // as the index spells it
  pep440::Version version;           // meaningless when `url` is set and version_known is false
  bool version_known = true;
  std::optional<DistFile> file;      // best-ranked compatible wheel, else the sdist
  std::optional<int> wheel_rank;     // the wheel's tag rank (0 = best) when `file` is a wheel
  std::string url;                   // a direct URL requirement, accepted as given
  std::set<std::string> extras;      // extras requested of this package
};

// "`from` requires `to` (with `specifier`)"; from is empty for the user's own requirements.
struct Edge {
  PackageName from;
  PackageName to;
  std::string requirement;  // as written, e.g. "idna>=2.5,<4; python_version >= '3'"
};

struct Resolution {
  std::map<PackageName, ResolvedPackage> packages;
  std::vector<Edge> edges;
  std::vector<std::string> warnings;  // e.g. "metadata of `x 1.0` lists no dependencies (requires_dist is null)"
};

struct NoSolution {
  std::string explanation;  // numbered sentences and hint: lines
  std::vector<std::string> packages;  // every package the explanation mentions (for checks)
};

using Outcome = std::variant<Resolution, NoSolution>;

Result<Outcome> resolve(const std::vector<pep508::Requirement>& requirements, PackageSource& source,
                        const ResolverOptions& options);

}  // namespace pinreqs::resolver::python
