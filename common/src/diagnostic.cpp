#include "pinreqs/common/diagnostic.hpp"

#include <algorithm>
#include <string>

namespace pinreqs {
namespace {

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// [start, end) of the line holding `offset`, without its terminator.
std::pair<std::size_t, std::size_t> line_bounds(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t start = offset;
  while (start > 0 && text[start - 1] != '\n' && text[start - 1] != '\r') --start;
  std::size_t end = offset;
  while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
  return {start, end};
}

}  // namespace

std::string render(const Diagnostic& d, std::string_view source, RenderOptions opts) {
  const LineCol lc = line_col(source, d.span.begin);
  const char* bold = opts.color ? "\x1b[1m" : "";
  const char* red = opts.color ? (d.severity == Severity::Error ? "\x1b[1;31m" : "\x1b[1;33m") : "";
  const char* blue = opts.color ? "\x1b[1;34m" : "";
  const char* reset = opts.color ? "\x1b[0m" : "";

  std::string out;
  out += bold;
  if (!d.file.empty()) out += d.file + ":";
  out += std::to_string(lc.line) + ":" + std::to_string(lc.column) + ":";
  out += reset;
  out += " ";
  out += red;
  out += severity_word(d.severity);
  out += reset;
  out += ": ";
  out += d.message;
  out += "\n";

  if (!source.empty() || d.span.begin == 0) {
    const auto [ls, le] = line_bounds(source, d.span.begin);
    std::string line(source.substr(ls, le - ls));
    // Tabs are shown as single spaces so the caret lines up.
    std::replace(line.begin(), line.end(), '\t', ' ');
    const std::string num = std::to_string(lc.line);
    const std::string pad(num.size(), ' ');
    out += blue + pad + " |" + reset + "\n";
    out += blue + num + " |" + reset + " " + line + "\n";
    const std::size_t col = d.span.begin - ls;
    std::size_t width = 1;
    if (d.span.end > d.span.begin) width = std::min(d.span.end, le) > d.span.begin ? std::min(d.span.end, le) - d.span.begin : 1;
    out += blue + pad + " |" + reset + " " + std::string(col, ' ') + red + std::string(width, '^') + reset + "\n";
  }
  for (const auto& h : d.hints) {
    out += blue;
    out += "hint";
    out += reset;
    out += ": " + h + "\n";
  }
  return out;
}

}  // namespace pinreqs
