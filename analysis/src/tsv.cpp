#include "pinreqs/analysis/tsv.hpp"

namespace pinreqs::analysis {

namespace {
std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    out.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}
}  // namespace

Result<std::vector<TsvRow>> parse_tsv(std::string_view text, const std::vector<std::string>& expected_header,
                                      std::string_view file_name) {
  std::vector<TsvRow> rows;
  int line_no = 0;
  bool header_seen = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto fields = split_tabs(line);
    const std::string where = std::string(file_name) + ":" + std::to_string(line_no) + ": ";
    if (!header_seen) {
      if (fields != expected_header) {
        std::string want;
        for (const auto& h : expected_header) want += (want.empty() ? "" : "<TAB>") + h;
        return fail(ErrorKind::Parse, where + "expected the header `" + want + "`");
      }
      header_seen = true;
      continue;
    }
    // The last column may be omitted when it is empty (an editor stripping a trailing tab).
    if (fields.size() + 1 == expected_header.size()) fields.emplace_back();
    if (fields.size() != expected_header.size())
      return fail(ErrorKind::Parse, where + "expected " + std::to_string(expected_header.size()) +
                                        " tab-separated fields, found " + std::to_string(fields.size()));
    rows.push_back({line_no, std::move(fields)});
  }
  if (!header_seen) return fail(ErrorKind::Parse, std::string(file_name) + ": empty table (expected a header row)");
  return rows;
}

}  // namespace pinreqs::analysis
