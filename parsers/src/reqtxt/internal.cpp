#include "reqtxt/internal.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "pinreqs/parsers/name.hpp"

namespace pinreqs::reqtxt::detail {

const std::vector<OptionSpec>& option_table() {
  static const std::vector<OptionSpec> table = {
      {"--requirement", 'r', true, OptionScope::Requirement},
      {"--constraint", 'c', true, OptionScope::Constraint},
      {"--editable", 'e', true, OptionScope::Editable},
      {"--index-url", 'i', true, OptionScope::Global},
      {"--extra-index-url", 0, true, OptionScope::Global},
      {"--no-index", 0, false, OptionScope::Global},
      {"--find-links", 'f', true, OptionScope::Global},
      {"--pre", 0, false, OptionScope::Global},
      {"--prefer-binary", 0, false, OptionScope::Global},
      {"--only-binary", 0, true, OptionScope::Global},
      {"--no-binary", 0, true, OptionScope::Global},
      {"--trusted-host", 0, true, OptionScope::Global},
      {"--require-hashes", 0, false, OptionScope::Global},
      {"--use-feature", 0, true, OptionScope::Global},
      {"--all-releases", 0, true, OptionScope::Global},
      {"--only-final", 0, true, OptionScope::Global},
      {"--hash", 0, true, OptionScope::Hash},
      {"--config-settings", 0, true, OptionScope::ConfigSettings},
      {"--global-option", 0, true, OptionScope::GlobalOption},
  };
  return table;
}

OptionMatch match_option(std::string_view tok, std::string_view raw) {
  OptionMatch m;
  if (raw.empty()) raw = tok;
  if (tok.size() < 2 || tok[0] != '-') return m;
  const auto& table = option_table();
  if (tok[1] == '-') {
    const std::size_t eq = tok.find('=');
    const std::string_view name = tok.substr(0, eq);
    if (eq != std::string_view::npos) {
      m.attached = tok.substr(eq + 1);
      const std::size_t req = raw.find('=');
      m.attached_raw_len = req == std::string_view::npos ? m.attached->size() : raw.size() - req - 1;
    }
    for (const auto& spec : table) {  // exact names first (a size check rejects most)
      if (name == std::string_view(spec.long_name)) {
        m.kind = OptionMatch::Kind::Found;
        m.spec = &spec;
        break;
      }
    }
    if (m.kind != OptionMatch::Kind::Found) {
      // optparse accepts a unique prefix of a long option.
      for (const auto& spec : table) {
        if (name.size() > 2 && std::string_view(spec.long_name).substr(0, name.size()) == name)
          m.candidates.push_back(&spec);
      }
      if (m.candidates.size() == 1) {
        m.kind = OptionMatch::Kind::Found;
        m.spec = m.candidates.front();
      } else {
        m.kind = m.candidates.empty() ? OptionMatch::Kind::Unknown : OptionMatch::Kind::Ambiguous;
      }
    }
    if (m.kind == OptionMatch::Kind::Found && !m.spec->takes_value && m.attached) {
      m.kind = OptionMatch::Kind::Unknown;  // `--pre=x`
    }
    return m;
  }
  for (const auto& spec : table) {
    if (spec.short_name != 0 && spec.short_name == tok[1]) {
      m.kind = OptionMatch::Kind::Found;
      m.spec = &spec;
      if (tok.size() > 2) {
        m.attached = tok.substr(2);
        m.attached_raw_len = raw.size() >= 2 ? raw.size() - 2 : 0;
      }
      return m;
    }
  }
  m.kind = OptionMatch::Kind::Unknown;
  return m;
}

std::string describe_bad_option(const OptionMatch& m, std::string_view tok) {
  const std::string name(tok.substr(0, tok.find('=')));
  if (m.kind == OptionMatch::Kind::Ambiguous) {
    std::string list;
    for (const auto* c : m.candidates) list += (list.empty() ? "`" : ", `") + std::string(c->long_name) + "`";
    return "ambiguous option `" + name + "`; expected one of " + list;
  }
  if (m.spec == nullptr) {
    for (const auto& spec : option_table()) {
      if (name == spec.long_name && !spec.takes_value) return "`" + name + "` takes no value";
    }
  } else if (!m.spec->takes_value) {
    return "`" + std::string(m.spec->long_name) + "` takes no value";
  }
  return "unknown option `" + name + "`; expected `-r`, `-c`, `-e` or a supported pip option";
}

void apply_format_control(const std::string& value, std::vector<std::string>& target,
                          std::vector<std::string>& other) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    items.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
  std::size_t i = 0;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k] == ":all:") {
      other.clear();
      target.assign(1, ":all:");
      i = k + 1;
    }
  }
  if (i > 0 && std::find(items.begin() + static_cast<std::ptrdiff_t>(i), items.end(), ":none:") == items.end()) {
    return;  // pip returns after `:all:` unless `:none:` follows
  }
  for (; i < items.size(); ++i) {
    const std::string& it = items[i];
    if (it == ":none:") {
      target.clear();
      continue;
    }
    if (it.empty()) continue;
    std::string name = canonicalize_name(it);
    other.erase(std::remove(other.begin(), other.end(), name), other.end());
    if (std::find(target.begin(), target.end(), name) == target.end()) target.push_back(std::move(name));
  }
}

