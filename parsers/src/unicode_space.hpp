#pragma once
// Python's notion of whitespace (str.isspace / `\s` in str patterns) on UTF-8 text: packaging strips it around
// versions and specifiers, so "\u202f1.0\u2029" is a valid version. Private to parsers/src.
#include <cstddef>
#include <string_view>

namespace pinreqs::pep440 {

// Byte length of the whitespace character starting at `i`, or 0.
inline std::size_t unicode_space_length(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 == ' ' || (b0 >= 0x09 && b0 <= 0x0d) || (b0 >= 0x1c && b0 <= 0x1f)) return 1;
  if (b0 == 0xc2 && i + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    return (b1 == 0x85 || b1 == 0xa0) ? 2 : 0;
  }
  if ((b0 == 0xe1 || b0 == 0xe2 || b0 == 0xe3) && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    const unsigned cp = ((b0 & 0x0fu) << 12) | ((b1 & 0x3fu) << 6) | (b2 & 0x3fu);
    if ((b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80) return 0;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f ||
        cp == 0x205f || cp == 0x3000)
      return 3;
  }
  return 0;
}

// Byte length of the whitespace character ending just before `end`, or 0.
inline std::size_t unicode_space_length_before(std::string_view s, std::size_t end) noexcept {
  for (std::size_t w = 1; w <= 3 && w <= end; ++w)
    if (unicode_space_length(s, end - w) == w) return w;
  return 0;
}

inline bool is_unicode_space_at(std::string_view s, std::size_t i) noexcept { return unicode_space_length(s, i) > 0; }

}  // namespace pinreqs::pep440
