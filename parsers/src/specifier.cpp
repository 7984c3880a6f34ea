// PEP 440 specifiers with packaging 26 semantics. Membership follows packaging's model: every clause is a list
// of version ranges whose bounds may sit *between* versions ("after every local of V", "after every
// post-release of V"); a set intersects its clauses' ranges. The comparisons between such bounds mirror
// packaging's exactly (including where they are approximate) so that contains/filter/is_unsatisfiable give
// the same answers; the common case (a version without local label against clauses whose answer is a plain
// comparison) never builds ranges.
#include "pinreqs/parsers/specifier.hpp"

#include <algorithm>
#include <limits>

#include "unicode_space.hpp"
#include "version_access.hpp"

namespace pinreqs::pep440 {

const char* to_string(Operator op) noexcept {
  switch (op) {
    case Operator::Equal: return "==";
    case Operator::NotEqual: return "!=";
    case Operator::LessEqual: return "<=";
    case Operator::GreaterEqual: return ">=";
    case Operator::Less: return "<";
    case Operator::Greater: return ">";
    case Operator::Compatible: return "~=";
    case Operator::ArbitraryEqual: return "===";
  }
  return "?";
}

namespace {

// ---------------------------------------------------------------------------------------------------------
// Small helpers

std::string_view strip(std::string_view s, std::size_t* leading = nullptr) {
  std::size_t b = 0;
  while (b < s.size()) {
    const std::size_t w = unicode_space_length(s, b);
    if (w == 0) break;
    b += w;
  }
  std::size_t e = s.size();
  while (e > b) {
    const std::size_t w = unicode_space_length_before(s, e);
    if (w == 0) break;
    e -= w;
  }
  if (leading) *leading = b;
  return s.substr(b, e - b);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// `v? (N!)? N(.N)*` — the only thing allowed before `.*`.
bool is_plain_release(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == 'v' || s[i] == 'V')) ++i;
  auto digits = [&] {
    const std::size_t b = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i > b;
  };
  if (!digits()) return false;
  if (i < s.size() && s[i] == '!') {
    ++i;
    if (!digits()) return false;
  }
  while (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

tl::unexpected<SpecifierError> fail(std::string message, std::size_t offset) {
  return tl::unexpected<SpecifierError>(SpecifierError{std::move(message), offset});
}

// ---------------------------------------------------------------------------------------------------------
// Points, bounds and ranges
//
// A clause is a sorted list of disjoint ranges. A bound is either a version or the cut "just after every
// post-release of V" (V final, used by `>V`, which PEP 440 says excludes V's post-releases); every other cut
// between versions has a successor version and is stored as that version (after V and its locals comes
// V.post0.dev0, V.devN+1 or V.postN+1.dev0; after every post of V=1.0a1 comes 1.0a2.dev0). The order is exact,
// so intersections and emptiness are exact too. The lowest version is 0.dev0.

struct Point {
  Version v;
  bool after_posts = false;  // the cut above V's post-release family
};

const Version& min_version() {
  static const Version v = *Version::parse("0.dev0");
  return v;
}

// The first version above V and all of V's local variants (V without local label).
Version successor_public(const Version& v) {
  if (v.dev()) return VersionAccess::replace(v, v.pre(), v.post(), *v.dev() + 1);
  if (v.post()) return VersionAccess::replace(v, v.pre(), *v.post() + 1, 0);
  return VersionAccess::replace(v, v.pre(), 0, 0);
}

// Total order on points. AP(V) sits above every W <= V and every W sharing V's epoch, release and (absent)
// pre-release, and below everything else.
int pt_cmp(const Point& a, const Point& b) {
  if (!a.after_posts && !b.after_posts) {
    const auto c = a.v <=> b.v;
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.after_posts && b.after_posts) {
    const auto c = a.v <=> b.v;
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.after_posts) return (b.v < a.v || VersionAccess::same_up_to_pre(a.v, b.v)) ? 1 : -1;
  return (a.v < b.v || VersionAccess::same_up_to_pre(b.v, a.v)) ? -1 : 1;
}

struct Bound {
  bool infinite = false;  // only for upper bounds (+inf); lower bounds start at 0.dev0
  Point p;
  bool inclusive = false;
};
struct Range {
  Bound lo;
  Bound hi;
};
using Ranges = std::vector<Range>;

// Lower bounds: smaller = admits more.
bool lower_lt(const Bound& a, const Bound& b) {
  const int c = pt_cmp(a.p, b.p);
  if (c != 0) return c < 0;
  return a.inclusive && !b.inclusive;
}
bool upper_lt(const Bound& a, const Bound& b) {
  if (a.infinite) return false;
  if (b.infinite) return true;
  const int c = pt_cmp(a.p, b.p);
  if (c != 0) return c < 0;
  return !a.inclusive && b.inclusive;
}

bool range_is_empty(const Bound& lo, const Bound& hi) {
  if (hi.infinite) return false;
  const int c = pt_cmp(lo.p, hi.p);
  if (c != 0) return c > 0;
  return !(lo.inclusive && hi.inclusive);
}

Ranges intersect(const Ranges& left, const Ranges& right) {
  Ranges out;
  std::size_t li = 0;
  std::size_t ri = 0;
  while (li < left.size() && ri < right.size()) {
    const Bound& lo = lower_lt(left[li].lo, right[ri].lo) ? right[ri].lo : left[li].lo;
    const Bound& hi = upper_lt(right[ri].hi, left[li].hi) ? right[ri].hi : left[li].hi;
    if (!range_is_empty(lo, hi)) out.push_back({lo, hi});
    if (upper_lt(left[li].hi, right[ri].hi))
      ++li;
    else
      ++ri;
  }
  return out;
}

bool above(const Bound& lo, const Version& x) {
  if (lo.p.after_posts) return lo.p.v <= x && !VersionAccess::same_up_to_pre(lo.p.v, x);
  return lo.inclusive ? lo.p.v <= x : lo.p.v < x;
}
bool below(const Bound& hi, const Version& x) {
  if (hi.infinite) return true;
  if (hi.p.after_posts) return x < hi.p.v || VersionAccess::same_up_to_pre(hi.p.v, x);  // from complements
  return hi.inclusive ? x <= hi.p.v : x < hi.p.v;
}
bool in_ranges(const Ranges& ranges, const Version& x) {
  for (const auto& r : ranges) {
    if (!above(r.lo, x)) return false;
    if (below(r.hi, x)) return true;
  }
  return false;
}

Bound at(const Version& v, bool inclusive) { return Bound{false, Point{v, false}, inclusive}; }
Bound lowest() { return at(min_version(), true); }
Bound infinity() { return Bound{true, Point{}, false}; }

// The versions not in `ranges` (sorted, disjoint), as ranges.
Ranges complement(const Ranges& ranges) {
  Ranges out;
  Bound from = lowest();
  for (const auto& r : ranges) {
    Bound to = r.lo;
    to.inclusive = !r.lo.inclusive;
    if (!range_is_empty(from, to)) out.push_back({from, to});
    if (r.hi.infinite) return out;
    from = r.hi;
    from.inclusive = !r.hi.inclusive;
  }
  out.push_back({from, Bound{true, Point{}, false}});
  if (range_is_empty(out.back().lo, out.back().hi)) out.pop_back();
  return out;
}

// Builds a clause's range list, dropping empty pieces.
Ranges make_ranges(std::initializer_list<Range> pieces) {
  Ranges out;
  for (const auto& r : pieces)
    if (!range_is_empty(r.lo, r.hi)) out.push_back(r);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Items: what packaging's contains/filter receive (a str or a Version object)

class Item {
 public:
  explicit Item(std::string_view text) : text_(text) {
    if (auto v = Version::parse(text)) owned_ = std::move(*v);
  }
  explicit Item(const Version& v) : external_(&v) {}

  // _coerce_version(item): nullptr when the string is not a version.
  [[nodiscard]] const Version* parsed() const noexcept { return owned_ ? &*owned_ : external_; }
  // str(item): the string as given, or a Version's canonical form.
  [[nodiscard]] std::string raw() const { return external_ ? external_->to_string() : std::string(text_); }

 private:
  std::string_view text_;
  std::optional<Version> owned_;
  const Version* external_ = nullptr;
};

bool is_pre(const Item& it) { return it.parsed() && it.parsed()->is_prerelease(); }

// _apply_prereleases_filter over already-matched indices.
std::vector<std::size_t> apply_prereleases(const std::vector<Item>& items, const std::vector<std::size_t>& matched,
                                           std::optional<bool> prereleases) {
  if (prereleases == true) return matched;
  std::vector<std::size_t> out;
  if (prereleases == false) {
    for (auto i : matched)
      if (!is_pre(items[i])) out.push_back(i);
    return out;
  }
  // PEP 440 default: strings that are not versions always pass; pre-releases only when no final release does.
  bool found_final = false;
  for (auto i : matched)
    if (items[i].parsed() && !items[i].parsed()->is_prerelease()) found_final = true;
  for (auto i : matched)
    if (!found_final || !items[i].parsed() || !items[i].parsed()->is_prerelease()) out.push_back(i);
  return out;
}

// filter_by_ranges.
std::vector<std::size_t> filter_ranges(const Ranges& ranges, const std::vector<Item>& items,
                                       std::optional<bool> prereleases) {
  std::vector<std::size_t> out;
  if (!prereleases.has_value()) {
    std::vector<std::size_t> buffer;
    bool found_final = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].parsed() || !in_ranges(ranges, *items[i].parsed())) continue;
      if (items[i].parsed()->is_prerelease()) {
        if (!found_final) buffer.push_back(i);
      } else {
        found_final = true;
        out.push_back(i);
      }
    }
    return found_final ? out : buffer;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].parsed()) continue;
    if (!*prereleases && items[i].parsed()->is_prerelease()) continue;
    if (in_ranges(ranges, *items[i].parsed())) out.push_back(i);
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// Specifier internals shared by Specifier and SpecifierSet

struct SpecifierOps {
  static Ranges ranges(const Specifier& s) {
    if (s.op_ == Operator::ArbitraryEqual) return {Range{lowest(), infinity()}};
    const Version& v = *s.version_;
    if (s.wildcard_) {
      const Version lo = VersionAccess::base_dev0(v);
      const Version hi = VersionAccess::next_prefix_dev0(v, v.release_size());
      if (s.op_ == Operator::Equal) return make_ranges({Range{at(lo, true), at(hi, false)}});
      return make_ranges({Range{lowest(), at(lo, false)}, Range{at(hi, true), infinity()}});
    }
    switch (s.op_) {
      case Operator::GreaterEqual: return make_ranges({Range{at(v, true), infinity()}});
      case Operator::LessEqual: return make_ranges({Range{lowest(), at(successor_public(v), false)}});
      case Operator::Greater: {
        // PEP 440: `>V` excludes V's post-releases (and locals) unless V is itself a post-release.
        if (v.dev() || v.post()) return make_ranges({Range{at(successor_public(v), true), infinity()}});
        if (const auto pre = v.pre(); pre && pre->number != std::numeric_limits<std::uint64_t>::max()) {
          const Version next = VersionAccess::replace(v, PreRelease{pre->kind, pre->number + 1}, std::nullopt, 0);
          return make_ranges({Range{at(next, true), infinity()}});
        }
        return make_ranges({Range{Bound{false, Point{v.public_version(), true}, false}, infinity()}});
      }
      case Operator::Less: {
        // `<V` excludes V's pre-releases unless V is itself a pre-release.
        const Version bound = v.is_prerelease() ? v : VersionAccess::replace(v, v.pre(), v.post(), 0);
        return make_ranges({Range{lowest(), at(bound, false)}});
      }
      case Operator::Equal:
        if (v.has_local()) return make_ranges({Range{at(v, true), at(v, true)}});
        return make_ranges({Range{at(v, true), at(successor_public(v), false)}});
      case Operator::NotEqual:
        if (v.has_local()) return make_ranges({Range{lowest(), at(v, false)}, Range{at(v, false), infinity()}});
        return make_ranges({Range{lowest(), at(v, false)}, Range{at(successor_public(v), true), infinity()}});
      case Operator::Compatible:
        return make_ranges(
            {Range{at(v, true), at(VersionAccess::next_prefix_dev0(v, v.release_size() - 1), false)}});
      case Operator::ArbitraryEqual: break;
    }
    return {Range{lowest(), infinity()}};
  }

