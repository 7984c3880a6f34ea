#pragma once
// Incompatibilities: sets of terms that must not all be true. They live in an arena (Incompatibilities) and
// refer to their causes by integer id, which makes the derivation graph cheap to build and to walk.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pinreqs/resolver/pubgrub/term.hpp"

namespace pinreqs::resolver::pubgrub {

using IncompatId = std::uint32_t;

enum class IncompatKind : unsigned char {
  NotRoot,         // {not root==v}: the root version must be selected
  NoVersions,      // {p in R}: no version of p in R can be used
  FromDependency,  // {p in R, not q in S}: every version of p in R depends on q in S
  Derived,         // learned by conflict resolution from cause1 and cause2
  Custom,          // {p==v}: that version is unavailable for `reason`
};

struct PackageTerm {
  PackageId package = 0;
  Term term;
  friend bool operator==(const PackageTerm&, const PackageTerm&) = default;
};

struct Incompatibility {
  std::vector<PackageTerm> terms;  // at most one per package
  IncompatKind kind = IncompatKind::Derived;
  IncompatId cause1 = 0;  // Derived only
  IncompatId cause2 = 0;
  std::string reason;     // Custom (and optionally NoVersions): why

  [[nodiscard]] const PackageTerm* find(PackageId p) const {
    for (const auto& t : terms)
      if (t.package == p) return &t;
    return nullptr;
  }
  [[nodiscard]] bool is_external() const noexcept { return kind != IncompatKind::Derived; }
};

// Arena of incompatibilities addressed by id.
class Incompatibilities {
 public:
  IncompatId add(Incompatibility inc) {
    items_.push_back(std::move(inc));
    return static_cast<IncompatId>(items_.size() - 1);
  }
  [[nodiscard]] const Incompatibility& operator[](IncompatId id) const { return items_[id]; }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }

 private:
  std::vector<Incompatibility> items_;
};

}  // namespace pinreqs::resolver::pubgrub
