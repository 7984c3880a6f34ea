#pragma once
// PEP 440 version specifiers (`== != <= >= < > ~= ===`, wildcards, local-version rules) and specifier sets,
// with packaging 26's pre-release rules for contains() and filter().
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "pinreqs/parsers/version.hpp"

namespace pinreqs::pep440 {

enum class Operator { Equal, NotEqual, LessEqual, GreaterEqual, Less, Greater, Compatible, ArbitraryEqual };

const char* to_string(Operator op) noexcept;  // "==", "~=", ...

struct SpecifierError {
  std::string message;     // e.g. "expected a version after `>=`"
  std::size_t offset = 0;  // byte offset into the parsed text
};

class Specifier {
 public:
  // One clause, e.g. ">=1.0", "== 1.2.*", "===foo". Whitespace around the parts is allowed.
  static tl::expected<Specifier, SpecifierError> parse(std::string_view text);
  static Specifier make(Operator op, const Version& v);  // no wildcard

  [[nodiscard]] Operator op() const noexcept { return op_; }
  [[nodiscard]] const std::string& version_text() const noexcept { return version_text_; }  // as written
  [[nodiscard]] bool wildcard() const noexcept { return wildcard_; }                       // "==1.2.*"
  // The parsed version (without ".*"); absent only for `===` with a non-PEP 440 string.
  [[nodiscard]] const std::optional<Version>& version() const noexcept { return version_; }
  [[nodiscard]] std::string to_string() const;  // "op" + version as written, no spaces
  // Whether the specifier itself names a pre-release (packaging's implicit `prereleases`).
  [[nodiscard]] bool implies_prereleases() const noexcept;

  // `prereleases`: nullopt = default rule (packaging 26).
  [[nodiscard]] bool contains(const Version& v, std::optional<bool> prereleases = std::nullopt) const;
  [[nodiscard]] bool contains(std::string_view version_text, std::optional<bool> prereleases = std::nullopt) const;

  friend bool operator==(const Specifier& a, const Specifier& b);  // canonicalising: ==1.0 equals ==1.0.0

  // Explicit prereleases= flag (packaging's constructor argument); ignored by ==.
  void set_prereleases(std::optional<bool> p) { prereleases_ = p; }
  [[nodiscard]] std::optional<bool> prereleases_flag() const noexcept { return prereleases_; }
  // packaging's `Specifier.prereleases`: the explicit flag, else false for `!=` and `==X.*`, else whether the
  // version names a pre-release (nullopt for `===` with a non-PEP 440 string).
  [[nodiscard]] std::optional<bool> prereleases() const noexcept;
  // Accepted items in input order (packaging's Specifier.filter); strings that are not versions only match `===`.
  [[nodiscard]] std::vector<Version> filter(const std::vector<Version>& versions,
                                            std::optional<bool> prereleases = std::nullopt) const;
  [[nodiscard]] std::vector<std::string> filter(const std::vector<std::string>& versions,
                                                std::optional<bool> prereleases = std::nullopt) const;

 private:
  std::optional<bool> prereleases_;
  Operator op_ = Operator::Equal;
  std::string version_text_;
  bool wildcard_ = false;
  std::optional<Version> version_;
  friend struct SpecifierOps;  // parsers/src/specifier.cpp
};

class SpecifierSet {
 public:
  SpecifierSet() = default;  // matches every version
  // Comma-separated clauses; "" is the empty set (matches everything).
  static tl::expected<SpecifierSet, SpecifierError> parse(std::string_view text);
  explicit SpecifierSet(std::vector<Specifier> specs) : specs_(std::move(specs)) {}

  [[nodiscard]] const std::vector<Specifier>& specifiers() const noexcept { return specs_; }
  [[nodiscard]] bool empty() const noexcept { return specs_.empty(); }
  [[nodiscard]] std::string to_string() const;  // comma-joined, sorted (packaging's str())
  [[nodiscard]] std::optional<bool> implied_prereleases() const;  // nullopt when no clause decides

  // `prereleases` overrides the pre-release rule; `installed` mirrors packaging's installed= flag.
  [[nodiscard]] bool contains(const Version& v, std::optional<bool> prereleases = std::nullopt,
                              bool installed = false) const;
  [[nodiscard]] bool contains(std::string_view version_text, std::optional<bool> prereleases = std::nullopt,
                              bool installed = false) const;
  // Accepted items in input order; with no override a pre-release is accepted only when no final release
  // in the input matches (packaging 26).
  [[nodiscard]] std::vector<Version> filter(const std::vector<Version>& versions,
                                            std::optional<bool> prereleases = std::nullopt) const;
  // The same over strings: items that are not PEP 440 versions are kept only where packaging keeps them
  // (`===` matches, or an empty set).
  [[nodiscard]] std::vector<std::string> filter(const std::vector<std::string>& versions,
                                                std::optional<bool> prereleases = std::nullopt) const;
  [[nodiscard]] bool is_unsatisfiable() const;
  // Set relations over the versions the sets admit (packaging 26.3's is_subset/is_superset/is_disjoint; the
  // pre-release flags play no part, `===` clauses count as admitting everything).
  [[nodiscard]] bool is_subset(const SpecifierSet& other) const;
  [[nodiscard]] bool is_superset(const SpecifierSet& other) const { return other.is_subset(*this); }
  [[nodiscard]] bool is_disjoint(const SpecifierSet& other) const;
  // packaging's `SpecifierSet.prereleases`: the explicit flag, else true when a clause implies pre-releases,
  // else nullopt.
  [[nodiscard]] std::optional<bool> prereleases() const;

  SpecifierSet& operator&=(const SpecifierSet& other);
  friend bool operator==(const SpecifierSet& a, const SpecifierSet& b);

  // Set an explicit prereleases= flag (packaging's constructor argument).
  void set_prereleases(std::optional<bool> p) { prereleases_ = p; }
  [[nodiscard]] std::optional<bool> prereleases_flag() const noexcept { return prereleases_; }

 private:
  std::vector<Specifier> specs_;
  std::optional<bool> prereleases_;
  friend struct SpecifierSetOps;  // parsers/src/specifier.cpp
};

}  // namespace pinreqs::pep440
