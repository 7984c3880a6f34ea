// The requirements-file parser: logical lines (continuations, comments, variables), options, requirement lines
// (PEP 508 via pep508::parse_requirement, or a bare URL / path), includes with cycle detection, and recovery at
// the next logical line so one run reports every problem.
//
// Where pip and uv disagree, the choice is marked `pip vs uv:` below.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "reqtxt/decode.hpp"
#include "reqtxt/grammar.hpp"
#include "reqtxt/internal.hpp"
#include "pinreqs/parsers/marker.hpp"
#include "pinreqs/parsers/requirement.hpp"

namespace pinreqs::reqtxt {
namespace {

using detail::LineToken;
using detail::PhysicalLine;

// A piece of a logical line: [lbegin, lbegin+llen) of the logical text comes from [sbegin, sbegin+slen) of the
// file. Verbatim pieces map byte for byte; others (an expanded `${VAR}`, the space pip inserts before a comment
// line that ends a continuation) map to their whole source range.
struct Piece {
  std::size_t lbegin, llen, sbegin, slen;
  bool verbatim;
};

struct LineMap {
  std::size_t base = 0;
  const std::vector<Piece>* pieces = nullptr;  // nullptr: identity shifted by base

  [[nodiscard]] std::size_t begin(std::size_t p) const {
    if (pieces == nullptr) return base + p;
    const auto& ps = *pieces;
    for (std::size_t i = ps.size(); i-- > 0;) {
      const Piece& pc = ps[i];
      if (pc.lbegin <= p && (p < pc.lbegin + pc.llen || i + 1 == ps.size())) {
        if (p >= pc.lbegin + pc.llen) return pc.sbegin + pc.slen;
        return pc.verbatim ? pc.sbegin + (p - pc.lbegin) : pc.sbegin;
      }
    }
    return ps.empty() ? base : ps.front().sbegin;
  }
  [[nodiscard]] std::size_t end(std::size_t p) const {
    if (pieces == nullptr) return base + p;
    const auto& ps = *pieces;
    for (const Piece& pc : ps) {
      if (p > pc.lbegin && p <= pc.lbegin + pc.llen) {
        return pc.verbatim ? pc.sbegin + (p - pc.lbegin) : pc.sbegin + pc.slen;
      }
    }
    return begin(p);
  }
  [[nodiscard]] Span span(std::size_t b, std::size_t e) const {
    if (e <= b) {
      const std::size_t x = begin(b);
      return {x, x};
    }
    return {begin(b), end(e)};
  }
};

struct LineBuilder {
  std::string text;
  std::vector<Piece> pieces;

  void clear() {
    text.clear();
    pieces.clear();
  }
  void verbatim(std::string_view src, std::size_t sbegin) {
    if (src.empty()) return;
    pieces.push_back({text.size(), src.size(), sbegin, src.size(), true});
    text.append(src);
  }
  void replaced(std::string_view value, std::size_t sbegin, std::size_t slen) {
    pieces.push_back({text.size(), value.size(), sbegin, slen, false});
    text.append(value);
  }
  // Adds file bytes [sbegin, sbegin+src.size()), expanding `${NAME}` when `env` gives a non-empty value.
  void segment(std::string_view src, std::size_t sbegin, const ParseOptions& opts) {
    std::size_t done = 0;
    std::size_t pos = 0;
    while ((pos = src.find("${", pos)) != std::string_view::npos) {
      const std::size_t name_len = detail::env_name_length(src.substr(pos + 2));
      if (name_len == 0 || pos + 2 + name_len >= src.size() || src[pos + 2 + name_len] != '}') {
        pos += 2;
        continue;
      }
      const std::string_view name = src.substr(pos + 2, name_len);
      std::optional<std::string> value = opts.env ? opts.env(name) : detail::getenv_lookup(name);
      if (!value || value->empty()) {  // pip leaves unset and empty variables as written
        pos += 3 + name_len;
        continue;
      }
      verbatim(src.substr(done, pos - done), sbegin + done);
      replaced(*value, sbegin + pos, name_len + 3);
      pos += name_len + 3;
      done = pos;
    }
    verbatim(src.substr(done), sbegin + done);
  }
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

bool looks_like_path(std::string_view v) {
  if (v.empty()) return false;
  if (v[0] == '.' || v[0] == '/' || v[0] == '~' || v[0] == '\\') return true;
  if (v.size() >= 2 && std::isalpha(static_cast<unsigned char>(v[0])) && v[1] == ':') return true;
  return v.find('/') != std::string_view::npos || v.rfind("file:", 0) == 0;
}

// pip's COMMENT_RE.match: the line starts with `#` after optional whitespace.
bool is_comment_line(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_ws(s[i])) ++i;
  return i < s.size() && s[i] == '#';
}

bool ends_with_backslash(std::string_view s) { return !s.empty() && s.back() == '\\'; }

std::string_view strip_trailing_backslashes(std::string_view s) {
  while (!s.empty() && s.back() == '\\') s.remove_suffix(1);
  return s;
}

std::string join_location(const std::string& base, const std::string& target) {
  if (detail::has_url_scheme(target)) return target;
  if (detail::has_url_scheme(base)) {
    // urljoin for the cases that occur: an absolute path replaces the path, a relative one replaces the last
    // segment.
    const std::size_t scheme_end = base.find("://");
    const std::size_t path_start = base.find('/', scheme_end + 3);
    if (!target.empty() && target[0] == '/') {
      return (path_start == std::string::npos ? base : base.substr(0, path_start)) + target;
    }
    const std::size_t slash = base.rfind('/');
    std::string joined = (slash == std::string::npos || slash < scheme_end + 3) ? base + "/" + target
                                                                               : base.substr(0, slash + 1) + target;
    return joined;
  }
  std::filesystem::path t(target);
  if (t.is_absolute()) return t.lexically_normal().generic_string();
  std::filesystem::path b(base);
  std::string joined = (b.parent_path() / t).lexically_normal().generic_string();
  return joined.empty() ? target : joined;
}

struct Ctx {
  const ParseOptions& opts;
  ParsedRequirements& out;
  FileReader& reader;
  std::vector<std::size_t> stack;  // files being read, outermost first
};

class FileParser {
 public:
  FileParser(Ctx& ctx, std::size_t file, std::string_view text, bool constraint)
      : ctx_(ctx), file_(file), text_(text), constraint_(constraint) {}

