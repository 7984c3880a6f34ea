#include "pinreqs/parsers/wheel_filename.hpp"

#include <algorithm>
#include <charconv>

#include "wheel_repr.hpp"

namespace pinreqs::wheel {

namespace {

using detail::py_repr;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// PEP 427 escaped project name: word characters, digits, '.', '_' (packaging's `[\w\d._]*`, Unicode word
// characters approximated by any non-ASCII byte), no "__", and not empty.
bool is_wheel_name(std::string_view s) {
  if (s.empty() || s.find("__") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c >= 0x80;
  });
}

tl::unexpected<FilenameError> wheel_error(std::string message) {
  return tl::unexpected(FilenameError{std::move(message)});
}

}  // namespace

tl::expected<WheelFilename, FilenameError> WheelFilename::parse(std::string_view filename, bool validate_order) {
  if (!ends_with(filename, ".whl")) {
    return wheel_error("Invalid wheel filename (extension must be '.whl'): " + py_repr(filename));
  }
  const std::string_view stem = filename.substr(0, filename.size() - 4);
  const auto dashes = static_cast<std::size_t>(std::count(stem.begin(), stem.end(), '-'));
  if (dashes != 4 && dashes != 5) {
    return wheel_error("Invalid wheel filename (wrong number of parts): " + py_repr(stem));
  }
  // Split at the first dashes-2 dashes: name, version, [build], and the tag triple (which keeps its 2 dashes).
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < dashes - 2; ++i) {
    const auto pos = stem.find('-', start);
    parts.push_back(stem.substr(start, pos - start));
    start = pos + 1;
  }
  parts.push_back(stem.substr(start));

  const std::string_view name_part = parts[0];
  if (!is_wheel_name(name_part)) return wheel_error("Invalid project name: " + py_repr(stem));

  WheelFilename out;
  out.raw_name = std::string(name_part);
  out.name = PackageName::from_trusted(name_part);

  auto version = pep440::Version::parse(parts[1]);
  if (!version) return wheel_error("Invalid wheel filename (invalid version): " + py_repr(stem));
  out.version = std::move(*version);

  if (dashes == 5) {
    const std::string_view build = parts[2];
    std::size_t digits = 0;
    while (digits < build.size() && is_digit(build[digits])) ++digits;
    BuildTag tag;
    const auto [ptr, ec] = std::from_chars(build.data(), build.data() + digits, tag.number);
    if (digits == 0 || ec != std::errc{} || ptr != build.data() + digits) {
      return wheel_error("Invalid build number: " + std::string(build) + " in " + py_repr(stem));
    }
    tag.suffix = std::string(build.substr(digits));
    out.build = std::move(tag);
  }

  auto tags = parse_tag(parts.back(), validate_order);
  if (!tags) {
    if (tags.error().kind == TagError::Kind::UnsortedTags) {
      return wheel_error(
          "Invalid wheel filename (compressed tag set components must be in sorted order per PEP 425): " +
          py_repr(stem));
    }
    return wheel_error("Invalid wheel filename (invalid tag component): " + py_repr(stem));
  }
  out.tags = std::move(*tags);
  return out;
}

tl::expected<SdistFilename, FilenameError> SdistFilename::parse(std::string_view filename) {
  SdistFilename out;
  std::string_view stem;
  if (ends_with(filename, ".tar.gz")) {
    stem = filename.substr(0, filename.size() - 7);
    out.format = Format::TarGz;
  } else if (ends_with(filename, ".zip")) {
    stem = filename.substr(0, filename.size() - 4);
    out.format = Format::Zip;
  } else {
    return wheel_error("Invalid sdist filename (extension must be '.tar.gz' or '.zip'): " + py_repr(filename));
  }
  // A PEP 440 version contains no '-', so the name ends at the last one.
  const auto dash = stem.rfind('-');
  if (dash == std::string_view::npos) return wheel_error("Invalid sdist filename: " + py_repr(filename));
  const std::string_view name_part = stem.substr(0, dash);
  if (name_part.empty()) return wheel_error("Invalid sdist filename (empty project name): " + py_repr(filename));
  auto version = pep440::Version::parse(stem.substr(dash + 1));
  if (!version) return wheel_error("Invalid sdist filename (invalid version): " + py_repr(filename));
  out.raw_name = std::string(name_part);
  out.name = PackageName::from_trusted(name_part);
  out.version = std::move(*version);
  return out;
}

FileKind classify_filename(std::string_view filename) noexcept {
  if (ends_with(filename, ".whl")) return FileKind::Wheel;
  if (ends_with(filename, ".tar.gz") || ends_with(filename, ".zip")) return FileKind::Sdist;
  return FileKind::Unsupported;
}

const char* to_string(FileKind kind) noexcept {
  switch (kind) {
    case FileKind::Wheel:
      return "wheel";
    case FileKind::Sdist:
      return "sdist";
    case FileKind::Unsupported:
      break;
  }
  return "unsupported";
}

std::string canonicalize_version(const pep440::Version& version, bool strip_trailing_zero) {
  if (!strip_trailing_zero) return version.to_string();
  auto release = version.release();
  while (release.size() > 1 && release.back() == 0) release.pop_back();
  return version.with_release(std::move(release)).to_string();
}

std::string canonicalize_version(std::string_view version, bool strip_trailing_zero) {
  auto parsed = pep440::Version::parse(version);
  if (!parsed) return std::string(version);
  return canonicalize_version(*parsed, strip_trailing_zero);
}

}  // namespace pinreqs::wheel
