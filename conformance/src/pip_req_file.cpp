// pip's requirements-file behaviour (tests/unit/test_req_file.py restated as data) run against pinreqs::reqtxt.
//
// Case kinds (see the corpus SCHEMA.md): `preprocess`, `ignore_comments`, `join_lines`, `break_args_options`
// exercise pip's line pipeline step by step; `line` and `files` parse whole files (in memory, `http://` keys
// served by the in-memory reader, environment variables from the case) and compare only the facts the pip test
// asserts: requirement names, specifiers, URLs, editable/constraint flags, hashes, config settings, comes_from,
// and the effective options (index URLs, find-links, trusted hosts, binary/release controls). An expected error
// must be an error; `error_message_contains` / `error_message_pattern` must appear in the rendered diagnostics;
// for an exact `error_message` (pip's and packaging's wording), every `Hint:` line must appear among our hints.
// Each `line`/`files` case runs a second time with LF and CRLF swapped, and every file read must rewrite to
// its own bytes.
//
// pip vs pinreqs, deliberately:
//  - an undecodable file is an error here (pip warns and retries with the locale's encoding; a pinning tool
//    must not guess): pip's cases expect an error for both locales.
//  - a `\` on the last line is dropped by pip's join_lines (checked as such), but the file parser also reports
//    it as an error (a truncated file).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "pinreqs/parsers/reqtxt/rewriter.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::conformance {
namespace {

namespace fs = std::filesystem;
using reqtxt::LogicalLine;
using reqtxt::ParsedRequirements;
using reqtxt::RequirementEntry;

std::string base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  int bits = 0;
  unsigned buf = 0;
  for (char c : in) {
    const int v = val(c);
    if (v < 0) continue;
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

// LF <-> CRLF (a lone CR stays).
std::string swap_line_endings(std::string_view s) {
  std::string out;
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

std::vector<LogicalLine> read_lines(const Json& j) {
  std::vector<LogicalLine> out;
  for (const Json& l : j.as_array()) out.push_back({static_cast<std::size_t>(l[0].as_int()), l[1].as_string()});
  return out;
}

std::string show(const std::vector<LogicalLine>& lines) {
  std::string s = "[";
  for (const auto& l : lines) s += "(" + std::to_string(l.line_number) + ", \"" + l.text + "\") ";
  return s + "]";
}

bool same(const std::vector<LogicalLine>& a, const std::vector<LogicalLine>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].line_number != b[i].line_number || a[i].text != b[i].text) return false;
  return true;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string normal_path(const std::string& p) {
  if (p.find("://") != std::string::npos) return p;
  const std::string n = fs::path(p).lexically_normal().generic_string();
  return n.empty() ? p : n;
}

// All entries in reading order (pip yields requirements, constraints and editables interleaved).
std::vector<const RequirementEntry*> in_order(const ParsedRequirements& p) {
  std::vector<const RequirementEntry*> all;
  for (const auto* list : {&p.requirements, &p.constraints, &p.editables})
    for (const auto& e : *list) all.push_back(&e);
  std::sort(all.begin(), all.end(), [](const auto* a, const auto* b) { return a->order < b->order; });
  return all;
}

std::vector<std::string> strings(const Json& j) {
  std::vector<std::string> out;
  for (const Json& v : j.as_array()) out.push_back(v.as_string());
  return out;
}

std::set<std::string> canonical_set(const std::vector<std::string>& v) {
  std::set<std::string> out;
  for (const auto& s : v) out.insert(s.rfind(":", 0) == 0 ? s : canonicalize_name(s));
  return out;
}

// Compares a parse with an `expect` object; returns "" when it matches.
std::string check_expect(const Json& expect, const ParsedRequirements& parsed, bool top_constraint) {
  std::string why;
  if (expect.contains("error")) {
    if (parsed.ok()) return "expected " + expect["error"].as_string() + ", parsed without error";
    std::string rendered = parsed.render_problems();
    if (expect["error_message_contains"].is_string() &&
        rendered.find(expect["error_message_contains"].as_string()) == std::string::npos)
      why += "diagnostics lack `" + expect["error_message_contains"].as_string() + "`: " + rendered;
    if (expect["error_message_pattern"].is_string()) {
      // `<x.txt>` stands for that file's path as the parser names it.
      std::string pattern = expect["error_message_pattern"].as_string(), want;
      for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '<') {
          const std::size_t close = pattern.find('>', i);
          if (close != std::string::npos) {
            want += normal_path(pattern.substr(i + 1, close - i - 1));
            i = close;
            continue;
          }
        }
        want += pattern[i];
      }
      if (rendered.find(want) == std::string::npos) why += "diagnostics lack `" + want + "`: " + rendered;
    }
    if (expect["error_message"].is_string()) {
      const std::string msg = expect["error_message"].as_string();
      std::size_t pos = 0;
      while ((pos = msg.find("Hint: ", pos)) != std::string::npos) {
        std::size_t end = msg.find('\n', pos);
        if (end == std::string::npos) end = msg.size();
        const std::string hint = lower(msg.substr(pos + 6, end - pos - 6));
        bool found = false;
        for (const auto& p : parsed.problems)
          for (const auto& h : p.diagnostic.hints) found = found || lower(h).find(hint) != std::string::npos;
        if (!found) why += "no hint `" + hint + "`; ";
        pos = end;
      }
    }
    return why;
  }
  // `parses_lazily`: pip's test only checks that building the parser does not fail; nothing to compare.
  if (expect["parses_lazily"].is_bool() && expect["parses_lazily"].as_bool()) return why;
  if (!parsed.ok()) return "unexpected error: " + parsed.render_problems();
  if (expect.contains("requirements")) {
    const auto all = in_order(parsed);
    const auto& want = expect["requirements"].as_array();
    if (want.size() != all.size())
      return std::to_string(want.size()) + " requirements expected, " + std::to_string(all.size()) + " parsed";
    for (std::size_t i = 0; i < want.size(); ++i) {
      const Json& w = want[i];
      const RequirementEntry& e = *all[i];
      const std::string at = "[" + std::to_string(i) + "] ";
      if (w["name"].is_string() && canonicalize_name(w["name"].as_string()) != e.name.str())
        why += at + "name `" + w["name"].as_string() + "` vs `" + e.name.str() + "`; ";
      if (w["specifier"].is_string()) {
        auto s = pep440::SpecifierSet::parse(w["specifier"].as_string());
        if (!s || !(*s == e.specifier)) why += at + "specifier vs `" + e.specifier.to_string() + "`; ";
      }
      if (w["url"].is_string() && w["url"].as_string() != e.url) why += at + "url `" + e.url + "`; ";
      if (w["editable"].is_bool() && w["editable"].as_bool() != e.editable) why += at + "editable; ";
      if (w["constraint"].is_bool() && w["constraint"].as_bool() != e.constraint) why += at + "constraint; ";
      if (w["hashes"].is_object()) {
        std::map<std::string, std::vector<std::string>> mine, theirs;
        for (const auto& h : e.hashes) mine[h.algorithm].push_back(h.digest);
        for (const auto& [algo, list] : w["hashes"].members()) theirs[algo] = strings(list);
        if (mine != theirs) why += at + "hashes; ";
      }
      if (w["config_settings"].is_object()) {
        std::vector<std::string> theirs;
        for (const auto& [k, v] : w["config_settings"].members()) theirs.push_back(k + "=" + v.as_string());
        auto mine = e.config_settings;
        std::sort(theirs.begin(), theirs.end());
        std::sort(mine.begin(), mine.end());
        if (mine != theirs) why += at + "config_settings; ";
      }
      if (w["comes_from"].is_string()) {
        const auto& f = parsed.files[e.file];
        const bool as_c = e.file == 0 ? top_constraint : f.included_as_constraint;
        const std::string mine =
            std::string(as_c ? "-c " : "-r ") + f.display_name + " (line " + std::to_string(e.line_number) + ")";
        if (mine != w["comes_from"].as_string()) why += at + "comes_from `" + mine + "`; ";
      }
    }
  }
  const Json& o = expect["options"];
  if (o.is_object()) {
    const auto& ix = parsed.index;
    if (o.contains("index_urls") && strings(o["index_urls"]) != ix.effective_index_urls) why += "index_urls; ";
    if (o["no_index"].is_bool() && o["no_index"].as_bool() != ix.no_index) why += "no_index; ";
    if (o.contains("find_links")) {
      std::vector<std::string> want;
      for (const auto& f : strings(o["find_links"])) want.push_back(normal_path(f));
      if (want != ix.find_links_resolved) why += "find_links; ";
    }
    if (o.contains("trusted_hosts") && strings(o["trusted_hosts"]) != ix.trusted_hosts) why += "trusted_hosts; ";
    if (o.contains("no_binary") && canonical_set(strings(o["no_binary"])) != canonical_set(ix.format.no_binary))
      why += "no_binary; ";
    if (o.contains("only_binary") && canonical_set(strings(o["only_binary"])) != canonical_set(ix.format.only_binary))
      why += "only_binary; ";
    if (o.contains("all_releases") && canonical_set(strings(o["all_releases"])) != canonical_set(ix.all_releases))
      why += "all_releases; ";
    if (o.contains("only_final") && canonical_set(strings(o["only_final"])) != canonical_set(ix.only_final))
      why += "only_final; ";
  }
  return why;
}

