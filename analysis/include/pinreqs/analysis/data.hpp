#pragma once
// The curated tables of analysis/data/, embedded at build time (see analysis/CMakeLists.txt and
// analysis/data/README.md for their formats).
#include <string_view>

namespace pinreqs::analysis::data {

std::string_view alternatives_tsv() noexcept;   // package, alternative, condition, reason
std::string_view import_names_tsv() noexcept;   // import, distribution, also
std::string_view stdlib_tsv() noexcept;         // module, first, last

}  // namespace pinreqs::analysis::data
