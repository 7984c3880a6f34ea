#include "index_source.hpp"

namespace pinreqs::cli {

Result<const ProjectIndex*> IndexPackageSource::project(const PackageName& name) {
  if (auto it = projects_.find(name); it != projects_.end()) return it->second.get();
  auto p = client_.project(name);
  if (!p) return tl::unexpected(std::move(p.error()));
  const ProjectIndex* raw = p->get();
  projects_.emplace(name, std::move(*p));
  if (on_project) on_project(projects_.size());
  return raw;
}

Result<CoreMetadata> IndexPackageSource::metadata(const PackageName& name, const pep440::Version& version) {
  auto m = client_.metadata(name, version);
  if (!m) return tl::unexpected(std::move(m.error()));
  return **m;
}

void IndexPackageSource::prefetch(const std::vector<PackageName>& names) {
  std::vector<PackageName> wanted;
  for (const auto& n : names)
    if (!projects_.count(n)) wanted.push_back(n);
  if (!wanted.empty()) client_.prefetch_projects(wanted);
}

void IndexPackageSource::prefetch_metadata(const PackageName& name, const pep440::SpecifierSet& spec) {
  client_.prefetch_best_metadata(name, spec);
}

}  // namespace pinreqs::cli
