#pragma once
// Internal: the PEP 508 grammar (pep508_grammar.cpp, the only TU that includes PEGTL) and the marker tree it
// builds. Not a public header: marker.cpp and requirement.cpp build on it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "pinreqs/common/span.hpp"
#include "pinreqs/parsers/marker.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::pep508::detail {

enum class MarkerOp : std::uint8_t { Equal, NotEqual, LessEqual, GreaterEqual, Less, Greater, Compatible, Arbitrary, In, NotIn };

const char* to_string(MarkerOp op) noexcept;

// One side of a comparison: a variable (printed bare) or a quoted value (printed in double quotes).
struct Operand {
  bool is_variable = false;
  MarkerVariable variable = MarkerVariable::OsName;  // when is_variable
  std::string text;                                  // the value, or the variable's canonical name
};

struct Comparison {
  Operand lhs;
  MarkerOp op = MarkerOp::Equal;
  Operand rhs;
  // When lhs is a version variable and rhs a value: Specifier(op + rhs), parsed once (packaging parses it on
  // every evaluation; the result is the same).
  std::optional<pep440::Specifier> lhs_spec;
};

// packaging's MarkerList: items joined by `and`/`or` (and binds tighter), an item being a comparison or a
// parenthesized sub-list. Kept as written so printing drops exactly the parentheses packaging drops.
struct MarkerNode {
  struct Item {
    std::shared_ptr<const MarkerNode> group;  // non-null: a parenthesized sub-expression
    Comparison cmp;                           // otherwise
  };
  std::vector<Item> items;
  std::vector<bool> is_or;  // is_or[i] joins items[i] and items[i + 1]
};

struct GrammarError {
  std::string message;
  Span span;
  std::vector<std::string> hints;
};

// Canonicalizes `extra == "Foo_Bar"` values (PEP 685) and precomputes specifiers, recursively.
std::shared_ptr<MarkerNode> finish_marker_tree(std::shared_ptr<MarkerNode> root);

// A whole marker expression.
tl::expected<std::shared_ptr<const MarkerNode>, GrammarError> parse_marker_tree(std::string_view text);

struct RawExtra {
  std::string text;
  Span span;
};

struct RawRequirement {
  Span name;
  std::optional<Span> extras_bracket;
  std::vector<RawExtra> extras;
  Span specifier;        // with parentheses
  Span specifier_inner;  // without
  bool parenthesized = false;
  bool has_specifier = false;
  std::string specifier_text;  // the specifier tokens and commas, whitespace between them dropped (packaging)
  std::optional<Span> url;
  std::optional<Span> marker;
  std::shared_ptr<const MarkerNode> marker_root;
  Span requirement;
};

// PEGTL's grammar analysis (rules that can loop without consuming input, ...): the number of problems found,
// 0 for a sound grammar. For tests.
std::size_t analyze_grammar();

// A whole requirement; spans are relative to `text`.
tl::expected<RawRequirement, GrammarError> parse_requirement_raw(std::string_view text);

}  // namespace pinreqs::pep508::detail
