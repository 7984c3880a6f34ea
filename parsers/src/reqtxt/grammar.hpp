#pragma once
// Internal: the two PEGTL-driven scanners of the requirements-file format (the grammar itself lives in
// grammar.cpp, the only translation unit that includes PEGTL).
#include <cstddef>
#include <string_view>
#include <vector>

namespace pinreqs::reqtxt::detail {

// One physical line: [begin, end) of its content, and the end of its terminator (== end at end of file).
struct PhysicalLine {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t eol_end = 0;
};

// Splits `text` (from `start`) at LF, CRLF and lone CR. Appends to `out` (cleared first).
void scan_physical_lines(std::string_view text, std::size_t start, std::vector<PhysicalLine>& out);

// One token of a logical line, as offsets into the logical line text.
struct LineToken {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool option_part = false;  // at or after the first token starting with `-` (pip's break_args_options)
  bool needs_unquote = false;  // holds quotes or backslashes (option part only)
  bool unterminated_quote = false;
};

struct TokenizedLine {
  std::vector<LineToken> tokens;
  std::size_t comment_begin = 0;  // == size of the line when there is no comment
  bool has_comment = false;
};

// Tokenizes one logical line (continuations joined, variables expanded). The requirement part is split at
// whitespace (quotes keep marker strings together); the option part is split the way shlex does.
void tokenize_line(std::string_view line, TokenizedLine& out);

}  // namespace pinreqs::reqtxt::detail
