#pragma once
#include <string>

namespace pinreqs::cli {

// "pinreqs X.Y.Z" plus the versions of the libraries it was built with.
std::string version_text();

}  // namespace pinreqs::cli