  // The answer without building ranges (exact, same as the ranges), or nullopt for `<V`/`>V` with x in V's
  // release (where pre/post/local exclusions apply) and for `===`.
  static std::optional<bool> fast_match(const Specifier& s, const Version& x) {
    if (!s.version_ || s.op_ == Operator::ArbitraryEqual) return std::nullopt;
    const Version& v = *s.version_;
    if (s.wildcard_) {
      // ==P.* is [P.dev0, P'.dev0) with P' = P with its last component + 1: exactly the versions whose
      // release starts with P.
      const bool in = VersionAccess::same_prefix(x, v, v.release_size());
      return s.op_ == Operator::Equal ? in : !in;
    }
    switch (s.op_) {
      case Operator::GreaterEqual: return x >= v;
      case Operator::LessEqual: return x <= v || VersionAccess::same_public(v, x);
      case Operator::Equal: return v.has_local() ? x == v : VersionAccess::same_public(v, x);
      case Operator::NotEqual: return v.has_local() ? x != v : !VersionAccess::same_public(v, x);
      case Operator::Compatible: return x >= v && VersionAccess::same_prefix(x, v, v.release_size() - 1);
      case Operator::Less:
      case Operator::Greater:
        if (!VersionAccess::same_release(x, v)) return s.op_ == Operator::Less ? x < v : x > v;
        return std::nullopt;
      case Operator::ArbitraryEqual: break;
    }
    return std::nullopt;
  }

