#include "pinreqs/parsers/tags.hpp"

#include <algorithm>

#include "wheel_repr.hpp"

namespace pinreqs::wheel {

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_ident_start(unsigned char c) {
  // Non-ASCII bytes are accepted as Unicode letters (an approximation of str.isidentifier()).
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool is_ident_continue(unsigned char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

// Python's str.isidentifier() for the interpreter component.
bool is_identifier(std::string_view s) {
  if (s.empty() || !is_ident_start(static_cast<unsigned char>(s.front()))) return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return is_ident_continue(static_cast<unsigned char>(c)); });
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string join(const std::vector<std::string_view>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace

Tag::Tag(std::string_view interpreter_, std::string_view abi_, std::string_view platform_)
    : interpreter(ascii_lower(interpreter_)), abi(ascii_lower(abi_)), platform(ascii_lower(platform_)) {}

std::string Tag::to_string() const {
  std::string out;
  out.reserve(interpreter.size() + abi.size() + platform.size() + 2);
  out += interpreter;
  out += '-';
  out += abi;
  out += '-';
  out += platform;
  return out;
}

std::size_t Tag::hash() const noexcept {
  const std::hash<std::string> h;
  std::size_t seed = h(interpreter);
  seed ^= h(abi) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  seed ^= h(platform) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  return seed;
}

tl::expected<std::vector<Tag>, TagError> parse_tag(std::string_view text, bool validate_order) {
  using detail::py_repr;
  std::vector<std::vector<std::string_view>> components;
  for (std::string_view component : split(text, '-')) {
    auto parts = split(component, '.');
    if (std::find(parts.begin(), parts.end(), std::string_view{}) != parts.end()) {
      return tl::unexpected(TagError{TagError::Kind::InvalidTag, "Tag " + py_repr(text) +
                                                                   " has an empty component: " +
                                                                   py_repr(join(parts, '.'))});
    }
    if (validate_order && !std::is_sorted(parts.begin(), parts.end())) {
      return tl::unexpected(TagError{TagError::Kind::UnsortedTags, "Tag component " + py_repr(join(parts, '.')) +
                                                                     " is not in sorted order per PEP 425"});
    }
    components.push_back(std::move(parts));
  }
  if (components.size() != 3) {
    return tl::unexpected(
        TagError{TagError::Kind::InvalidTag, "Tag " + py_repr(text) + " must have exactly three components"});
  }
  for (std::string_view interpreter : components[0]) {
    if (!is_identifier(interpreter)) {
      return tl::unexpected(TagError{TagError::Kind::InvalidTag, "Tag " + py_repr(text) +
                                                                   " has an invalid interpreter: " +
                                                                   py_repr(interpreter)});
    }
  }
  std::size_t count = 1;
  for (const auto& parts : components) {
    count *= parts.size();
    if (count > kMaxExpandedTags) {
      return tl::unexpected(TagError{TagError::Kind::TooManyTags,
                                     "Compressed tag set " + py_repr(text) + " would generate more than " +
                                         std::to_string(kMaxExpandedTags) + " tags"});
    }
  }
  std::vector<Tag> tags;
  tags.reserve(components[0].size() * components[1].size() * components[2].size());
  for (auto interpreter : components[0]) {
    for (auto abi : components[1]) {
      for (auto platform : components[2]) tags.emplace_back(interpreter, abi, platform);
    }
  }
  if (tags.size() == 1) return tags;
  // Sorted by the printed form (what packaging's sorted(str(t) for t in tags) gives), duplicates removed.
  std::vector<std::pair<std::string, Tag>> keyed;
  keyed.reserve(tags.size());
  for (auto& t : tags) {
    auto key = t.to_string();
    keyed.emplace_back(std::move(key), std::move(t));
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  tags.clear();
  for (auto& [key, t] : keyed) {
    if (tags.empty() || !(tags.back() == t)) tags.push_back(std::move(t));
  }
  return tags;
}

}  // namespace pinreqs::wheel
