#pragma once
// A half-open byte range [begin, end) into a source text. Line and column are computed only when printed.
#include <cstddef>
#include <string_view>

namespace pinreqs {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  [[nodiscard]] constexpr std::size_t size() const noexcept { return end - begin; }
  [[nodiscard]] constexpr bool empty() const noexcept { return end == begin; }
  [[nodiscard]] constexpr std::string_view in(std::string_view text) const noexcept {
    return text.substr(begin, end - begin);
  }
  friend constexpr bool operator==(const Span&, const Span&) = default;
};

// 1-based line and column (column counts bytes, like pip and uv).
struct LineCol {
  std::size_t line = 1;
  std::size_t column = 1;
};

// Line/column of a byte offset. CRLF, LF and lone CR each end a line.
LineCol line_col(std::string_view text, std::size_t offset) noexcept;

}  // namespace pinreqs