  void run(std::size_t start);

 private:
  void problem(ProblemKind kind, Span span, std::string message, std::vector<std::string> hints = {},
               Severity severity = Severity::Error) {
    Problem p;
    p.kind = kind;
    p.file = file_;
    p.diagnostic.severity = severity;
    p.diagnostic.file = ctx_.out.files[file_].display_name;
    p.diagnostic.span = span;
    p.diagnostic.message = std::move(message);
    p.diagnostic.hints = std::move(hints);
    ctx_.out.problems.push_back(std::move(p));
  }

  void handle_line(std::size_t line_number, Span whole, std::string_view line, const LineMap& map);
  bool parse_requirement(std::string_view line, std::size_t rb, std::size_t re, const LineMap& map,
                         RequirementEntry& e);
  bool parse_unnamed(std::string_view line, std::size_t rb, std::size_t re, const LineMap& map,
                     RequirementEntry& e);
  // Per-requirement options from tokens[k..]; returns false after reporting an error.
  bool requirement_options(std::string_view line, const std::vector<LineToken>& toks, std::size_t k,
                           const LineMap& map, RequirementEntry& e);
  void option_line(std::size_t line_number, Span whole, std::string_view line, const std::vector<LineToken>& toks,
                   const LineMap& map, const std::optional<Span>& comment);
  void apply_global(const detail::OptionSpec& spec, const std::string& value, Span value_span, Span opt_span,
                    std::size_t line_number, Span whole);
  void include(const std::string& target, Span target_span, bool constraint, std::size_t line_number, Span whole);
  void push_entry(RequirementEntry&& e);

  std::string token_value(std::string_view line, const LineToken& t) const {
    const std::string_view raw = line.substr(t.begin, t.end - t.begin);
    return t.needs_unquote ? detail::shlex_unquote(raw) : std::string(raw);
  }
  // The unquoted token as a view: into the line, or into `scratch` when it had quotes or escapes.
  static std::string_view token_view(std::string_view line, const LineToken& t, std::string& scratch) {
    const std::string_view raw = line.substr(t.begin, t.end - t.begin);
    if (!t.needs_unquote) return raw;
    scratch = detail::shlex_unquote(raw);
    return scratch;
  }

