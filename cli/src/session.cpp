#include "session.hpp"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

#include "pinreqs/cli/python_detect.hpp"
#include "pinreqs/index/url.hpp"

namespace pinreqs::cli {
namespace fs = std::filesystem;

std::string TargetChoice::describe() const { return wheel::describe(target); }

std::string TargetChoice::why() const {
  return "Python " + target.python.to_string() + " " + python_reason + "; " + platform_name + " " + platform_reason;
}

Result<TargetChoice> make_target(std::string_view python, std::string_view platform) {
  TargetChoice c;
  auto v = pep440::Version::parse(python);
  if (!v || v->release_size() < 2 || v->release_at(0) != 3 || v->is_prerelease() || v->has_local())
    return fail(ErrorKind::Input, "invalid --python `" + std::string(python) + "`: expected a CPython version like `3.12`");
  c.target.python = *v;
  auto p = wheel::parse_platform(platform);
  if (!p) {
    // The list, without the long tail of manylinux_2_N spellings (any N works).
    std::string known;
    for (const auto& n : wheel::known_platform_names()) {
      const auto m = n.find("manylinux_2_");
      if (m != std::string::npos && n.substr(m) != "manylinux_2_17" && n.substr(m) != "manylinux_2_28") continue;
      known += (known.empty() ? "" : ", ") + n;
    }
    return fail(ErrorKind::Input, "unknown --platform `" + std::string(platform) + "`; expected one of " + known +
                                      ", or <arch>-manylinux_2_<N>");
  }
  c.target.platform = *p;
  c.platform_name = std::string(platform);
  return c;
}

Result<TargetChoice> choose_target(const CommonOptions& o, const fs::path& project_dir) {
  std::string python, python_reason;
  if (o.python) {
    python = *o.python;
    python_reason = "from --python";
  } else {
    const DetectedPython d = detect_python(project_dir);
    python = d.version.to_string();
    python_reason = d.reason;
  }
  const std::string platform = o.platform ? *o.platform : kDefaultPlatform;
  auto c = make_target(python, platform);
  if (!c) return c;
  c->python_reason = python_reason;
  c->platform_reason = o.platform ? "from --platform" : "by default (a typical Linux deploy; see --platform)";
  return c;
}

namespace {

// pip.conf: [global] (and [install]) index-url / extra-index-url, from the files pip reads, later files winning.
struct PipConf {
  std::optional<std::string> index_url;
  std::vector<std::string> extra_index_urls;
};

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void read_pip_conf_file(const fs::path& p, PipConf& conf) {
  std::ifstream in(p);
  if (!in) return;
  std::string line, section, key;
  bool in_value = false;  // continuation lines of a multi-line value (indented)
  while (std::getline(in, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && in_value) {
      const std::string v = trim(line);
      if (!v.empty() && key == "extra-index-url") conf.extra_index_urls.push_back(v);
      continue;
    }
    in_value = false;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[' && t.back() == ']') {
      section = t.substr(1, t.size() - 2);
      continue;
    }
    if (section != "global" && section != "install") continue;
    const auto eq = t.find_first_of("=:");
    if (eq == std::string::npos) continue;
    key = trim(t.substr(0, eq));
    for (auto& ch : key)
      if (ch == '_') ch = '-';
    const std::string value = trim(t.substr(eq + 1));
    if (key == "index-url") {
      conf.index_url = value;
    } else if (key == "extra-index-url") {
      conf.extra_index_urls.clear();
      std::istringstream ss(value);
      std::string u;
      while (ss >> u) conf.extra_index_urls.push_back(u);
      in_value = true;
    }
  }
}

PipConf read_pip_conf() {
  PipConf conf;
  if (const char* f = std::getenv("PIP_CONFIG_FILE")) {
    if (std::string(f) == "os.devnull" || std::string(f) == "/dev/null") return conf;
    read_pip_conf_file(f, conf);
    return conf;
  }
  read_pip_conf_file("/etc/pip.conf", conf);
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    read_pip_conf_file(fs::path(xdg) / "pip" / "pip.conf", conf);
  else if (const char* home = std::getenv("HOME"))
    read_pip_conf_file(fs::path(home) / ".config" / "pip" / "pip.conf", conf);
  if (const char* home = std::getenv("HOME")) read_pip_conf_file(fs::path(home) / ".pip" / "pip.conf", conf);
  if (const char* venv = std::getenv("VIRTUAL_ENV")) read_pip_conf_file(fs::path(venv) / "pip.conf", conf);
  return conf;
}

std::vector<std::string> split_ws(const char* s) {
  std::vector<std::string> out;
  std::istringstream ss(s ? s : "");
  std::string u;
  while (ss >> u) out.push_back(u);
  return out;
}

}  // namespace

