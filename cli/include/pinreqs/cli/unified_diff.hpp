#pragma once
// A unified diff (like `diff -u`) between two texts, for `--diff` / `--dry-run`. Lines keep their own
// terminators, so a CRLF file diffs as CRLF; a missing final newline is marked as diff does.
#include <string>
#include <string_view>

namespace pinreqs::cli {

// Empty when the texts are equal.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                         std::string_view new_label, int context = 3);

}  // namespace pinreqs::cli