  Ctx& ctx_;
  std::size_t file_;
  std::string_view text_;
  bool constraint_;
  detail::TokenizedLine toks_;
  LineBuilder builder_;
};

void FileParser::run(std::size_t start) {
  std::vector<PhysicalLine> phys;
  detail::scan_physical_lines(text_, start, phys);
  const std::size_t n = phys.size();
  std::vector<char> bad(n, 0);
  // Fast path: pure ASCII without NUL needs no per-line encoding check.
  const bool plain_ascii = std::all_of(text_.begin(), text_.end(), [](char c) {
    return static_cast<unsigned char>(c) - 1U < 0x7FU;
  });
  for (std::size_t i = 0; i < n; ++i) {
    const PhysicalLine& L = phys[i];
    const std::string_view content = text_.substr(L.begin, L.end - L.begin);
    if (content.size() > ctx_.opts.max_line_bytes) {
      problem(ProblemKind::LineTooLong, {L.begin, L.begin + 1},
              "line is " + std::to_string(content.size()) + " bytes long; expected at most " +
                  std::to_string(ctx_.opts.max_line_bytes),
              {"a requirements file holds one requirement or option per line"});
      bad[i] = 1;
      continue;
    }
    if (plain_ascii) continue;
    if (const void* nul = std::memchr(content.data(), '\0', content.size())) {
      const auto off = static_cast<std::size_t>(static_cast<const char*>(nul) - content.data());
      problem(ProblemKind::NulByte, {L.begin + off, L.begin + off + 1},
              "unexpected NUL byte; expected UTF-8 text", {"is this a binary file or UTF-16 without a BOM?"});
      bad[i] = 1;
      continue;
    }
    const std::size_t inv = detail::find_invalid_utf8(content);
    if (inv != std::string_view::npos) {
      problem(ProblemKind::InvalidEncoding, {L.begin + inv, L.begin + inv + 1},
              "invalid UTF-8 byte; expected UTF-8 text",
              {"save the file as UTF-8, or declare its encoding on line 1 or 2 (`# -*- coding: latin-1 -*-`)"});
      bad[i] = 1;
    }
  }

  std::size_t i = 0;
  while (i < n) {
    if (bad[i] != 0) {
      ++i;
      continue;
    }
    const PhysicalLine& L = phys[i];
    const std::string_view content = text_.substr(L.begin, L.end - L.begin);
    const bool continued = ends_with_backslash(content) && !is_comment_line(content);
    if (!continued) {
      if (content.find("${") == std::string_view::npos) {
        handle_line(i + 1, {L.begin, L.end}, content, LineMap{L.begin, nullptr});
      } else {
        builder_.clear();
        builder_.segment(content, L.begin, ctx_.opts);
        handle_line(i + 1, {L.begin, L.end}, builder_.text, LineMap{L.begin, &builder_.pieces});
      }
      ++i;
      continue;
    }
    builder_.clear();
    builder_.segment(strip_trailing_backslashes(content), L.begin, ctx_.opts);
    std::size_t j = i + 1;
    bool terminated = false;
    while (j < n && bad[j] == 0) {
      const PhysicalLine& M = phys[j];
      const std::string_view c2 = text_.substr(M.begin, M.end - M.begin);
      ++j;
      if (is_comment_line(c2)) {
        // pip: a comment line ends the continuation; it is joined with a space so the comment is stripped.
        builder_.replaced(" ", M.begin, 0);
        builder_.verbatim(c2, M.begin);
        terminated = true;
        break;
      }
      if (ends_with_backslash(c2)) {
        builder_.segment(strip_trailing_backslashes(c2), M.begin, ctx_.opts);
        continue;
      }
      builder_.segment(c2, M.begin, ctx_.opts);
      terminated = true;
      break;
    }
    const PhysicalLine& last = phys[j - 1];
    if (!terminated && j >= n) {
      // pip drops a trailing `\` on the last line silently; a truncated file is more likely, so say so.
      problem(ProblemKind::UnterminatedContinuation, {last.end - 1, last.end},
              "unterminated line continuation at end of file; expected another line after `\\`",
              {"remove the trailing `\\` or add the missing line"});
    }
    // (An include read from handle_line gets its own FileParser, so builder_ stays valid here.)
    handle_line(i + 1, {L.begin, last.end}, builder_.text, LineMap{L.begin, &builder_.pieces});
    i = j;
  }
}

void FileParser::push_entry(RequirementEntry&& e) {
  e.order = ctx_.out.requirements.size() + ctx_.out.constraints.size() + ctx_.out.editables.size();
  // An editable in a `-c` file is kept (editable and constraint): pip parses it and rejects it later, when it
  // resolves; the resolver decides.
  if (e.editable) {
    ctx_.out.editables.push_back(std::move(e));
  } else if (e.constraint) {
    ctx_.out.constraints.push_back(std::move(e));
  } else {
    ctx_.out.requirements.push_back(std::move(e));
  }
}

void FileParser::handle_line(std::size_t line_number, Span whole, std::string_view line, const LineMap& map) {
  detail::tokenize_line(line, toks_);
  if (toks_.tokens.empty()) return;  // blank or comment-only
  std::optional<Span> comment;
  if (toks_.has_comment) comment = map.span(toks_.comment_begin, line.size());
  const std::vector<LineToken>& toks = toks_.tokens;  // an include parses in its own FileParser

  if (!toks.front().option_part) {
    std::size_t k = 0;
    while (k < toks.size() && !toks[k].option_part) ++k;
    RequirementEntry e;
    e.file = file_;
    e.line_number = line_number;
    e.line = whole;
    e.constraint = constraint_;
    e.comment_span = comment;
    if (!parse_requirement(line, toks.front().begin, toks[k - 1].end, map, e)) return;
    if (!requirement_options(line, toks, k, map, e)) return;
    push_entry(std::move(e));
    return;
  }
  option_line(line_number, whole, line, toks, map, comment);
}

bool FileParser::requirement_options(std::string_view line, const std::vector<LineToken>& toks, std::size_t k,
                                     const LineMap& map, RequirementEntry& e) {
  while (k < toks.size()) {
    const LineToken& t = toks[k];
    const Span tspan = map.span(t.begin, t.end);
    if (t.unterminated_quote) {
      problem(ProblemKind::UnterminatedQuote, tspan, "unterminated quote; expected a closing quote");
      return false;
    }
    std::string scratch;
    const std::string_view tok = token_view(line, t, scratch);
    detail::OptionMatch m = detail::match_option(tok, line.substr(t.begin, t.end - t.begin));
    if (m.kind == detail::OptionMatch::Kind::NotAnOption) {
      problem(ProblemKind::UnknownOption, tspan,
              "unexpected `" + std::string(tok) + "`; expected an option after the requirement",
              {"requirement options are `--hash`, `--config-settings` and `--global-option`"});
      return false;
    }
    if (m.kind != detail::OptionMatch::Kind::Found) {
      problem(ProblemKind::UnknownOption, tspan, detail::describe_bad_option(m, tok),
              {"requirement options are `--hash`, `--config-settings` and `--global-option`"});
      return false;
    }
    std::string value;
    Span value_span{};
    std::size_t last = k;
    if (m.spec->takes_value) {
      if (m.attached) {
        value = *m.attached;
        value_span = {map.begin(t.end - std::min(m.attached_raw_len, t.end - t.begin)), tspan.end};
      } else if (k + 1 < toks.size()) {
        last = k + 1;
        value = token_value(line, toks[k + 1]);
        value_span = map.span(toks[k + 1].begin, toks[k + 1].end);
      } else {
        problem(ProblemKind::MissingOptionValue, tspan, "`" + std::string(m.spec->long_name) +
                                                            "` must be followed by a value");
        return false;
      }
    }
    const Span opt_span{tspan.begin, map.end(toks[last].end)};
    switch (m.spec->scope) {
      case detail::OptionScope::Hash: {
        const std::size_t colon = value.find(':');
        if (colon == std::string::npos || colon == 0) {
          problem(ProblemKind::InvalidOptionValue, opt_span,
                  "invalid `--hash` value `" + value + "`; expected `algorithm:hexdigest`",
                  {"arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde..."});
          return false;
        }
        std::string algo = value.substr(0, colon);
        if (algo != "sha256" && algo != "sha384" && algo != "sha512") {
          problem(ProblemKind::InvalidOptionValue, value_span,
                  "unsupported hash algorithm `" + algo + "`; expected `sha256`, `sha384` or `sha512`");
          return false;
        }
        e.hashes.push_back(Hash{std::move(algo), value.substr(colon + 1), value_span, opt_span});
        break;
      }
      case detail::OptionScope::ConfigSettings:
        if (value.find('=') == std::string::npos) {
          problem(ProblemKind::InvalidOptionValue, value_span,
                  "invalid `--config-settings` value `" + value + "`; expected `KEY=VALUE`");
          return false;
        }
        e.config_settings.push_back(value);
        break;
      case detail::OptionScope::GlobalOption:
        e.global_options.push_back(value);
        break;
      case detail::OptionScope::Global:
        // pip parses global options on a requirement line and ignores them.
        problem(ProblemKind::OptionNotAllowedHere, opt_span,
                "`" + std::string(m.spec->long_name) + "` on a requirement line is ignored",
                {"put global options on a line of their own"}, Severity::Warning);
        break;
      default:
        problem(ProblemKind::OptionNotAllowedHere, opt_span,
                "`" + std::string(m.spec->long_name) + "` cannot follow a requirement; expected it on its own line");
        return false;
    }
    k = last + 1;
  }
  return true;
}

void FileParser::option_line(std::size_t line_number, Span whole, std::string_view line,
                             const std::vector<LineToken>& toks, const LineMap& map,
                             const std::optional<Span>& comment) {
  std::size_t k = 0;
  while (k < toks.size()) {
    const LineToken& t = toks[k];
    const Span tspan = map.span(t.begin, t.end);
    if (t.unterminated_quote) {
      problem(ProblemKind::UnterminatedQuote, tspan, "unterminated quote; expected a closing quote");
      return;
    }
    std::string scratch;
    const std::string_view tok = token_view(line, t, scratch);
    detail::OptionMatch m = detail::match_option(tok, line.substr(t.begin, t.end - t.begin));
    if (m.kind == detail::OptionMatch::Kind::NotAnOption) {
      problem(ProblemKind::UnknownOption, tspan, "unexpected argument `" + std::string(tok) + "`; expected an option",
              {"a requirement goes at the start of its own line"});
      return;
    }
    if (m.kind != detail::OptionMatch::Kind::Found) {
      problem(ProblemKind::UnknownOption, tspan, detail::describe_bad_option(m, tok),
              {"expected `-r`, `-c`, `-e`, a global option such as `--index-url`, or the start of a requirement"});
      return;
    }
    const detail::OptionSpec& spec = *m.spec;
    if (spec.scope == detail::OptionScope::Editable) {
      // pip vs uv: pip shlex-splits the value of `-e`; uv takes the rest of the line, so
      // `-e ./pkg[a, b] ; python_version >= "3.9"` works. We follow uv (a superset of what pip accepts).
      std::size_t vb = 0, ve = 0, next = k + 1;
      if (m.attached) {
        vb = t.end - std::min(m.attached_raw_len, t.end - t.begin);
        ve = t.end;
      } else if (k + 1 < toks.size()) {
        vb = toks[k + 1].begin;
        ve = toks[k + 1].end;
        next = k + 2;
      } else {
        problem(ProblemKind::MissingOptionValue, tspan, "`--editable` must be followed by a path or a VCS URL");
        return;
      }
      while (next < toks.size() && !(line[toks[next].begin] == '-')) {
        ve = toks[next].end;
        ++next;
      }
      RequirementEntry e;
      e.file = file_;
      e.line_number = line_number;
      e.line = whole;
      e.editable = true;
      e.constraint = constraint_;
      e.comment_span = comment;
      // A single quoted token is unquoted (pip's shlex); otherwise the raw text is the requirement.
      bool ok = false;
      if (next == k + 2 && toks[k + 1].needs_unquote && !m.attached) {
        const std::string v = token_value(line, toks[k + 1]);
        LineMap inner_map{map.begin(vb + 1), nullptr};
        ok = parse_requirement(v, 0, v.size(), inner_map, e);
      } else {
        ok = parse_requirement(line, vb, ve, map, e);
      }
      if (!ok) return;
      if (e.url_kind == UrlKind::None) {
        problem(ProblemKind::InvalidRequirement, e.requirement,
                "`" + std::string(e.requirement.in(text_)) +
                    "` is not a valid editable requirement; expected a local project path or a VCS URL",
                {"use `-e ./path/to/project` or `-e git+https://host/repo.git#egg=name`"});
        return;
      }
      if (e.url_kind == UrlKind::Archive || e.url_kind == UrlKind::LocalFile) {
        if (e.url_kind == UrlKind::Archive) {
          problem(ProblemKind::InvalidRequirement, e.url_span.value_or(e.requirement),
                  "an editable requirement needs a local project directory or a VCS URL; found a remote URL",
                  {"use a local path (`-e ./project`) or a VCS URL (`-e git+https://host/repo.git#egg=name`)"});
          return;
        }
      }
      if (!requirement_options(line, toks, next, map, e)) return;
      push_entry(std::move(e));
      return;
    }
    std::string value;
    Span value_span{};
    std::size_t last = k;
    if (spec.takes_value) {
      if (m.attached) {
        value = *m.attached;
        value_span = {map.begin(t.end - std::min(m.attached_raw_len, t.end - t.begin)), tspan.end};
      } else if (k + 1 < toks.size()) {
        last = k + 1;
        if (toks[k + 1].unterminated_quote) {
          problem(ProblemKind::UnterminatedQuote, map.span(toks[k + 1].begin, toks[k + 1].end),
                  "unterminated quote; expected a closing quote");
          return;
        }
        value = token_value(line, toks[k + 1]);
        value_span = map.span(toks[k + 1].begin, toks[k + 1].end);
      } else {
        problem(ProblemKind::MissingOptionValue, tspan,
                "`" + std::string(spec.long_name) + "` must be followed by a value");
        return;
      }
    }
    // `--extra-index-url URL ; sys_platform == "linux"`: pip parses the marker words as stray positional
    // arguments and ignores them (uv does the same since 0.9). We ignore the marker too, with a warning.
    bool marker_follows = false;
    if (spec.takes_value && last + 1 < toks.size() && !value.empty() && value.back() == ';') {
      value.pop_back();
      if (value_span.end > value_span.begin) --value_span.end;
      marker_follows = true;
    } else if (last + 1 < toks.size() && line[toks[last + 1].begin] == ';') {
      marker_follows = true;
    }
    if (marker_follows) {
      const Span marker_span = map.span(toks[last + 1].begin, toks.back().end);
      problem(ProblemKind::OptionNotAllowedHere, marker_span,
              "a marker on an option line is ignored; `" + std::string(spec.long_name) + "` applies everywhere",
              {"pip and uv ignore markers on options; remove it or split the file per platform"},
              Severity::Warning);
    }
    const Span opt_span{tspan.begin, map.end(toks[last].end)};
    switch (spec.scope) {
      case detail::OptionScope::Requirement:
      case detail::OptionScope::Constraint:
        include(value, value_span, spec.scope == detail::OptionScope::Constraint, line_number, whole);
        break;
      case detail::OptionScope::Global:
        apply_global(spec, value, value_span, opt_span, line_number, whole);
        break;
      default:
        problem(ProblemKind::OptionNotAllowedHere, opt_span,
                "`" + std::string(spec.long_name) + "` applies to a requirement; expected a requirement before it",
                {"put it on the requirement's line, e.g. `pkg==1.0 --hash=sha256:...`"});
        return;
    }
    if (marker_follows) return;
    k = last + 1;
  }
}

void FileParser::apply_global(const detail::OptionSpec& spec, const std::string& value, Span value_span,
                              Span opt_span, std::size_t line_number, Span whole) {
  IndexOptions& ix = ctx_.out.index;
  const std::string_view name = spec.long_name;
  auto check_url = [&](const std::string& v) {
    std::string why;
    if (!detail::check_url(v, why)) {
      problem(ProblemKind::InvalidOptionValue, value_span,
              "invalid URL `" + v + "` for `" + std::string(name) + "`: " + why);
      return false;
    }
    return true;
  };
  auto format_value = [&](std::vector<std::string>& target, std::vector<std::string>& other, bool& given) {
    if (!value.empty() && value[0] == '-') {
      problem(ProblemKind::InvalidOptionValue, value_span,
              "`" + std::string(name) + "` expects package names, `:all:` or `:none:`; found `" + value + "`");
      return false;
    }
    given = true;
    detail::apply_format_control(value, target, other);
    return true;
  };
  const bool uv = ctx_.opts.dialect == Dialect::Uv;
  auto index_url_ok = [&](const std::string& v) {
    if (!check_url(v)) return false;
    // uv: an index URL is absolute or a local path; pip accepts any text and fails when it fetches.
    if (uv && !detail::has_url_scheme(v) && !looks_like_path(v)) {
      problem(ProblemKind::InvalidOptionValue, value_span,
              "invalid URL `" + v + "` for `" + std::string(name) + "`: relative URL without a base",
              {"expected an absolute URL such as `https://pypi.org/simple` or a path such as `./wheels`"});
      return false;
    }
    return true;
  };
  bool ok = true;
  if (name == "--index-url") {
    ok = index_url_ok(value);
    if (ok && uv && ix.index_url && *ix.index_url != value) {
      // uv: an included file may not override the index chosen by another file.
      for (auto it = ctx_.out.options.rbegin(); it != ctx_.out.options.rend(); ++it) {
        if (it->name != "--index-url") continue;
        if (it->file != file_) {
          problem(ProblemKind::InvalidOptionValue, value_span,
                  "conflicting `--index-url` `" + value + "`; `" + ctx_.out.files[it->file].display_name +
                      "` already sets `" + *ix.index_url + "`",
                  {"set the index in one file only"});
          ok = false;
        }
        break;
      }
    }
    if (ok) {
      ix.index_url = value;
      if (!ix.no_index) ix.effective_index_urls.assign(1, value);
    }
  } else if (name == "--extra-index-url") {
    ok = index_url_ok(value);
    if (ok) {
      ix.extra_index_urls.push_back(value);
      if (!ix.no_index) ix.effective_index_urls.push_back(value);
    }
  } else if (name == "--find-links") {
    // pip: a relative --find-links path is relative to the including file when it exists there.
    ix.find_links.push_back(value);
    std::string resolved = value;
    if (!detail::has_url_scheme(value) && value.rfind("file:", 0) != 0 && !std::filesystem::path(value).is_absolute()) {
      const std::string joined = join_location(ctx_.out.files[file_].location, value);
      if (ctx_.reader.exists(joined)) resolved = joined;
    }
    ix.find_links_resolved.push_back(std::move(resolved));
  } else if (name == "--no-index") {
    ix.no_index = true;
    ix.effective_index_urls.clear();
  } else if (name == "--trusted-host") {
    ix.trusted_hosts.push_back(value);
  } else if (name == "--no-binary") {
    ok = format_value(ix.format.no_binary, ix.format.only_binary, ix.format.no_binary_given);
  } else if (name == "--only-binary") {
    ok = format_value(ix.format.only_binary, ix.format.no_binary, ix.format.only_binary_given);
  } else if (name == "--pre") {
    ix.pre = true;
    detail::apply_format_control(":all:", ix.all_releases, ix.only_final);
  } else if (name == "--all-releases") {
    detail::apply_format_control(value, ix.all_releases, ix.only_final);
  } else if (name == "--only-final") {
    detail::apply_format_control(value, ix.only_final, ix.all_releases);
  } else if (name == "--prefer-binary") {
    ix.prefer_binary = true;
  } else if (name == "--require-hashes") {
    ix.require_hashes = true;
  } else if (name == "--use-feature") {
    ix.use_features.push_back(value);
  }
  if (!ok) return;
  OptionEntry o;
  o.file = file_;
  o.line_number = line_number;
  o.line = whole;
  o.name = std::string(name);
  o.value = value;
  o.option_span = opt_span;
  if (spec.takes_value) o.value_span = value_span;
  ctx_.out.options.push_back(std::move(o));
}

void FileParser::include(const std::string& target, Span target_span, bool constraint, std::size_t line_number,
                         Span whole) {
  IncludeEntry inc;
  inc.file = file_;
  inc.line_number = line_number;
  inc.line = whole;
  inc.constraint = constraint;
  inc.target = target;
  inc.target_span = target_span;
  const std::size_t inc_index = ctx_.out.includes.size();
  ctx_.out.includes.push_back(inc);
  if (!ctx_.opts.follow_includes) return;

  const std::string location = join_location(ctx_.out.files[file_].location, target);
  // Cycle: the target is already being read somewhere up the chain.
  for (std::size_t s = 0; s < ctx_.stack.size(); ++s) {
    const std::size_t f = ctx_.stack[s];
    if (ctx_.out.files[f].location != location) continue;
    if (ctx_.opts.cycles == CyclePolicy::Skip) return;  // uv: a repeated include is skipped
    std::string chain;
    for (std::size_t x = 0; x < ctx_.stack.size(); ++x) chain += ctx_.out.files[ctx_.stack[x]].display_name + " -> ";
    chain += ctx_.out.files[f].display_name;
    // pip's wording, so a message from either tool reads the same.
    std::string msg = ctx_.out.files[f].display_name + " recursively references itself in " +
                      ctx_.out.files[file_].display_name;
    if (s > 0) msg += " and again in " + ctx_.out.files[ctx_.stack[s - 1]].display_name;
    problem(ProblemKind::IncludeCycle, target_span, std::move(msg), {"include chain: " + chain});
    return;
  }
  auto read = ctx_.reader.read(location);
  if (!read) {
    const bool offline = read.error().kind == ErrorKind::Offline;
    problem(offline ? ProblemKind::IncludeUnsupported : ProblemKind::IncludeNotFound, target_span,
            std::string(constraint ? "Could not open constraint file: " : "Could not open requirements file: ") +
                read.error().message,
            offline ? std::vector<std::string>{"download the file and include it by path"}
                    : std::vector<std::string>{"the path is relative to the file that includes it (`" +
                                               ctx_.out.files[file_].display_name + "`)"});
    return;
  }
  SourceFile sf;
  sf.location = location;
  sf.display_name = location;
  sf.included_by = file_;
  sf.included_as_constraint = constraint;
  const std::size_t idx = ctx_.out.files.size();
  ctx_.out.files.push_back(std::move(sf));
  ctx_.out.includes[inc_index].included = idx;
  // pip vs uv: pip reads a file named by `-r` as requirements even inside a `-c` file (nested_constraint is
  // set by the directive alone); uv keeps everything below a `-c` a constraint.
  const bool nested_constraint = ctx_.opts.dialect == Dialect::Pip ? constraint : (constraint || constraint_);
  ctx_.out.files[idx].included_as_constraint = nested_constraint;
  detail::parse_source(ctx_.opts, ctx_.out, ctx_.reader, ctx_.stack, idx, std::move(read->bytes),
                       nested_constraint);
}


std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  return trim_right(s);
}

bool starts_with_ci(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
  return true;
}

// A bare URL or path rather than a PEP 508 requirement (pip's _looks_like_path / is_url / is_archive_file,
// decided from the text alone: the parser never looks at the disk).
bool looks_unnamed(std::string_view req) {
  if (req.empty()) return false;
  if (detail::has_url_scheme(req) || starts_with_ci(req, "file:")) return true;
  const char c0 = req[0];
  if (c0 == '.' || c0 == '/' || c0 == '~' || c0 == '\\') return true;
  if (req.size() >= 3 && std::isalpha(static_cast<unsigned char>(c0)) && req[1] == ':' &&
      (req[2] == '\\' || req[2] == '/'))
    return true;
  std::size_t w = 0;
  for (; w < req.size(); ++w) {
    const char c = req[w];
    if (c == '/' || c == '\\') return true;
    if (c == ' ' || c == '\t' || c == '[' || c == ';' || c == '@' || c == '<' || c == '>' || c == '=' || c == '!' ||
        c == '~' || c == '(' || c == ',')
      break;
  }
  return !detail::archive_extension(req.substr(0, w)).empty();
}

UrlKind kind_of_url(std::string_view url, bool is_url) {
  std::string_view path = url;
  const std::size_t cut = path.find_first_of("?#");
  if (is_url && cut != std::string_view::npos) path = path.substr(0, cut);
  const bool archive = !detail::archive_extension(path).empty();
  if (!is_url) return archive ? UrlKind::LocalFile : UrlKind::Directory;
  if (starts_with_ci(url, "git+") || starts_with_ci(url, "hg+") || starts_with_ci(url, "svn+") ||
      starts_with_ci(url, "bzr+"))
    return UrlKind::Vcs;
  if (starts_with_ci(url, "file:")) return archive ? UrlKind::LocalFile : UrlKind::Directory;
  return UrlKind::Archive;
}

}  // namespace

