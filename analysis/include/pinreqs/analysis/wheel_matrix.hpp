#pragma once
// Can a release be installed on a target, and from what: a pure-Python wheel, an abi3 wheel, a wheel built for
// the target's platform, only an sdist (pip would compile it: needs a compiler and headers on the host), or
// nothing (no file fits, the release's Requires-Python excludes the target, or every fitting file is yanked).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pinreqs/parsers/project.hpp"
#include "pinreqs/parsers/target.hpp"

namespace pinreqs::analysis {

enum class Availability : std::uint8_t {
  PureWheel,       // a wheel whose tags are all platform `any` (py3-none-any)
  Abi3Wheel,       // a stable-ABI wheel (cp39-abi3-manylinux...)
  PlatformWheel,   // a wheel built for this interpreter and platform
  SdistOnly,       // no wheel fits; pip would build the sdist
  Nothing,         // no wheel fits and there is no sdist
  RequiresPython,  // every file's Requires-Python excludes the target Python
  YankedOnly,      // the only files that fit are yanked (pip takes them only for an exact == pin, with a warning)
};

// "pure", "abi3", "platform", "sdist-only", "none", "requires-python", "yanked"
const char* to_string(Availability a) noexcept;
// True for the three wheel kinds: nothing has to be compiled on the host.
bool from_wheel(Availability a) noexcept;

struct ReleaseFit {
  Availability availability = Availability::Nothing;
  std::optional<DistFile> file;  // what pip would download (best-ranked wheel, else the sdist); none for Nothing
  // Why it does not install from a wheel, for messages: "has no cp313 wheel (wheels for cp38–cp312)",
  // "requires Python >=3.12", "has only a source distribution", "every matching file is yanked".
  std::string detail;
  bool native_code = false;      // some file of the release is a platform-specific wheel (so the sdist builds C)
};

// Classifies one release for one target. `tags` must be TagPriority::for_target(target).
ReleaseFit classify_release(const Release& release, const wheel::Target& target, const wheel::TagPriority& tags);

// The fix for a release that does not install from a wheel: the first newer release that does, upgraded to the
// newest release of the same major.minor series that also does (torch 2.4.1 -> 2.5.1, not 2.5.0), and the
// newest release overall that does. Pre-releases and yanked files are skipped unless `current` is a
// pre-release. Both empty when no release has a wheel for the target.
struct WheelFix {
  std::optional<pep440::Version> nearest;  // smallest upgrade (series-newest)
  std::optional<pep440::Version> newest;
  std::optional<pep440::Version> older;    // newest older release with a wheel, when there is no newer one
};
WheelFix find_wheel_fix(const ProjectIndex& project, const pep440::Version& current, const wheel::Target& target,
                        const wheel::TagPriority& tags);

// "cp313" for CPython 3.13 (the interpreter tag a wheel must carry).
std::string interpreter_tag(const wheel::Target& target);

}  // namespace pinreqs::analysis
