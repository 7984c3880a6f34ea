#pragma once
// PEP 508 environment markers with packaging 26 semantics: parse, print (`str(Marker)`), evaluate.
//
//   auto m = pep508::Marker::parse(R"(python_version >= "3.8" and extra == 'Foo_Bar')");
//   m->to_string();                              // python_version >= "3.8" and extra == "Foo_Bar"
//   m->evaluate(env, MarkerContext::Metadata);   // tl::expected<bool, MarkerEvalError>
//   m->evaluate_with_extra(env, "foo-bar");      // the resolver's per-extra check, no Environment copy
//
// A Marker is a shared immutable tree: copying it is a reference-count increment.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "pinreqs/common/span.hpp"

namespace pinreqs::pep508 {

// The marker variables. Legacy spellings (`os.name`, `sys.platform`, `platform.version`, `platform.machine`,
// `platform.python_implementation`, `python_implementation`) map onto these when parsed.
enum class MarkerVariable : std::uint8_t {
  ImplementationName,
  ImplementationVersion,
  OsName,
  PlatformMachine,
  PlatformRelease,
  PlatformSystem,
  PlatformVersion,
  PythonFullVersion,
  PlatformPythonImplementation,
  PythonVersion,
  SysPlatform,
  Extra,             // string; PEP 685-canonicalized before comparing
  Extras,            // set-valued (lock files, PEP 751)
  DependencyGroups,  // set-valued (lock files, PEP 751)
};

// Canonical name, e.g. "platform_python_implementation".
const char* to_string(MarkerVariable v) noexcept;
// Accepts canonical and legacy spellings; nullopt for anything else.
std::optional<MarkerVariable> marker_variable_from_name(std::string_view name) noexcept;
// The four keys compared as PEP 440 versions when `<op><value>` is a valid specifier.
bool is_version_variable(MarkerVariable v) noexcept;

// Where a marker is evaluated (packaging's `context=` argument).
//   Metadata:    a missing `extra` means "" (core metadata, the default).
//   Requirement: nothing is filled in; using an unset `extra` is UndefinedEnvironmentName.
//   LockFile:    a missing `extras` / `dependency_groups` means the empty set.
enum class MarkerContext { Metadata, Requirement, LockFile };

// The values a marker is evaluated against. The eleven PEP 508 string variables are always present (empty by
// default); `extra`, `extras` and `dependency_groups` may be unset.
struct Environment {
  std::string implementation_name;
  std::string implementation_version;
  std::string os_name;
  std::string platform_machine;
  std::string platform_release;
  std::string platform_system;
  std::string platform_version;
  std::string python_full_version;
  std::string platform_python_implementation;
  std::string python_version;
  std::string sys_platform;
  std::optional<std::string> extra;                           // as given; canonicalized when evaluated
  std::optional<std::vector<std::string>> extras;             // a set; canonicalized when evaluated
  std::optional<std::vector<std::string>> dependency_groups;  // a set; canonicalized when evaluated
  // Any other keys. packaging looks the right-hand side of a comparison of two quoted values up in the
  // environment (`"a" == "b"` compares "a" with env["b"]), so callers mirroring a packaging environment dict
  // can define arbitrary keys here.
  std::vector<std::pair<std::string, std::string>> custom;

  // Sets a string variable by (canonical or legacy) name, including "extra"; any other name (except the
  // set-valued keys) goes to `custom`. Returns whether `name` is a marker variable.
  bool set(std::string_view name, std::string value);
  // Sets `extras` or `dependency_groups`. False for other names.
  bool set_list(std::string_view name, std::vector<std::string> values);
  // The value of a string variable; nullptr when unset (only `extra` can be) or when `v` is set-valued.
  [[nodiscard]] const std::string* get(MarkerVariable v) const noexcept;
};

// A syntax error: what was expected, where (byte span into the parsed text), optional hints.
struct MarkerError {
  std::string message;  // e.g. "expected a marker variable or quoted string"
  Span span;
  std::vector<std::string> hints;  // without the "hint: " prefix (render() adds it)
};

enum class MarkerEvalErrorKind {
  UndefinedComparison,      // `~=`/`===` on values that are not versions, or a set-valued key on the left
  UndefinedEnvironmentName  // the marker uses a variable the environment does not define
};

struct MarkerEvalError {
  MarkerEvalErrorKind kind;
  std::string message;
};

namespace detail {
struct MarkerNode;
}

class Marker {
 public:
  // The empty marker: always true, prints as "".
  Marker() = default;

  // A full marker expression (what follows `;` in a requirement). Spans are relative to `text`.
  static tl::expected<Marker, MarkerError> parse(std::string_view text);

  // packaging's str(Marker): double quotes (single quotes around a value holding `"`), single spaces, legacy names rewritten, redundant parentheses
  // dropped the way packaging drops them, values compared with `extra`/`extras`/`dependency_groups`
  // canonicalized (PEP 685).
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] bool empty() const noexcept { return root_ == nullptr; }

  // packaging's Marker.evaluate(environment, context). Every comparison is evaluated (no short-circuit), so an
  // undefined comparison anywhere is reported, as packaging does.
  [[nodiscard]] tl::expected<bool, MarkerEvalError> evaluate(const Environment& env,
                                                             MarkerContext context = MarkerContext::Metadata) const;
  // Same as evaluate() with `env.extra` replaced by `extra` (canonicalized here); no copy of `env`.
  [[nodiscard]] tl::expected<bool, MarkerEvalError> evaluate_with_extra(
      const Environment& env, std::string_view extra, MarkerContext context = MarkerContext::Metadata) const;

  [[nodiscard]] bool mentions(MarkerVariable v) const noexcept;
  [[nodiscard]] bool mentions_extra() const noexcept { return mentions(MarkerVariable::Extra); }
  // The canonical extra names compared against `extra` anywhere in the tree, sorted, unique.
  [[nodiscard]] std::vector<std::string> referenced_extras() const;

  // `(a) and (b)` / `(a) or (b)` like packaging's Marker.__and__/__or__; an empty side yields the other side.
  [[nodiscard]] Marker operator&&(const Marker& other) const;
  [[nodiscard]] Marker operator||(const Marker& other) const;

  // packaging's Marker.__eq__: equal printed forms.
  friend bool operator==(const Marker& a, const Marker& b) { return a.to_string() == b.to_string(); }

  // Internal: the parsed tree (used by the requirement parser).
  explicit Marker(std::shared_ptr<const detail::MarkerNode> root) : root_(std::move(root)) {}
  [[nodiscard]] const std::shared_ptr<const detail::MarkerNode>& root() const noexcept { return root_; }

 private:
  std::shared_ptr<const detail::MarkerNode> root_;
};

}  // namespace pinreqs::pep508
