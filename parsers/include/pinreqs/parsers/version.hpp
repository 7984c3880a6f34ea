#pragma once
// PEP 440 versions with packaging 26 semantics: parse every valid spelling, print the canonical form,
// order totally. Cheap to copy and compare: the resolver compares millions.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace pinreqs::pep440 {

enum class PreKind : std::uint8_t { Alpha = 0, Beta = 1, Rc = 2 };

struct PreRelease {
  PreKind kind;
  std::uint64_t number;
  friend bool operator==(const PreRelease&, const PreRelease&) = default;
};

// Why a string is not a version: a message and the byte offset where parsing stopped.
struct VersionError {
  std::string message;
  std::size_t offset = 0;
};

class Version {
 public:
  Version();  // "0"

  // Accepts surrounding whitespace, a leading "v", every alternative spelling of PEP 440.
  static tl::expected<Version, VersionError> parse(std::string_view text);
  // Only the release segment, e.g. {3, 12} -> "3.12".
  static Version from_release(std::vector<std::uint64_t> release);

  [[nodiscard]] std::uint64_t epoch() const noexcept;
  [[nodiscard]] std::vector<std::uint64_t> release() const;
  [[nodiscard]] std::size_t release_size() const noexcept;
  [[nodiscard]] std::uint64_t release_at(std::size_t i) const noexcept;  // 0 beyond the end
  [[nodiscard]] std::optional<PreRelease> pre() const noexcept;
  [[nodiscard]] std::optional<std::uint64_t> post() const noexcept;
  [[nodiscard]] std::optional<std::uint64_t> dev() const noexcept;
  [[nodiscard]] std::string local() const;  // normalized ("ubuntu.1"), "" when none
  [[nodiscard]] bool has_local() const noexcept;

  [[nodiscard]] bool is_prerelease() const noexcept;   // pre or dev
  [[nodiscard]] bool is_postrelease() const noexcept;
  [[nodiscard]] bool is_devrelease() const noexcept;

  [[nodiscard]] Version public_version() const;  // without the local segment
  [[nodiscard]] Version base_version() const;    // epoch and release only
  [[nodiscard]] Version with_release(std::vector<std::uint64_t> release) const;

  [[nodiscard]] std::string to_string() const;  // canonical form, e.g. "1!2.0rc1.post2.dev3+abc.5"
  [[nodiscard]] std::size_t hash() const noexcept;

  friend std::strong_ordering operator<=>(const Version& a, const Version& b) noexcept;
  friend bool operator==(const Version& a, const Version& b) noexcept;

 private:
  // Representation: owned by parsers/src/version.cpp, which may change it freely (the public API above is
  // what other modules rely on). No heap allocation for up to 4 release components and a short local label.
  //
  // key_ = {epoch, r0, r1, r2, r3, pre word, post word, dev word}: compared lexicographically it gives
  // PEP 440 order for every version whose trimmed release fits in 4 components and whose numbers fit the
  // words (fast_ == true); anything else takes the general comparison.
  static constexpr std::size_t kInlineRelease = 4;
  std::uint64_t key_[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::uint64_t pre_num_ = 0;
  std::uint64_t post_num_ = 0;
  std::uint64_t dev_num_ = 0;
  std::uint32_t release_size_ = 1;    // number of release components as written
  std::uint8_t pre_kind_ = 0xFF;      // PreKind value, 0xFF = none
  bool has_post_ = false;
  bool has_dev_ = false;
  bool fast_ = true;
  std::vector<std::uint64_t> release_ext_;  // all components, only when release_size_ > kInlineRelease
  std::string local_;                       // normalized, "" = none

  void finish();  // recomputes key_ and fast_ from the fields
  friend struct VersionAccess;
};

}  // namespace pinreqs::pep440

template <>
struct std::hash<pinreqs::pep440::Version> {
  std::size_t operator()(const pinreqs::pep440::Version& v) const noexcept { return v.hash(); }
};
