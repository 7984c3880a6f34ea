// Deploy targets: uv platform names, tag priority lookups, marker environments and descriptions.
#include <gtest/gtest.h>

#include <algorithm>

#include "pinreqs/parsers/target.hpp"
#include "pinreqs/parsers/target_environment.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace {

using namespace pinreqs::wheel;
using pinreqs::pep440::Version;

Target cpython(const char* version, const char* platform) {
  Target t;
  t.python = *Version::parse(version);
  t.platform = *parse_platform(platform);
  return t;
}

std::optional<int> rank_of(const TagPriority& priority, const char* filename) {
  auto wheel = WheelFilename::parse(filename);
  EXPECT_TRUE(wheel.has_value()) << filename;
  if (!wheel) return std::nullopt;
  return priority.best_rank(*wheel);
}

TEST(ParsePlatform, UvNames) {
  struct Case {
    const char* name;
    Os os;
    const char* arch;
    Libc libc;
    int major;  // libc or macOS major
    int minor;
  };
  const Case cases[] = {
      {"linux", Os::Linux, "x86_64", Libc::Glibc, 2, 28},
      {"windows", Os::Windows, "amd64", Libc::None, 0, 0},
      {"macos", Os::Macos, "arm64", Libc::None, 13, 0},
      {"x86_64-unknown-linux-gnu", Os::Linux, "x86_64", Libc::Glibc, 2, 28},
      {"aarch64-unknown-linux-gnu", Os::Linux, "aarch64", Libc::Glibc, 2, 28},
      {"s390x-unknown-linux-gnu", Os::Linux, "s390x", Libc::Glibc, 2, 28},
      {"loongarch64-unknown-linux-gnu", Os::Linux, "loongarch64", Libc::Glibc, 2, 36},
      {"riscv64-unknown-linux", Os::Linux, "riscv64", Libc::Glibc, 2, 39},
      {"manylinux_2_31_x86_64", Os::Linux, "x86_64", Libc::Glibc, 2, 31},
      {"manylinux2014_aarch64", Os::Linux, "aarch64", Libc::Glibc, 2, 17},
      {"x86_64-manylinux_2_17", Os::Linux, "x86_64", Libc::Glibc, 2, 17},
      {"x86_64-manylinux_2_28", Os::Linux, "x86_64", Libc::Glibc, 2, 28},
      {"x86_64-manylinux2014", Os::Linux, "x86_64", Libc::Glibc, 2, 17},
      {"aarch64-manylinux_2_28", Os::Linux, "aarch64", Libc::Glibc, 2, 28},
      {"aarch64-manylinux_2_40", Os::Linux, "aarch64", Libc::Glibc, 2, 40},
      {"x86_64-unknown-linux-musl", Os::Linux, "x86_64", Libc::Musl, 1, 2},
      {"aarch64-unknown-linux-musl", Os::Linux, "aarch64", Libc::Musl, 1, 2},
      {"armv7-unknown-linux-gnueabihf", Os::Linux, "armv7l", Libc::Glibc, 2, 17},
      {"powerpc64le-unknown-linux-gnu", Os::Linux, "ppc64le", Libc::Glibc, 2, 28},
      {"x86_64-apple-darwin", Os::Macos, "x86_64", Libc::None, 13, 0},
      {"aarch64-apple-darwin", Os::Macos, "arm64", Libc::None, 13, 0},
      {"x86_64-pc-windows-msvc", Os::Windows, "amd64", Libc::None, 0, 0},
      {"i686-pc-windows-msvc", Os::Windows, "x86", Libc::None, 0, 0},
      {"aarch64-pc-windows-msvc", Os::Windows, "arm64", Libc::None, 0, 0},
  };
  for (const auto& c : cases) {
    auto p = parse_platform(c.name);
    if (!p) {
      ADD_FAILURE() << c.name << ": not accepted";
      continue;
    }
    EXPECT_EQ(p->os, c.os) << c.name;
    EXPECT_EQ(p->arch, c.arch) << c.name;
    if (c.os == Os::Linux) {
      EXPECT_EQ(p->libc, c.libc) << c.name;
      EXPECT_EQ(p->libc_major, c.major) << c.name;
      EXPECT_EQ(p->libc_minor, c.minor) << c.name;
    } else if (c.os == Os::Macos) {
      EXPECT_EQ(p->macos_major, c.major) << c.name;
      EXPECT_EQ(p->macos_minor, c.minor) << c.name;
    }
  }
}

