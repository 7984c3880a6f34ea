#pragma once
// Compact binary encoding of the parsed index metadata, so a warm run never re-parses JSON or HTML.
// The format is private to this file's implementation; its version is the first byte of every blob, and a
// blob of another version decodes as an error (the caller then refetches).
#include <optional>
#include <string>
#include <string_view>

#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/project.hpp"

namespace pinreqs::cache {

// What one project document yields: the release list and, for the JSON API, the `info` block of the newest
// final release (metadata for that one version, when the index gave it).
struct ProjectRecord {
  ProjectIndex project;
  std::optional<CoreMetadata> latest;
};

std::string encode(const ProjectRecord& record);
std::string encode(const CoreMetadata& metadata);
Result<ProjectRecord> decode_project(std::string_view blob);
Result<CoreMetadata> decode_metadata(std::string_view blob);

}  // namespace pinreqs::cache
