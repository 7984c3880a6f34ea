#pragma once
// PEP 508 dependency specifiers with packaging 26 semantics, plus byte spans of every part so a caller can
// rewrite just one part (e.g. the version specifier) in place.
//
//   auto r = pep508::parse_requirement("requests [socks] (>=2.8, <3) ; python_version >= '3.8'");
//   r->req.to_string();            // requests[socks]<3,>=2.8; python_version >= "3.8"
//   r->spans.specifier.in(text);   // "(>=2.8, <3)"
//
// Spans are byte offsets into the text passed in, plus `offset_base` (so a caller parsing one line of a larger
// file can pass the line's offset and get spans into the whole file).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "pinreqs/common/span.hpp"
#include "pinreqs/parsers/marker.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::pep508 {

// A syntax error, worded like packaging's ("expected a version after `>=`" style, lower case), with the byte
// span of the offending text and hints.
struct RequirementError {
  std::string message;
  Span span;
  std::vector<std::string> hints;  // without the "hint: " prefix (render() adds it)
};

struct Requirement {
  PackageName name;                      // normalized (PEP 503)
  std::string name_text;                 // as written
  std::vector<std::string> extras;       // PEP 685-canonicalized, sorted, unique
  std::vector<std::string> extras_text;  // as written, sorted, unique (what packaging stores and prints)
  pep440::SpecifierSet specifier;        // empty when none (or when a URL is given)
  std::string url;                       // "" when none
  std::optional<Marker> marker;          // nullopt when there is no `; marker`

  // Parses one complete requirement (see parse_requirement() for spans).
  static tl::expected<Requirement, RequirementError> parse(std::string_view text);

  // packaging's str(Requirement): `name[extras]specifier`, or `name[extras] @ url ; marker`, e.g.
  // `Django[b,a]!=1.5,>=1.4; python_version < "3"` (extras and specifiers sorted, no spaces).
  [[nodiscard]] std::string to_string() const;

  // packaging's Requirement.__eq__: canonical names, canonical extras, equal specifier sets (==1.0 equals
  // ==1.0.0), same url, same printed marker.
  friend bool operator==(const Requirement& a, const Requirement& b);
};

// Where each part is. Optional parts that are absent are nullopt; `specifier` is always set: when the
// requirement has no specifier it is the empty span where one would be inserted (right after the name or the
// extras bracket).
struct RequirementSpans {
  Span name;                      // the project name
  std::optional<Span> extras;     // `[...]`, brackets included
  Span specifier;                 // `>=1.0,<2` or `(>=1.0,<2)` exactly as written (parentheses included)
  Span specifier_inner;           // the same without the parentheses (== specifier when there are none)
  bool specifier_parenthesized = false;
  std::optional<Span> url;        // after `@`
  std::optional<Span> marker;     // the marker expression after `;` (trailing whitespace excluded)
  Span requirement;               // the whole requirement without leading/trailing whitespace
};

struct ParsedRequirement {
  Requirement req;
  RequirementSpans spans;
};

// Parses one complete PEP 508 requirement (the whole of `text`, surrounding whitespace allowed).
tl::expected<ParsedRequirement, RequirementError> parse_requirement(std::string_view text,
                                                                    std::size_t offset_base = 0);

}  // namespace pinreqs::pep508
