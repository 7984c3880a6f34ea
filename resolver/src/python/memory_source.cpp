#include "pinreqs/resolver/python/memory_source.hpp"

#include <algorithm>

namespace pinreqs::resolver::python {

void MemorySource::add_release(const PackageName& name, Release release, CoreMetadata metadata) {
  auto& p = projects_[name];
  p.name = name;
  if (p.display_name.empty()) p.display_name = name.str();
  metadata_[{name, release.version}] = std::move(metadata);
  auto it = std::lower_bound(p.releases.begin(), p.releases.end(), release.version,
                             [](const Release& r, const pep440::Version& v) { return r.version < v; });
  if (it != p.releases.end() && it->version == release.version) {
    *it = std::move(release);
  } else {
    p.releases.insert(it, std::move(release));
  }
}

void MemorySource::set_display_name(const PackageName& name, std::string display) {
  auto& p = projects_[name];
  p.name = name;
  p.display_name = std::move(display);
}

Result<const ProjectIndex*> MemorySource::project(const PackageName& name) {
  auto it = projects_.find(name);
  if (it == projects_.end()) return fail(ErrorKind::NotFound, "no project `" + name.str() + "`");
  return &it->second;
}

Result<CoreMetadata> MemorySource::metadata(const PackageName& name, const pep440::Version& version) {
  ++metadata_requests_;
  auto it = metadata_.find({name, version});
  if (it == metadata_.end())
    return fail(ErrorKind::NotFound, "no metadata for `" + name.str() + " " + version.to_string() + "`");
  return it->second;
}

}  // namespace pinreqs::resolver::python
