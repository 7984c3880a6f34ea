// pip's line pipeline as separate steps (preprocess, join_lines, ignore_comments, break_args_options,
// expand_env_variables), exposed for tests and for tools that want pip's exact view of a file.
#include <algorithm>

#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "reqtxt/grammar.hpp"
#include "reqtxt/internal.hpp"

namespace pinreqs::reqtxt {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n'; }

std::string strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// COMMENT_RE.match: `#` at the start after optional whitespace.
bool comment_match(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  return i < s.size() && s[i] == '#';
}

// COMMENT_RE.sub("", line): drop from the first `#` that starts the line or follows whitespace.
std::string strip_comment(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '#' && (i == 0 || is_space(s[i - 1]))) {
      std::size_t b = i;
      while (b > 0 && is_space(s[b - 1])) --b;
      return std::string(s.substr(0, b));
    }
  }
  return std::string(s);
}

}  // namespace

std::vector<LogicalLine> join_lines(const std::vector<LogicalLine>& physical) {
  std::vector<LogicalLine> out;
  std::optional<std::size_t> primary;
  std::string pending;
  bool open = false;
  for (const auto& [number, text] : physical) {
    const bool comment = comment_match(text);
    if (text.empty() || text.back() != '\\' || comment) {
      const std::string line = comment ? " " + text : text;
      if (open) {
        pending += line;
        out.push_back({*primary, pending});
        pending.clear();
        open = false;
      } else {
        out.push_back({number, line});
      }
    } else {
      if (!open) primary = number;
      open = true;
      std::string_view t = text;
      while (!t.empty() && t.back() == '\\') t.remove_suffix(1);
      while (!t.empty() && t.front() == '\\') t.remove_prefix(1);
      pending += t;
    }
  }
  if (open) out.push_back({*primary, pending});
  return out;
}

std::vector<LogicalLine> ignore_comments(const std::vector<LogicalLine>& lines) {
  std::vector<LogicalLine> out;
  for (const auto& l : lines) {
    std::string s = strip(strip_comment(l.text));
    if (!s.empty()) out.push_back({l.line_number, std::move(s)});
  }
  return out;
}

std::vector<LogicalLine> preprocess(std::string_view text) {
  std::vector<detail::PhysicalLine> phys;
  std::size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  detail::scan_physical_lines(text, start, phys);
  std::vector<LogicalLine> lines;
  lines.reserve(phys.size());
  for (std::size_t i = 0; i < phys.size(); ++i)
    lines.push_back({i + 1, std::string(text.substr(phys[i].begin, phys[i].end - phys[i].begin))});
  return ignore_comments(join_lines(lines));
}

std::pair<std::string, std::string> break_args_options(std::string_view line) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const std::size_t b = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > b) tokens.push_back(line.substr(b, i - b));
  }
  std::string args, options;
  std::size_t k = 0;
  for (; k < tokens.size() && tokens[k].front() != '-'; ++k) args += (args.empty() ? "" : " ") + std::string(tokens[k]);
  for (; k < tokens.size(); ++k) options += (options.empty() ? "" : " ") + std::string(tokens[k]);
  return {args, options};
}

std::string expand_env_vars(std::string_view text,
                            const std::function<std::optional<std::string>(std::string_view)>& env) {
  std::string out;
  std::size_t done = 0, pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    const std::size_t n = detail::env_name_length(text.substr(pos + 2));
    if (n == 0 || pos + 2 + n >= text.size() || text[pos + 2 + n] != '}') {
      pos += 2;
      continue;
    }
    const auto value = env ? env(text.substr(pos + 2, n)) : detail::getenv_lookup(text.substr(pos + 2, n));
    if (!value || value->empty()) {
      pos += n + 3;
      continue;
    }
    out.append(text.substr(done, pos - done));
    out.append(*value);
    pos += n + 3;
    done = pos;
  }
  out.append(text.substr(done));
  return out;
}

LineCol line_col_codepoints(std::string_view text, std::size_t offset) noexcept {
  offset = std::min(offset, text.size());
  LineCol lc;
  std::size_t col = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = text[i];
    if (c == '\n' || (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) {
      ++lc.line;
      col = 1;
    } else if (c == '\r') {
      // the CR of a CRLF: the LF ends the line
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++col;
    }
  }
  lc.column = col;
  return lc;
}

}  // namespace pinreqs::reqtxt
