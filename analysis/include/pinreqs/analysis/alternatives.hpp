#pragma once
// Lighter or installable replacements (analysis/data/alternatives.tsv) and the rule that decides whether one
// is worth showing: the package matches, the condition holds for the target, and the alternative exists for
// that target (checked by the caller against index data, which also gives the measured size difference).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/analysis/wheel_matrix.hpp"
#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/target.hpp"

namespace pinreqs::analysis {

enum class Condition : std::uint8_t { Server, CpuTarget, NoCompiler, Always };
const char* to_string(Condition c) noexcept;  // "server", "cpu-target", "no-compiler", "always"

struct Alternative {
  enum class Kind : std::uint8_t { Distribution, FromIndex, Drop };
  std::string pattern;       // a normalized name, or a glob with `*`
  std::string alternative;   // as written in the table
  Kind kind = Kind::Distribution;
  PackageName distribution;  // Distribution / FromIndex: the project to look up
  std::string extras;        // "[binary]" as written, for display
  std::string index_url;     // FromIndex
  Condition condition = Condition::Always;
  std::string reason;
  int line = 0;

  [[nodiscard]] bool matches(const PackageName& name) const;
};

class AlternativeTable {
 public:
  // Errors name the line and what was expected.
  static Result<AlternativeTable> parse(std::string_view tsv, std::string_view file_name = "alternatives.tsv");
  // The table compiled into pinreqs (analysis/data/alternatives.tsv).
  static const AlternativeTable& builtin();

  [[nodiscard]] std::vector<const Alternative*> matching(const PackageName& name) const;
  [[nodiscard]] const std::vector<Alternative>& rules() const noexcept { return rules_; }

 private:
  std::vector<Alternative> rules_;
};

// `*` matches any run of characters (including none); everything else literally.
bool glob_match(std::string_view pattern, std::string_view text);

// What the index says about the alternative on the target (filled in by the caller).
struct AlternativeOnTarget {
  bool exists = false;                 // some release installs from a wheel on the target
  std::string version;                 // that release
  std::optional<std::uint64_t> size;   // the file pip would download
};
// nullopt: could not be checked (another index while offline, a network error).
using AlternativeLookup = std::function<std::optional<AlternativeOnTarget>(const Alternative&)>;

struct Suggestion {
  const Alternative* rule = nullptr;
  PackageName package;
  std::string replacement;                  // "opencv-python-headless 4.10.0.84", "(drop)", "torch 2.5.1 from URL"
  std::optional<std::int64_t> size_change;  // alternative minus current, bytes (negative = lighter)
  bool conditional = false;                 // holds only if the host has no NVIDIA GPU (cpu-target)
};

struct SuggestionInput {
  PackageName package;
  Availability availability = Availability::PureWheel;
  std::optional<std::uint64_t> size;  // current download on the target
};

// Whether `rule` is shown for `in` on `target`:
//   server     always (pinreqs checks deploy targets, which are headless);
//   cpu-target Linux and Windows targets only (no CUDA builds on macOS), marked conditional;
//   no-compiler only when the package installs from an sdist (or nothing) on the target;
//   always     always.
// Then the alternative must exist for the target: (drop) always does; otherwise `lookup` must say so.
std::optional<Suggestion> evaluate_alternative(const Alternative& rule, const SuggestionInput& in,
                                               const wheel::Target& target, const AlternativeLookup& lookup);

}  // namespace pinreqs::analysis
