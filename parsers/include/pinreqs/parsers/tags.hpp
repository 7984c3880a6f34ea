#pragma once
// PEP 425 compatibility tags: one `interpreter-abi-platform` triple, and the parser for the compressed tag sets
// found in wheel filenames (`py2.py3-none-any` stands for two tags). Semantics follow packaging >= 26.3.
#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace pinreqs::wheel {

// One tag. Components are stored lowercase (packaging's Tag lowercases them), so comparison is exact.
struct Tag {
  std::string interpreter;  // "cp312", "py3", "pp310"
  std::string abi;          // "cp312", "abi3", "none", "pypy310_pp73"
  std::string platform;     // "manylinux_2_17_x86_64", "win_amd64", "any"

  Tag() = default;
  // Lowercases the three parts.
  Tag(std::string_view interpreter_, std::string_view abi_, std::string_view platform_);

  [[nodiscard]] std::string to_string() const;  // "cp312-cp312-manylinux_2_17_x86_64"
  [[nodiscard]] std::size_t hash() const noexcept;

  friend auto operator<=>(const Tag&, const Tag&) = default;
  friend bool operator==(const Tag&, const Tag&) = default;
};

struct TagError {
  enum class Kind {
    InvalidTag,     // empty component, wrong number of components, interpreter not an identifier
    UnsortedTags,   // validate_order and a compressed set is not sorted (PEP 425)
    TooManyTags,    // the compressed set expands to more than kMaxExpandedTags tags
  };
  Kind kind = Kind::InvalidTag;
  std::string message;  // packaging's wording, e.g. "Tag 'py3--any' has an empty component: ''"
};

// Upper bound on the expansion of one compressed tag set (real wheels stay far below it); protects against
// hostile filenames such as `a.a.a...-b.b.b...-c.c.c...`.
inline constexpr std::size_t kMaxExpandedTags = 4096;

// Expands a (possibly compressed) tag string into its tags, sorted by to_string() and without duplicates.
// With validate_order, every dotted component must already be sorted, as PEP 425 requires of writers.
tl::expected<std::vector<Tag>, TagError> parse_tag(std::string_view text, bool validate_order = false);

}  // namespace pinreqs::wheel

template <>
struct std::hash<pinreqs::wheel::Tag> {
  std::size_t operator()(const pinreqs::wheel::Tag& t) const noexcept { return t.hash(); }
};
