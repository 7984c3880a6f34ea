#pragma once
// PEP 503 / PEP 685 names. PackageName stores the normalized form (lowercase, runs of -_. become "-"), so two
// spellings of one project compare equal; the spelling the user wrote is kept only where it is printed back.
#include <compare>
#include <functional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace pinreqs {

// PEP 503 normalization (no validation).
std::string canonicalize_name(std::string_view name);
// PEP 508 name grammar: ASCII letters/digits, with . _ - only between them.
bool is_valid_name(std::string_view name) noexcept;
// Already in PEP 503 form.
bool is_normalized_name(std::string_view name) noexcept;

class PackageName {
 public:
  PackageName() = default;
  // Validates and normalizes; the error says what is wrong.
  static tl::expected<PackageName, std::string> parse(std::string_view name);
  // Normalizes without validating (for names already known to be valid, e.g. from an index).
  static PackageName from_trusted(std::string_view name) { return PackageName(canonicalize_name(name)); }

  [[nodiscard]] const std::string& str() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

  friend auto operator<=>(const PackageName&, const PackageName&) = default;
  friend bool operator==(const PackageName&, const PackageName&) = default;

 private:
  explicit PackageName(std::string normalized) : value_(std::move(normalized)) {}
  std::string value_;
};

}  // namespace pinreqs

template <>
struct std::hash<pinreqs::PackageName> {
  std::size_t operator()(const pinreqs::PackageName& n) const noexcept { return std::hash<std::string>{}(n.str()); }
};
