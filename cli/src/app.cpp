// The one translation unit that includes CLI11.
#include "pinreqs/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <string>

#include "version_info.hpp"

namespace pinreqs::cli {

int run(int argc, char** argv) {
  CLI::App app{"pinreqs: pin Python requirements for the Python and platform you deploy to"};
  app.set_version_flag("-V,--version", version_text());
  app.fallthrough();
  app.require_subcommand(0, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success) ? 0 : 1);
  }
  if (argc <= 1) {
    fmt::print("{}", app.help());
    return 0;
  }
  return 0;
}

}  // namespace pinreqs::cli