bool FileParser::parse_requirement(std::string_view line, std::size_t rb, std::size_t re, const LineMap& map,
                                   RequirementEntry& e) {
  const std::string_view req = line.substr(rb, re - rb);
  e.requirement = map.span(rb, re);
  if (looks_unnamed(req)) return parse_unnamed(line, rb, re, map, e);
  auto parsed = pep508::parse_requirement(req);
  if (!parsed) {
    const auto& err = parsed.error();
    std::vector<std::string> hints;
    for (const std::string& h : err.hints) hints.push_back(h.rfind("hint: ", 0) == 0 ? h.substr(6) : h);  // rendered with "hint: " already
    // pip's hint for `pkg=1.0`: a `=` and none of the real operators.
    if (req.find('=') != std::string_view::npos) {
      bool has_op = false;
      for (std::string_view op : {"==", "!=", "<=", ">=", "~="}) has_op = has_op || req.find(op) != std::string_view::npos;
      if (!has_op) hints.emplace_back("= is not a valid operator. Did you mean == ?");
    }
    problem(ProblemKind::InvalidRequirement, map.span(rb + err.span.begin, rb + err.span.end), err.message,
            std::move(hints));
    return false;
  }
  pep508::Requirement& r = parsed->req;
  const pep508::RequirementSpans& s = parsed->spans;
  e.named = true;
  e.name = std::move(r.name);
  e.name_text = std::move(r.name_text);
  e.extras = std::move(r.extras_text);
  e.specifier = std::move(r.specifier);
  e.url = std::move(r.url);
  e.marker = std::move(r.marker);
  e.name_span = map.span(rb + s.name.begin, rb + s.name.end);
  if (s.extras) e.extras_span = map.span(rb + s.extras->begin, rb + s.extras->end);
  e.specifier_span = map.span(rb + s.specifier.begin, rb + s.specifier.end);
  if (s.url) e.url_span = map.span(rb + s.url->begin, rb + s.url->end);
  if (s.marker) {
    e.marker_span = map.span(rb + s.marker->begin, rb + s.marker->end);
    e.marker_text = std::string(req.substr(s.marker->begin, s.marker->end - s.marker->begin));
  }
  if (!e.url.empty()) {
    std::string why;
    if (!detail::check_url(e.url, why)) {
      problem(ProblemKind::InvalidRequirement, e.url_span.value_or(e.requirement),
              "invalid URL `" + e.url + "`: " + why);
      return false;
    }
    e.url_kind = kind_of_url(e.url, detail::has_url_scheme(e.url) || starts_with_ci(e.url, "file:"));
  }
  // uv: a bare `name.txt` is almost always a forgotten `-r`; say so when such a file exists.
  if (e.url.empty() && ctx_.opts.follow_includes) {
    const std::string& n = e.name_text;
    const bool looks = (n.size() > 4 && n.compare(n.size() - 4, 4, ".txt") == 0) ||
                       (n.size() > 3 && n.compare(n.size() - 3, 3, ".in") == 0);
    if (looks && ctx_.reader.read(join_location(ctx_.out.files[file_].location, n))) {
      problem(ProblemKind::LooksLikeRequirementsFile, e.requirement,
              "requirement `" + n + "` looks like a requirements file; expected a package name",
              {"did you mean `-r " + n + "`?"});
      return false;
    }
  }
  return true;
}

