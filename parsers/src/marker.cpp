// Marker printing and evaluation with packaging 26 semantics (packaging/markers.py): _format_marker,
// _evaluate_markers, _normalize and _eval_op.
#include "pinreqs/parsers/marker.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "pep508_grammar.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::pep508 {

using detail::Comparison;
using detail::MarkerNode;
using detail::MarkerOp;

namespace {

struct VariableName {
  std::string_view name;
  MarkerVariable var;
};

constexpr std::array<VariableName, 20> kVariableNames{{
    {"implementation_name", MarkerVariable::ImplementationName},
    {"implementation_version", MarkerVariable::ImplementationVersion},
    {"os_name", MarkerVariable::OsName},
    {"platform_machine", MarkerVariable::PlatformMachine},
    {"platform_release", MarkerVariable::PlatformRelease},
    {"platform_system", MarkerVariable::PlatformSystem},
    {"platform_version", MarkerVariable::PlatformVersion},
    {"python_full_version", MarkerVariable::PythonFullVersion},
    {"platform_python_implementation", MarkerVariable::PlatformPythonImplementation},
    {"python_version", MarkerVariable::PythonVersion},
    {"sys_platform", MarkerVariable::SysPlatform},
    {"extra", MarkerVariable::Extra},
    {"extras", MarkerVariable::Extras},
    {"dependency_groups", MarkerVariable::DependencyGroups},
    // legacy spellings
    {"os.name", MarkerVariable::OsName},
    {"sys.platform", MarkerVariable::SysPlatform},
    {"platform.version", MarkerVariable::PlatformVersion},
    {"platform.machine", MarkerVariable::PlatformMachine},
    {"platform.python_implementation", MarkerVariable::PlatformPythonImplementation},
    {"python_implementation", MarkerVariable::PlatformPythonImplementation},
}};
constexpr std::size_t kCanonicalCount = 14;

std::optional<MarkerVariable> canonical_variable(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kCanonicalCount; ++i)
    if (kVariableNames[i].name == name) return kVariableNames[i].var;
  return std::nullopt;
}

bool is_set_variable(MarkerVariable v) noexcept {
  return v == MarkerVariable::Extras || v == MarkerVariable::DependencyGroups;
}

// ---------------------------------------------------------------------------------------------- printing
void format_comparison(const Comparison& c, std::string& out) {
  auto operand = [&out](const detail::Operand& o) {
    if (o.is_variable) {
      out += o.text;
    } else {
      // Double quotes, unless the value holds a double quote (then single quotes, as packaging prints it).
      const char q = (o.text.find('"') != std::string::npos && o.text.find('\'') == std::string::npos) ? '\'' : '"';
      out += q;
      out += o.text;
      out += q;
    }
  };
  operand(c.lhs);
  out += ' ';
  out += detail::to_string(c.op);
  out += ' ';
  operand(c.rhs);
}

// packaging's _format_marker: a one-item list prints as its item, other nested lists get parentheses.
void format_node(const MarkerNode& node, bool first, std::string& out) {
  if (node.items.size() == 1) {
    const auto& item = node.items.front();
    if (item.group)
      format_node(*item.group, first, out);
    else
      format_comparison(item.cmp, out);
    return;
  }
  if (!first) out += '(';
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (i > 0) out += node.is_or[i - 1] ? " or " : " and ";
    const auto& item = node.items[i];
    if (item.group)
      format_node(*item.group, false, out);
    else
      format_comparison(item.cmp, out);
  }
  if (!first) out += ')';
}

// ---------------------------------------------------------------------------------------------- evaluation
struct EvalEnv {
  const Environment& env;
  MarkerContext context;
  std::optional<std::string> extra;  // canonical; nullopt = undefined
  std::string python_full_version;   // repaired ("3.11+" -> "3.11+local")
};

struct Value {
  enum class Kind { Undefined, String, Set } kind = Kind::Undefined;
  std::string_view str;
  const std::vector<std::string>* set = nullptr;
};

const std::vector<std::string>& empty_set() {
  static const std::vector<std::string> e;
  return e;
}

