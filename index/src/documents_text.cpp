// Text formats: PEP 503 HTML pages, RFC 822 core metadata, distribution filenames, ISO 8601 times.
#include <algorithm>
#include <array>
#include <cctype>

#include "pinreqs/index/documents.hpp"
#include "pinreqs/index/url.hpp"
#include "release_builder.hpp"

namespace pinreqs::index {
namespace detail {

namespace {
bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  auto tail = s.substr(s.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}
constexpr std::array<std::string_view, 6> kSdistExts = {".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"};
}  // namespace

bool is_dist_filename(std::string_view filename) {
  if (ends_with_ci(filename, ".whl")) return true;
  return std::any_of(kSdistExts.begin(), kSdistExts.end(), [&](auto ext) { return ends_with_ci(filename, ext); });
}

Release* ReleaseBuilder::release(std::string_view version_text) {
  std::string key(version_text);
  if (auto it = by_text_.find(key); it != by_text_.end()) return it->second;
  auto v = pep440::Version::parse(version_text);
  if (!v) {
    ++(notes_ ? *notes_ : scratch_).skipped_versions;
    by_text_.emplace(std::move(key), nullptr);
    return nullptr;
  }
  auto [it, inserted] = releases_.try_emplace(*v);
  if (inserted) {
    it->second.version = std::move(*v);
    it->second.version_text = key;
  }
  Release* r = &it->second;
  by_text_.emplace(std::move(key), r);
  return r;
}

void ReleaseBuilder::add(std::string_view version_text, DistFile file) {
  if (!is_dist_filename(file.filename)) {
    ++(notes_ ? *notes_ : scratch_).skipped_files;
    return;
  }
  if (Release* r = release(version_text)) r->files.push_back(std::move(file));
}

std::vector<Release> ReleaseBuilder::finish(bool drop_empty) {
  std::vector<Release> out;
  out.reserve(releases_.size());
  for (auto& [v, r] : releases_) {
    if (drop_empty && r.files.empty()) continue;
    out.push_back(std::move(r));
  }
  releases_.clear();
  by_text_.clear();
  return out;
}

}  // namespace detail

namespace {

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Decodes the HTML character references that appear in index pages (named basics and numeric).
std::string html_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    auto semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    auto ent = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    bool ok = true;
    if (ent == "amp") cp = '&';
    else if (ent == "lt") cp = '<';
    else if (ent == "gt") cp = '>';
    else if (ent == "quot") cp = '"';
    else if (ent == "apos") cp = '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      auto digits = ent.substr(hex ? 2 : 1);
      ok = !digits.empty();
      for (char c : digits) {
        int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : (hex && std::isxdigit(static_cast<unsigned char>(c)))
                    ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                    : -1;
        if (d < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d);
      }
    } else {
      ok = false;
    }
    if (!ok || cp > 0x10FFFF) {
      out.push_back('&');
      continue;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    i = semi;
  }
  return out;
}

struct Tag {
  std::string name;                                         // lowercase
  std::vector<std::pair<std::string, std::string>> attrs;   // lowercase name, raw value (entities kept)
  bool has(std::string_view n) const {
    return std::any_of(attrs.begin(), attrs.end(), [&](const auto& a) { return a.first == n; });
  }
  std::string get(std::string_view n) const {
    for (const auto& a : attrs)
      if (a.first == n) return html_unescape(a.second);
    return {};
  }
};

// Parses the tag starting at html[pos] == '<'; returns the position after '>' (npos when unterminated).
std::size_t scan_tag(std::string_view html, std::size_t pos, Tag& tag) {
  tag = Tag{};
  std::size_t i = pos + 1;
  auto is_name = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '/'; };
  while (i < html.size() && is_name(html[i])) tag.name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++]))));
  for (;;) {
    while (i < html.size() && (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/')) ++i;
    if (i >= html.size()) return std::string_view::npos;
    if (html[i] == '>') return i + 1;
    std::string an;
    while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '=' && html[i] != '>' &&
           html[i] != '/')
      an.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++]))));
    while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        char q = html[i++];
        auto end = html.find(q, i);
        if (end == std::string_view::npos) return std::string_view::npos;
        value.assign(html.substr(i, end - i));
        i = end + 1;
      } else {
        while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>') value.push_back(html[i++]);
      }
    }
    if (an.empty()) {
      ++i;  // stray character: skip it
      continue;
    }
    tag.attrs.emplace_back(std::move(an), std::move(value));
  }
}

// "sha256=abc" -> "abc"; "true" -> "".
void metadata_attr(std::string_view value, DistFile& f) {
  auto v = trim(value);
  if (lower(v) == "false") return;
  f.has_core_metadata = true;
  if (lower(v.substr(0, 7)) == "sha256=") f.core_metadata_sha256 = lower(v.substr(7));
}

}  // namespace

