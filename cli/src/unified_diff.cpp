#include "pinreqs/cli/unified_diff.hpp"

#include <algorithm>
#include <vector>

namespace pinreqs::cli {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      lines.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

enum class Op { Keep, Del, Add };
struct Edit {
  Op op;
  std::size_t a;  // index in before (Keep/Del)
  std::size_t b;  // index in after (Keep/Add)
};

// Myers' O(ND) shortest edit script.
std::vector<Edit> diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const auto n = static_cast<long>(a.size());
  const auto m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(static_cast<std::size_t>(2 * max + 2), 0);
  std::vector<std::vector<long>> trace;
  const long off = max + 1;
  long found_d = -1;
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x;
      if (k == -d || (k != d && v[static_cast<std::size_t>(off + k - 1)] < v[static_cast<std::size_t>(off + k + 1)]))
        x = v[static_cast<std::size_t>(off + k + 1)];
      else
        x = v[static_cast<std::size_t>(off + k - 1)] + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      v[static_cast<std::size_t>(off + k)] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
    if (found_d >= 0) break;
  }
  // Backtrack.
  std::vector<Edit> edits;
  long x = n, y = m;
  for (long d = found_d; d > 0; --d) {
    const auto& pv = trace[static_cast<std::size_t>(d)];
    const long k = x - y;
    long prev_k;
    if (k == -d || (k != d && pv[static_cast<std::size_t>(off + k - 1)] < pv[static_cast<std::size_t>(off + k + 1)]))
      prev_k = k + 1;
    else
      prev_k = k - 1;
    const long prev_x = pv[static_cast<std::size_t>(off + prev_k)];
    const long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x;
      --y;
      edits.push_back({Op::Keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
    if (x == prev_x) {
      --y;
      edits.push_back({Op::Add, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    } else {
      --x;
      edits.push_back({Op::Del, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
  }
  while (x > 0 && y > 0) {
    --x;
    --y;
    edits.push_back({Op::Keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

void append_line(std::string& out, char prefix, std::string_view line) {
  out.push_back(prefix);
  out.append(line);
  if (line.empty() || (line.back() != '\n' && line.back() != '\r')) out += "\n\\ No newline at end of file\n";
}

std::string range(std::size_t start, std::size_t count) {
  // diff's convention: an empty range names the line before it.
  if (count == 0) return std::to_string(start) + ",0";
  if (count == 1) return std::to_string(start + 1);
  return std::to_string(start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                         std::string_view new_label, int context) {
  if (before == after) return {};
  const auto a = split_lines(before);
  const auto b = split_lines(after);
  const auto edits = diff_lines(a, b);
  const auto ctx = static_cast<std::size_t>(std::max(context, 0));

  std::string out = "--- " + std::string(old_label) + "\n+++ " + std::string(new_label) + "\n";
  std::size_t i = 0;
  while (i < edits.size()) {
    // Find the next change.
    while (i < edits.size() && edits[i].op == Op::Keep) ++i;
    if (i >= edits.size()) break;
    std::size_t start = i >= ctx ? i - ctx : 0;
    // Extend the hunk while changes are within 2*ctx of each other.
    std::size_t end = i;
    while (true) {
      while (end < edits.size() && edits[end].op != Op::Keep) ++end;
      std::size_t keep = end;
      while (keep < edits.size() && edits[keep].op == Op::Keep) ++keep;
      if (keep < edits.size() && keep - end <= 2 * ctx) {
        end = keep;
        continue;
      }
      end = std::min(end + ctx, edits.size());
      break;
    }
    std::size_t a_start = edits[start].a, b_start = edits[start].b, a_count = 0, b_count = 0;
    for (std::size_t j = start; j < end; ++j) {
      if (edits[j].op != Op::Add) ++a_count;
      if (edits[j].op != Op::Del) ++b_count;
    }
    out += "@@ -" + range(a_start, a_count) + " +" + range(b_start, b_count) + " @@\n";
    for (std::size_t j = start; j < end; ++j) {
      switch (edits[j].op) {
        case Op::Keep: append_line(out, ' ', a[edits[j].a]); break;
        case Op::Del: append_line(out, '-', a[edits[j].a]); break;
        case Op::Add: append_line(out, '+', b[edits[j].b]); break;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace pinreqs::cli
