#include "pinreqs/parsers/reqtxt/rewriter.hpp"

#include <algorithm>

#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::reqtxt {
namespace {

struct Replacement {
  Span span;
  std::string text;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view dominant_line_ending(std::string_view text) noexcept {
  std::size_t lf = 0, crlf = 0, cr = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++crlf;
        ++i;
      } else {
        ++cr;
      }
    } else if (text[i] == '\n') {
      ++lf;
    }
  }
  if (crlf > lf && crlf >= cr) return "\r\n";
  if (cr > lf && cr > crlf) return "\r";
  return "\n";
}

Result<std::string> rewrite(const ParsedRequirements& parsed, std::size_t file, const std::vector<Edit>& edits) {
  if (file >= parsed.files.size()) return fail(ErrorKind::Internal, "no such file in the parse result");
  const SourceFile& sf = parsed.files[file];
  const std::string_view text = sf.text;
  if (edits.empty()) return std::string(text);
  if (sf.transcoded) {
    return fail(ErrorKind::Input, "`" + sf.display_name + "` is encoded as " + sf.encoding +
                                      "; pinreqs rewrites only UTF-8 files in place");
  }
  std::vector<Replacement> reps;
  std::string appended;
  for (const Edit& edit : edits) {
    if (const auto* set = std::get_if<SetSpecifier>(&edit)) {
      if (!set->specifier.empty()) {
        auto spec = pep440::SpecifierSet::parse(set->specifier);
        if (!spec) {
          return fail(ErrorKind::Input, "invalid specifier `" + set->specifier + "`: " + spec.error().message);
        }
      }
      std::size_t hits = 0;
      for (const auto* list : {&parsed.requirements, &parsed.constraints}) {
        for (const RequirementEntry& e : *list) {
          if (e.file != file || !e.named || e.name != set->name) continue;
          if (!e.url.empty()) {
            return fail(ErrorKind::Input, "`" + e.name_text + "` is given by URL on line " +
                                              std::to_string(e.line_number) + "; it has no specifier to set");
          }
          if (!e.specifier_span) continue;
          reps.push_back({*e.specifier_span, set->specifier});
          ++hits;
        }
      }
      if (hits == 0) {
        return fail(ErrorKind::NotFound, "no requirement `" + set->name.str() + "` in `" + sf.display_name + "`");
      }
    } else if (const auto* block = std::get_if<ReplaceBlock>(&edit)) {
      const std::string_view eol = dominant_line_ending(text);
      std::string body = block->begin_marker;
      body += eol;
      for (const std::string& l : block->lines) {
        body += l;
        body += eol;
      }
      body += block->end_marker;
      // Find the marker lines.
      std::size_t pos = sf.bom_bytes, begin_at = std::string_view::npos, end_at = std::string_view::npos;
      while (pos < text.size()) {
        std::size_t e = text.find_first_of("\r\n", pos);
        if (e == std::string_view::npos) e = text.size();
        const std::string_view l = trim(text.substr(pos, e - pos));
        if (begin_at == std::string_view::npos && l == block->begin_marker) begin_at = pos;
        else if (begin_at != std::string_view::npos && l == block->end_marker) {
          end_at = e;
          break;
        }
        pos = e;
        if (pos < text.size() && text[pos] == '\r') ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
        if (e == text.size()) break;
      }
      if (begin_at != std::string_view::npos && end_at != std::string_view::npos) {
        reps.push_back({{begin_at, end_at}, body});
      } else {
        if (!text.empty() && text.back() != '\n' && text.back() != '\r' && appended.empty()) appended += eol;
        appended += body;
        appended += eol;
      }
    }
  }
  std::sort(reps.begin(), reps.end(), [](const Replacement& a, const Replacement& b) {
    return a.span.begin < b.span.begin || (a.span.begin == b.span.begin && a.span.end < b.span.end);
  });
  for (std::size_t i = 1; i < reps.size(); ++i) {
    if (reps[i].span.begin < reps[i - 1].span.end || reps[i].span == reps[i - 1].span) {
      return fail(ErrorKind::Input, "two edits touch the same text in `" + sf.display_name + "`");
    }
  }
  std::string out;
  out.reserve(text.size() + appended.size() + 64);
  std::size_t at = 0;
  for (const Replacement& r : reps) {
    out.append(text.substr(at, r.span.begin - at));
    out += r.text;
    at = r.span.end;
  }
  out.append(text.substr(at));
  out += appended;
  return out;
}

}  // namespace pinreqs::reqtxt