bool FileParser::parse_unnamed(std::string_view line, std::size_t rb, std::size_t re, const LineMap& map,
                               RequirementEntry& e) {
  const std::string_view t = line.substr(rb, re - rb);
  const bool is_url = detail::has_url_scheme(t) || starts_with_ci(t, "file:");
  // pip vs uv: pip splits a path's marker at a bare `;` (URLs need "; "); uv needs whitespace before `;` after
  // a path or URL and rejects `./pkg;marker` as ambiguous. We follow uv: `;` is a legal path/URL character.
  std::size_t semi = std::string_view::npos;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t[i] == ';' && is_ws(t[i - 1])) {
      semi = i;
      break;
    }
  }
  std::string_view body = trim_right(t.substr(0, semi == std::string_view::npos ? t.size() : semi));
  if (!is_url) {
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == ';') {
        problem(ProblemKind::InvalidPath, map.span(rb + i, rb + i + 1),
                "expected whitespace before `;` to start a marker after a path",
                {"write `" + std::string(body.substr(0, i)) + " ;" + std::string(body.substr(i + 1)) + "`"});
        return false;
      }
      if (body[i] == '#') {
        problem(ProblemKind::InvalidPath, map.span(rb + i, rb + i + 1),
                "expected end of path or `;`, found `#`; comments must be preceded by whitespace",
                {"add a space before `#`"});
        return false;
      }
    }
  }
  if (semi != std::string_view::npos) {
    const std::string_view mraw = t.substr(semi + 1);
    std::size_t lead = 0;
    while (lead < mraw.size() && is_ws(mraw[lead])) ++lead;
    const std::string_view mtext = trim(mraw);
    const std::size_t mb = semi + 1 + lead;
    auto marker = pep508::Marker::parse(mtext);
    if (!marker) {
      const auto& err = marker.error();
      problem(ProblemKind::InvalidRequirement, map.span(rb + mb + err.span.begin, rb + mb + err.span.end),
              err.message, err.hints);
      return false;
    }
    e.marker = std::move(*marker);
    e.marker_text = std::string(mtext);
    e.marker_span = map.span(rb + mb, rb + mb + mtext.size());
  }
  // Extras after a path/URL: `./pkg[a,b]` (uv also allows spaces inside the brackets).
  if (!body.empty() && body.back() == ']') {
    const std::size_t lb = body.rfind('[');
    if (lb != std::string_view::npos && lb > 0) {
      const std::string_view inside = body.substr(lb + 1, body.size() - lb - 2);
      std::size_t start = 0;
      while (start <= inside.size()) {
        std::size_t comma = inside.find(',', start);
        if (comma == std::string_view::npos) comma = inside.size();
        const std::string_view ex = trim(inside.substr(start, comma - start));
        if (!is_valid_name(ex)) {
          const std::size_t at = rb + lb + 1 + start;
          problem(ProblemKind::InvalidRequirement, map.span(at, at + std::max<std::size_t>(1, comma - start)),
                  "invalid extra name `" + std::string(ex) + "`; expected letters, digits, `-`, `_` or `.`");
          return false;
        }
        e.extras.emplace_back(ex);
        start = comma + 1;
      }
      e.extras_span = map.span(rb + lb, rb + body.size());
      body = trim_right(body.substr(0, lb));
    }
  }
  e.url = std::string(body);
  e.url_span = map.span(rb, rb + body.size());
  e.specifier_span = map.span(rb + body.size(), rb + body.size());
  if (is_url) {
    std::string why;
    if (!detail::check_url(body, why)) {
      problem(ProblemKind::InvalidRequirement, *e.url_span, "invalid URL `" + e.url + "`: " + why);
      return false;
    }
    const std::size_t egg = body.find("#egg=");
    if (egg != std::string_view::npos) {
      std::string_view n = body.substr(egg + 5);
      n = n.substr(0, n.find('&'));
      if (auto pn = PackageName::parse(n)) {
        e.name = *pn;
        e.name_text = std::string(n);
      }
    }
  }
  e.url_kind = kind_of_url(body, is_url);
  return true;
}

