// PEP 508 requirements: the grammar (pep508_grammar.cpp) gives spans and raw parts; this file builds the
// Requirement the way packaging 26's Requirement.__init__ does and prints it like str(Requirement).
#include "pinreqs/parsers/requirement.hpp"

#include <algorithm>
#include <utility>

#include "pep508_grammar.hpp"

namespace pinreqs::pep508 {
namespace {

bool is_py_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view strip(std::string_view s) noexcept {
  while (!s.empty() && is_py_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_py_space(s.back())) s.remove_suffix(1);
  return s;
}

Span shift(Span s, std::size_t base) noexcept { return Span{s.begin + base, s.end + base}; }

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

tl::expected<ParsedRequirement, RequirementError> parse_requirement(std::string_view text, std::size_t offset_base) {
  auto raw = detail::parse_requirement_raw(text);
  if (!raw) {
    auto& e = raw.error();
    return tl::unexpected(RequirementError{std::move(e.message), shift(e.span, offset_base), std::move(e.hints)});
  }
  ParsedRequirement out;
  Requirement& r = out.req;
  r.name_text = std::string(raw->name.in(text));
  r.name = PackageName::from_trusted(r.name_text);
  for (const auto& e : raw->extras) {
    r.extras_text.push_back(e.text);
    r.extras.push_back(canonicalize_name(e.text));
  }
  r.extras_text = sorted_unique(std::move(r.extras_text));
  r.extras = sorted_unique(std::move(r.extras));

  // packaging: SpecifierSet(text) splits on commas, strips, and drops empty parts.
  std::string joined;
  std::string_view spec_text = raw->specifier_text;
  std::size_t start = 0;
  while (start <= spec_text.size()) {
    std::size_t comma = spec_text.find(',', start);
    if (comma == std::string_view::npos) comma = spec_text.size();
    std::string_view part = strip(spec_text.substr(start, comma - start));
    if (!part.empty()) {
      auto one = pep440::Specifier::parse(part);
      if (!one) {
        RequirementError err{"invalid specifier: `" + std::string(part) + "`",
                             shift(raw->specifier_inner, offset_base),
                             {one.error().message}};
        return tl::unexpected(std::move(err));
      }
      if (!joined.empty()) joined.push_back(',');
      joined.append(part);
    }
    start = comma + 1;
  }
  if (!joined.empty()) {
    auto set = pep440::SpecifierSet::parse(joined);
    if (!set)
      return tl::unexpected(RequirementError{"invalid specifier: " + set.error().message,
                                             shift(raw->specifier_inner, offset_base), {}});
    r.specifier = std::move(*set);
  }
  if (raw->url) r.url = std::string(raw->url->in(text));
  if (raw->marker_root) r.marker = Marker(raw->marker_root);

  RequirementSpans& s = out.spans;
  s.name = shift(raw->name, offset_base);
  if (raw->extras_bracket) s.extras = shift(*raw->extras_bracket, offset_base);
  s.specifier = shift(raw->specifier, offset_base);
  s.specifier_inner = shift(raw->specifier_inner, offset_base);
  s.specifier_parenthesized = raw->parenthesized;
  if (raw->url) s.url = shift(*raw->url, offset_base);
  if (raw->marker) s.marker = shift(*raw->marker, offset_base);
  s.requirement = shift(raw->requirement, offset_base);
  return out;
}

tl::expected<Requirement, RequirementError> Requirement::parse(std::string_view text) {
  auto p = parse_requirement(text);
  if (!p) return tl::unexpected(std::move(p.error()));
  return std::move(p->req);
}

std::string Requirement::to_string() const {
  std::string out = name_text;
  if (!extras_text.empty()) {
    out += '[';
    for (std::size_t i = 0; i < extras_text.size(); ++i) {
      if (i > 0) out += ',';
      out += extras_text[i];
    }
    out += ']';
  }
  if (!specifier.empty()) out += specifier.to_string();
  if (!url.empty()) {
    out += " @ ";
    out += url;
    if (marker) out += ' ';
  }
  if (marker) {
    out += "; ";
    out += marker->to_string();
  }
  return out;
}

bool operator==(const Requirement& a, const Requirement& b) {
  if (a.name != b.name || a.extras != b.extras || a.url != b.url) return false;
  if (!(a.specifier == b.specifier)) return false;
  if (a.marker.has_value() != b.marker.has_value()) return false;
  return !a.marker || *a.marker == *b.marker;
}

}  // namespace pinreqs::pep508
