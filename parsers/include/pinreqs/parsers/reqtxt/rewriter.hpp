#pragma once
// Span-preserving edits of a parsed requirements file: change one requirement's specifier, or write a marked
// block at the end, and leave every other byte (line endings, comments, spacing, order, options) as it was.
//
//   auto parsed = reqtxt::parse_requirements_file("requirements.txt");
//   auto text = reqtxt::rewrite(parsed, 0, {reqtxt::SetSpecifier{PackageName::from_trusted("numpy"), "==2.1.3"}});
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/reqtxt/requirements_file.hpp"

namespace pinreqs::reqtxt {

// Replace the specifier of every named requirement/constraint `name` in the file (the specifier text exactly
// as written, parentheses included; inserted right after the name/extras when there is none).
struct SetSpecifier {
  PackageName name;
  std::string specifier;  // e.g. "==2.1.3"; "" removes the specifier
};

// Replace the block between `begin_marker` and `end_marker` lines (markers included), or append it at the end
// of the file when there is none. Lines are written with the file's dominant line ending.
struct ReplaceBlock {
  std::vector<std::string> lines;
  std::string begin_marker = "# >>> pinreqs: managed block (do not edit by hand)";
  std::string end_marker = "# <<< pinreqs";
};

using Edit = std::variant<SetSpecifier, ReplaceBlock>;

// The new text of parsed.files[file] after `edits`. Errors: a transcoded (non-UTF-8) file, a name with no
// requirement in the file, an invalid specifier, a requirement given by URL, overlapping edits.
Result<std::string> rewrite(const ParsedRequirements& parsed, std::size_t file, const std::vector<Edit>& edits);

// "\r\n", "\n" or "\r": the most frequent line ending of `text` ("\n" when it has none).
std::string_view dominant_line_ending(std::string_view text) noexcept;

}  // namespace pinreqs::reqtxt
