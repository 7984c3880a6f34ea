#pragma once
// The tab-separated format of analysis/data/ (one header row, LF or CRLF, no quoting): rows with their line
// numbers, and an error naming the line when a row has the wrong number of fields.
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/common/error.hpp"

namespace pinreqs::analysis {

struct TsvRow {
  int line = 0;                     // 1-based line in the file
  std::vector<std::string> fields;  // exactly as many as the header has (trailing empty fields allowed)
};

// `expected_header`: the column names in order. Blank lines are skipped.
Result<std::vector<TsvRow>> parse_tsv(std::string_view text, const std::vector<std::string>& expected_header,
                                      std::string_view file_name);

}  // namespace pinreqs::analysis