  static std::optional<bool> resolve_prereleases(const Specifier& s, std::optional<bool> prereleases) {
    if (prereleases) return prereleases;
    if (s.prereleases_) return s.prereleases_;
    if (s.prereleases() == true) return true;
    return std::nullopt;
  }

  static std::vector<std::size_t> filter(const Specifier& s, const std::vector<Item>& items,
                                         std::optional<bool> prereleases) {
    prereleases = resolve_prereleases(s, prereleases);
    if (s.op_ == Operator::ArbitraryEqual) {
      const std::string want = ascii_lower(s.version_text_);
      std::vector<std::size_t> matched;
      for (std::size_t i = 0; i < items.size(); ++i)
        if (ascii_lower(items[i].raw()) == want) matched.push_back(i);
      return apply_prereleases(items, matched, prereleases);
    }
    return filter_ranges(ranges(s), items, prereleases);
  }

  static bool contains(const Specifier& s, const Item& item, std::optional<bool> prereleases) {
    if (s.op_ == Operator::ArbitraryEqual) return !filter(s, {item}, prereleases).empty();
    const Version* parsed = item.parsed();
    if (!parsed) return false;
    if (auto m = fast_match(s, *parsed)) {
      if (resolve_prereleases(s, prereleases) == false && parsed->is_prerelease()) return false;
      return *m;
    }
    return !filter(s, {item}, prereleases).empty();
  }

