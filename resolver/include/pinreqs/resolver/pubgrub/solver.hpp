#pragma once
// The generic PubGrub solver (https://github.com/dart-lang/pub/blob/master/doc/solver.md): unit propagation,
// decision making, conflict resolution with learning. Packages are small integer ids; all knowledge of where
// versions and dependencies come from sits behind DependencyProvider.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pinreqs/resolver/pubgrub/incompatibility.hpp"

namespace pinreqs::resolver::pubgrub {

struct Dependency {
  PackageId package = 0;
  Range range;
};

// A version that cannot be used; the text is what the report says ("its metadata could not be read").
struct Unavailable {
  std::string reason;
};

using Dependencies = std::variant<std::vector<Dependency>, Unavailable>;

class DependencyProvider {
 public:
  virtual ~DependencyProvider() = default;
  // The preferred version of `package` inside `range`, or nullopt when none can be used.
  virtual std::optional<Version> choose_version(PackageId package, const Range& range) = 0;
  // Dependencies of one version (called only for versions choose_version returned, or known_versions listed).
  virtual Dependencies get_dependencies(PackageId package, const Version& version) = 0;
  // Higher is decided first; ties go to the package seen first.
  virtual std::int64_t priority(PackageId /*package*/, const Range& /*range*/) { return 0; }
  // Ascending usable versions of `package` whose dependencies are cheap to read. When not empty, the solver
  // widens each dependency to the neighbouring versions that declare the same one, so explanations say
  // "`foo >=1.1` depends on ..." instead of one line per version. Empty disables this.
  virtual std::vector<Version> known_versions(PackageId /*package*/) { return {}; }
};

// Success: the selected version of every package (the root included).
struct Solution {
  std::map<PackageId, Version> versions;
};

// Failure: the arena and the id of the root incompatibility of the derivation tree.
struct Conflict {
  Incompatibilities incompatibilities;
  IncompatId root = 0;
};

using SolveResult = std::variant<Solution, Conflict>;

struct SolverStats {
  std::size_t decisions = 0;
  std::size_t conflicts = 0;
  std::size_t incompatibilities = 0;
};

// Resolve from `root` at `root_version`. `max_steps` bounds decisions + conflicts (0 = unbounded); hitting it
// yields a Conflict whose root is a Custom incompatibility on the root explaining that.
SolveResult solve(DependencyProvider& provider, PackageId root, const Version& root_version,
                  std::size_t max_steps = 0, SolverStats* stats = nullptr);

}  // namespace pinreqs::resolver::pubgrub
