#pragma once
// How heavy an environment is, and who is to blame: the dependency graph of a resolution (optionally with the
// edges whose markers are false on another target removed), which top-level requirements pull each package
// in, what removing one top-level requirement would save, and sizes parsed and printed for humans.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/target.hpp"
#include "pinreqs/resolver/python/resolve.hpp"

namespace pinreqs::analysis {

struct DependencyGraph {
  std::set<PackageName> roots;                               // the user's own requirements
  std::map<PackageName, std::set<PackageName>> children;     // from -> to (self-edges of extras dropped)

  // Every edge of the resolution. With `target`, edges whose requirement marker is false on that target are
  // dropped (evaluated for each extra requested of the requiring package, and without one).
  static DependencyGraph from_resolution(const resolver::python::Resolution& r,
                                         const wheel::Target* target = nullptr);

  // Packages reachable from `from` (included).
  [[nodiscard]] std::set<PackageName> closure(const std::set<PackageName>& from) const;
  // Everything reachable from the roots.
  [[nodiscard]] std::set<PackageName> needed() const { return closure(roots); }
  // package -> the roots whose closure contains it, nearest first (fewest edges from the root, then by name);
  // a root lists itself first.
  [[nodiscard]] std::map<PackageName, std::vector<PackageName>> pulled_in_by() const;
  // What disappears when `root` is removed from the requirements: its closure minus what the other roots need.
  [[nodiscard]] std::set<PackageName> exclusive_to(const PackageName& root) const;
};

// Decimal units, like PyPI and pip print them: "797 MB", "1.2 GB", "45 kB", "512 B".
std::string format_size(std::uint64_t bytes);
// "500MB", "500 MB", "1.5GB", "2GiB", "800k", "123" (bytes) -> bytes; nullopt with a bad unit or number.
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace pinreqs::analysis