  // The canonical form used by == (packaging's _canonical_spec).
  static std::string canonical(const Specifier& s) {
    std::string out = to_string(s.op_);
    if (s.op_ == Operator::ArbitraryEqual || s.wildcard_ || !s.version_) return out + s.version_text_;
    const Version& v = *s.version_;
    if (s.op_ == Operator::Compatible) return out + v.to_string();
    std::vector<std::uint64_t> rel = v.release();
    while (rel.size() > 1 && rel.back() == 0) rel.pop_back();
    return out + v.with_release(std::move(rel)).to_string();
  }
};

// ---------------------------------------------------------------------------------------------------------
// Specifier

tl::expected<Specifier, SpecifierError> Specifier::parse(std::string_view text) {
  std::size_t lead = 0;
  const std::string_view body = strip(text, &lead);
  if (body.empty()) return fail("expected a version specifier such as `>=1.0`", lead);

  Specifier s;
  std::size_t op_len = 0;
  if (body.substr(0, 3) == "===") {
    s.op_ = Operator::ArbitraryEqual, op_len = 3;
  } else {
    const std::string_view two = body.substr(0, 2);
    if (two == "~=") s.op_ = Operator::Compatible, op_len = 2;
    else if (two == "==") s.op_ = Operator::Equal, op_len = 2;
    else if (two == "!=") s.op_ = Operator::NotEqual, op_len = 2;
    else if (two == "<=") s.op_ = Operator::LessEqual, op_len = 2;
    else if (two == ">=") s.op_ = Operator::GreaterEqual, op_len = 2;
    else if (body[0] == '<') s.op_ = Operator::Less, op_len = 1;
    else if (body[0] == '>') s.op_ = Operator::Greater, op_len = 1;
    else
      return fail("expected a comparison operator (`==`, `!=`, `<=`, `>=`, `<`, `>`, `~=` or `===`)", lead);
  }
  std::size_t vlead = 0;
  const std::string_view vtext = strip(body.substr(op_len), &vlead);
  const std::size_t voff = lead + op_len + vlead;
  const std::string op_name = pep440::to_string(s.op_);
  s.version_text_ = std::string(vtext);

  if (s.op_ == Operator::ArbitraryEqual) {
    // Anything but whitespace, `;` and `)`.
    for (std::size_t i = 0; i < vtext.size(); ++i)
      if (vtext[i] == ';' || vtext[i] == ')' || is_unicode_space_at(vtext, i))
        return fail("unexpected `" + std::string(1, vtext[i]) + "` in the `===` version", voff + i);
    if (auto v = Version::parse(vtext)) s.version_ = std::move(*v);
    return s;
  }
  if (vtext.empty()) return fail("expected a version after `" + op_name + "`", voff);

  std::string_view vpart = vtext;
  if (vtext.size() >= 2 && vtext.substr(vtext.size() - 2) == ".*") {
    if (s.op_ != Operator::Equal && s.op_ != Operator::NotEqual)
      return fail("a `.*` wildcard is only allowed with `==` and `!=`, not `" + op_name + "`",
                  voff + vtext.size() - 2);
    vpart = vtext.substr(0, vtext.size() - 2);
    if (!is_plain_release(vpart))
      return fail("a `.*` wildcard must follow a plain release such as `1.2` (no pre, post, dev or local part)",
                  voff);
    s.wildcard_ = true;
  }
  auto v = Version::parse(vpart);
  if (!v) return fail(v.error().message, voff + v.error().offset);
  if (v->has_local() && s.op_ != Operator::Equal && s.op_ != Operator::NotEqual) {
    const auto plus = vpart.find('+');
    return fail("a local version label (`+...`) is only allowed with `==`, `!=` and `===`, not `" + op_name + "`",
                voff + (plus == std::string_view::npos ? 0 : plus));
  }
  if (s.op_ == Operator::Compatible && v->release_size() < 2)
    return fail("`~=` needs a version with at least two release components, e.g. `~=1.4`", voff);
  s.version_ = std::move(*v);
  return s;
}

Specifier Specifier::make(Operator op, const Version& v) {
  Specifier s;
  s.op_ = op;
  s.version_ = v;
  s.version_text_ = v.to_string();
  return s;
}

std::string Specifier::to_string() const { return pep440::to_string(op_) + version_text_; }

std::optional<bool> Specifier::prereleases() const noexcept {
  if (prereleases_) return prereleases_;
  if (op_ == Operator::NotEqual) return false;
  if (op_ == Operator::Equal && wildcard_) return false;
  if (!version_) return std::nullopt;
  return version_->is_prerelease();
}

bool Specifier::implies_prereleases() const noexcept {
  if (op_ == Operator::NotEqual || wildcard_ || !version_) return false;
  return version_->is_prerelease();
}

bool Specifier::contains(const Version& v, std::optional<bool> prereleases) const {
  return SpecifierOps::contains(*this, Item(v), prereleases);
}
bool Specifier::contains(std::string_view version_text, std::optional<bool> prereleases) const {
  return SpecifierOps::contains(*this, Item(version_text), prereleases);
}

std::vector<Version> Specifier::filter(const std::vector<Version>& versions, std::optional<bool> prereleases) const {
  std::vector<Item> items;
  items.reserve(versions.size());
  for (const auto& v : versions) items.push_back(Item(v));
  std::vector<Version> out;
  for (auto i : SpecifierOps::filter(*this, items, prereleases)) out.push_back(versions[i]);
  return out;
}
std::vector<std::string> Specifier::filter(const std::vector<std::string>& versions,
                                           std::optional<bool> prereleases) const {
  std::vector<Item> items;
  items.reserve(versions.size());
  for (const auto& v : versions) items.push_back(Item(v));
  std::vector<std::string> out;
  for (auto i : SpecifierOps::filter(*this, items, prereleases)) out.push_back(versions[i]);
  return out;
}

bool operator==(const Specifier& a, const Specifier& b) {
  return a.op_ == b.op_ && SpecifierOps::canonical(a) == SpecifierOps::canonical(b);
}

// ---------------------------------------------------------------------------------------------------------
// SpecifierSet

namespace {

bool has_arbitrary(const std::vector<Specifier>& specs) {
  return std::any_of(specs.begin(), specs.end(), [](const Specifier& s) { return s.op() == Operator::ArbitraryEqual; });
}

}  // namespace

struct SpecifierSetOps {
  static Ranges ranges(const SpecifierSet& set) {
    Ranges result;
    bool first = true;
    for (const auto& s : set.specs_) {
      Ranges sub = SpecifierOps::ranges(s);
      if (first) {
        result = std::move(sub);
        first = false;
      } else {
        result = intersect(result, sub);
        if (result.empty()) break;
      }
    }
    return result;
  }

