#pragma once
// The commands. Each returns the process exit code: 0 success, 1 the user's input or requirements fail
// (parse error, no solution, a check found problems), 2 internal, I/O or network error.
#include "pinreqs/cli/options.hpp"

namespace pinreqs::cli {

int run_pin(const PinOptions& opts);
int run_compile(const CompileOptions& opts);
int run_cache(const CacheOptions& opts);
int run_check(const CheckOptions& opts);
int run_doctor(const DoctorOptions& opts);

}  // namespace pinreqs::cli
