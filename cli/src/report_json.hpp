#pragma once
// The machine-readable report of a resolution (--format json): target, packages with chosen files, the via
// graph, changes made, warnings.
#include <map>
#include <string>
#include <vector>

#include "index_source.hpp"
#include "session.hpp"
#include "pinreqs/resolver/python/resolve.hpp"

namespace pinreqs::cli {

struct JsonChange {
  std::string file, name, before, after;
};

std::string resolution_json(const TargetChoice& target, const resolver::python::Resolution& r,
                            IndexPackageSource& source, const std::map<PackageName, std::vector<std::string>>& via,
                            const std::vector<JsonChange>& changes);
std::string no_solution_json(const TargetChoice& target, const std::string& explanation);

}  // namespace pinreqs::cli