  static std::vector<std::size_t> filter(const SpecifierSet& set, const std::vector<Item>& items,
                                         std::optional<bool> prereleases) {
    if (!prereleases) prereleases = set.prereleases();
    std::vector<std::size_t> all(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) all[i] = i;
    if (set.specs_.empty()) return apply_prereleases(items, all, prereleases);
    if (has_arbitrary(set.specs_)) {
      std::vector<std::size_t> matched;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const bool ok = std::all_of(set.specs_.begin(), set.specs_.end(), [&](const Specifier& s) {
          return SpecifierOps::contains(s, items[i], true);
        });
        if (ok) matched.push_back(i);
      }
      return apply_prereleases(items, matched, prereleases);
    }
    return filter_ranges(ranges(set), items, prereleases);
  }

  static bool contains(const SpecifierSet& set, const Item& item, std::optional<bool> prereleases, bool installed) {
    const Version* parsed = item.parsed();
    if (parsed && installed && parsed->is_prerelease()) prereleases = true;
    const bool arbitrary = has_arbitrary(set.specs_);
    if (parsed && !arbitrary && !set.specs_.empty()) {
      const Version& v = *parsed;
      if (v.is_prerelease() && (prereleases == false || (!prereleases && set.prereleases_ == false))) return false;
      bool all_fast = true;
      for (const auto& s : set.specs_) {
        const auto m = SpecifierOps::fast_match(s, v);
        if (!m) {
          all_fast = false;
          break;
        }
        if (!*m) return false;
      }
      if (all_fast) return true;
    }
    // A string checked against `===` keeps its spelling: Item::raw() is the string as given.
    return !filter(set, {item}, prereleases).empty();
  }

