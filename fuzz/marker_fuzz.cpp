// libFuzzer target for pep508 markers: parsing never crashes; errors carry a message and a span inside the
// input; accepted markers print to text that parses back to a marker printing the same way and evaluating the
// same way in every context (unless a value holds a backslash escape, which str() does not re-escape, as in
// packaging).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pinreqs/parsers/marker.hpp"

using pinreqs::pep508::Environment;
using pinreqs::pep508::Marker;
using pinreqs::pep508::MarkerContext;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}

const Environment& env() {
  static const Environment e = [] {
    Environment x;
    x.implementation_name = "pypy";
    x.implementation_version = "7.3.15";
    x.os_name = "posix";
    x.platform_machine = "arm64";
    x.platform_release = "23.4.0";
    x.platform_system = "Darwin";
    x.platform_version = "Darwin Kernel Version 23.4.0";
    x.python_full_version = "3.10.13";
    x.platform_python_implementation = "PyPy";
    x.python_version = "3.10";
    x.sys_platform = "darwin";
    x.extras = std::vector<std::string>{"test", "Docs"};
    return x;
  }();
  return e;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = Marker::parse(text);
  if (!m) {
    check(!m.error().message.empty());
    check(m.error().span.begin <= m.error().span.end && m.error().span.end <= size);
    return 0;
  }
  const std::string printed = m->to_string();
  (void)m->referenced_extras();
  (void)(*m && *m).to_string();
  if (text.find('\\') != std::string_view::npos) return 0;
  auto again = Marker::parse(printed);
  check(again.has_value());
  check(again->to_string() == printed);
  for (auto ctx : {MarkerContext::Metadata, MarkerContext::Requirement, MarkerContext::LockFile}) {
    auto a = m->evaluate(env(), ctx);
    auto b = again->evaluate(env(), ctx);
    check(a.has_value() == b.has_value());
    if (a) check(*a == *b);
    else check(a.error().kind == b.error().kind);
    auto ea = m->evaluate_with_extra(env(), "Test", ctx);
    auto eb = again->evaluate_with_extra(env(), "Test", ctx);
    check(ea.has_value() == eb.has_value() && (!ea || *ea == *eb));
  }
  return 0;
}
