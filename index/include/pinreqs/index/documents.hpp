#pragma once
// Parsers for the documents an index serves, into the owned metadata model (project.hpp). No I/O.
// Tolerant where indexes are sloppy: invalid versions and odd files (.exe, .egg, .msi, .rpm) are skipped and
// counted, never fatal. Malformed JSON is an Error of kind Parse that says where.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pinreqs/cache/codec.hpp"
#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/project.hpp"

namespace pinreqs::index {

struct ParseNotes {
  std::uint64_t skipped_versions = 0;  // release keys / filenames whose version is not PEP 440
  std::uint64_t skipped_files = 0;     // files that are neither wheels nor sdists
};

// GET /pypi/<name>/json: releases plus the `info` of the newest final release (as `latest`).
// `base_url` resolves relative file URLs.
Result<cache::ProjectRecord> parse_pypi_project_json(std::string_view json, std::string_view base_url = {},
                                                      ParseNotes* notes = nullptr);
// GET /pypi/<name>/<version>/json: that version's metadata (requires_dist may be nullopt = unknown).
Result<CoreMetadata> parse_pypi_version_json(std::string_view json);
// PEP 691 JSON simple page.
Result<ProjectIndex> parse_simple_json(std::string_view json, const PackageName& name, std::string_view page_url,
                                       ParseNotes* notes = nullptr);
// PEP 503 HTML simple page (tolerant anchor scanner).
Result<ProjectIndex> parse_simple_html(std::string_view html, const PackageName& name, std::string_view page_url,
                                       ParseNotes* notes = nullptr);
// RFC 822-style METADATA / PKG-INFO (PEP 658 files).
Result<CoreMetadata> parse_core_metadata(std::string_view text);

// The version part of a wheel or sdist filename of project `name`; nullopt for other kinds of files.
std::optional<std::string> version_from_filename(std::string_view filename, const PackageName& name);
// "2023-05-22T15:12:42.123456Z" -> Unix seconds.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

}  // namespace pinreqs::index
