#include "reqtxt/decode.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace pinreqs::reqtxt::detail {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

Decoded decode_utf16(std::string_view body, bool big_endian, const char* name) {
  Decoded d;
  d.encoding = name;
  d.transcoded = true;
  if (body.size() % 2 != 0) {
    d.error = "truncated UTF-16 data";
    d.error_offset = body.size();
    return d;
  }
  for (std::size_t i = 0; i + 1 < body.size(); i += 2) {
    auto unit = [&](std::size_t k) {
      return big_endian ? (byte_at(body, k) << 8) | byte_at(body, k + 1) : (byte_at(body, k + 1) << 8) | byte_at(body, k);
    };
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= body.size()) {
        d.error = "unpaired UTF-16 surrogate";
        d.error_offset = i;
        return d;
      }
      const std::uint32_t lo = unit(i + 2);
      if (lo < 0xDC00 || lo > 0xDFFF) {
        d.error = "unpaired UTF-16 surrogate";
        d.error_offset = i;
        return d;
      }
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      d.error = "unpaired UTF-16 surrogate";
      d.error_offset = i;
      return d;
    }
    append_utf8(d.text, u);
  }
  return d;
}

Decoded decode_utf32(std::string_view body, bool big_endian, const char* name) {
  Decoded d;
  d.encoding = name;
  d.transcoded = true;
  if (body.size() % 4 != 0) {
    d.error = "truncated UTF-32 data";
    d.error_offset = body.size();
    return d;
  }
  for (std::size_t i = 0; i + 3 < body.size(); i += 4) {
    const std::uint32_t u = big_endian ? (byte_at(body, i) << 24) | (byte_at(body, i + 1) << 16) |
                                             (byte_at(body, i + 2) << 8) | byte_at(body, i + 3)
                                       : (byte_at(body, i + 3) << 24) | (byte_at(body, i + 2) << 16) |
                                             (byte_at(body, i + 1) << 8) | byte_at(body, i);
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
      d.error = "invalid UTF-32 code point";
      d.error_offset = i;
      return d;
    }
    append_utf8(d.text, u);
  }
  return d;
}

// PEP 263: `^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+)` on line 1 or 2.
std::string pep263_encoding(std::string_view bytes) {
  std::size_t pos = 0;
  for (int line = 0; line < 2 && pos < bytes.size(); ++line) {
    std::size_t end = bytes.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view l = bytes.substr(pos, end - pos);
    std::size_t i = 0;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\f')) ++i;
    if (i < l.size() && l[i] == '#') {
      const std::size_t c = l.find("coding", i);
      if (c != std::string_view::npos && c + 6 < l.size() && (l[c + 6] == ':' || l[c + 6] == '=')) {
        std::size_t j = c + 7;
        while (j < l.size() && (l[j] == ' ' || l[j] == '\t')) ++j;
        std::size_t k = j;
        while (k < l.size() && (std::isalnum(static_cast<unsigned char>(l[k])) || l[k] == '-' || l[k] == '_' || l[k] == '.')) ++k;
        if (k > j) return std::string(l.substr(j, k - j));
      }
    }
    pos = end;
    if (pos < bytes.size() && bytes[pos] == '\r') ++pos;
    if (pos < bytes.size() && bytes[pos] == '\n') ++pos;
  }
  return {};
}

std::string normalize_codec(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c == '_' ? '-' : static_cast<char>(std::tolower(c));
  });
  return name;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

Decoded decode_bytes(std::string bytes) {
  const std::string_view b = bytes;
  auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) {
    Decoded d;
    d.bom_bytes = 3;
    d.text = std::move(bytes);
    return d;
  }
  if (starts("\x00\x00\xFE\xFF"sv)) return decode_utf32(b.substr(4), true, "utf-32-be");
  if (starts("\xFF\xFE\x00\x00"sv)) return decode_utf32(b.substr(4), false, "utf-32-le");
  if (starts("\xFE\xFF"sv)) return decode_utf16(b.substr(2), true, "utf-16-be");
  if (starts("\xFF\xFE"sv)) return decode_utf16(b.substr(2), false, "utf-16-le");

  const std::string codec = normalize_codec(pep263_encoding(b));
  Decoded d;
  if (codec.empty() || codec == "utf-8" || codec == "utf8" || codec == "utf-8-sig" || codec == "ascii" ||
      codec == "us-ascii") {
    d.text = std::move(bytes);
    if (codec == "ascii" || codec == "us-ascii") {
      d.encoding = "ascii";
      for (std::size_t i = 0; i < d.text.size(); ++i) {
        if (static_cast<unsigned char>(d.text[i]) >= 0x80) {
          d.error = "byte outside ASCII in a file declared `coding: ascii`";
          d.error_offset = i;
          break;
        }
      }
    }
    return d;
  }
  if (codec == "latin-1" || codec == "latin1" || codec == "iso-8859-1" || codec == "iso8859-1" || codec == "l1" ||
      codec == "iso-latin-1" || codec == "8859" || codec == "cp819") {
    d.encoding = "latin-1";
    bool ascii = true;
    for (char c : b) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
      d.text = std::move(bytes);
      return d;
    }
    d.transcoded = true;
    d.text.reserve(b.size() + b.size() / 8);
    for (char c : b) append_utf8(d.text, static_cast<unsigned char>(c));
    return d;
  }
  d.encoding = codec;
  d.error = "unsupported encoding `" + codec + "` in the PEP 263 coding line";
  d.error_offset = 0;
  d.text = std::move(bytes);
  return d;
}

}  // namespace pinreqs::reqtxt::detail