reqtxt::ParseOptions pip_options(std::shared_ptr<reqtxt::FileReader> reader, std::map<std::string, std::string> env,
                                 bool constraint) {
  reqtxt::ParseOptions o;
  o.reader = std::move(reader);
  o.cycles = reqtxt::CyclePolicy::Error;
  o.as_constraint = constraint;
  o.env = [env = std::move(env)](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(std::string(name));
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

}  // namespace

SuiteResult run_pip_req_file(const std::filesystem::path& dir) {
  if (!fs::exists(dir / "cases.json")) throw std::runtime_error("not a pip-req-file corpus (no cases.json): " + dir.string());
  const Json doc = Json::load_file(dir / "cases.json");
  std::map<std::string, ListResult> lists;
  for (const Json& c : doc["cases"].as_array()) {
    const std::string id = c["id"].as_string();
    const std::string kind = c["kind"].as_string();
    ListResult& list = lists[kind];
    list.name = "pip-req-file." + kind;
    std::string why;
    if (kind == "preprocess") {
      const auto got = reqtxt::preprocess(c["content"].as_string());
      const auto want = read_lines(c["expected_lines"]);
      if (!same(got, want)) why = "expected " + show(want) + ", got " + show(got);
    } else if (kind == "ignore_comments" || kind == "join_lines") {
      const auto in = read_lines(c["lines"]);
      const auto got = kind == "join_lines" ? reqtxt::join_lines(in) : reqtxt::ignore_comments(in);
      const auto want = read_lines(c["expected_lines"]);
      if (!same(got, want)) why = "expected " + show(want) + ", got " + show(got);
    } else if (kind == "break_args_options") {
      const auto [args, options] = reqtxt::break_args_options(c["line"].as_string());
      if (args != c["expected"][0].as_string() || options != c["expected"][1].as_string())
        why = "got (`" + args + "`, `" + options + "`)";
    } else if (kind == "line" || kind == "files") {
      // Twice: as given, and with LF and CRLF swapped in every text file (the result must not change).
      for (int pass = 0; pass < 2 && why.empty(); ++pass) {
        const bool swapped = pass == 1;
        auto reader = std::make_shared<reqtxt::MemoryFileReader>();
        std::map<std::string, std::string> env;
        std::string entry;
        if (kind == "line") {
          entry = c["filename"].as_string();
          const auto n = static_cast<std::size_t>(std::max<std::int64_t>(1, c["line_number"].as_int()));
          const std::string text = std::string(n - 1, '\n') + c["line"].as_string();
          reader->add(entry, swapped ? swap_line_endings(text) : text);
        } else {
          for (const auto& [path, content] : c["files"].members()) {
            if (content.is_string()) reader->add(path, swapped ? swap_line_endings(content.as_string()) : content.as_string());
            else reader->add(path, base64_decode(content["base64"].as_string()));  // bytes stay as they are
          }
          for (const auto& [k, v] : c["env"].members()) env[k] = v.as_string();
          entry = c["entry"].as_string();
        }
        const bool constraint = c["constraint"].is_bool() && c["constraint"].as_bool();
        const auto parsed = reqtxt::parse_requirements_file(entry, pip_options(reader, env, constraint));
        why = check_expect(c["expect"], parsed, constraint);
        if (!why.empty() && swapped) why = "[crlf-swapped] " + why;
        // Round trip: every file read rewrites to its own bytes with no edits.
        for (std::size_t f = 0; f < parsed.files.size() && why.empty(); ++f) {
          auto same = reqtxt::rewrite(parsed, f, {});
          if (!same || *same != parsed.files[f].text) why = "no-edit rewrite changed " + parsed.files[f].display_name;
        }
      }
    } else {
      list.skip(id, "unknown case kind `" + kind + "`");
      continue;
    }
    if (why.empty()) list.pass();
    else list.fail(id, why);
  }
  SuiteResult out;
  for (auto& [k, l] : lists) out.push_back(std::move(l));
  return out;
}

}  // namespace pinreqs::conformance