std::optional<std::string> version_from_filename(std::string_view filename, const PackageName& name) {
  if (detail::is_dist_filename(filename) && filename.size() > 4 &&
      lower(filename.substr(filename.size() - 4)) == ".whl") {
    auto first = filename.find('-');
    if (first == std::string_view::npos) return std::nullopt;
    auto second = filename.find('-', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    return std::string(filename.substr(first + 1, second - first - 1));
  }
  std::string_view stem;
  for (auto ext : {".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"}) {
    std::string_view e(ext);
    if (filename.size() > e.size() && lower(filename.substr(filename.size() - e.size())) == e) {
      stem = filename.substr(0, filename.size() - e.size());
      break;
    }
  }
  if (stem.empty()) return std::nullopt;
  // The name part normalizes to the project name: find the dash that ends it.
  for (std::size_t dash = stem.find('-'); dash != std::string_view::npos; dash = stem.find('-', dash + 1)) {
    if (canonicalize_name(stem.substr(0, dash)) == name.str()) return std::string(stem.substr(dash + 1));
  }
  auto last = stem.rfind('-');
  if (last == std::string_view::npos) return std::nullopt;
  return std::string(stem.substr(last + 1));
}

std::optional<std::int64_t> parse_iso8601(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.frac][Z|+HH:MM]
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > t.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!num(0, 4, y) || t.size() < 10 || t[4] != '-' || !num(5, 2, mo) || t[7] != '-' || !num(8, 2, d)) return std::nullopt;
  std::size_t pos = 10;
  if (pos < t.size() && (t[pos] == 'T' || t[pos] == ' ')) {
    if (!num(pos + 1, 2, h) || t.size() < pos + 9 || t[pos + 3] != ':' || !num(pos + 4, 2, mi) || t[pos + 6] != ':' ||
        !num(pos + 7, 2, s))
      return std::nullopt;
    pos += 9;
    if (pos < t.size() && t[pos] == '.') {
      ++pos;
      while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) ++pos;
    }
  }
  std::int64_t offset = 0;
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    int oh = 0, om = 0;
    if (!num(pos + 1, 2, oh)) return std::nullopt;
    std::size_t mpos = pos + 3 < t.size() && t[pos + 3] == ':' ? pos + 4 : pos + 3;
    if (mpos < t.size()) num(mpos, 2, om);
    offset = (t[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  std::int64_t yy = y - (mo <= 2 ? 1 : 0);
  std::int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  auto yoe = yy - era * 400;
  auto doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  auto doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  auto days = era * 146097 + doe - 719468;
  return days * 86400 + h * 3600 + mi * 60 + s - offset;
}

Result<ProjectIndex> parse_simple_html(std::string_view html, const PackageName& name, std::string_view page_url,
                                       ParseNotes* notes) {
  ProjectIndex p;
  p.name = name;
  p.display_name = name.str();
  detail::ReleaseBuilder builder(notes);
  std::string base(page_url);
  std::size_t pos = 0;
  bool saw_html = false;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    if (html.substr(pos, 4) == "<!--") {
      auto end = html.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    Tag tag;
    auto after = scan_tag(html, pos, tag);
    if (after == std::string_view::npos) break;
    saw_html = true;
    if (tag.name == "base" && tag.has("href")) base = join_url(page_url, tag.get("href"));
    if (tag.name != "a" || !tag.has("href")) {
      pos = after;
      continue;
    }
    auto close = html.find('<', after);
    auto text = html_unescape(trim(html.substr(after, close == std::string_view::npos ? std::string_view::npos : close - after)));
    pos = close == std::string_view::npos ? html.size() : close;
    DistFile f;
    auto href = tag.get("href");
    auto hash = href.find('#');
    if (hash != std::string::npos) {
      auto frag = std::string_view(href).substr(hash + 1);
      if (lower(frag.substr(0, 7)) == "sha256=") f.sha256 = lower(frag.substr(7));
      href.resize(hash);
    }
    f.url = join_url(base, href);
    // The file name: the anchor text, else the last path segment of the URL.
    if (!text.empty()) {
      f.filename = text;
    } else {
      auto path = std::string_view(f.url);
      path = path.substr(0, path.find('?'));
      f.filename = percent_decode(path.substr(path.rfind('/') + 1));
    }
    f.requires_python = tag.get("data-requires-python");
    if (tag.has("data-yanked")) {
      f.yanked = true;
      f.yanked_reason = tag.get("data-yanked");
    }
    if (tag.has("data-core-metadata")) metadata_attr(tag.get("data-core-metadata"), f);
    else if (tag.has("data-dist-info-metadata")) metadata_attr(tag.get("data-dist-info-metadata"), f);
    auto version = version_from_filename(f.filename, name);
    if (!version) {
      if (notes) ++notes->skipped_files;
      continue;
    }
    builder.add(*version, std::move(f));
  }
  if (!saw_html && !trim(html).empty())
    return fail(ErrorKind::Parse, "expected an HTML simple page (PEP 503), found no tags");
  p.releases = builder.finish();
  return p;
}

Result<CoreMetadata> parse_core_metadata(std::string_view text) {
  CoreMetadata m;
  std::vector<std::string> requires_dist;
  std::string name, version;
  std::string current_key, current_value;
  auto flush = [&] {
    if (current_key.empty()) return;
    auto v = std::string(trim(current_value));
    if (current_key == "name") name = v;
    else if (current_key == "version") version = v;
    else if (current_key == "requires-dist") requires_dist.push_back(v);
    else if (current_key == "requires-python") m.requires_python = v;
    else if (current_key == "provides-extra") m.provides_extra.push_back(v);
    current_key.clear();
    current_value.clear();
  };
  std::size_t pos = 0;
  std::size_t line_no = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of headers; the body (description) follows
    if (line.front() == ' ' || line.front() == '\t') {
      if (!current_key.empty()) {
        current_value.push_back(' ');
        current_value.append(trim(line));
      }
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
      return fail(ErrorKind::Parse, "core metadata line " + std::to_string(line_no) + ": expected `Name: value`");
    flush();
    current_key = lower(trim(line.substr(0, colon)));
    current_value = std::string(line.substr(colon + 1));
  }
  flush();
  if (name.empty()) return fail(ErrorKind::Parse, "core metadata has no `Name` field");
  auto v = pep440::Version::parse(version);
  if (!v) return fail(ErrorKind::Parse, "core metadata `Version` `" + version + "` is not a PEP 440 version");
  m.name = PackageName::from_trusted(name);
  m.version = std::move(*v);
  m.requires_dist = std::move(requires_dist);
  return m;
}

}  // namespace pinreqs::index