Value lookup(const EvalEnv& ee, MarkerVariable v) {
  Value out;
  switch (v) {
    case MarkerVariable::Extra:
      if (ee.extra) {
        out.kind = Value::Kind::String;
        out.str = *ee.extra;
      }
      return out;
    case MarkerVariable::Extras:
    case MarkerVariable::DependencyGroups: {
      const auto& field = v == MarkerVariable::Extras ? ee.env.extras : ee.env.dependency_groups;
      if (field) {
        out.kind = Value::Kind::Set;
        out.set = &*field;
      } else if (ee.context == MarkerContext::LockFile) {
        out.kind = Value::Kind::Set;
        out.set = &empty_set();
      }
      return out;
    }
    case MarkerVariable::PythonFullVersion:
      out.kind = Value::Kind::String;
      out.str = ee.python_full_version;
      return out;
    default: {
      const std::string* s = ee.env.get(v);
      if (s) {
        out.kind = Value::Kind::String;
        out.str = *s;
      }
      return out;
    }
  }
}

MarkerEvalError undefined_name(std::string_view name) {
  return MarkerEvalError{MarkerEvalErrorKind::UndefinedEnvironmentName,
                         "the environment does not define `" + std::string(name) + "`"};
}

MarkerEvalError undefined_comparison(MarkerOp op, std::string_view lhs, std::string_view rhs) {
  return MarkerEvalError{MarkerEvalErrorKind::UndefinedComparison,
                         "undefined comparison `" + std::string(detail::to_string(op)) + "` on `" + std::string(lhs) +
                             "` and `" + std::string(rhs) + "`"};
}

// packaging 26's fallback operators on plain strings: substring tests, equality, `<`/`>` false, `<=`/`>=`
// equality; `~=` and `===` are undefined.
tl::expected<bool, MarkerEvalError> string_compare(MarkerOp op, std::string_view lhs, std::string_view rhs) {
  switch (op) {
    case MarkerOp::In: return rhs.find(lhs) != std::string_view::npos;
    case MarkerOp::NotIn: return rhs.find(lhs) == std::string_view::npos;
    case MarkerOp::Equal:
    case MarkerOp::LessEqual:
    case MarkerOp::GreaterEqual: return lhs == rhs;
    case MarkerOp::NotEqual: return lhs != rhs;
    case MarkerOp::Less:
    case MarkerOp::Greater: return false;
    case MarkerOp::Compatible:
    case MarkerOp::Arbitrary: break;
  }
  return tl::unexpected(undefined_comparison(op, lhs, rhs));
}

bool set_contains(const std::vector<std::string>& set, std::string_view canonical_item) {
  for (const auto& s : set)
    if (canonicalize_name(s) == canonical_item) return true;
  return false;
}

tl::expected<bool, MarkerEvalError> eval_comparison(const Comparison& c, const EvalEnv& ee) {
  // packaging: the environment key is the lhs variable, or else whatever the rhs names (even a quoted value).
  std::string_view key;
  std::optional<MarkerVariable> key_var;
  std::string_view lhs;
  Value rhs;
  if (c.lhs.is_variable) {
    key = c.lhs.text;
    key_var = c.lhs.variable;
    Value l = lookup(ee, c.lhs.variable);
    if (l.kind == Value::Kind::Undefined) return tl::unexpected(undefined_name(key));
    if (l.kind == Value::Kind::Set)
      return tl::unexpected(MarkerEvalError{MarkerEvalErrorKind::UndefinedComparison,
                                            "`" + std::string(key) + "` is a set; only `\"name\" in " +
                                                std::string(key) + "` is defined"});
    lhs = l.str;
    rhs.kind = Value::Kind::String;
    rhs.str = c.rhs.text;
  } else {
    key = c.rhs.text;
    key_var = c.rhs.is_variable ? std::optional<MarkerVariable>(c.rhs.variable) : canonical_variable(key);
    lhs = c.lhs.text;
    if (!key_var) {
      // A key that is no marker variable: only a caller-defined environment entry can answer it.
      const std::string* found = nullptr;
      for (const auto& kv : ee.env.custom)
        if (kv.first == key) found = &kv.second;
      if (!found) return tl::unexpected(undefined_name(key));
      return string_compare(c.op, lhs, *found);
    }
    rhs = lookup(ee, *key_var);
    if (rhs.kind == Value::Kind::Undefined) return tl::unexpected(undefined_name(key));
  }

  // _normalize: PEP 685 for extra names.
  std::string lhs_norm, rhs_norm;
  if (*key_var == MarkerVariable::Extra || is_set_variable(*key_var)) {
    lhs_norm = canonicalize_name(lhs);
    lhs = lhs_norm;
    if (rhs.kind == Value::Kind::String) {
      rhs_norm = canonicalize_name(rhs.str);
      rhs.str = rhs_norm;
    }
  }

  const MarkerOp op = c.op;
  if (rhs.kind == Value::Kind::String && is_version_variable(*key_var) && op != MarkerOp::In &&
      op != MarkerOp::NotIn) {
    // Specifier(op + rhs).contains(lhs, prereleases=True) when that is a valid specifier.
    if (c.lhs.is_variable) {
      if (c.lhs_spec) return c.lhs_spec->contains(lhs, true);
    } else {
      auto spec = pep440::Specifier::parse(std::string(detail::to_string(op)) + std::string(rhs.str));
      if (spec) return spec->contains(lhs, true);
    }
  }

  if (rhs.kind == Value::Kind::Set) {
    // Python: `str in frozenset`, `str == frozenset` is False.
    switch (op) {
      case MarkerOp::In: return set_contains(*rhs.set, lhs);
      case MarkerOp::NotIn: return !set_contains(*rhs.set, lhs);
      case MarkerOp::Equal:
      case MarkerOp::LessEqual:
      case MarkerOp::GreaterEqual:
      case MarkerOp::Less:
      case MarkerOp::Greater: return false;
      case MarkerOp::NotEqual: return true;
      case MarkerOp::Compatible:
      case MarkerOp::Arbitrary: return tl::unexpected(undefined_comparison(op, lhs, key));
    }
  }
  return string_compare(op, lhs, rhs.str);
}