  static bool arbitrary_unsatisfiable(const SpecifierSet& set) {
    std::vector<const Specifier*> arbitrary;
    std::vector<const Specifier*> standard;
    for (const auto& s : set.specs_) (s.op() == Operator::ArbitraryEqual ? arbitrary : standard).push_back(&s);
    if (arbitrary.empty()) return false;
    const std::string first = ascii_lower(arbitrary[0]->version_text());
    for (std::size_t i = 1; i < arbitrary.size(); ++i)
      if (ascii_lower(arbitrary[i]->version_text()) != first) return true;
    const auto candidate = Version::parse(arbitrary[0]->version_text());
    if (set.prereleases() == false && candidate && candidate->is_prerelease()) return true;
    if (standard.empty()) return false;
    if (!candidate) return true;
    return !std::all_of(standard.begin(), standard.end(),
                        [&](const Specifier* s) { return s->contains(*candidate); });
  }
};

namespace {

// Smallest version that is not a pre-release at or above a lower bound. For the cut above V's posts (V final)
// there is no smallest one; V.post0 stands in (every upper bound above the cut is above it too).
Version lowest_release_at_or_above(const Bound& lo) {
  const Version& v = lo.p.v;
  if (lo.p.after_posts) return VersionAccess::replace(v, std::nullopt, 0, std::nullopt);
  if (!v.is_prerelease()) return v;
  if (v.pre()) return v.base_version();
  return VersionAccess::replace(v, std::nullopt, v.post(), std::nullopt);
}

bool ranges_are_prerelease_only(const Ranges& ranges) {
  for (const auto& r : ranges) {
    if (r.hi.infinite) return false;
    const Point nearest{lowest_release_at_or_above(r.lo), false};
    const int c = pt_cmp(nearest, r.hi.p);
    if (c < 0 || (c == 0 && r.hi.inclusive)) return false;
  }
  return true;
}

}  // namespace

tl::expected<SpecifierSet, SpecifierError> SpecifierSet::parse(std::string_view text) {
  std::vector<Specifier> specs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view part = text.substr(start, comma - start);
    if (!strip(part).empty()) {
      auto s = Specifier::parse(part);
      if (!s) return fail(s.error().message, start + s.error().offset);
      specs.push_back(std::move(*s));
    }
    start = comma + 1;
  }
  return SpecifierSet(std::move(specs));
}

