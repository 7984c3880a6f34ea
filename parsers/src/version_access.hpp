#pragma once
// Private to parsers/src: building versions from parts and family tests needed by specifier ranges.
// Defined in version.cpp (the only file that knows Version's representation).
#include <compare>
#include <cstdint>
#include <optional>

#include "pinreqs/parsers/version.hpp"

namespace pinreqs::pep440 {

struct VersionAccess {
  static Version& set_release(Version& v, const std::uint64_t* comps, std::size_t n);
  static std::strong_ordering compare_slow(const Version& a, const Version& b) noexcept;

  // Copy of `v` with pre/post/dev replaced (nullopt removes) and the local label dropped.
  static Version replace(const Version& v, std::optional<PreRelease> pre, std::optional<std::uint64_t> post,
                         std::optional<std::uint64_t> dev);
  // epoch + release + .dev0 ("1.2" -> "1.2.dev0").
  static Version base_dev0(const Version& v);
  // The first version after every version starting with release[:n]: epoch + release[:n] with the last
  // component + 1, .dev0 ("1.2", n=2 -> "1.3.dev0").
  static Version next_prefix_dev0(const Version& v, std::size_t n);
  // Same epoch and release once trailing zeros are ignored.
  static bool same_release(const Version& a, const Version& b) noexcept;
  // Same epoch and the same first n release components (missing ones count as 0).
  static bool same_prefix(const Version& a, const Version& b, std::size_t n) noexcept;
  // Same epoch, release and pre-release.
  static bool same_up_to_pre(const Version& a, const Version& b) noexcept;
  // Same public version (everything but the local label), field by field.
  static bool same_public(const Version& a, const Version& b) noexcept;
};

}  // namespace pinreqs::pep440