IndexChoice choose_indexes(const CommonOptions& o, const reqtxt::IndexOptions* from_file) {
  // Precedence for the primary index: --index-url, then the requirements file's -i, then PIP_INDEX_URL, then
  // pip.conf, then PyPI. Extra indexes from every source are added after it, in that order.
  IndexChoice c;
  const PipConf conf = read_pip_conf();
  const char* env_index = std::getenv("PIP_INDEX_URL");
  if (o.index_url) {
    c.urls.push_back(*o.index_url);
    c.source = "--index-url";
  } else if (from_file && from_file->index_url) {
    c.urls.push_back(*from_file->index_url);
    c.source = "the requirements file's --index-url";
  } else if (env_index && *env_index) {
    c.urls.push_back(env_index);
    c.source = "PIP_INDEX_URL";
  } else if (conf.index_url) {
    c.urls.push_back(*conf.index_url);
    c.source = "pip.conf";
  } else {
    c.urls.push_back(kDefaultIndex);
    c.source = "default";
  }
  auto add = [&](const std::string& u) {
    if (std::find(c.urls.begin(), c.urls.end(), u) == c.urls.end()) c.urls.push_back(u);
  };
  for (const auto& u : o.extra_index_urls) add(u);
  if (from_file)
    for (const auto& u : from_file->extra_index_urls) add(u);
  for (const auto& u : split_ws(std::getenv("PIP_EXTRA_INDEX_URL"))) add(u);
  for (const auto& u : conf.extra_index_urls) add(u);
  if (o.no_index || (from_file && from_file->no_index)) c.urls.clear();
  // A plain folder path is taken as a file:// index (recorded JSON, as in fixtures/demo-index).
  for (auto& u : c.urls) {
    std::error_code ec;
    if (u.find("://") == std::string::npos && fs::is_directory(u, ec))
      u = "file://" + fs::absolute(u, ec).lexically_normal().string();
  }
  return c;
}

std::optional<std::int64_t> parse_exclude_newer(std::string_view text) {
  // YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][Z|±HH:MM]
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > text.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!digits(0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(5, 2, mo) || text[7] != '-' ||
      !digits(8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t pos = 10;
  std::int64_t offset = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
    if (!digits(pos + 1, 2, h) || text.size() < pos + 6 || text[pos + 3] != ':' || !digits(pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!digits(pos + 1, 2, s)) return std::nullopt;
      pos += 3;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      }
    }
    if (pos < text.size()) {
      if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
      } else if (text[pos] == '+' || text[pos] == '-') {
        int oh, om;
        if (!digits(pos + 1, 2, oh) || text.size() < pos + 6 || text[pos + 3] != ':' || !digits(pos + 4, 2, om))
          return std::nullopt;
        offset = (text[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        pos += 6;
      }
    }
    if (pos != text.size() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  }
  // Days from civil (proleptic Gregorian), Howard Hinnant's algorithm.
  const int yy = y - (mo <= 2 ? 1 : 0);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  return days * 86400 + h * 3600 + mi * 60 + s - offset;
}

Result<std::unique_ptr<index::IndexClient>> open_index(const CommonOptions& o, const IndexChoice& indexes) {
  index::IndexOptions io;
  io.index_urls = indexes.urls;
  if (o.cache_dir) io.cache_dir = *o.cache_dir;
  io.use_cache = !o.no_cache;
  io.offline = o.offline;
  io.refresh = o.refresh;
  if (o.ca_bundle) io.ca_bundle = *o.ca_bundle;
  return index::IndexClient::create(std::move(io));
}

Result<resolver::python::ResolverOptions> resolver_options(const CommonOptions& o, const TargetChoice& target,
                                                           const reqtxt::IndexOptions* from_file) {
  using namespace resolver::python;
  ResolverOptions r;
  r.target = target.target;
  if (o.pre || (from_file && from_file->pre)) r.prereleases = PrereleaseMode::Allow;
  if (o.resolution == "lowest") r.strategy = Strategy::Lowest;
  else if (o.resolution == "lowest-direct") r.strategy = Strategy::LowestDirect;
  if (o.exclude_newer) {
    auto t = parse_exclude_newer(*o.exclude_newer);
    if (!t)
      return fail(ErrorKind::Input, "invalid --exclude-newer `" + *o.exclude_newer +
                                        "`: expected a date like 2024-06-01 or 2024-06-01T12:00:00Z");
    r.exclude_newer = *t;
  }
  auto add_binary = [](const std::vector<std::string>& names, bool& all, std::set<PackageName>& set) {
    for (const auto& n : names) {
      if (n == ":all:") {
        all = true;
      } else if (n == ":none:") {
        all = false;
        set.clear();
      } else if (auto pn = PackageName::parse(n)) {
        set.insert(*pn);
      }
    }
  };
  if (from_file) {
    add_binary(from_file->format.only_binary, r.only_binary_all, r.only_binary);
    add_binary(from_file->format.no_binary, r.no_binary_all, r.no_binary);
  }
  add_binary(o.only_binary, r.only_binary_all, r.only_binary);
  return r;
}

}  // namespace pinreqs::cli
