// libFuzzer target for pep440::Version: parsing never crashes, and every accepted version round-trips:
// parse(to_string(v)) == v with the same canonical text and hash, and ordering is antisymmetric.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/parsers/version.hpp"

using pinreqs::pep440::Version;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}

const std::vector<Version>& probes() {
  static const std::vector<Version> p = [] {
    std::vector<Version> out;
    for (const char* s : {"0.dev0", "1.0a1", "1.0", "1.0+local", "1.0.post1", "1.2.3.4.5.6", "1!0.1",
                          "1.0.post18446744073709551615", "2.0rc1.dev3"})
      out.push_back(*Version::parse(s));
    return out;
  }();
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = Version::parse(text);
  if (!v) {
    check(v.error().offset <= size);
    check(!v.error().message.empty());
    return 0;
  }
  const std::string canonical = v->to_string();
  auto again = Version::parse(canonical);
  check(again.has_value());
  check(*again == *v);
  check(again->to_string() == canonical);
  check(again->hash() == v->hash());
  check(v->public_version() <= *v);
  check(v->base_version().to_string() == Version::from_release(v->release()).with_release(v->release()).to_string() ||
        v->epoch() != 0);
  for (const auto& p : probes()) {
    const auto a = *v <=> p;
    const auto b = p <=> *v;
    check((a < 0) == (b > 0) && (a == 0) == (b == 0));
    check((a == 0) == (*v == p));
    if (a == 0) check(v->hash() == p.hash());
  }
  return 0;
}