namespace {
}  // namespace

namespace detail {

void parse_source(const ParseOptions& opts, ParsedRequirements& out, FileReader& reader,
                  std::vector<std::size_t>& stack, std::size_t file, std::string bytes, bool constraint) {
  Decoded d = decode_bytes(std::move(bytes));
  out.files[file].encoding = d.encoding;
  out.files[file].transcoded = d.transcoded;
  out.files[file].bom_bytes = d.bom_bytes;
  std::string text = std::move(d.text);
  if (!d.error.empty()) {
    Problem p;
    p.kind = ProblemKind::InvalidEncoding;
    p.file = file;
    p.diagnostic.file = out.files[file].display_name;
    p.diagnostic.span = d.transcoded ? Span{0, 0} : Span{d.error_offset, std::min(d.error_offset + 1, text.size())};
    p.diagnostic.message = "cannot decode the file as " + d.encoding + ": " + d.error;
    out.problems.push_back(std::move(p));
    out.files[file].text = std::move(text);
    return;
  }
  Ctx ctx{opts, out, reader, {}};
  ctx.stack = stack;
  ctx.stack.push_back(file);
  if (file == 0) {
    // Roughly one entry per 40 bytes: avoids regrowing (and moving) the entry vectors on large files.
    const std::size_t guess = text.size() / 40 + 4;
    out.requirements.reserve(guess);
  }
  FileParser fp(ctx, file, text, constraint);
  fp.run(d.bom_bytes);
  out.files[file].text = std::move(text);
}

}  // namespace detail

