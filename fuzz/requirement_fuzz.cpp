// libFuzzer target for pep508 requirements: parsing never crashes; errors carry a message and a span inside the
// input; accepted requirements have spans inside the input that cover what they claim, and print to text that
// parses back to an equal requirement printing the same way (unless a marker value holds a backslash escape,
// which str() does not re-escape, as in packaging). Markers evaluate without faults in every context.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pinreqs/parsers/requirement.hpp"

using pinreqs::Span;
using pinreqs::pep508::Environment;
using pinreqs::pep508::MarkerContext;
using pinreqs::pep508::parse_requirement;
using pinreqs::pep508::Requirement;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
bool inside(const Span& s, std::size_t size) { return s.begin <= s.end && s.end <= size; }

const Environment& env() {
  static const Environment e = [] {
    Environment x;
    x.implementation_name = "cpython";
    x.implementation_version = "3.12.1";
    x.os_name = "posix";
    x.platform_machine = "x86_64";
    x.platform_release = "6.1.0";
    x.platform_system = "Linux";
    x.platform_version = "#1 SMP";
    x.python_full_version = "3.12.1";
    x.platform_python_implementation = "CPython";
    x.python_version = "3.12";
    x.sys_platform = "linux";
    return x;
  }();
  return e;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_requirement(text, 7);
  if (!parsed) {
    check(!parsed.error().message.empty());
    check(parsed.error().span.begin >= 7 && inside(parsed.error().span, size + 7));
    return 0;
  }
  const Requirement& r = parsed->req;
  const auto& s = parsed->spans;
  auto local = [](Span x) { return Span{x.begin - 7, x.end - 7}; };
  check(inside(local(s.name), size) && local(s.name).in(text) == r.name_text);
  check(inside(local(s.specifier), size) && inside(local(s.specifier_inner), size));
  check(s.specifier.begin <= s.specifier_inner.begin && s.specifier_inner.end <= s.specifier.end);
  if (s.extras) check(inside(local(*s.extras), size) && local(*s.extras).in(text).front() == '[');
  if (s.url) check(inside(local(*s.url), size) && local(*s.url).in(text) == r.url);
  if (s.marker) check(inside(local(*s.marker), size) && r.marker.has_value());

  if (r.marker) {
    for (auto ctx : {MarkerContext::Metadata, MarkerContext::Requirement, MarkerContext::LockFile}) {
      (void)r.marker->evaluate(env(), ctx);
      (void)r.marker->evaluate_with_extra(env(), "test", ctx);
    }
  }

  const std::string printed = r.to_string();
  if (text.find('\\') != std::string_view::npos) return 0;
  auto again = Requirement::parse(printed);
  check(again.has_value());
  check(again->to_string() == printed);
  check(*again == r);
  return 0;
}
