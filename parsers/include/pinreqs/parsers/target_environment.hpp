#pragma once
// The PEP 508 marker environment of a deploy target: what `sys_platform`, `platform_machine`, `python_version`
// ... evaluate to on that interpreter and platform, without running it.
#include "pinreqs/parsers/marker.hpp"
#include "pinreqs/parsers/target.hpp"

namespace pinreqs::wheel {

// python_version "3.12"; python_full_version "3.12.0" unless the target names a micro version; implementation
// cpython/CPython or pypy/PyPy; sys_platform linux/darwin/win32; platform_system Linux/Darwin/Windows;
// platform_machine as the interpreter reports it (x86_64, aarch64, arm64, AMD64, x86, ARM64); os_name
// posix/nt. platform_release and platform_version are unknowable and left empty (as uv does); `extra` unset.
pep508::Environment marker_environment(const Target& target);

}  // namespace pinreqs::wheel
