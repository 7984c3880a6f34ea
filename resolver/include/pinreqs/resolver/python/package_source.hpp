#pragma once
// What the resolver needs to know about an index, as an interface the resolver defines: the CLI implements it
// with the index client (and cache); tests and conformance runners implement it in memory.
#include <vector>

#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/project.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::resolver::python {

class PackageSource {
 public:
  virtual ~PackageSource() = default;
  // Every release of a project. ErrorKind::NotFound means the project does not exist (a fact the report
  // cites); other errors abort the resolution. The pointer must stay valid for the source's lifetime.
  virtual Result<const ProjectIndex*> project(const PackageName& name) = 0;
  // Core metadata of one release. NotFound/Parse make that version unusable ("its dependencies are unknown");
  // other errors abort the resolution.
  virtual Result<CoreMetadata> metadata(const PackageName& name, const pep440::Version& version) = 0;
  // A hint that these projects will be asked for soon (the index client may fetch them concurrently).
  virtual void prefetch(const std::vector<PackageName>& /*names*/) {}
  // A hint that the newest release of `name` admitted by `spec` is the likely pick: its metadata may be fetched
  // concurrently once the project is known.
  virtual void prefetch_metadata(const PackageName& /*name*/, const pep440::SpecifierSet& /*spec*/) {}
  // True when metadata() is a memory lookup: the resolver may then read neighbouring versions' metadata to
  // phrase explanations over version ranges ("`a >=1.1` depends on ...").
  [[nodiscard]] virtual bool metadata_is_cheap() const { return false; }
};

}  // namespace pinreqs::resolver::python
