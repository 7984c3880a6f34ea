#include "pinreqs/parsers/target.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "pinreqs/parsers/wheel_filename.hpp"

namespace pinreqs::wheel {

namespace {

// glibc minor versions assumed for older major versions (packaging's _LAST_GLIBC_MINOR default).
constexpr int kLastGlibcMinor = 50;

bool contains(std::initializer_list<std::string_view> set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

// Architectures packaging generates manylinux tags for (its _ALLOWED_ARCHS plus the two it checks by ELF
// header, which a target description asserts instead).
bool manylinux_arch(const std::vector<std::string>& archs) {
  return std::any_of(archs.begin(), archs.end(), [](const std::string& a) {
    return contains({"x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64", "armv7l", "i686"},
                    a);
  });
}

std::string nodot(int major, int minor) { return std::to_string(major) + std::to_string(minor); }

std::optional<int> parse_int(std::string_view s) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Canonical Linux-tag spelling of an architecture name as it appears in a target triple.
std::optional<std::string> linux_arch(std::string_view arch) {
  if (contains({"x86_64", "x8664", "amd64"}, arch)) return "x86_64";
  if (contains({"aarch64", "arm64"}, arch)) return "aarch64";
  if (contains({"i686", "i386", "x86"}, arch)) return "i686";
  if (contains({"armv7", "armv7l"}, arch)) return "armv7l";
  if (contains({"powerpc64le", "ppc64le"}, arch)) return "ppc64le";
  if (contains({"powerpc64", "ppc64"}, arch)) return "ppc64";
  if (contains({"riscv64", "riscv64gc"}, arch)) return "riscv64";
  if (contains({"s390x", "loongarch64"}, arch)) return std::string(arch);
  return std::nullopt;
}

Platform linux_platform(std::string arch, Libc libc, int major, int minor) {
  Platform p;
  p.os = Os::Linux;
  p.arch = std::move(arch);
  p.libc = libc;
  p.libc_major = major;
  p.libc_minor = minor;
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// Platforms

std::optional<Platform> parse_platform(std::string_view name) {
  if (name == "linux") return parse_platform("x86_64-unknown-linux-gnu");
  if (name == "windows") return parse_platform("x86_64-pc-windows-msvc");
  if (name == "macos") return parse_platform("aarch64-apple-darwin");

  // uv also accepts the platform tag spelling: manylinux_2_28_x86_64, manylinux2014_aarch64.
  for (std::string_view prefix : {"manylinux2014_", "manylinux_"}) {
    if (!starts_with(name, prefix)) continue;
    std::string_view rest = name.substr(prefix.size());
    std::string version = "manylinux2014";
    if (prefix == "manylinux_") {
      // <major>_<minor>_<arch>; the arch may itself contain '_' (x86_64).
      const auto first = rest.find('_');
      const auto second = first == std::string_view::npos ? first : rest.find('_', first + 1);
      if (second == std::string_view::npos) return std::nullopt;
      version = "manylinux_" + std::string(rest.substr(0, second));
      rest = rest.substr(second + 1);
    }
    return parse_platform(std::string(rest) + "-" + version);
  }

  const auto dash = name.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const std::string_view arch = name.substr(0, dash);
  const std::string_view rest = name.substr(dash + 1);

  if (rest == "apple-darwin") {
    Platform p;
    p.os = Os::Macos;
    p.libc = Libc::None;
    if (contains({"aarch64", "arm64"}, arch)) {
      p.arch = "arm64";
    } else if (contains({"x86_64", "x8664", "amd64"}, arch)) {
      p.arch = "x86_64";
    } else {
      return std::nullopt;
    }
    p.macos_major = 13;  // uv's default: the oldest macOS release still supported by Apple
    p.macos_minor = 0;
    return p;
  }
  if (rest == "pc-windows-msvc") {
    Platform p;
    p.os = Os::Windows;
    p.libc = Libc::None;
    if (contains({"x86_64", "x8664", "amd64"}, arch)) {
      p.arch = "amd64";
    } else if (contains({"i686", "i386", "x86"}, arch)) {
      p.arch = "x86";
    } else if (contains({"aarch64", "arm64"}, arch)) {
      p.arch = "arm64";
    } else {
      return std::nullopt;
    }
    return p;
  }
  auto larch = linux_arch(arch);
  if (!larch) return std::nullopt;
  if (rest == "unknown-linux-gnu" || rest == "unknown-linux-gnueabihf" || rest == "unknown-linux") {
    // uv (>= 0.8) defaults: manylinux_2_28, loongarch64 2_36, riscv64 2_39. Architectures uv has no triple
    // for (i686, armv7l, ppc64) keep the manylinux2014 baseline.
    if (*larch == "loongarch64") return linux_platform(*larch, Libc::Glibc, 2, 36);
    if (*larch == "riscv64") return linux_platform(*larch, Libc::Glibc, 2, 39);
    if (contains({"x86_64", "aarch64", "s390x", "ppc64le"}, *larch)) return linux_platform(*larch, Libc::Glibc, 2, 28);
    return linux_platform(*larch, Libc::Glibc, 2, 17);
  }
  if (rest == "unknown-linux-musl" || rest == "unknown-linux-musleabihf") {
    return linux_platform(*larch, Libc::Musl, 1, 2);
  }
  if (rest == "manylinux2014") return linux_platform(*larch, Libc::Glibc, 2, 17);
  if (starts_with(rest, "manylinux_")) {
    // manylinux_<major>_<minor>
    const std::string_view version = rest.substr(10);
    const auto underscore = version.find('_');
    if (underscore == std::string_view::npos) return std::nullopt;
    auto major = parse_int(version.substr(0, underscore));
    auto minor = parse_int(version.substr(underscore + 1));
    // glibc 2.x only goes to the 40s; the bounds keep the generated tag list small for any input.
    if (!major || !minor || *major < 2 || *major > 9 || *minor < 0 || *minor > 999) return std::nullopt;
    return linux_platform(*larch, Libc::Glibc, *major, *minor);
  }
  return std::nullopt;
}

const std::vector<std::string>& known_platform_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = {"linux",
                                    "windows",
                                    "macos",
                                    "x86_64-pc-windows-msvc",
                                    "i686-pc-windows-msvc",
                                    "aarch64-pc-windows-msvc",
                                    "x86_64-apple-darwin",
                                    "aarch64-apple-darwin",
                                    "x86_64-unknown-linux-gnu",
                                    "aarch64-unknown-linux-gnu",
                                    "i686-unknown-linux-gnu",
                                    "armv7-unknown-linux-gnueabihf",
                                    "powerpc64le-unknown-linux-gnu",
                                    "s390x-unknown-linux-gnu",
                                    "loongarch64-unknown-linux-gnu",
                                    "riscv64-unknown-linux",
                                    "x86_64-unknown-linux-musl",
                                    "aarch64-unknown-linux-musl",
                                    "x86_64-manylinux2014",
                                    "aarch64-manylinux2014"};
    for (const char* arch : {"x86_64", "aarch64"}) {
      out.push_back(std::string(arch) + "-manylinux_2_17");
      for (int minor = 28; minor <= 40; ++minor) {
        if (minor > 28 && minor < 31) continue;
        out.push_back(std::string(arch) + "-manylinux_2_" + std::to_string(minor));
      }
    }
    return out;
  }();
  return names;
}

std::optional<std::string> suggest_platform_name(std::string_view rejected) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto distance = [&](std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  if (rejected.size() > 64) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = 4;
  for (const auto& name : known_platform_names()) {
    const auto d = distance(rejected, name);
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  return best;
}

std::vector<std::string> mac_binary_formats(int major, int minor, std::string_view arch) {
  const std::pair<int, int> version{major, minor};
  const std::pair<int, int> v10_4{10, 4};
  std::vector<std::string> formats = {std::string(arch)};
  if (arch == "x86_64") {
    if (version < v10_4) return {};
    formats.insert(formats.end(), {"intel", "fat64", "fat3"});
  } else if (arch == "i386") {
    if (version < v10_4) return {};
    formats.insert(formats.end(), {"intel", "fat3", "fat"});
  } else if (arch == "ppc64") {
    if (version > std::pair<int, int>{10, 5} || version < v10_4) return {};
    formats.emplace_back("fat64");
  } else if (arch == "ppc") {
    if (version > std::pair<int, int>{10, 6}) return {};
    formats.insert(formats.end(), {"fat3", "fat"});
  }
  if (arch == "arm64" || arch == "x86_64") formats.emplace_back("universal2");
  if (contains({"x86_64", "i386", "ppc64", "ppc", "intel"}, arch)) formats.emplace_back("universal");
  return formats;
}

std::vector<std::string> mac_platforms(int major, int minor, std::string_view arch) {
  std::vector<std::string> out;
  auto emit = [&](int ma, int mi, const std::string& format) {
    out.push_back("macosx_" + std::to_string(ma) + "_" + std::to_string(mi) + "_" + format);
  };
  const std::pair<int, int> version{major, minor};
  if (version >= std::pair<int, int>{10, 0} && version < std::pair<int, int>{11, 0}) {
    // Before macOS 11 every yearly release bumped the minor version.
    for (int mi = minor; mi >= 0; --mi) {
      for (const auto& f : mac_binary_formats(10, mi, arch)) emit(10, mi, f);
    }
  }
  if (version >= std::pair<int, int>{11, 0}) {
    // From macOS 11 on the major version moves; the minor versions are midyear updates.
    for (int ma = major; ma > 10; --ma) {
      for (const auto& f : mac_binary_formats(ma, 0, arch)) emit(ma, 0, f);
    }
    // x86_64 runs binaries of earlier releases; for arm64 only universal2 binaries can name macOS 10.x.
    for (int mi = 16; mi > 3; --mi) {
      if (arch == "x86_64") {
        for (const auto& f : mac_binary_formats(10, mi, arch)) emit(10, mi, f);
      } else {
        emit(10, mi, "universal2");
      }
    }
  }
  return out;
}

std::vector<std::string> linux_platforms(std::string_view arch, Libc libc, int libc_major, int libc_minor) {
  // A 32-bit ARMv8 userland also runs ARMv7 binaries.
  std::vector<std::string> archs = {std::string(arch)};
  if (arch == "armv8l") archs.emplace_back("armv7l");

  std::vector<std::string> out;
  for (const auto& a : archs) out.push_back("linux_" + a);

  if (libc == Libc::Glibc && manylinux_arch(archs)) {
    // The oldest glibc is 2.17, or 2.5 on x86 (manylinux1).
    std::pair<int, int> too_old{2, 16};
    if (std::any_of(archs.begin(), archs.end(), [](const std::string& a) { return a == "x86_64" || a == "i686"; })) {
      too_old = {2, 4};
    }
    std::vector<std::pair<int, int>> max_list = {{libc_major, libc_minor}};
    for (int ma = libc_major - 1; ma > 1; --ma) max_list.emplace_back(ma, kLastGlibcMinor);
    for (const auto& a : archs) {
      for (const auto& [ma, max_minor] : max_list) {
        const int min_minor = ma == too_old.first ? too_old.second : -1;
        for (int mi = max_minor; mi > min_minor; --mi) {
          out.push_back("manylinux_" + std::to_string(ma) + "_" + std::to_string(mi) + "_" + a);
          if (ma == 2 && mi == 17) out.push_back("manylinux2014_" + a);
          if (ma == 2 && mi == 12) out.push_back("manylinux2010_" + a);
          if (ma == 2 && mi == 5) out.push_back("manylinux1_" + a);
        }
      }
    }
  }
  if (libc == Libc::Musl) {
    for (const auto& a : archs) {
      for (int mi = libc_minor; mi >= 0; --mi) {
        out.push_back("musllinux_" + std::to_string(libc_major) + "_" + std::to_string(mi) + "_" + a);
      }
    }
  }
  return out;
}

std::vector<std::string> platform_tags(const Platform& platform) {
  switch (platform.os) {
    case Os::Linux:
      return linux_platforms(platform.arch, platform.libc, platform.libc_major, platform.libc_minor);
    case Os::Macos:
      return mac_platforms(platform.macos_major, platform.macos_minor, platform.arch);
    case Os::Windows:
      if (contains({"amd64", "x86_64"}, platform.arch)) return {"win_amd64"};
      if (contains({"x86", "i686", "win32"}, platform.arch)) return {"win32"};
      if (contains({"arm64", "aarch64"}, platform.arch)) return {"win_arm64"};
      return {"win_" + platform.arch};
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------
// Tags of a target

std::vector<std::string> default_abis(const Target& target) {
  const auto major = static_cast<int>(target.python.release_at(0));
  const auto minor = static_cast<int>(target.python.release_at(1));
  if (target.implementation == Implementation::PyPy) return {"pypy" + nodot(major, minor) + "_pp73"};
  std::string abi = "cp" + nodot(major, minor);
  if (target.free_threaded && std::pair{major, minor} >= std::pair{3, 13}) abi += 't';
  if (std::pair{major, minor} < std::pair{3, 8}) abi += 'm';  // pymalloc builds, the default before 3.8
  return {abi};
}

std::vector<Tag> cpython_tags(int major, int minor, std::vector<std::string> abis,
                              const std::vector<std::string>& platforms) {
  const std::string interpreter = "cp" + nodot(major, minor);
  // Free-threaded when the first ABI is cp<digits> with a 't' in its flags.
  bool threading = false;
  if (!abis.empty() && starts_with(abis.front(), "cp")) {
    const std::string& a = abis.front();
    std::size_t i = 2;
    while (i < a.size() && a[i] >= '0' && a[i] <= '9') ++i;
    threading = i > 2 && a.find('t', i) != std::string::npos;
  }
  for (const char* explicit_abi : {"abi3", "abi3t", "none"}) {
    if (std::string_view(explicit_abi) == "abi3t" && !threading) continue;
    auto it = std::find(abis.begin(), abis.end(), explicit_abi);
    if (it != abis.end()) abis.erase(it);
  }
  std::vector<Tag> out;
  for (const auto& abi : abis) {
    for (const auto& p : platforms) out.emplace_back(interpreter, abi, p);
  }
  const bool stable = std::pair{major, minor} >= std::pair{3, 2};
  const bool use_abi3 = stable && !threading;
  const bool use_abi3t = stable && threading;
  if (use_abi3) {
    for (const auto& p : platforms) out.emplace_back(interpreter, "abi3", p);
  }
  if (use_abi3t) {
    for (const auto& p : platforms) out.emplace_back(interpreter, "abi3t", p);
  }
  for (const auto& p : platforms) out.emplace_back(interpreter, "none", p);
  if (use_abi3 || use_abi3t) {
    for (int mi = minor - 1; mi > 1; --mi) {
      const std::string older = "cp" + nodot(major, mi);
      for (const auto& p : platforms) {
        if (use_abi3) out.emplace_back(older, "abi3", p);
        if (use_abi3t) out.emplace_back(older, "abi3t", p);
      }
    }
  }
  return out;
}

std::vector<Tag> generic_tags(std::string_view interpreter, std::vector<std::string> abis,
                              const std::vector<std::string>& platforms) {
  if (std::find(abis.begin(), abis.end(), "none") == abis.end()) abis.emplace_back("none");
  std::vector<Tag> out;
  for (const auto& abi : abis) {
    for (const auto& p : platforms) out.emplace_back(interpreter, abi, p);
  }
  return out;
}

std::vector<Tag> compatible_tags(int major, int minor, std::string_view interpreter,
                                 const std::vector<std::string>& platforms) {
  // py<major><minor>, py<major>, then every older minor of that major.
  std::vector<std::string> versions = {"py" + nodot(major, minor), "py" + std::to_string(major)};
  for (int mi = minor - 1; mi >= 0; --mi) versions.push_back("py" + nodot(major, mi));
  std::vector<Tag> out;
  for (const auto& v : versions) {
    for (const auto& p : platforms) out.emplace_back(v, "none", p);
  }
  if (!interpreter.empty()) out.emplace_back(interpreter, "none", "any");
  for (const auto& v : versions) out.emplace_back(v, "none", "any");
  return out;
}

std::vector<Tag> supported_tags(const Target& target) {
  const auto major = static_cast<int>(target.python.release_at(0));
  const auto minor = static_cast<int>(target.python.release_at(1));
  const auto platforms = platform_tags(target.platform);
  auto abis = target.abis.empty() ? default_abis(target) : target.abis;
  std::vector<Tag> out;
  std::vector<Tag> rest;
  if (target.implementation == Implementation::CPython) {
    out = cpython_tags(major, minor, std::move(abis), platforms);
    rest = compatible_tags(major, minor, "cp" + nodot(major, minor), platforms);
  } else {
    out = generic_tags("pp" + nodot(major, minor), std::move(abis), platforms);
    rest = compatible_tags(major, minor, "pp" + std::to_string(major), platforms);
  }
  out.insert(out.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Priority lookup

TagPriority::TagPriority(const std::vector<Tag>& ordered) {
  ranks_.reserve(ordered.size());
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    ranks_.emplace(ordered[i], static_cast<int>(i));
    pairs_.insert(ordered[i].interpreter + "-" + ordered[i].abi);
    platforms_.insert(ordered[i].platform);
  }
  if (!ordered.empty()) native_interpreter_ = ordered.front().interpreter;
}

WheelFit TagPriority::fit(const WheelFilename& wheel) const {
  WheelFit out;
  out.rank = best_rank(wheel);
  if (out.rank) return out;
  // Distinct values of one component of the wheel's tags, in order, for the message.
  auto distinct = [&](std::string Tag::*field) {
    std::vector<std::string> values;
    for (const auto& t : wheel.tags) {
      if (std::find(values.begin(), values.end(), t.*field) == values.end()) values.push_back(t.*field);
    }
    std::string joined;
    for (const auto& v : values) joined += (joined.empty() ? "" : ", ") + v;
    return joined;
  };
  const bool pair_ok = std::any_of(wheel.tags.begin(), wheel.tags.end(), [&](const Tag& t) {
    return pairs_.count(t.interpreter + "-" + t.abi) != 0;
  });
  const bool platform_ok = std::any_of(wheel.tags.begin(), wheel.tags.end(),
                                       [&](const Tag& t) { return platforms_.count(t.platform) != 0; });
  const bool native = std::any_of(wheel.tags.begin(), wheel.tags.end(),
                                  [&](const Tag& t) { return t.interpreter == native_interpreter_; });
  if (!pair_ok && !native) {
    out.reason = Incompatibility::Interpreter;
    out.detail = "built for " + distinct(&Tag::interpreter);
  } else if (pair_ok && !platform_ok) {
    out.reason = Incompatibility::Platform;
    out.detail = "built for " + distinct(&Tag::platform);
  } else {
    out.reason = Incompatibility::Abi;
    out.detail = "built for ABI " + distinct(&Tag::abi);
  }
  return out;
}

const char* to_string(Incompatibility reason) noexcept {
  switch (reason) {
    case Incompatibility::None:
      return "none";
    case Incompatibility::Interpreter:
      return "interpreter";
    case Incompatibility::Platform:
      return "platform";
    case Incompatibility::Abi:
      return "abi";
  }
  return "none";
}

std::optional<int> TagPriority::rank(const Tag& tag) const {
  auto it = ranks_.find(tag);
  if (it == ranks_.end()) return std::nullopt;
  return it->second;
}

std::optional<int> TagPriority::best_rank(const std::vector<Tag>& tags) const {
  std::optional<int> best;
  for (const auto& t : tags) {
    auto r = rank(t);
    if (r && (!best || *r < *best)) best = r;
  }
  return best;
}

std::optional<int> TagPriority::best_rank(const WheelFilename& wheel) const { return best_rank(wheel.tags); }

// ---------------------------------------------------------------------------------------------------------
// Descriptions

std::string describe(const Platform& platform) {
  switch (platform.os) {
    case Os::Linux: {
      const auto version = std::to_string(platform.libc_major) + "_" + std::to_string(platform.libc_minor);
      if (platform.libc == Libc::Glibc) return "manylinux_" + version + " " + platform.arch;
      if (platform.libc == Libc::Musl) return "musllinux_" + version + " " + platform.arch;
      return "Linux " + platform.arch;
    }
    case Os::Macos:
      return "macOS " + std::to_string(platform.macos_major) + "." + std::to_string(platform.macos_minor) + " " +
             platform.arch;
    case Os::Windows:
      return "Windows " + platform.arch;
  }
  return platform.arch;
}

std::string describe(const Target& target) {
  const auto major = target.python.release_at(0);
  const auto minor = target.python.release_at(1);
  std::string out = target.implementation == Implementation::PyPy ? "PyPy " : "CPython ";
  out += std::to_string(major) + "." + std::to_string(minor);
  if (target.free_threaded) out += 't';
  out += " on ";
  out += describe(target.platform);
  return out;
}

}  // namespace pinreqs::wheel
