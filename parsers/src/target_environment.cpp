#include "pinreqs/parsers/target_environment.hpp"

namespace pinreqs::wheel {

namespace {

std::string machine(const Platform& p) {
  switch (p.os) {
    case Os::Linux:
    case Os::Macos:
      return p.arch;  // uname -m spelling: x86_64, aarch64, armv7l, i686 / x86_64, arm64
    case Os::Windows:
      // platform.machine() on Windows reports the processor architecture in upper case.
      if (p.arch == "amd64" || p.arch == "x86_64") return "AMD64";
      if (p.arch == "arm64" || p.arch == "aarch64") return "ARM64";
      if (p.arch == "x86" || p.arch == "i686") return "x86";
      return p.arch;
  }
  return p.arch;
}

}  // namespace

pep508::Environment marker_environment(const Target& target) {
  pep508::Environment env;
  const auto& v = target.python;
  const std::string major_minor = std::to_string(v.release_at(0)) + "." + std::to_string(v.release_at(1));
  env.python_version = major_minor;
  if (v.release_size() >= 3) {
    // The full version as Python prints it, pre-release included ("3.13.0rc1"); epoch/local cannot occur.
    env.python_full_version = v.public_version().to_string();
  } else {
    env.python_full_version = major_minor + ".0";
  }
  if (target.implementation == Implementation::PyPy) {
    env.implementation_name = "pypy";
    env.platform_python_implementation = "PyPy";
    env.implementation_version = "7.3.0";  // the pp73 ABI line; the exact PyPy release is not part of a target
  } else {
    env.implementation_name = "cpython";
    env.platform_python_implementation = "CPython";
    env.implementation_version = env.python_full_version;
  }
  env.platform_machine = machine(target.platform);
  switch (target.platform.os) {
    case Os::Linux:
      env.os_name = "posix";
      env.sys_platform = "linux";
      env.platform_system = "Linux";
      break;
    case Os::Macos:
      env.os_name = "posix";
      env.sys_platform = "darwin";
      env.platform_system = "Darwin";
      break;
    case Os::Windows:
      env.os_name = "nt";
      env.sys_platform = "win32";
      env.platform_system = "Windows";
      break;
  }
  return env;
}

}  // namespace pinreqs::wheel
