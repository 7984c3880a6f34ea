#pragma once
// SHA-256 (FIPS 180-4), for verifying PEP 658 metadata files against the hash the index advertises.
#include <string>
#include <string_view>

namespace pinreqs::index::detail {

std::string sha256_hex(std::string_view data);

}  // namespace pinreqs::index::detail
