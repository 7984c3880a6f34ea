#pragma once
// A PackageSource held in memory: for tests, conformance scenarios and recorded indexes.
#include <map>
#include <utility>

#include "pinreqs/resolver/python/package_source.hpp"

namespace pinreqs::resolver::python {

class MemorySource : public PackageSource {
 public:
  // Adds (or replaces) a release; keeps releases ascending.
  void add_release(const PackageName& name, Release release, CoreMetadata metadata);
  void set_display_name(const PackageName& name, std::string display);

  Result<const ProjectIndex*> project(const PackageName& name) override;
  Result<CoreMetadata> metadata(const PackageName& name, const pep440::Version& version) override;
  [[nodiscard]] bool metadata_is_cheap() const override { return true; }

  [[nodiscard]] const std::map<PackageName, ProjectIndex>& projects() const noexcept { return projects_; }
  [[nodiscard]] std::size_t metadata_requests() const noexcept { return metadata_requests_; }

 private:
  std::map<PackageName, ProjectIndex> projects_;
  std::map<std::pair<PackageName, pep440::Version>, CoreMetadata> metadata_;
  std::size_t metadata_requests_ = 0;
};

}  // namespace pinreqs::resolver::python
