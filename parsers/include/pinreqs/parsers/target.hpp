#pragma once
// Deploy targets: which Python on which OS/arch/libc, the ordered tag list such an interpreter accepts
// (exactly as packaging's sys_tags() composes it, most preferred first), and a fast "can this wheel be
// installed there, and how preferred is it" lookup.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pinreqs/parsers/tags.hpp"
#include "pinreqs/parsers/version.hpp"

namespace pinreqs::wheel {

struct WheelFilename;

enum class Os : std::uint8_t { Linux, Macos, Windows };
enum class Libc : std::uint8_t { None, Glibc, Musl };

// An OS, an architecture and (Linux) a libc or (macOS) a minimum OS version.
// `arch` uses the spelling of the platform tags of that OS:
//   Linux:   x86_64, i686, aarch64, armv7l, ppc64le, ppc64, s390x, riscv64, loongarch64 ...
//   macOS:   x86_64, arm64 (also i386, ppc, ppc64, intel, universal2 for the tag generators)
//   Windows: amd64, x86, arm64
struct Platform {
  Os os = Os::Linux;
  std::string arch = "x86_64";
  Libc libc = Libc::Glibc;     // Linux only
  int libc_major = 2;          // glibc 2.17 -> manylinux_2_17; musl 1.2 -> musllinux_1_2
  int libc_minor = 17;
  int macos_major = 13;        // macOS only: the oldest macOS the deployment must run on
  int macos_minor = 0;

  friend bool operator==(const Platform&, const Platform&) = default;
};

// uv's `--python-platform` names (uv >= 0.8): `linux` (= x86_64-unknown-linux-gnu), `windows`
// (= x86_64-pc-windows-msvc), `macos` (= aarch64-apple-darwin); `<arch>-unknown-linux-gnu` = manylinux_2_28
// (loongarch64 2_36, riscv64 2_39, other arches uv lacks 2_17); `<arch>-unknown-linux-musl` = musllinux_1_2;
// `<arch>-manylinux_2_<N>`, `<arch>-manylinux2014` and the tag spellings `manylinux_2_<N>_<arch>`,
// `manylinux2014_<arch>`; `<arch>-apple-darwin` = macOS 13.0; `<arch>-pc-windows-msvc`. Arch aliases:
// arm64 = aarch64, amd64 = x86_64, i686/x86, armv7, powerpc64le. Returns nullopt for unknown names.
std::optional<Platform> parse_platform(std::string_view uv_name);
// The names parse_platform() documents, for help text and "did you mean" hints.
const std::vector<std::string>& known_platform_names();
// The known name closest to a rejected one (case-insensitive edit distance <= 3), for a `hint: did you mean`.
std::optional<std::string> suggest_platform_name(std::string_view rejected);

// Ordered platform tags (most preferred first) of a platform: linux_<arch> first (packaging >= 26.3), then
// manylinux_2_N down to 2_17 (or 2_5 on x86_64/i686) with legacy aliases, or musllinux_1_N down to 1_0;
// macOS per mac_platforms(); Windows one tag.
std::vector<std::string> platform_tags(const Platform& platform);

// packaging.tags generators with explicit inputs (used by platform_tags and by the conformance checker).
std::vector<std::string> mac_binary_formats(int major, int minor, std::string_view arch);
std::vector<std::string> mac_platforms(int major, int minor, std::string_view arch);
std::vector<std::string> linux_platforms(std::string_view arch, Libc libc, int libc_major, int libc_minor);

enum class Implementation : std::uint8_t { CPython, PyPy };

struct Target {
  pep440::Version python;  // "3.12" or "3.12.4": the minor version selects tags, the rest feeds markers
  Implementation implementation = Implementation::CPython;
  bool free_threaded = false;      // CPython 3.13t+: abi cp313t, abi3t instead of abi3
  std::vector<std::string> abis;   // empty = the default for the implementation (cp312 / pypy310_pp73)
  Platform platform;
};

// The default ABI list of a target (what `abis` means when empty).
std::vector<std::string> default_abis(const Target& target);

// The ordered tag list: cpython_tags (or generic_tags for PyPy) followed by compatible_tags.
std::vector<Tag> supported_tags(const Target& target);

// The three packaging.tags generators with explicit inputs (python_version = {major, minor}).
std::vector<Tag> cpython_tags(int major, int minor, std::vector<std::string> abis,
                              const std::vector<std::string>& platforms);
std::vector<Tag> generic_tags(std::string_view interpreter, std::vector<std::string> abis,
                              const std::vector<std::string>& platforms);
std::vector<Tag> compatible_tags(int major, int minor, std::string_view interpreter,
                                 const std::vector<std::string>& platforms);

// Why a wheel does not fit a target, checked in this order: no tag names an interpreter/ABI pair the target
// accepts, either because it is another Python (cp312-cp312 on 3.13: Interpreter) or another ABI of the
// target's own interpreter (cp313-cp313t on a GIL build: Abi); then no tag names one of the target's platforms
// (manylinux_2_34 on glibc 2.28, win_amd64 on Linux: Platform); else the pairs and platforms only fit apart (Abi).
enum class Incompatibility : std::uint8_t { None, Interpreter, Platform, Abi };
const char* to_string(Incompatibility reason) noexcept;  // "none", "interpreter", "platform", "abi"

struct WheelFit {
  std::optional<int> rank;                          // set when the wheel is installable
  Incompatibility reason = Incompatibility::None;   // None exactly when rank is set
  std::string detail;  // for messages: "built for cp312" / "built for manylinux_2_34_x86_64" / "built for ABI cp313t"
};

// Tag -> rank (0 = most preferred) for one target. Build once per target, query per file.
class TagPriority {
 public:
  TagPriority() = default;
  explicit TagPriority(const std::vector<Tag>& ordered);  // duplicates keep their first rank
  static TagPriority for_target(const Target& target) { return TagPriority(supported_tags(target)); }

  [[nodiscard]] std::optional<int> rank(const Tag& tag) const;
  // The best (lowest) rank among the wheel's tags; nullopt when the wheel cannot be installed on the target.
  [[nodiscard]] std::optional<int> best_rank(const WheelFilename& wheel) const;
  [[nodiscard]] std::optional<int> best_rank(const std::vector<Tag>& tags) const;
  [[nodiscard]] bool compatible(const WheelFilename& wheel) const { return best_rank(wheel).has_value(); }
  // best_rank plus, when the wheel does not fit, which part of its tags is the reason.
  [[nodiscard]] WheelFit fit(const WheelFilename& wheel) const;
  [[nodiscard]] std::size_t size() const noexcept { return ranks_.size(); }

 private:
  std::unordered_map<Tag, int> ranks_;
  std::unordered_set<std::string> pairs_;  // "interpreter-abi"
  std::unordered_set<std::string> platforms_;
  std::string native_interpreter_;  // the interpreter of the most preferred tag, e.g. "cp313"
};

// Human descriptions for messages: "manylinux_2_28 x86_64", "macOS 13.0 arm64", "Windows amd64",
// "CPython 3.13 on manylinux_2_28 x86_64".
std::string describe(const Platform& platform);
std::string describe(const Target& target);

}  // namespace pinreqs::wheel