// _evaluate_markers: every item is evaluated (no short-circuit); `or` starts a new group; any(all(group)).
tl::expected<bool, MarkerEvalError> eval_node(const MarkerNode& node, const EvalEnv& ee) {
  bool result = false;
  bool group = true;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (i > 0 && node.is_or[i - 1]) {
      result = result || group;
      group = true;
    }
    const auto& item = node.items[i];
    auto v = item.group ? eval_node(*item.group, ee) : eval_comparison(item.cmp, ee);
    if (!v) return v;
    group = group && *v;
  }
  return result || group;
}

tl::expected<bool, MarkerEvalError> evaluate_impl(const MarkerNode* root, const Environment& env,
                                                  MarkerContext context, std::optional<std::string> extra) {
  if (root == nullptr) return true;
  EvalEnv ee{env, context, std::move(extra), env.python_full_version};
  if (!ee.python_full_version.empty() && ee.python_full_version.back() == '+') ee.python_full_version += "local";
  return eval_node(*root, ee);
}

template <typename F>
void walk(const MarkerNode& node, F&& f) {
  for (const auto& item : node.items) {
    if (item.group)
      walk(*item.group, f);
    else
      f(item.cmp);
  }
}

Marker combine(const Marker& a, const Marker& b, bool is_or) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  auto node = std::make_shared<MarkerNode>();
  MarkerNode::Item left, right;
  left.group = a.root();
  right.group = b.root();
  node->items.push_back(std::move(left));
  node->items.push_back(std::move(right));
  node->is_or.push_back(is_or);
  return Marker(std::shared_ptr<const MarkerNode>(std::move(node)));
}

}  // namespace

// ------------------------------------------------------------------------------------------------ variables
const char* to_string(MarkerVariable v) noexcept {
  for (std::size_t i = 0; i < kCanonicalCount; ++i)
    if (kVariableNames[i].var == v) return kVariableNames[i].name.data();
  return "";
}

std::optional<MarkerVariable> marker_variable_from_name(std::string_view name) noexcept {
  for (const auto& vn : kVariableNames)
    if (vn.name == name) return vn.var;
  return std::nullopt;
}

bool is_version_variable(MarkerVariable v) noexcept {
  return v == MarkerVariable::PythonVersion || v == MarkerVariable::PythonFullVersion ||
         v == MarkerVariable::ImplementationVersion || v == MarkerVariable::PlatformRelease;
}

