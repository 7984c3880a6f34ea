#pragma once
// The pinreqs command line. Exit codes: 0 success, 1 the user's input or requirements fail
// (parse error, no solution, a check found problems), 2 internal, I/O or network error.

namespace pinreqs::cli {

int run(int argc, char** argv);

}  // namespace pinreqs::cli
