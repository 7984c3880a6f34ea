#include "pinreqs/analysis/alternatives.hpp"

#include "pinreqs/analysis/data.hpp"
#include "pinreqs/analysis/tsv.hpp"

namespace pinreqs::analysis {

const char* to_string(Condition c) noexcept {
  switch (c) {
    case Condition::Server: return "server";
    case Condition::CpuTarget: return "cpu-target";
    case Condition::NoCompiler: return "no-compiler";
    case Condition::Always: return "always";
  }
  return "?";
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matcher with one backtrack point per star.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool Alternative::matches(const PackageName& name) const { return glob_match(pattern, name.str()); }

Result<AlternativeTable> AlternativeTable::parse(std::string_view tsv, std::string_view file_name) {
  auto rows = parse_tsv(tsv, {"package", "alternative", "condition", "reason"}, file_name);
  if (!rows) return tl::unexpected(rows.error());
  AlternativeTable table;
  for (auto& row : *rows) {
    const std::string where = std::string(file_name) + ":" + std::to_string(row.line) + ": ";
    Alternative a;
    a.line = row.line;
    // The pattern, normalized like a project name (lowercase, runs of -_. become one -), stars kept.
    std::string pat;
    for (char c : row.fields[0]) {
      if (c == '-' || c == '_' || c == '.') {
        if (pat.empty() || pat.back() != '-') pat += '-';
      } else {
        pat += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
    }
    if (pat.empty()) return fail(ErrorKind::Parse, where + "expected a package name or glob in column `package`");
    a.pattern = pat;
    a.alternative = row.fields[1];
    const std::string& alt = row.fields[1];
    if (alt == "(drop)") {
      a.kind = Alternative::Kind::Drop;
    } else {
      std::string name = alt;
      if (auto from = alt.find(" from "); from != std::string::npos) {
        a.kind = Alternative::Kind::FromIndex;
        name = alt.substr(0, from);
        a.index_url = alt.substr(from + 6);
        if (a.index_url.find("://") == std::string::npos)
          return fail(ErrorKind::Parse, where + "expected an index URL after `from` in `" + alt + "`");
      }
      if (auto br = name.find('['); br != std::string::npos) {
        a.extras = name.substr(br);
        name = name.substr(0, br);
      }
      auto pn = PackageName::parse(name);
      if (!pn)
        return fail(ErrorKind::Parse, where + "expected a distribution, `X from <index URL>` or `(drop)` in column "
                                              "`alternative`, found `" + alt + "`");
      a.distribution = *pn;
    }
    const std::string& cond = row.fields[2];
    if (cond == "server") a.condition = Condition::Server;
    else if (cond == "cpu-target") a.condition = Condition::CpuTarget;
    else if (cond == "no-compiler") a.condition = Condition::NoCompiler;
    else if (cond == "always") a.condition = Condition::Always;
    else
      return fail(ErrorKind::Parse, where + "expected server, cpu-target, no-compiler or always in column "
                                            "`condition`, found `" + cond + "`");
    a.reason = row.fields[3];
    table.rules_.push_back(std::move(a));
  }
  return table;
}

const AlternativeTable& AlternativeTable::builtin() {
  static const AlternativeTable table = [] {
    auto t = parse(data::alternatives_tsv(), "analysis/data/alternatives.tsv");
    return t ? std::move(*t) : AlternativeTable{};  // tests/analysis checks that the embedded table parses
  }();
  return table;
}

std::vector<const Alternative*> AlternativeTable::matching(const PackageName& name) const {
  std::vector<const Alternative*> out;
  for (const auto& r : rules_)
    if (r.matches(name)) out.push_back(&r);
  return out;
}

std::optional<Suggestion> evaluate_alternative(const Alternative& rule, const SuggestionInput& in,
                                               const wheel::Target& target, const AlternativeLookup& lookup) {
  if (!rule.matches(in.package)) return std::nullopt;
  Suggestion s;
  s.rule = &rule;
  s.package = in.package;
  switch (rule.condition) {
    case Condition::Server:
    case Condition::Always:
      break;
    case Condition::CpuTarget:
      if (target.platform.os == wheel::Os::Macos) return std::nullopt;
      s.conditional = true;
      break;
    case Condition::NoCompiler:
      if (from_wheel(in.availability)) return std::nullopt;
      break;
  }
  if (rule.kind == Alternative::Kind::Drop) {
    s.replacement = "(drop)";
    if (in.size) s.size_change = -static_cast<std::int64_t>(*in.size);
    return s;
  }
  if (!lookup) return std::nullopt;
  const auto found = lookup(rule);
  if (!found || !found->exists) return std::nullopt;
  s.replacement = rule.distribution.str() + rule.extras + (found->version.empty() ? "" : " " + found->version);
  if (rule.kind == Alternative::Kind::FromIndex) s.replacement += " from " + rule.index_url;
  if (found->size && in.size)
    s.size_change = static_cast<std::int64_t>(*found->size) - static_cast<std::int64_t>(*in.size);
  return s;
}

}  // namespace pinreqs::analysis
