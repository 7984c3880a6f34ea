#include "pinreqs/index/url.hpp"

#include <array>
#include <cctype>
#include <vector>

namespace pinreqs::index {

namespace {

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool secret_param(std::string_view name) {
  static constexpr std::array<std::string_view, 8> words = {"token", "key", "password", "passwd",
                                                            "secret", "sig", "auth", "credential"};
  auto l = lower(name);
  for (auto w : words)
    if (l.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string out;
  auto scheme_end = url.find("://");
  std::size_t authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  auto authority_end = url.find_first_of("/?#", authority_start);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  auto at = url.rfind('@', authority_end - 1);
  if (scheme_end != std::string_view::npos && at != std::string_view::npos && at >= authority_start &&
      at < authority_end) {
    out.append(url.substr(0, authority_start));
    out.append("****");
    out.append(url.substr(at, authority_end - at));
  } else {
    out.append(url.substr(0, authority_end));
  }
  // Query parameters whose names suggest secrets.
  auto rest = url.substr(authority_end);
  auto q = rest.find('?');
  if (q == std::string_view::npos) {
    out.append(rest);
    return out;
  }
  out.append(rest.substr(0, q + 1));
  auto query_end = rest.find('#', q);
  auto query = rest.substr(q + 1, query_end == std::string_view::npos ? std::string_view::npos : query_end - q - 1);
  std::size_t pos = 0;
  bool first = true;
  while (pos <= query.size()) {
    auto amp = query.find('&', pos);
    auto part = query.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (!first) out.push_back('&');
    first = false;
    auto eq = part.find('=');
    if (eq != std::string_view::npos && secret_param(part.substr(0, eq))) {
      out.append(part.substr(0, eq + 1));
      out.append("****");
    } else {
      out.append(part);
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  if (query_end != std::string_view::npos) out.append(rest.substr(query_end));
  return out;
}

std::string_view trim_trailing_slashes(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return url;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string join_url(std::string_view base, std::string_view ref) {
  if (ref.empty()) return std::string(base);
  // Absolute: has a scheme.
  auto colon = ref.find(':');
  auto slash = ref.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
    bool scheme = colon > 0;
    for (std::size_t i = 0; i < colon && scheme; ++i) {
      char c = ref[i];
      scheme = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    }
    if (scheme) return std::string(ref);
  }
  auto scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return std::string(ref);
  if (ref.substr(0, 2) == "//") return std::string(base.substr(0, scheme_end + 1)) + std::string(ref);
  auto path_start = base.find('/', scheme_end + 3);
  if (path_start == std::string_view::npos) path_start = base.size();
  auto origin = base.substr(0, path_start);
  if (ref.front() == '/') return std::string(origin) + std::string(ref);
  // Strip the base's query/fragment, then its last path segment.
  auto base_path = base.substr(path_start);
  auto qf = base_path.find_first_of("?#");
  if (qf != std::string_view::npos) base_path = base_path.substr(0, qf);
  if (ref.front() == '#' || ref.front() == '?') return std::string(origin) + std::string(base_path) + std::string(ref);
  auto last = base_path.rfind('/');
  std::string dir = last == std::string_view::npos ? std::string("/") : std::string(base_path.substr(0, last + 1));
  // Merge and remove dot segments.
  std::string merged = dir + std::string(ref);
  auto frag_or_query = merged.find_first_of("?#");
  std::string tail = frag_or_query == std::string::npos ? "" : merged.substr(frag_or_query);
  std::string path = frag_or_query == std::string::npos ? merged : merged.substr(0, frag_or_query);
  std::vector<std::string> segs;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    auto next = path.find('/', pos);
    auto seg = path.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    bool last_seg = next == std::string::npos;
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
      if (last_seg) segs.emplace_back();
    } else if (seg == ".") {
      if (last_seg) segs.emplace_back();
    } else {
      segs.push_back(seg);
    }
    if (last_seg) break;
    pos = next + 1;
  }
  std::string out(origin);
  for (const auto& s : segs) {
    out.push_back('/');
    out.append(s);
  }
  if (segs.empty()) out.push_back('/');
  return out + tail;
}

}  // namespace pinreqs::index
