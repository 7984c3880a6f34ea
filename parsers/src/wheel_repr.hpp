#pragma once
// Private helper of the wheel files: quote text the way Python's repr() quotes a str, so messages match
// packaging's ("Invalid project name: 'foo\\n-1.0'").
#include <string>
#include <string_view>

namespace pinreqs::wheel::detail {

inline std::string py_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(1, quote);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
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
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 0xf];
    } else {
      out += c;  // printable ASCII and UTF-8 bytes pass through
    }
  }
  out += quote;
  return out;
}

}  // namespace pinreqs::wheel::detail