TEST(ParsePlatform, RejectsUnknownNames) {
  for (const char* name : {"", "linux2", "Linux", "x86_64", "sparc-unknown-linux-gnu", "x86_64-manylinux_2",
                           "x86_64-manylinux_2_x", "x86_64-manylinux_1_5", "manylinux_2_28", "manylinux_x86_64",
                           "x86_64-manylinux_2_2000000000", "x86_64-manylinux_99999_1", "wasm32-pyodide2024", "x86_64-apple",
                           "mips-pc-windows-msvc", "x86_64-unknown-freebsd"}) {
    EXPECT_FALSE(parse_platform(name).has_value()) << name;
  }
}

TEST(ParsePlatform, SuggestsTheClosestKnownName) {
  EXPECT_EQ(suggest_platform_name("Linux"), "linux");
  EXPECT_EQ(suggest_platform_name("x86_64-manylinux-2_28"), "x86_64-manylinux_2_28");
  EXPECT_EQ(suggest_platform_name("aarch64-apple-darwn"), "aarch64-apple-darwin");
  EXPECT_EQ(suggest_platform_name("solaris-sparc-v9-ultra"), std::nullopt);
}

TEST(ParsePlatform, EveryKnownNameParses) {
  for (const auto& name : known_platform_names()) EXPECT_TRUE(parse_platform(name).has_value()) << name;
}

TEST(PlatformTags, NativeLinuxFirstThenManylinuxWithLegacyAliases) {
  const auto tags = platform_tags(*parse_platform("x86_64-manylinux_2_28"));
  ASSERT_GE(tags.size(), 3U);
  EXPECT_EQ(tags[0], "linux_x86_64");
  EXPECT_EQ(tags[1], "manylinux_2_28_x86_64");
  auto at = [&](const char* t) { return std::find(tags.begin(), tags.end(), t) - tags.begin(); };
  EXPECT_EQ(at("manylinux2014_x86_64"), at("manylinux_2_17_x86_64") + 1);
  EXPECT_EQ(at("manylinux2010_x86_64"), at("manylinux_2_12_x86_64") + 1);
  EXPECT_EQ(tags.back(), "manylinux1_x86_64");
  EXPECT_EQ(platform_tags(*parse_platform("i686-pc-windows-msvc")), std::vector<std::string>{"win32"});
}

