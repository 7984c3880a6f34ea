#pragma once
// The index metadata model shared by the index client (which fills it), the cache (which stores it) and the
// resolver (which reads it through its own interface). Pure data: no I/O, no JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/version.hpp"

namespace pinreqs {

// One distribution file of a release, as an index lists it.
struct DistFile {
  std::string filename;                 // e.g. "numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.whl"
  std::string url;                      // absolute; may carry credentials: never print unredacted
  std::string sha256;                   // lowercase hex, "" when the index gives none
  std::optional<std::uint64_t> size;    // bytes (PEP 700 / JSON API), absent when unknown
  std::string requires_python;          // raw specifier text, "" when none
  bool yanked = false;                  // PEP 592
  std::string yanked_reason;
  std::optional<std::int64_t> upload_time;  // Unix seconds (PEP 700 / JSON API), absent when unknown
  // PEP 658/714: the index serves "<url>.metadata" with this sha256 ("" = unknown hash).
  bool has_core_metadata = false;
  std::string core_metadata_sha256;
};

// A release of a project and its files. Dependencies are separate (CoreMetadata), because the JSON API gives
// them per version and the Simple API only through PEP 658 files.
struct Release {
  pep440::Version version;
  std::string version_text;  // as the index spelled it
  std::vector<DistFile> files;
};

// Everything an index says about a project's releases.
struct ProjectIndex {
  PackageName name;
  std::string display_name;      // as the index spells it
  std::vector<Release> releases; // ascending by version
};

// The parts of a release's core metadata (METADATA / PKG-INFO / JSON `info`) the resolver needs.
struct CoreMetadata {
  PackageName name;
  pep440::Version version;
  // PEP 508 strings exactly as published; nullopt = unknown (PyPI's `requires_dist: null`), which is
  // different from "no dependencies" (an empty list).
  std::optional<std::vector<std::string>> requires_dist;
  std::string requires_python;   // raw, "" when none
  std::vector<std::string> provides_extra;
};

}  // namespace pinreqs
