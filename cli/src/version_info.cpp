#include "version_info.hpp"

#include <fmt/core.h>

namespace pinreqs::cli {

std::string version_text() {
  return fmt::format("pinreqs {} (fmt {}.{}.{})", PINREQS_VERSION, FMT_VERSION / 10000, FMT_VERSION / 100 % 100,
                     FMT_VERSION % 100);
}

}  // namespace pinreqs::cli
