// libFuzzer target: wheel/sdist filenames, compressed tag sets and canonicalize_version on arbitrary bytes.
// Besides "no crash, no sanitizer report" it checks invariants of a successful parse.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pinreqs/parsers/target.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

const pinreqs::wheel::TagPriority& priority() {
  static const pinreqs::wheel::TagPriority p = [] {
    pinreqs::wheel::Target t;
    t.python = pinreqs::pep440::Version::from_release({3, 12});
    t.platform = *pinreqs::wheel::parse_platform("x86_64-manylinux_2_28");
    return pinreqs::wheel::TagPriority::for_target(t);
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinreqs::wheel;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto w = WheelFilename::parse(text)) {
    check(!w->tags.empty());
    check(!w->name.empty());
    check(classify_filename(text) == FileKind::Wheel);
    for (const auto& tag : w->tags) {
      // Each expanded tag is a plain triple that parses back to itself.
      auto again = parse_tag(tag.to_string());
      check(again.has_value() && again->size() == 1 && (*again)[0] == tag);
    }
    const auto rank = priority().best_rank(*w);
    check(!rank || (*rank >= 0 && static_cast<std::size_t>(*rank) < priority().size()));
  }
  if (auto strict = WheelFilename::parse(text, true)) {
    // Order validation only ever rejects more; it never changes what is parsed.
    auto lax = WheelFilename::parse(text, false);
    check(lax.has_value() && lax->tags == strict->tags && lax->version == strict->version);
  }
  if (auto s = SdistFilename::parse(text)) {
    check(!s->raw_name.empty());
    check(classify_filename(text) == FileKind::Sdist);
  }
  if (auto tags = parse_tag(text, true)) {
    check(parse_tag(text, false).has_value());
    check(tags->size() <= kMaxExpandedTags);
  }
  if (auto platform = parse_platform(text)) {
    // Every accepted platform name yields a non-empty, bounded tag list.
    const auto tags = platform_tags(*platform);
    check(!tags.empty() && tags.size() < 20000);
  }
  const auto canonical = canonicalize_version(text);
  if (pinreqs::pep440::Version::parse(text)) {
    // Canonical forms are fixed points.
    check(canonicalize_version(canonical) == canonical);
  } else {
    check(canonical == text);
  }
  return 0;
}
