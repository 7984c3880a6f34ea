// PEP 440 versions: a hand-written scanner accepting the same language as packaging's VERSION_PATTERN
// (case-insensitive ASCII, surrounding Unicode whitespace, optional leading `v`), the canonical printer and
// the total order of packaging 26 (`_cmpkey`).
#include "pinreqs/parsers/version.hpp"

#include <algorithm>
#include <limits>

#include "unicode_space.hpp"
#include "version_access.hpp"

namespace pinreqs::pep440 {

namespace {

constexpr std::uint8_t kNoPre = 0xFF;
constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alnum_lower(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'z'); }
bool is_sep(char c) noexcept { return c == '-' || c == '_' || c == '.'; }

// Local-version segment comparison (packaging: numeric segments sort above alphanumeric ones, numbers by value,
// strings lexicographically, a shorter label that is a prefix sorts first).
bool all_digits(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}
std::string_view strip_zeros(std::string_view s) noexcept {
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return s;
}
int compare_segment(std::string_view a, std::string_view b) noexcept {
  const bool an = all_digits(a);
  const bool bn = all_digits(b);
  if (an && bn) {
    a = strip_zeros(a);
    b = strip_zeros(b);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (an != bn) return an ? 1 : -1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}
int compare_local(std::string_view a, std::string_view b) noexcept {
  // "" means no local label, which sorts before any label.
  if (a.empty() || b.empty()) return a.empty() == b.empty() ? 0 : (a.empty() ? -1 : 1);
  while (true) {
    const auto da = a.find('.');
    const auto db = b.find('.');
    const int c = compare_segment(a.substr(0, da), b.substr(0, db));
    if (c != 0) return c;
    const bool ea = da == std::string_view::npos;
    const bool eb = db == std::string_view::npos;
    if (ea || eb) return ea == eb ? 0 : (ea ? -1 : 1);
    a.remove_prefix(da + 1);
    b.remove_prefix(db + 1);
  }
}

std::strong_ordering cmp_u64(std::uint64_t a, std::uint64_t b) noexcept { return a <=> b; }

std::size_t mix(std::size_t h, std::uint64_t v) noexcept {
  // 64-bit mix (splitmix-style finaliser folded into a running hash).
  v += 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
  v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
  return static_cast<std::size_t>(h ^ v ^ (v >> 31));
}

}  // namespace

void Version::finish() {
  fast_ = true;
  // Trailing zeros do not count; beyond the inline components the key cannot represent the release.
  if (release_size_ > kInlineRelease) {
    for (std::size_t i = kInlineRelease; i < release_size_; ++i)
      if (release_ext_[i] != 0) fast_ = false;
  }
  // pre word: 0 = dev-only release, 1..3 = a/b/rc, 4 = none; number in the low 61 bits.
  std::uint64_t pre_rank = 4;
  if (pre_kind_ != kNoPre)
    pre_rank = 1u + pre_kind_;
  else if (!has_post_ && has_dev_)
    pre_rank = 0;
  constexpr std::uint64_t kLow61 = (std::uint64_t{1} << 61) - 1;
  constexpr std::uint64_t kLow63 = (std::uint64_t{1} << 63) - 1;
  if (pre_num_ > kLow61 || post_num_ > kLow63 || dev_num_ == kU64Max) fast_ = false;
  key_[5] = (pre_rank << 61) | (pre_kind_ != kNoPre ? (pre_num_ & kLow61) : 0);
  key_[6] = has_post_ ? ((std::uint64_t{1} << 63) | (post_num_ & kLow63)) : 0;
  key_[7] = has_dev_ ? dev_num_ : kU64Max;
}

// Grants the scanner and the comparison access to the representation.
Version& VersionAccess::set_release(Version& v, const std::uint64_t* comps, std::size_t n) {
  v.release_size_ = static_cast<std::uint32_t>(n);
  v.release_ext_.clear();
  if (n > Version::kInlineRelease) v.release_ext_.assign(comps, comps + n);
  for (std::size_t i = 0; i < Version::kInlineRelease; ++i) v.key_[1 + i] = i < n ? comps[i] : 0;
  return v;
}

// The general comparison: every field, no key shortcuts.
std::strong_ordering VersionAccess::compare_slow(const Version& a, const Version& b) noexcept {
  if (auto c = cmp_u64(a.key_[0], b.key_[0]); c != 0) return c;
  const std::size_t n = std::max(a.release_size(), b.release_size());
  for (std::size_t i = 0; i < n; ++i)
    if (auto c = cmp_u64(a.release_at(i), b.release_at(i)); c != 0) return c;
  // pre: dev-only releases sort before every pre-release, final/post releases after them.
  auto pre_rank = [](const Version& v) -> int {
    if (v.pre_kind_ != kNoPre) return 1 + v.pre_kind_;
    if (!v.has_post_ && v.has_dev_) return 0;
    return 4;
  };
  if (auto c = pre_rank(a) <=> pre_rank(b); c != 0) return c;
  if (a.pre_kind_ != kNoPre)
    if (auto c = cmp_u64(a.pre_num_, b.pre_num_); c != 0) return c;
  if (auto c = a.has_post_ <=> b.has_post_; c != 0) return c;
  if (a.has_post_)
    if (auto c = cmp_u64(a.post_num_, b.post_num_); c != 0) return c;
  if (auto c = b.has_dev_ <=> a.has_dev_; c != 0) return c;  // no dev sorts last
  if (a.has_dev_)
    if (auto c = cmp_u64(a.dev_num_, b.dev_num_); c != 0) return c;
  const int l = compare_local(a.local_, b.local_);
  return l < 0 ? std::strong_ordering::less : (l > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}


Version VersionAccess::replace(const Version& v, std::optional<PreRelease> pre, std::optional<std::uint64_t> post,
                               std::optional<std::uint64_t> dev) {
  Version r = v;
  r.pre_kind_ = pre ? static_cast<std::uint8_t>(pre->kind) : kNoPre;
  r.pre_num_ = pre ? pre->number : 0;
  r.has_post_ = post.has_value();
  r.post_num_ = post.value_or(0);
  r.has_dev_ = dev.has_value();
  r.dev_num_ = dev.value_or(0);
  r.local_.clear();
  r.finish();
  return r;
}

Version VersionAccess::base_dev0(const Version& v) {
  Version r = v.base_version();
  r.has_dev_ = true;
  r.dev_num_ = 0;
  r.finish();
  return r;
}

Version VersionAccess::next_prefix_dev0(const Version& v, std::size_t n) {
  std::vector<std::uint64_t> rel;
  rel.reserve(n);
  for (std::size_t i = 0; i < n; ++i) rel.push_back(v.release_at(i));
  if (!rel.empty()) ++rel.back();
  Version r;
  r.key_[0] = v.key_[0];
  set_release(r, rel.data(), rel.size());
  r.has_dev_ = true;
  r.dev_num_ = 0;
  r.finish();
  return r;
}

bool VersionAccess::same_release(const Version& a, const Version& b) noexcept {
  if (a.key_[0] != b.key_[0]) return false;
  const std::size_t n = std::max(a.release_size_, b.release_size_);
  for (std::size_t i = 0; i < n; ++i)
    if (a.release_at(i) != b.release_at(i)) return false;
  return true;
}

bool VersionAccess::same_prefix(const Version& a, const Version& b, std::size_t n) noexcept {
  if (a.key_[0] != b.key_[0]) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (a.release_at(i) != b.release_at(i)) return false;
  return true;
}

bool VersionAccess::same_up_to_pre(const Version& a, const Version& b) noexcept {
  return same_release(a, b) && a.pre_kind_ == b.pre_kind_ && (a.pre_kind_ == kNoPre || a.pre_num_ == b.pre_num_);
}

bool VersionAccess::same_public(const Version& a, const Version& b) noexcept {
  return same_up_to_pre(a, b) && a.has_post_ == b.has_post_ && (!a.has_post_ || a.post_num_ == b.post_num_) &&
         a.has_dev_ == b.has_dev_ && (!a.has_dev_ || a.dev_num_ == b.dev_num_);
}

Version::Version() { finish(); }

namespace {

struct Scanner {
  std::string_view s;
  std::size_t i = 0;

  [[nodiscard]] bool at_end() const noexcept { return i >= s.size(); }
  [[nodiscard]] char peek(std::size_t k = 0) const noexcept { return i + k < s.size() ? s[i + k] : '\0'; }

  // Case-insensitive keyword at the cursor.
  [[nodiscard]] bool looking_at(std::string_view kw, std::size_t from) const noexcept {
    if (from + kw.size() > s.size()) return false;
    for (std::size_t k = 0; k < kw.size(); ++k)
      if (lower(s[from + k]) != kw[k]) return false;
    return true;
  }
};

tl::unexpected<VersionError> fail(std::string msg, std::size_t offset) {
  return tl::unexpected<VersionError>(VersionError{std::move(msg), offset});
}

std::string describe(std::string_view s, std::size_t i) {
  if (i >= s.size()) return "end of input";
  const char c = s[i];
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) return "a non-ASCII or control character";
  return std::string("`") + c + "`";
}

// Reads [0-9]+ into `out`; false when no digit or when the number does not fit 64 bits (error set).
bool read_number(Scanner& sc, std::uint64_t& out, VersionError& err) {
  const std::size_t start = sc.i;
  std::uint64_t v = 0;
  while (!sc.at_end() && is_digit(sc.peek())) {
    const auto d = static_cast<std::uint64_t>(sc.peek() - '0');
    if (v > (kU64Max - d) / 10) {
      err = {"number is too large (more than 64 bits)", start};
      return false;
    }
    v = v * 10 + d;
    ++sc.i;
  }
  if (sc.i == start) {
    err = {"expected a number", start};
    return false;
  }
  out = v;
  return true;
}

}  // namespace

tl::expected<Version, VersionError> Version::parse(std::string_view text) {
  Scanner sc{text};
  // Leading whitespace (Python's str.isspace set, as in packaging's `\s*`).
  while (!sc.at_end()) {
    const std::size_t w = unicode_space_length(text, sc.i);
    if (w == 0) break;
    sc.i += w;
  }
  std::size_t end = text.size();
  while (end > sc.i) {
    const std::size_t w = unicode_space_length_before(text, end);
    if (w == 0) break;
    end -= w;
  }
  sc.s = text.substr(0, end);

  Version v;
  VersionError err;
  if (sc.peek() == 'v' || sc.peek() == 'V') ++sc.i;
  if (sc.at_end()) return fail(sc.i == 0 && end == 0 ? "empty version" : "expected a version number", sc.i);
  if (!is_digit(sc.peek()))
    return fail("expected a version number (digits), found " + describe(sc.s, sc.i), sc.i);

  // Epoch or first release component.
  std::uint64_t comps_inline[kInlineRelease];
  std::vector<std::uint64_t> comps_heap;
  std::size_t ncomps = 0;
  auto push = [&](std::uint64_t c) {
    if (ncomps < kInlineRelease) {
      comps_inline[ncomps] = c;
    } else {
      if (comps_heap.empty()) comps_heap.assign(comps_inline, comps_inline + kInlineRelease);
      comps_heap.push_back(c);
    }
    ++ncomps;
  };
  std::uint64_t first = 0;
  if (!read_number(sc, first, err)) return tl::unexpected(err);
  if (sc.peek() == '!') {
    v.key_[0] = first;
    ++sc.i;
    if (!is_digit(sc.peek()))
      return fail("expected a release number after the epoch `!`, found " + describe(sc.s, sc.i), sc.i);
    if (!read_number(sc, first, err)) return tl::unexpected(err);
  }
  push(first);
  while (sc.peek() == '.' && is_digit(sc.peek(1))) {
    ++sc.i;
    std::uint64_t c = 0;
    if (!read_number(sc, c, err)) return tl::unexpected(err);
    push(c);
  }
  VersionAccess::set_release(v, comps_heap.empty() ? comps_inline : comps_heap.data(), ncomps);

  // Pre-release: [-_.]? (alpha|a|beta|b|preview|pre|c|rc) [-_.]? [0-9]*
  {
    std::size_t j = sc.i;
    if (is_sep(sc.peek())) ++j;
    struct Kw {
      std::string_view text;
      PreKind kind;
    };
    static constexpr Kw kws[] = {{"alpha", PreKind::Alpha}, {"a", PreKind::Alpha},    {"beta", PreKind::Beta},
                                 {"b", PreKind::Beta},      {"preview", PreKind::Rc}, {"pre", PreKind::Rc},
                                 {"c", PreKind::Rc},        {"rc", PreKind::Rc}};
    for (const auto& kw : kws) {
      if (sc.looking_at(kw.text, j)) {
        sc.i = j + kw.text.size();
        if (is_sep(sc.peek())) ++sc.i;
        std::uint64_t n = 0;
        if (is_digit(sc.peek()) && !read_number(sc, n, err)) return tl::unexpected(err);
        v.pre_kind_ = static_cast<std::uint8_t>(kw.kind);
        v.pre_num_ = n;
        break;
      }
    }
  }
  // Post-release: -[0-9]+ | [-_.]? (post|rev|r) [-_.]? [0-9]*
  if (sc.peek() == '-' && is_digit(sc.peek(1))) {
    ++sc.i;
    if (!read_number(sc, v.post_num_, err)) return tl::unexpected(err);
    v.has_post_ = true;
  } else {
    std::size_t j = sc.i;
    if (is_sep(sc.peek())) ++j;
    for (std::string_view kw : {std::string_view("post"), std::string_view("rev"), std::string_view("r")}) {
      if (sc.looking_at(kw, j)) {
        sc.i = j + kw.size();
        if (is_sep(sc.peek())) ++sc.i;
        std::uint64_t n = 0;
        if (is_digit(sc.peek()) && !read_number(sc, n, err)) return tl::unexpected(err);
        v.has_post_ = true;
        v.post_num_ = n;
        break;
      }
    }
  }
  // Dev-release: [-_.]? dev [-_.]? [0-9]*
  {
    std::size_t j = sc.i;
    if (is_sep(sc.peek())) ++j;
    if (sc.looking_at("dev", j)) {
      sc.i = j + 3;
      if (is_sep(sc.peek())) ++sc.i;
      std::uint64_t n = 0;
      if (is_digit(sc.peek()) && !read_number(sc, n, err)) return tl::unexpected(err);
      v.has_dev_ = true;
      v.dev_num_ = n;
    }
  }
  // Local: + [a-z0-9]+ ([-_.][a-z0-9]+)*
  if (sc.peek() == '+') {
    ++sc.i;
    std::string local;
    while (true) {
      const std::size_t seg = sc.i;
      const std::size_t out_start = local.size();
      while (!sc.at_end() && is_alnum_lower(lower(sc.peek()))) local.push_back(lower(sc.s[sc.i++]));
      if (sc.i == seg)
        return fail("expected a local version label (ASCII letters and digits), found " + describe(sc.s, sc.i),
                    sc.i);
      // Numeric segments are numbers: packaging prints "+01" as "+1".
      const std::string_view segment = std::string_view(local).substr(out_start);
      if (all_digits(segment)) {
        const std::string_view trimmed = strip_zeros(segment);
        if (trimmed.size() != segment.size()) local.erase(out_start, segment.size() - trimmed.size());
      }
      if (is_sep(sc.peek())) {
        local.push_back('.');
        ++sc.i;
        continue;
      }
      break;
    }
    v.local_ = std::move(local);
  }
  if (!sc.at_end()) {
    std::string msg = "unexpected " + describe(sc.s, sc.i) + " in version; expected ";
    if (!v.local_.empty())
      msg += "the end of the version";
    else if (v.has_dev_)
      msg += "a local label `+...` or the end of the version";
    else if (v.has_post_)
      msg += "`.dev`, a local label `+...` or the end of the version";
    else if (v.pre_kind_ != kNoPre)
      msg += "`.post`, `.dev`, a local label `+...` or the end of the version";
    else
      msg += "a pre-release (`a`, `b`, `rc`), `.post`, `.dev`, a local label `+...` or the end of the version";
    return fail(std::move(msg), sc.i);
  }
  v.finish();
  return v;
}

Version Version::from_release(std::vector<std::uint64_t> release) {
  Version v;
  if (release.empty()) release.push_back(0);
  VersionAccess::set_release(v, release.data(), release.size());
  v.finish();
  return v;
}

std::uint64_t Version::epoch() const noexcept { return key_[0]; }

std::vector<std::uint64_t> Version::release() const {
  if (release_size_ > kInlineRelease) return release_ext_;
  return std::vector<std::uint64_t>(key_ + 1, key_ + 1 + release_size_);
}

std::size_t Version::release_size() const noexcept { return release_size_; }

std::uint64_t Version::release_at(std::size_t i) const noexcept {
  if (i >= release_size_) return 0;
  if (release_size_ > kInlineRelease) return release_ext_[i];
  return key_[1 + i];
}

std::optional<PreRelease> Version::pre() const noexcept {
  if (pre_kind_ == kNoPre) return std::nullopt;
  return PreRelease{static_cast<PreKind>(pre_kind_), pre_num_};
}
std::optional<std::uint64_t> Version::post() const noexcept {
  return has_post_ ? std::optional<std::uint64_t>(post_num_) : std::nullopt;
}
std::optional<std::uint64_t> Version::dev() const noexcept {
  return has_dev_ ? std::optional<std::uint64_t>(dev_num_) : std::nullopt;
}
std::string Version::local() const { return local_; }
bool Version::has_local() const noexcept { return !local_.empty(); }

bool Version::is_prerelease() const noexcept { return pre_kind_ != kNoPre || has_dev_; }
bool Version::is_postrelease() const noexcept { return has_post_; }
bool Version::is_devrelease() const noexcept { return has_dev_; }

Version Version::public_version() const {
  Version v = *this;
  v.local_.clear();
  return v;
}

Version Version::base_version() const {
  Version v;
  v.key_[0] = key_[0];
  v.release_size_ = release_size_;
  v.release_ext_ = release_ext_;
  for (std::size_t i = 1; i <= kInlineRelease; ++i) v.key_[i] = key_[i];
  v.finish();
  return v;
}

Version Version::with_release(std::vector<std::uint64_t> release) const {
  Version v = *this;
  if (release.empty()) release.push_back(0);
  VersionAccess::set_release(v, release.data(), release.size());
  v.finish();
  return v;
}

std::string Version::to_string() const {
  std::string out;
  out.reserve(16 + local_.size());
  if (key_[0] != 0) {
    out += std::to_string(key_[0]);
    out += '!';
  }
  for (std::size_t i = 0; i < release_size_; ++i) {
    if (i) out += '.';
    out += std::to_string(release_at(i));
  }
  if (pre_kind_ != kNoPre) {
    static constexpr const char* names[] = {"a", "b", "rc"};
    out += names[pre_kind_];
    out += std::to_string(pre_num_);
  }
  if (has_post_) {
    out += ".post";
    out += std::to_string(post_num_);
  }
  if (has_dev_) {
    out += ".dev";
    out += std::to_string(dev_num_);
  }
  if (!local_.empty()) {
    out += '+';
    out += local_;
  }
  return out;
}

std::size_t Version::hash() const noexcept {
  std::size_t h = mix(0, key_[0]);
  std::size_t n = release_size_;
  while (n > 1 && release_at(n - 1) == 0) --n;
  for (std::size_t i = 0; i < n; ++i) h = mix(h, release_at(i));
  h = mix(h, pre_kind_);
  h = mix(h, pre_kind_ != kNoPre ? pre_num_ : 0);
  h = mix(h, has_post_ ? post_num_ + 1 : 0);
  h = mix(h, has_dev_ ? dev_num_ : kU64Max);
  // Local labels compare numeric segments by value ("01" == "1"): hash them the same way.
  std::string_view l = local_;
  while (!l.empty()) {
    const auto d = l.find('.');
    std::string_view seg = l.substr(0, d);
    if (all_digits(seg)) {
      seg = strip_zeros(seg);
      h = mix(h, 1);
    }
    for (char c : seg) h = mix(h, static_cast<unsigned char>(c));
    h = mix(h, 0x2e);
    if (d == std::string_view::npos) break;
    l.remove_prefix(d + 1);
  }
  return h;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) noexcept {
  if (a.fast_ && b.fast_) {
    for (std::size_t i = 0; i < 8; ++i)
      if (a.key_[i] != b.key_[i]) return a.key_[i] < b.key_[i] ? std::strong_ordering::less : std::strong_ordering::greater;
    if (a.local_.empty() && b.local_.empty()) return std::strong_ordering::equal;
    const int l = compare_local(a.local_, b.local_);
    return l < 0 ? std::strong_ordering::less : (l > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  return VersionAccess::compare_slow(a, b);
}

bool operator==(const Version& a, const Version& b) noexcept { return (a <=> b) == 0; }

}  // namespace pinreqs::pep440
