#pragma once
// Plugs the index client into the resolver: the resolver's PackageSource interface, served by IndexClient.
#include <functional>
#include <map>
#include <memory>

#include "pinreqs/index/index_client.hpp"
#include "pinreqs/resolver/python/package_source.hpp"

namespace pinreqs::cli {

class IndexPackageSource final : public resolver::python::PackageSource {
 public:
  explicit IndexPackageSource(index::IndexClient& client) : client_(client) {}

  Result<const ProjectIndex*> project(const PackageName& name) override;
  Result<CoreMetadata> metadata(const PackageName& name, const pep440::Version& version) override;
  void prefetch(const std::vector<PackageName>& names) override;
  void prefetch_metadata(const PackageName& name, const pep440::SpecifierSet& spec) override;

  // Called after each project is loaded (for the progress line): projects loaded so far.
  std::function<void(std::size_t projects)> on_project;

 private:
  index::IndexClient& client_;
  std::map<PackageName, std::shared_ptr<const ProjectIndex>> projects_;  // keeps returned pointers alive
};

}  // namespace pinreqs::cli
