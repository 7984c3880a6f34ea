// uv's requirements-txt corpus (crates/uv-requirements-txt test data) run against pinreqs::reqtxt.
//
// Layout (see the corpus SCHEMA.md): files/*.txt, expected/<file>.json with one snapshot per variant
// (`parse`, `line-endings`, `parse-unix`, `parse-windows`), inline-cases.json (multi-file cases written inline
// in uv's tests, plus line/column cases).
//
// What is compared, per entry: named-ness, canonical name, extras (canonical, as a set), the specifier set
// (semantically: ==1.0 equals ==1.0.0), the URL as written (`given`) and its kind, editable-ness, the marker by
// MEANING (uv rewrites markers, e.g. python_version -> python_full_version, so both markers are evaluated over a
// grid of environments), the origin file, and the hashes; globally: index URL, extra index URLs, find-links,
// --no-index, --require-hashes, --no-binary/--only-binary. An expected error must be an error (uv's error texts
// and positions are uv's own wording and are not compared).
//
// pip vs uv, where this checker follows uv because the corpus is uv's:
//  - include cycles: uv skips a repeated include silently (CyclePolicy::Skip); pip (and pinreqs' default)
//    reports the cycle.
//  - index URLs (Dialect::Uv): `--index-url 123` is an error and an included file may not change an
//    `--index-url` set elsewhere; pip accepts both (it fails later, when it fetches).
//  - `parse-windows` snapshots are skipped: they describe Windows path handling.
// Every case also runs with LF and CRLF swapped (all files of the case), and every parsed file must rewrite to
// identical bytes with no edits, and to exactly one changed specifier with one edit.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"
#include "pinreqs/parsers/marker.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "pinreqs/parsers/reqtxt/rewriter.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::conformance {
namespace {

namespace fs = std::filesystem;
using reqtxt::ParsedRequirements;
using reqtxt::RequirementEntry;

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// LF <-> CRLF (a lone CR stays).
std::string swap_line_endings(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 16);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      out += '\n';
      ++i;
    } else if (s[i] == '\n') {
      out += "\r\n";
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

std::string normal_path(const std::string& p) {
  const std::string n = fs::path(p).lexically_normal().generic_string();
  return n.empty() ? p : n;
}

// --- markers by meaning ---------------------------------------------------------------------------------

std::vector<pep508::Environment> marker_grid() {
  std::vector<pep508::Environment> grid;
  const char* pythons[][2] = {{"2.7", "2.7.18"}, {"3.6", "3.6.0"},  {"3.7", "3.7.9"},   {"3.8", "3.8.0"},
                              {"3.8", "3.8.10"}, {"3.9", "3.9.0"},  {"3.9", "3.9.18"},  {"3.10", "3.10.1"},
                              {"3.11", "3.11.0"}, {"3.12", "3.12.3"}, {"3.13", "3.13.0"}, {"4.0", "4.0.0"}};
  struct Os {
    const char *os_name, *sys_platform, *platform_system, *machine;
  };
  const Os oses[] = {{"posix", "linux", "Linux", "x86_64"},
                     {"nt", "win32", "Windows", "AMD64"},
                     {"posix", "darwin", "Darwin", "arm64"}};
  const char* impls[][2] = {{"cpython", "CPython"}, {"pypy", "PyPy"}};
  for (const auto& py : pythons) {
    for (const auto& os : oses) {
      for (const auto& impl : impls) {
        pep508::Environment env;
        env.python_version = py[0];
        env.python_full_version = py[1];
        env.implementation_version = py[1];
        env.os_name = os.os_name;
        env.sys_platform = os.sys_platform;
        env.platform_system = os.platform_system;
        env.platform_machine = os.machine;
        env.implementation_name = impl[0];
        env.platform_python_implementation = impl[1];
        env.platform_release = "6.1.0";
        env.platform_version = "#1 SMP";
        grid.push_back(env);
      }
    }
  }
  return grid;
}

// Equivalent when both evaluate alike over the grid (with and without an `extra`).
bool markers_equivalent(const pep508::Marker& a, const pep508::Marker& b) {
  if (a.to_string() == b.to_string()) return true;
  static const std::vector<pep508::Environment> grid = marker_grid();
  std::set<std::string> extras{""};
  for (const auto& e : a.referenced_extras()) extras.insert(e);
  for (const auto& e : b.referenced_extras()) extras.insert(e);
  for (const auto& env : grid) {
    for (const auto& extra : extras) {
      const auto ra = a.evaluate_with_extra(env, extra);
      const auto rb = b.evaluate_with_extra(env, extra);
      if (ra.has_value() != rb.has_value()) return false;
      if (ra && *ra != *rb) return false;
    }
  }
  return true;
}

// --- the expected tree ----------------------------------------------------------------------------------

// A URL-ish value in uv's tree: a string, or a VerbatimUrl/Url tree with `given`.
std::string url_text(const Json& j) {
  if (j.is_string()) return j.as_string();
  if (j.is_object()) {
    if (j["given"].is_string()) return j["given"].as_string();
    if (j.contains("url")) return url_text(j["url"]);
    if (j.contains("value")) return url_text(j["value"]);
  }
  return j.dump();
}

// `no_binary`/`only_binary`: null, "All", "None", {"$type": "Packages", "value": [...]}.
std::string format_text(const Json& j) {
  if (j.is_null()) return "null";
  if (j.is_string()) return j.as_string();
  if (j.is_object()) {
    const Json& t = j["$type"];
    if (t.is_string() && (t.as_string() == "All" || t.as_string() == "None")) return t.as_string();
    std::set<std::string> names;
    for (const Json& v : j["value"].as_array()) names.insert(canonicalize_name(url_text(v)));
    std::string out = "Packages(";
    for (const auto& n : names) out += n + ",";
    return out + ")";
  }
  return j.dump();
}

std::string my_format(bool given, const std::vector<std::string>& set) {
  if (!given) return "null";
  if (std::find(set.begin(), set.end(), ":all:") != set.end()) return "All";
  if (set.empty()) return "None";
  std::set<std::string> names(set.begin(), set.end());
  std::string out = "Packages(";
  for (const auto& n : names) out += n + ",";
  return out + ")";
}

struct Compare {
  std::string dir;  // what <REQUIREMENTS_DIR> stands for
  std::string problems;

  void expect(bool ok, const std::string& what) {
    if (!ok) problems += what + "; ";
  }

  void entry(const Json& x, const RequirementEntry& e, const ParsedRequirements& parsed, bool with_hashes,
             const std::string& where) {
    const bool named = x["named"].is_bool() && x["named"].as_bool();
    expect(named == e.named, where + ": named " + std::to_string(named) + " vs " + std::to_string(e.named));
    if (x["name"].is_string()) {
      expect(canonicalize_name(x["name"].as_string()) == e.name.str(),
             where + ": name `" + x["name"].as_string() + "` vs `" + e.name.str() + "`");
    }
    std::set<std::string> xe, me;
    for (const Json& v : x["extras"].as_array()) xe.insert(canonicalize_name(v.as_string()));
    for (const auto& v : e.extras) me.insert(canonicalize_name(v));
    expect(xe == me, where + ": extras differ");
    // Specifiers.
    std::string xs;
    for (const Json& s : x["specifiers"].as_array()) xs += (xs.empty() ? "" : ",") + s["text"].as_string();
    auto xset = pep440::SpecifierSet::parse(xs);
    expect(xset.has_value() && *xset == e.specifier,
           where + ": specifier `" + xs + "` vs `" + e.specifier.to_string() + "`");
    // URL.
    const Json& url = x["url"];
    if (url.is_null()) {
      expect(e.url.empty(), where + ": unexpected url `" + e.url + "`");
    } else {
      expect(url["given"].is_string() && url["given"].as_string() == e.url,
             where + ": url `" + url_text(url) + "` vs `" + e.url + "`");
      const std::string kind = url["kind"].is_string() ? url["kind"].as_string() : "";
      const char* mine = "?";
      switch (e.url_kind) {
        case reqtxt::UrlKind::Directory: mine = "Directory"; break;
        case reqtxt::UrlKind::LocalFile: mine = "Path"; break;
        case reqtxt::UrlKind::Archive: mine = "Archive"; break;
        case reqtxt::UrlKind::Vcs: mine = "Git"; break;
        case reqtxt::UrlKind::None: mine = "None"; break;
      }
      // uv's kinds: Directory, Path (local file), Archive (remote), Git* (VCS).
      const bool kind_ok = kind.empty() || kind == mine || (kind.rfind("Git", 0) == 0 && std::string(mine) == "Git");
      expect(kind_ok, where + ": url kind " + kind + " vs " + mine);
      if (url["editable"].is_bool()) expect(url["editable"].as_bool() == e.editable, where + ": editable flag");
    }
    // Marker by meaning.
    const Json& marker = x["marker"];
    if (marker.is_null()) {
      expect(!e.marker || e.marker->empty(), where + ": unexpected marker `" + e.marker_text + "`");
    } else {
      auto xm = pep508::Marker::parse(marker.as_string());
      if (!xm) {
        expect(false, where + ": expected marker does not parse: " + marker.as_string());
      } else {
        expect(e.marker.has_value() && markers_equivalent(*xm, *e.marker),
               where + ": marker `" + marker.as_string() + "` vs `" + e.marker_text + "`");
      }
    }
    // Origin.
    if (x["origin"].is_string()) {
      const std::string xo = normal_path(replace_all(x["origin"].as_string(), "<REQUIREMENTS_DIR>", dir));
      const std::string mo = normal_path(parsed.files[e.file].location);
      expect(xo == mo, where + ": origin `" + xo + "` vs `" + mo + "`");
    }
    if (with_hashes) {
      std::vector<std::string> xh, mh;
      for (const Json& h : x["hashes"].as_array()) xh.push_back(h.as_string());
      for (const auto& h : e.hashes) mh.push_back(h.algorithm + ":" + h.digest);
      expect(xh == mh, where + ": hashes differ");
    }
  }

  void list(const Json& xs, const std::vector<RequirementEntry>& mine, const ParsedRequirements& parsed,
            bool with_hashes, const std::string& what) {
    const auto& arr = xs.as_array();
    if (arr.size() != mine.size()) {
      expect(false, what + ": " + std::to_string(arr.size()) + " expected, " + std::to_string(mine.size()) + " parsed");
      return;
    }
    for (std::size_t i = 0; i < arr.size(); ++i) entry(arr[i], mine[i], parsed, with_hashes, what + "[" + std::to_string(i) + "]");
  }

  void whole(const Json& simplified, const ParsedRequirements& parsed) {
    list(simplified["requirements"], parsed.requirements, parsed, true, "requirements");
    list(simplified["constraints"], parsed.constraints, parsed, false, "constraints");
    list(simplified["editables"], parsed.editables, parsed, true, "editables");
    const auto& ix = parsed.index;
    const Json& iu = simplified["index_url"];
    expect(iu.is_null() ? !ix.index_url : (ix.index_url && *ix.index_url == url_text(iu)), "index_url differs");
    std::vector<std::string> xe, xf;
    for (const Json& u : simplified["extra_index_urls"].as_array()) xe.push_back(url_text(u));
    for (const Json& u : simplified["find_links"].as_array()) xf.push_back(url_text(u));
    expect(xe == ix.extra_index_urls, "extra_index_urls differ");
    expect(xf == ix.find_links, "find_links differ");
    if (simplified["no_index"].is_bool()) expect(simplified["no_index"].as_bool() == ix.no_index, "no_index differs");
    if (simplified["require_hashes"].is_bool())
      expect(simplified["require_hashes"].as_bool() == ix.require_hashes, "require_hashes differs");
    if (simplified.contains("no_binary"))
      expect(format_text(simplified["no_binary"]) == my_format(ix.format.no_binary_given, ix.format.no_binary),
             "no_binary " + format_text(simplified["no_binary"]) + " vs " +
                 my_format(ix.format.no_binary_given, ix.format.no_binary));
    if (simplified.contains("only_binary"))
      expect(format_text(simplified["only_binary"]) == my_format(ix.format.only_binary_given, ix.format.only_binary),
             "only_binary differs");
  }
};

// Round trip on every file of a parse: no edits gives the same bytes; setting one named requirement's specifier
// changes exactly that span, and the result parses to the new specifier.
std::string round_trip(const ParsedRequirements& parsed) {
  std::string problems;
  for (std::size_t f = 0; f < parsed.files.size(); ++f) {
    const auto& sf = parsed.files[f];
    auto same = reqtxt::rewrite(parsed, f, {});
    if (!same || *same != sf.text) problems += "no-edit rewrite of " + sf.display_name + " changed bytes; ";
    if (sf.transcoded) continue;
    for (const auto* list : {&parsed.requirements, &parsed.constraints}) {
      for (const RequirementEntry& e : *list) {
        if (e.file != f || !e.named || !e.url.empty() || !e.specifier_span) continue;
        const std::string spec = "==9.8.7";
        auto out = reqtxt::rewrite(parsed, f, {reqtxt::SetSpecifier{e.name, spec}});
        if (!out) {
          problems += "rewrite failed: " + out.error().describe() + "; ";
          continue;
        }
        // Exactly the specifier spans of entries with this name change (a name can appear twice).
        std::string expected;
        std::size_t at = 0;
        std::vector<Span> spans;
        for (const auto* l2 : {&parsed.requirements, &parsed.constraints})
          for (const RequirementEntry& o : *l2)
            if (o.file == f && o.named && o.name == e.name && o.specifier_span) spans.push_back(*o.specifier_span);
        std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
        for (Span s : spans) {
          expected.append(sf.text, at, s.begin - at);
          expected += spec;
          at = s.end;
        }
        expected.append(sf.text, at, std::string::npos);
        if (*out != expected) {
          problems += "one-edit rewrite of `" + e.name.str() + "` in " + sf.display_name + " changed more than the specifier; ";
          continue;
        }
        reqtxt::ParseOptions po;
        po.follow_includes = false;
        po.env = [](std::string_view) { return std::optional<std::string>(); };
        auto again = reqtxt::parse_requirements_text(*out, sf.display_name, po);
        bool found = false;
        for (const auto* l3 : {&again.requirements, &again.constraints})
          for (const RequirementEntry& o : *l3)
            if (o.named && o.name == e.name && o.specifier.to_string() == "==9.8.7") found = true;
        if (!found) problems += "rewritten `" + e.name.str() + "` does not parse back to ==9.8.7; ";
        break;  // one edit per file is enough to prove the spans
      }
    }
  }
  return problems;
}

// A Debug snapshot that is just a set of names: `{ "a", "b", }`.
std::optional<std::set<std::string>> name_set(const std::string& text) {
  std::string_view t = text;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  if (t.empty() || t.front() != '{') return std::nullopt;
  std::set<std::string> names;
  std::size_t pos = 0;
  while ((pos = t.find('"', pos)) != std::string_view::npos) {
    const std::size_t end = t.find('"', pos + 1);
    if (end == std::string_view::npos) return std::nullopt;
    names.insert(canonicalize_name(t.substr(pos + 1, end - pos - 1)));
    pos = end + 1;
  }
  return names;
}

reqtxt::ParseOptions uv_options(std::shared_ptr<reqtxt::FileReader> reader) {
  reqtxt::ParseOptions o;
  o.reader = std::move(reader);
  o.cycles = reqtxt::CyclePolicy::Skip;  // uv's behaviour (pip would report the cycle)
  o.dialect = reqtxt::Dialect::Uv;       // index URLs must be absolute; no index-url override from an include
  o.env = [](std::string_view) { return std::optional<std::string>(); };
  return o;
}

void run_expected_files(const fs::path& dir, ListResult& parse_list, ListResult& swapped_list,
                        ListResult& round_list) {
  const fs::path files_dir = fs::absolute(dir / "files").lexically_normal();
  const std::string root = files_dir.generic_string();
  // Every file, as is and with LF/CRLF swapped, in memory (so includes of a swapped file read swapped files).
  auto plain = std::make_shared<reqtxt::MemoryFileReader>();
  auto swapped = std::make_shared<reqtxt::MemoryFileReader>();
  for (const auto& de : fs::directory_iterator(files_dir)) {
    if (!de.is_regular_file()) continue;
    const std::string bytes = read_bytes(de.path());
    plain->add(de.path().generic_string(), bytes);
    swapped->add(de.path().generic_string(), swap_line_endings(bytes));
  }
  std::vector<fs::path> expected;
  for (const auto& de : fs::directory_iterator(dir / "expected"))
    if (de.path().extension() == ".json") expected.push_back(de.path());
  std::sort(expected.begin(), expected.end());
  for (const auto& path : expected) {
    const Json doc = Json::load_file(path);
    const std::string source = doc["source_file"].as_string();
    const std::string entry = root + "/" + source;
    for (const auto& [variant, snap] : doc["snapshots"].members()) {
      const std::string id = source + " [" + variant + "]";
      if (variant == "parse-windows") {
        parse_list.skip(id, "Windows path semantics");
        continue;
      }
      const bool is_swapped = variant == "line-endings";
      const auto parsed =
          reqtxt::parse_requirements_file(entry, uv_options(is_swapped ? std::shared_ptr<reqtxt::FileReader>(swapped)
                                                                       : std::shared_ptr<reqtxt::FileReader>(plain)));
      ListResult& list = is_swapped ? swapped_list : parse_list;
      const bool ok = snap["ok"].as_bool();
      if (!ok) {
        if (parsed.ok()) list.fail(id, "expected an error, parsed without one");
        else list.pass();
      } else if (!parsed.ok()) {
        list.fail(id, "unexpected error: " + parsed.render_problems());
      } else {
        Compare c;
        c.dir = root;
        c.whole(snap["simplified"], parsed);
        if (c.problems.empty()) list.pass();
        else list.fail(id, c.problems);
      }
      if (ok && parsed.ok()) {
        const std::string rt = round_trip(parsed);
        if (rt.empty()) round_list.pass();
        else round_list.fail(id, rt);
      }
    }
  }
}

void run_inline(const fs::path& dir, ListResult& cases, ListResult& swapped_list, ListResult& round_list,
                ListResult& line_col) {
  const Json doc = Json::load_file(dir / "inline-cases.json");
  const std::string root = "/uv-inline";
  for (const Json& c : doc["cases"].as_array()) {
    const std::string id = c["name"].as_string();
    bool windows_only = false;
    for (const Json& cfg : c["cfg"].as_array())
      if (cfg.is_string() && cfg.as_string() == "windows") windows_only = true;
    if (windows_only) {
      cases.skip(id, "Windows only");
      continue;
    }
    for (int pass = 0; pass < 2; ++pass) {
      const bool is_swapped = pass == 1;
      auto reader = std::make_shared<reqtxt::MemoryFileReader>();
      for (const Json& f : c["files"].as_array()) {
        const std::string content = f["content"].as_string();
        reader->add(root + "/" + f["path"].as_string(), is_swapped ? swap_line_endings(content) : content);
      }
      const auto parsed = reqtxt::parse_requirements_file(root + "/" + c["entry"].as_string(), uv_options(reader));
      ListResult& list = is_swapped ? swapped_list : cases;
      std::string problems;
      if (c["expect_error"].as_bool()) {
        if (parsed.ok()) problems += "expected an error, parsed without one; ";
      } else if (!parsed.ok()) {
        problems += "unexpected error: " + parsed.render_problems();
      } else {
        for (const Json& s : c["snapshots"].as_array()) {
          const std::string of = s["of"].as_string();
          if (s.contains("simplified") && !s["simplified"].is_null()) {
            Compare cmp;
            cmp.dir = root;
            cmp.whole(s["simplified"], parsed);
            problems += cmp.problems;
          } else if (auto names = name_set(s["text"].as_string()); names && (of == "requirements" || of == "constraints")) {
            std::set<std::string> mine;
            for (const auto& e : of == "requirements" ? parsed.requirements : parsed.constraints) mine.insert(e.name.str());
            if (mine != *names) problems += of + " name sets differ; ";
          }
        }
        const std::string rt = round_trip(parsed);
        if (rt.empty()) round_list.pass();
        else round_list.fail(id, rt);
      }
      if (problems.empty()) list.pass();
      else list.fail(id + (is_swapped ? " [crlf-swapped]" : ""), problems);
    }
  }
  for (const Json& lc : doc["line_column"].as_array()) {
    const std::string input = lc["input"].as_string();
    const std::string cursor = lc["cursor_before_first"].is_string() ? lc["cursor_before_first"].as_string() : "-";
    const std::size_t at = input.find(cursor);
    const LineCol got = reqtxt::line_col_codepoints(input, at);
    const std::string got_s = std::to_string(got.line) + ":" + std::to_string(got.column);
    if (got_s == lc["expected_line_column"].as_string()) line_col.pass();
    else line_col.fail(lc["description"].as_string(), "expected " + lc["expected_line_column"].as_string() + ", got " + got_s);
  }
}

}  // namespace

SuiteResult run_requirements_txt(const std::filesystem::path& dir) {
  if (!fs::exists(dir / "files") && !fs::exists(dir / "inline-cases.json"))
    throw std::runtime_error("not a requirements-txt corpus (no files/ or inline-cases.json): " + dir.string());
  auto named = [](const char* n) {
    ListResult l;
    l.name = n;
    return l;
  };
  ListResult parse = named("requirements-txt.files"), swapped = named("requirements-txt.files-crlf-swapped"),
             inline_cases = named("requirements-txt.inline"),
             inline_swapped = named("requirements-txt.inline-crlf-swapped"),
             round = named("requirements-txt.round-trip"), line_col = named("requirements-txt.line-column");
  if (fs::exists(dir / "expected") && fs::exists(dir / "files")) run_expected_files(dir, parse, swapped, round);
  if (fs::exists(dir / "inline-cases.json")) run_inline(dir, inline_cases, inline_swapped, round, line_col);
  return {parse, swapped, inline_cases, inline_swapped, round, line_col};
}

}  // namespace pinreqs::conformance
