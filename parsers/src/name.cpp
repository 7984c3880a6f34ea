#include "pinreqs/parsers/name.hpp"

namespace pinreqs {
namespace {
bool is_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_sep(char c) noexcept { return c == '-' || c == '_' || c == '.'; }
}  // namespace

std::string canonicalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_sep = false;
  for (char c : name) {
    if (is_sep(c)) {
      if (!in_sep) out.push_back('-');
      in_sep = true;
      continue;
    }
    in_sep = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool is_valid_name(std::string_view name) noexcept {
  if (name.empty() || !is_alnum(name.front()) || !is_alnum(name.back())) return false;
  for (char c : name)
    if (!is_alnum(c) && !is_sep(c)) return false;
  return true;
}

bool is_normalized_name(std::string_view name) noexcept {
  if (!is_valid_name(name)) return false;
  char prev = 0;
  for (char c : name) {
    if ((c >= 'A' && c <= 'Z') || c == '_' || c == '.') return false;
    if (c == '-' && prev == '-') return false;
    prev = c;
  }
  return true;
}

tl::expected<PackageName, std::string> PackageName::parse(std::string_view name) {
  if (name.empty()) return tl::unexpected<std::string>("empty package name");
  if (!is_valid_name(name))
    return tl::unexpected<std::string>("invalid package name `" + std::string(name) +
                                       "`: names use ASCII letters, digits and `.`, `_`, `-` between them");
  return PackageName(canonicalize_name(name));
}

}  // namespace pinreqs