TEST(TagPriority, CPython313OnManylinux228) {
  const auto target = cpython("3.13", "x86_64-manylinux_2_28");
  const auto priority = TagPriority::for_target(target);
  EXPECT_EQ(priority.size(), supported_tags(target).size());

  const auto native = rank_of(priority, "numpy-2.1.3-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  const auto newer_glibc = rank_of(priority, "numpy-2.1.3-cp313-cp313-manylinux_2_28_x86_64.whl");
  const auto abi3 = rank_of(priority, "cryptography-43.0.3-cp39-abi3-manylinux_2_28_x86_64.whl");
  const auto pure = rank_of(priority, "six-1.16.0-py2.py3-none-any.whl");
  ASSERT_TRUE(native && newer_glibc && abi3 && pure);
  EXPECT_LT(*newer_glibc, *native) << "a newer manylinux is preferred";
  EXPECT_LT(*native, *abi3) << "the exact ABI beats abi3";
  EXPECT_LT(*abi3, *pure) << "any binary beats a pure wheel";

  EXPECT_FALSE(rank_of(priority, "numpy-2.1.3-cp313-cp313-manylinux_2_34_x86_64.whl")) << "glibc too new";
  EXPECT_FALSE(rank_of(priority, "numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.whl")) << "other CPython";
  EXPECT_FALSE(rank_of(priority, "numpy-2.1.3-cp313-cp313-musllinux_1_2_x86_64.whl")) << "musl";
  EXPECT_FALSE(rank_of(priority, "numpy-2.1.3-cp313-cp313-manylinux_2_17_aarch64.whl")) << "other arch";
  EXPECT_FALSE(rank_of(priority, "numpy-2.1.3-cp313-cp313-win_amd64.whl"));
  EXPECT_FALSE(rank_of(priority, "numpy-2.1.3-cp313-cp313t-manylinux_2_17_x86_64.whl")) << "free-threaded";
  EXPECT_FALSE(rank_of(priority, "legacy-1.0-py2-none-any.whl"));
}

TEST(TagPriority, FitExplainsWhyAWheelDoesNotInstall) {
  const auto priority = TagPriority::for_target(cpython("3.13", "x86_64-manylinux_2_28"));
  auto fit = [&](const char* filename) { return priority.fit(*WheelFilename::parse(filename)); };

  const auto ok = fit("six-1.16.0-py2.py3-none-any.whl");
  EXPECT_TRUE(ok.rank.has_value());
  EXPECT_EQ(ok.reason, Incompatibility::None);

  const auto old_python = fit("numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.whl");
  EXPECT_FALSE(old_python.rank.has_value());
  EXPECT_EQ(old_python.reason, Incompatibility::Interpreter);
  EXPECT_EQ(old_python.detail, "built for cp312");

  const auto new_glibc = fit("numpy-2.1.3-cp313-cp313-manylinux_2_34_x86_64.manylinux_2_35_x86_64.whl");
  EXPECT_EQ(new_glibc.reason, Incompatibility::Platform);
  EXPECT_EQ(new_glibc.detail, "built for manylinux_2_34_x86_64, manylinux_2_35_x86_64");

  const auto free_threaded = fit("numpy-2.1.3-cp313-cp313t-manylinux_2_17_x86_64.whl");
  EXPECT_EQ(free_threaded.reason, Incompatibility::Abi);
  EXPECT_EQ(free_threaded.detail, "built for ABI cp313t");
  EXPECT_STREQ(to_string(free_threaded.reason), "abi");

  const auto windows = fit("numpy-2.1.3-cp313-cp313-win_amd64.whl");
  EXPECT_EQ(windows.reason, Incompatibility::Platform);
  EXPECT_EQ(windows.detail, "built for win_amd64");
  EXPECT_EQ(fit("legacy-1.0-py2-none-any.whl").reason, Incompatibility::Interpreter);
}

TEST(TagPriority, FreeThreadedUsesAbi3tNotAbi3) {
  Target t = cpython("3.13", "linux");
  t.free_threaded = true;
  const auto priority = TagPriority::for_target(t);
  EXPECT_TRUE(rank_of(priority, "numpy-2.1.3-cp313-cp313t-manylinux_2_17_x86_64.whl"));
  EXPECT_FALSE(rank_of(priority, "numpy-2.1.3-cp313-cp313-manylinux_2_17_x86_64.whl"));
  EXPECT_FALSE(rank_of(priority, "cryptography-43.0.3-cp39-abi3-manylinux_2_17_x86_64.whl"));
  EXPECT_TRUE(rank_of(priority, "six-1.16.0-py3-none-any.whl"));
}

TEST(TagPriority, MacosAndWindows) {
  const auto mac = TagPriority::for_target(cpython("3.12", "macos"));  // arm64, macOS 13.0
  EXPECT_TRUE(rank_of(mac, "numpy-2.1.3-cp312-cp312-macosx_11_0_arm64.whl"));
  EXPECT_TRUE(rank_of(mac, "numpy-1.26.0-cp312-cp312-macosx_10_9_universal2.whl"));
  EXPECT_FALSE(rank_of(mac, "numpy-2.1.3-cp312-cp312-macosx_14_0_arm64.whl")) << "needs a newer macOS";
  EXPECT_FALSE(rank_of(mac, "numpy-2.1.3-cp312-cp312-macosx_10_9_x86_64.whl")) << "Intel only";

  const auto win = TagPriority::for_target(cpython("3.11", "windows"));
  EXPECT_TRUE(rank_of(win, "PyYAML-6.0-cp311-cp311-win_amd64.whl"));
  EXPECT_FALSE(rank_of(win, "PyYAML-6.0-cp311-cp311-win32.whl"));
}

TEST(TagPriority, PyPy) {
  Target t = cpython("3.10", "linux");
  t.implementation = Implementation::PyPy;
  EXPECT_EQ(default_abis(t), std::vector<std::string>{"pypy310_pp73"});
  const auto priority = TagPriority::for_target(t);
  EXPECT_TRUE(rank_of(priority, "numpy-1.26.0-pp310-pypy310_pp73-manylinux_2_17_x86_64.whl"));
  EXPECT_TRUE(rank_of(priority, "foo-1.0-pp3-none-any.whl"));
  EXPECT_FALSE(rank_of(priority, "numpy-1.26.0-cp310-cp310-manylinux_2_17_x86_64.whl"));
}

TEST(MarkerEnvironment, Linux) {
  const auto env = marker_environment(cpython("3.12", "aarch64-manylinux_2_28"));
  EXPECT_EQ(env.python_version, "3.12");
  EXPECT_EQ(env.python_full_version, "3.12.0");
  EXPECT_EQ(env.implementation_name, "cpython");
  EXPECT_EQ(env.implementation_version, "3.12.0");
  EXPECT_EQ(env.platform_python_implementation, "CPython");
  EXPECT_EQ(env.sys_platform, "linux");
  EXPECT_EQ(env.platform_system, "Linux");
  EXPECT_EQ(env.platform_machine, "aarch64");
  EXPECT_EQ(env.os_name, "posix");
  EXPECT_FALSE(env.extra.has_value());
}

TEST(MarkerEnvironment, FullVersionAndOtherOses) {
  EXPECT_EQ(marker_environment(cpython("3.11.9", "linux")).python_full_version, "3.11.9");
  EXPECT_EQ(marker_environment(cpython("3.13.0rc2", "linux")).python_full_version, "3.13.0rc2");
  EXPECT_EQ(marker_environment(cpython("3.13.0rc2", "linux")).python_version, "3.13");

  const auto win = marker_environment(cpython("3.11", "windows"));
  EXPECT_EQ(win.sys_platform, "win32");
  EXPECT_EQ(win.platform_system, "Windows");
  EXPECT_EQ(win.platform_machine, "AMD64");
  EXPECT_EQ(win.os_name, "nt");
  EXPECT_EQ(marker_environment(cpython("3.11", "aarch64-pc-windows-msvc")).platform_machine, "ARM64");

  const auto mac = marker_environment(cpython("3.10", "macos"));
  EXPECT_EQ(mac.sys_platform, "darwin");
  EXPECT_EQ(mac.platform_system, "Darwin");
  EXPECT_EQ(mac.platform_machine, "arm64");
  EXPECT_EQ(mac.os_name, "posix");
  EXPECT_EQ(marker_environment(cpython("3.10", "x86_64-apple-darwin")).platform_machine, "x86_64");
}

TEST(Describe, TargetsAndPlatforms) {
  EXPECT_EQ(describe(cpython("3.13", "x86_64-manylinux_2_28")), "CPython 3.13 on manylinux_2_28 x86_64");
  EXPECT_EQ(describe(cpython("3.12.1", "macos")), "CPython 3.12 on macOS 13.0 arm64");
  EXPECT_EQ(describe(cpython("3.11", "x86_64-unknown-linux-musl")), "CPython 3.11 on musllinux_1_2 x86_64");
  EXPECT_EQ(describe(*parse_platform("windows")), "Windows amd64");
}

}  // namespace
