#include "preflight_internal.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace pinreqs::analysis::detail {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<LfsRule> lfs_rules(std::string_view text) {
  std::vector<LfsRule> out;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line = trim(text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos));
    ++line_no;
    if (!line.empty() && line.front() != '#') {
      std::vector<std::string_view> tokens;
      std::size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) tokens.push_back(line.substr(start, i - start));
      }
      if (tokens.size() >= 2 && tokens.front().front() != '[') {
        const bool lfs = std::any_of(tokens.begin() + 1, tokens.end(), [](std::string_view t) { return t == "filter=lfs"; });
        if (lfs) out.push_back({std::string(tokens.front()), line_no});
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

bool attr_pattern_matches(std::string_view pattern, std::string_view path) {
  std::string pat(pattern);
  if (pat.empty()) return false;
  const std::string p(path);
  if (pat.find('/') == std::string::npos) {
    const auto slash = p.rfind('/');
    const std::string base = slash == std::string::npos ? p : p.substr(slash + 1);
    return fnmatch(pat.c_str(), base.c_str(), 0) == 0;
  }
  if (pat.front() == '/') pat.erase(0, 1);
  // `dir/**` matches everything below dir; fnmatch without FNM_PATHNAME lets `*` cross slashes.
  return fnmatch(pat.c_str(), p.c_str(), pat.find("**") != std::string::npos ? 0 : FNM_PATHNAME) == 0;
}

std::optional<std::string> read_text_file(const std::filesystem::path& p, std::size_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  const auto size = std::filesystem::file_size(p, ec);
  if (ec || size > max_bytes) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t line_of(std::string_view text, std::size_t offset) noexcept {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

bool is_requirements_file(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::string_view dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
  auto ends_with = [](std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  };
  if (!ends_with(base, ".txt")) return false;
  const std::string_view stem = base.substr(0, base.size() - 4);
  if (stem.rfind("requirements", 0) == 0 || stem.rfind("constraints", 0) == 0) return true;
  if (ends_with(stem, "-requirements") || ends_with(stem, "_requirements")) return true;
  const auto dslash = dir.rfind('/');
  const std::string_view last_dir = dslash == std::string_view::npos ? dir : dir.substr(dslash + 1);
  return last_dir == "requirements";
}

bool in_test_tree(std::string_view path) {
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) return false;  // the last component is the file itself
    const std::string_view dir = path.substr(start, slash - start);
    for (std::string_view skip : {"tests", "test", "fixtures", "testdata", "site-packages", "node_modules"})
      if (dir == skip) return true;
    start = slash + 1;
  }
}

const RepoFile* find_file(const RepoSnapshot& repo, std::string_view relative_path) {
  auto it = std::lower_bound(repo.files.begin(), repo.files.end(), relative_path,
                             [](const RepoFile& f, std::string_view p) { return f.path < p; });
  return it != repo.files.end() && it->path == relative_path ? &*it : nullptr;
}

std::string shell_quote(std::string_view s) {
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' || c == '-' || c == '+' ||
           c == ':' || c == '=' || c == '@';
  });
  if (plain) return std::string(s);
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace pinreqs::analysis::detail