bool Environment::set(std::string_view name, std::string value) {
  auto v = marker_variable_from_name(name);
  if (!v) {
    for (auto& kv : custom)
      if (kv.first == name) {
        kv.second = std::move(value);
        return false;
      }
    custom.emplace_back(std::string(name), std::move(value));
    return false;
  }
  switch (*v) {
    case MarkerVariable::ImplementationName: implementation_name = std::move(value); return true;
    case MarkerVariable::ImplementationVersion: implementation_version = std::move(value); return true;
    case MarkerVariable::OsName: os_name = std::move(value); return true;
    case MarkerVariable::PlatformMachine: platform_machine = std::move(value); return true;
    case MarkerVariable::PlatformRelease: platform_release = std::move(value); return true;
    case MarkerVariable::PlatformSystem: platform_system = std::move(value); return true;
    case MarkerVariable::PlatformVersion: platform_version = std::move(value); return true;
    case MarkerVariable::PythonFullVersion: python_full_version = std::move(value); return true;
    case MarkerVariable::PlatformPythonImplementation: platform_python_implementation = std::move(value); return true;
    case MarkerVariable::PythonVersion: python_version = std::move(value); return true;
    case MarkerVariable::SysPlatform: sys_platform = std::move(value); return true;
    case MarkerVariable::Extra: extra = std::move(value); return true;
    case MarkerVariable::Extras:
    case MarkerVariable::DependencyGroups: return false;
  }
  return false;
}

bool Environment::set_list(std::string_view name, std::vector<std::string> values) {
  if (name == "extras") {
    extras = std::move(values);
    return true;
  }
  if (name == "dependency_groups") {
    dependency_groups = std::move(values);
    return true;
  }
  return false;
}

const std::string* Environment::get(MarkerVariable v) const noexcept {
  switch (v) {
    case MarkerVariable::ImplementationName: return &implementation_name;
    case MarkerVariable::ImplementationVersion: return &implementation_version;
    case MarkerVariable::OsName: return &os_name;
    case MarkerVariable::PlatformMachine: return &platform_machine;
    case MarkerVariable::PlatformRelease: return &platform_release;
    case MarkerVariable::PlatformSystem: return &platform_system;
    case MarkerVariable::PlatformVersion: return &platform_version;
    case MarkerVariable::PythonFullVersion: return &python_full_version;
    case MarkerVariable::PlatformPythonImplementation: return &platform_python_implementation;
    case MarkerVariable::PythonVersion: return &python_version;
    case MarkerVariable::SysPlatform: return &sys_platform;
    case MarkerVariable::Extra: return extra ? &*extra : nullptr;
    case MarkerVariable::Extras:
    case MarkerVariable::DependencyGroups: return nullptr;
  }
  return nullptr;
}

// ------------------------------------------------------------------------------------------------ Marker
tl::expected<Marker, MarkerError> Marker::parse(std::string_view text) {
  auto tree = detail::parse_marker_tree(text);
  if (!tree) return tl::unexpected(MarkerError{tree.error().message, tree.error().span, tree.error().hints});
  return Marker(std::move(*tree));
}

std::string Marker::to_string() const {
  std::string out;
  if (root_) format_node(*root_, true, out);
  return out;
}

tl::expected<bool, MarkerEvalError> Marker::evaluate(const Environment& env, MarkerContext context) const {
  std::optional<std::string> extra;
  if (env.extra)
    extra = canonicalize_name(*env.extra);
  else if (context == MarkerContext::Metadata)
    extra = std::string();
  return evaluate_impl(root_.get(), env, context, std::move(extra));
}

tl::expected<bool, MarkerEvalError> Marker::evaluate_with_extra(const Environment& env, std::string_view extra,
                                                                MarkerContext context) const {
  return evaluate_impl(root_.get(), env, context, canonicalize_name(extra));
}

bool Marker::mentions(MarkerVariable v) const noexcept {
  if (!root_) return false;
  bool found = false;
  walk(*root_, [&](const Comparison& c) {
    if ((c.lhs.is_variable && c.lhs.variable == v) || (c.rhs.is_variable && c.rhs.variable == v)) found = true;
  });
  return found;
}

std::vector<std::string> Marker::referenced_extras() const {
  std::vector<std::string> out;
  if (!root_) return out;
  walk(*root_, [&](const Comparison& c) {
    if (c.lhs.is_variable && c.lhs.variable == MarkerVariable::Extra && !c.rhs.is_variable)
      out.push_back(canonicalize_name(c.rhs.text));
    else if (c.rhs.is_variable && c.rhs.variable == MarkerVariable::Extra && !c.lhs.is_variable)
      out.push_back(canonicalize_name(c.lhs.text));
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Marker Marker::operator&&(const Marker& other) const { return combine(*this, other, false); }
Marker Marker::operator||(const Marker& other) const { return combine(*this, other, true); }

}  // namespace pinreqs::pep508