std::string SpecifierSet::to_string() const {
  std::vector<const Specifier*> sorted;
  sorted.reserve(specs_.size());
  for (const auto& s : specs_) sorted.push_back(&s);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Specifier* a, const Specifier* b) { return a->to_string() < b->to_string(); });
  std::vector<const Specifier*> unique;
  for (const Specifier* s : sorted)
    if (std::none_of(unique.begin(), unique.end(), [&](const Specifier* u) { return *u == *s; })) unique.push_back(s);
  std::string out;
  for (const Specifier* s : unique) {
    if (!out.empty()) out += ',';
    out += s->to_string();
  }
  return out;
}

std::optional<bool> SpecifierSet::prereleases() const {
  if (prereleases_) return prereleases_;
  return implied_prereleases();
}

std::optional<bool> SpecifierSet::implied_prereleases() const {
  if (specs_.empty()) return std::nullopt;
  if (std::any_of(specs_.begin(), specs_.end(), [](const Specifier& s) { return s.prereleases() == true; }))
    return true;
  return std::nullopt;
}

bool SpecifierSet::contains(const Version& v, std::optional<bool> prereleases, bool installed) const {
  return SpecifierSetOps::contains(*this, Item(v), prereleases, installed);
}
bool SpecifierSet::contains(std::string_view version_text, std::optional<bool> prereleases, bool installed) const {
  return SpecifierSetOps::contains(*this, Item(version_text), prereleases, installed);
}

std::vector<Version> SpecifierSet::filter(const std::vector<Version>& versions,
                                          std::optional<bool> prereleases) const {
  std::vector<Item> items;
  items.reserve(versions.size());
  for (const auto& v : versions) items.push_back(Item(v));
  std::vector<Version> out;
  for (auto i : SpecifierSetOps::filter(*this, items, prereleases)) out.push_back(versions[i]);
  return out;
}
std::vector<std::string> SpecifierSet::filter(const std::vector<std::string>& versions,
                                              std::optional<bool> prereleases) const {
  std::vector<Item> items;
  items.reserve(versions.size());
  for (const auto& v : versions) items.push_back(Item(v));
  std::vector<std::string> out;
  for (auto i : SpecifierSetOps::filter(*this, items, prereleases)) out.push_back(versions[i]);
  return out;
}

namespace {
Ranges admitted(const SpecifierSet& s) {
  if (s.empty()) return {Range{lowest(), infinity()}};
  return SpecifierSetOps::ranges(s);
}
}  // namespace

bool SpecifierSet::is_subset(const SpecifierSet& other) const {
  return intersect(admitted(*this), complement(admitted(other))).empty();
}

bool SpecifierSet::is_disjoint(const SpecifierSet& other) const {
  return intersect(admitted(*this), admitted(other)).empty();
}

bool SpecifierSet::is_unsatisfiable() const {
  if (specs_.empty()) return false;
  const Ranges r = SpecifierSetOps::ranges(*this);
  if (r.empty()) return true;
  if (SpecifierSetOps::arbitrary_unsatisfiable(*this)) return true;
  if (prereleases() == false) return ranges_are_prerelease_only(r);
  return false;
}

SpecifierSet& SpecifierSet::operator&=(const SpecifierSet& other) {
  specs_.insert(specs_.end(), other.specs_.begin(), other.specs_.end());
  // packaging: keep the common or the only non-null override (conflicting overrides raise there; here the
  // left one wins).
  if (!prereleases_ || prereleases_ == other.prereleases_)
    prereleases_ = other.prereleases_;
  return *this;
}

bool operator==(const SpecifierSet& a, const SpecifierSet& b) {
  auto canonical = [](const SpecifierSet& s) {
    std::vector<const Specifier*> sorted;
    for (const auto& x : s.specs_) sorted.push_back(&x);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Specifier* x, const Specifier* y) { return x->to_string() < y->to_string(); });
    std::vector<const Specifier*> unique;
    for (const Specifier* x : sorted)
      if (std::none_of(unique.begin(), unique.end(), [&](const Specifier* u) { return *u == *x; }))
        unique.push_back(x);
    return unique;
  };
  const auto ca = canonical(a);
  const auto cb = canonical(b);
  if (ca.size() != cb.size()) return false;
  for (std::size_t i = 0; i < ca.size(); ++i)
    if (!(*ca[i] == *cb[i])) return false;
  return true;
}

}  // namespace pinreqs::pep440
