#pragma once
// Internal: turning the bytes of a requirements file into the UTF-8 text the parser reads, the way pip does:
// a BOM (UTF-8/16/32) picks the codec, otherwise a PEP 263 `# coding=` line in the first two lines, otherwise
// UTF-8. Validation of UTF-8 (and NUL bytes) is per line in the parser, so every bad line is reported.
#include <cstddef>
#include <string>
#include <string_view>

namespace pinreqs::reqtxt::detail {

struct Decoded {
  std::string text;              // UTF-8 (a UTF-8 BOM is kept so spans are file offsets)
  std::string encoding = "utf-8";
  bool transcoded = false;       // text differs from the bytes
  std::size_t bom_bytes = 0;     // UTF-8 BOM length kept at the start of `text`
  std::string error;             // non-empty: the bytes cannot be decoded with `encoding`
  std::size_t error_offset = 0;  // byte offset in the input
};

Decoded decode_bytes(std::string bytes);

// Offset of the first invalid UTF-8 sequence in `s`, or npos.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

}  // namespace pinreqs::reqtxt::detail