bool ParsedRequirements::ok() const noexcept {
  return std::none_of(problems.begin(), problems.end(),
                      [](const Problem& p) { return p.diagnostic.severity == Severity::Error; });
}

std::string ParsedRequirements::render_problems(RenderOptions opts) const {
  std::string out;
  for (const Problem& p : problems) {
    const std::string_view src = p.file < files.size() ? std::string_view(files[p.file].text) : std::string_view();
    out += render(p.diagnostic, src, opts);
  }
  return out;
}

namespace {

ParseOptions with_defaults(const ParseOptions& options, std::shared_ptr<FileReader>& holder) {
  ParseOptions o = options;
  if (!o.reader) {
    holder = std::make_shared<DiskFileReader>();
    o.reader = holder;
  }
  return o;
}

}  // namespace

ParsedRequirements parse_requirements_text(std::string_view text, std::string display_name,
                                           const ParseOptions& options) {
  std::shared_ptr<FileReader> holder;
  const ParseOptions o = with_defaults(options, holder);
  ParsedRequirements out;
  SourceFile sf;
  sf.location = display_name;
  sf.display_name = std::move(display_name);
  out.files.push_back(std::move(sf));
  std::vector<std::size_t> stack;
  detail::parse_source(o, out, *o.reader, stack, 0, std::string(text), o.as_constraint);
  return out;
}

ParsedRequirements parse_requirements_file(const std::string& location, const ParseOptions& options) {
  std::shared_ptr<FileReader> holder;
  const ParseOptions o = with_defaults(options, holder);
  ParsedRequirements out;
  SourceFile sf;
  sf.location = detail::has_url_scheme(location)
                    ? location
                    : std::filesystem::path(location).lexically_normal().generic_string();
  if (sf.location.empty()) sf.location = location;
  sf.display_name = location;
  out.files.push_back(std::move(sf));
  auto read = o.reader->read(location);
  if (!read) {
    Problem p;
    p.kind = read.error().kind == ErrorKind::Offline ? ProblemKind::IncludeUnsupported : ProblemKind::IncludeNotFound;
    p.file = 0;
    p.diagnostic.file = location;
    p.diagnostic.message =
        std::string(o.as_constraint ? "Could not open constraint file: " : "Could not open requirements file: ") +
        read.error().message;
    out.problems.push_back(std::move(p));
    return out;
  }
  std::vector<std::size_t> stack;
  detail::parse_source(o, out, *o.reader, stack, 0, std::move(read->bytes), o.as_constraint);
  return out;
}

}  // namespace pinreqs::reqtxt
