#pragma once
// Distribution filenames: wheels (PEP 427/491, binary distribution format) and sdists (`.tar.gz`, `.zip`),
// parsed the way packaging.utils does. Other files an index serves (.exe, .egg, .tar.bz2, .msi, ...) are
// classified so callers can say why they are ignored.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/tags.hpp"
#include "pinreqs/parsers/version.hpp"

namespace pinreqs::wheel {

// Optional build tag: leading digits plus the rest ("1000abc" -> {1000, "abc"}). Orders like packaging's
// tuple (number, then string).
struct BuildTag {
  std::uint64_t number = 0;
  std::string suffix;
  friend auto operator<=>(const BuildTag&, const BuildTag&) = default;
  friend bool operator==(const BuildTag&, const BuildTag&) = default;
};

// Why a filename was rejected; `message` follows packaging's wording and quotes the filename.
struct FilenameError {
  std::string message;
};

struct WheelFilename {
  PackageName name;                // normalized (PEP 503)
  pep440::Version version;
  std::optional<BuildTag> build;
  std::vector<Tag> tags;           // expanded, sorted, unique
  std::string raw_name;            // the name as spelled in the file ("PyYAML")

  // `validate_order`: reject compressed tag sets that are not sorted (PEP 425).
  static tl::expected<WheelFilename, FilenameError> parse(std::string_view filename, bool validate_order = false);
};

struct SdistFilename {
  enum class Format { TarGz, Zip };
  PackageName name;
  pep440::Version version;
  Format format = Format::TarGz;
  std::string raw_name;

  // Only `.tar.gz` and `.zip`; splits name and version at the last '-' (a PEP 440 version has none).
  static tl::expected<SdistFilename, FilenameError> parse(std::string_view filename);
};

// What kind of distribution a filename is, by extension only (no validation).
enum class FileKind {
  Wheel,        // .whl
  Sdist,        // .tar.gz, .zip
  Unsupported,  // .exe, .msi, .egg, .tar.bz2, .tgz, .tar.xz, .rpm, .dmg ... served by PyPI but never installed
};
FileKind classify_filename(std::string_view filename) noexcept;
const char* to_string(FileKind kind) noexcept;  // "wheel", "sdist", "unsupported"

// packaging.utils.canonicalize_version: the normalized version, optionally without trailing ".0" release
// components (PEP 625 filenames). Text that is not a valid version comes back unchanged.
std::string canonicalize_version(std::string_view version, bool strip_trailing_zero = true);
std::string canonicalize_version(const pep440::Version& version, bool strip_trailing_zero = true);

}  // namespace pinreqs::wheel
