#pragma once
// Helpers shared by the preflight checks (private to the analysis module).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/analysis/repo_snapshot.hpp"

namespace pinreqs::analysis::detail {

// A `.gitattributes` line that routes paths through Git LFS (`<pattern> ... filter=lfs ...`).
struct LfsRule {
  std::string pattern;
  std::size_t line = 0;  // 1-based
};
std::vector<LfsRule> lfs_rules(std::string_view gitattributes_text);

// gitattributes pattern semantics (simplified: no `**` across folders beyond fnmatch): a pattern without a
// slash matches the file name at any depth; with a slash it matches the whole path from the root.
bool attr_pattern_matches(std::string_view pattern, std::string_view path);

// Reads a file up to `max_bytes` (nullopt when missing, unreadable or larger).
std::optional<std::string> read_text_file(const std::filesystem::path& p, std::size_t max_bytes = 4u << 20);

// 1-based line of a byte offset.
std::size_t line_of(std::string_view text, std::size_t offset) noexcept;

// requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements/base.txt, constraints.txt ...
bool is_requirements_file(std::string_view relative_path);

// Under a folder of test data (tests/, test/, fixtures/, testdata/, site-packages/, node_modules/): requirements
// files there describe test cases, not the deploy.
bool in_test_tree(std::string_view relative_path);

// The file named `relative_path` in the snapshot, or nullptr.
const RepoFile* find_file(const RepoSnapshot& repo, std::string_view relative_path);

// "`git rm --cached 'my file.bin'`": quotes a path for a POSIX shell when it needs quoting.
std::string shell_quote(std::string_view s);

}  // namespace pinreqs::analysis::detail
