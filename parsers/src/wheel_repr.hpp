#pragma once
// Private helper of the wheel files: quote text the way Python's repr() quotes a str, so messages match
// packaging's ("Invalid project name: 'foo\\n-1.0'"). Non-printable code points are escaped as Python does
// (\n, \x85, \xa0, \u2028, ...); other UTF-8 passes through.
#include <cstdint>
#include <string>
#include <string_view>

namespace pinreqs::wheel::detail {

// Code points str.isprintable() rejects beyond the ASCII controls: C1 controls, non-ASCII spaces and line
// separators, and the common format characters.
inline bool py_unprintable(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0xa0) || cp == 0xad || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200f) ||
         (cp >= 0x2028 && cp <= 0x202f) || (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 || cp == 0xfeff;
}

inline std::string py_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  static constexpr char hex[] = "0123456789abcdef";
  auto escape = [&](std::string& out, std::uint32_t cp) {
    const int digits = cp <= 0xff ? 2 : (cp <= 0xffff ? 4 : 8);
    out += '\\';
    out += digits == 2 ? 'x' : (digits == 4 ? 'u' : 'U');
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xf];
  };
  std::string out(1, quote);
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      // Decode one UTF-8 sequence; malformed bytes pass through unchanged.
      const std::size_t len = u >= 0xf0 ? 4 : (u >= 0xe0 ? 3 : (u >= 0xc0 ? 2 : 1));
      if (len == 1 || i + len > text.size()) {
        out += c;
        ++i;
        continue;
      }
      std::uint32_t cp = u & (0x7f >> len);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
      if (py_unprintable(cp)) {
        escape(out, cp);
      } else {
        out.append(text.substr(i, len));
      }
      i += len;
      continue;
    }
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      escape(out, u);
    } else {
      out += c;
    }
    ++i;
  }
  out += quote;
  return out;
}

}  // namespace pinreqs::wheel::detail