std::size_t env_name_length(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) ++i;
  return i;
}

std::optional<std::string> getenv_lookup(std::string_view name) {
  const std::string n(name);
  const char* v = std::getenv(n.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

bool has_url_scheme(std::string_view s) noexcept {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then "://" (scanned, not searched: this runs per line).
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  std::size_t i = 1;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
    ++i;
  return s.substr(i, 3) == "://";
}

std::string shlex_unquote(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c == '\'') {
      const std::size_t e = raw.find('\'', i + 1);
      const std::size_t stop = e == std::string_view::npos ? raw.size() : e;
      out.append(raw.substr(i + 1, stop - i - 1));
      i = stop + 1;
    } else if (c == '"') {
      ++i;
      while (i < raw.size() && raw[i] != '"') {
        if (raw[i] == '\\' && i + 1 < raw.size() &&
            (raw[i + 1] == '"' || raw[i + 1] == '\\' || raw[i + 1] == '$' || raw[i + 1] == '`')) {
          out += raw[i + 1];
          i += 2;
        } else {
          out += raw[i++];
        }
      }
      ++i;
    } else if (c == '\\') {
      if (i + 1 < raw.size()) out += raw[i + 1];
      i += 2;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

bool check_url(std::string_view url, std::string& why) {
  if (!has_url_scheme(url)) return true;  // a local path or `file:` form
  const std::size_t sep = url.find("://");
  std::string scheme(url.substr(0, sep));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (scheme == "file") return true;
  std::string_view rest = url.substr(sep + 3);
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) {
      why = "unterminated IPv6 address";
      return false;
    }
    host = host.substr(0, close + 1);
  } else if (const std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    host = host.substr(0, colon);
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      why = "invalid port number";
      return false;
    }
  }
  if (host.empty()) {
    why = "empty host";
    return false;
  }
  for (char c : host) {
    if (c == ' ' || c == '\t' || c == '\\' || c == '<' || c == '>' || c == '"') {
      why = "invalid character in host";
      return false;
    }
  }
  return true;
}

std::string_view archive_extension(std::string_view path) noexcept {
  // Every extension has a dot within its last 6 bytes.
  const std::size_t last6 = path.size() > 6 ? path.size() - 6 : 0;
  if (path.find('.', last6) == std::string_view::npos) return {};
  static constexpr std::string_view exts[] = {".whl",     ".tar.gz", ".zip", ".tar.bz2", ".tar.lz", ".tar.lzma",
                                              ".tar.xz",  ".tar.zst", ".tar", ".tbz",     ".tgz",    ".tlz",
                                              ".txz"};
  for (std::string_view e : exts) {
    if (path.size() >= e.size()) {
      const std::string_view tail = path.substr(path.size() - e.size());
      bool eq = true;
      for (std::size_t i = 0; i < e.size() && eq; ++i)
        eq = std::tolower(static_cast<unsigned char>(tail[i])) == e[i];
      if (eq) return e;
    }
  }
  return {};
}

}  // namespace pinreqs::reqtxt::detail
