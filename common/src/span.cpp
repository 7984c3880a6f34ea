#include "pinreqs/common/span.hpp"

namespace pinreqs {

LineCol line_col(std::string_view text, std::size_t offset) noexcept {
  if (offset > text.size()) offset = text.size();
  LineCol lc;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++lc.line;
      line_start = i + 1;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        if (i + 1 == offset) break;  // offset points at the LF of a CRLF: same line as the CR
        ++i;
      }
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.column = offset - line_start + 1;
  return lc;
}

}  // namespace pinreqs
