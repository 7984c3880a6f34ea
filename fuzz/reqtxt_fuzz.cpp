// libFuzzer target: the requirements-file parser and rewriter on arbitrary bytes.
// Besides "no crash, no sanitizer report" it checks: every span lies inside its file's text, a rewrite with no
// edits returns the text unchanged, and setting a requirement's specifier changes exactly its span.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "pinreqs/parsers/reqtxt/rewriter.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_span(const pinreqs::Span& s, std::size_t size) { check(s.begin <= s.end && s.end <= size); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pinreqs;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto reader = std::make_shared<reqtxt::MemoryFileReader>();
  // The input may include itself (a cycle) or a second in-memory file.
  reader->add("requirements.txt", text);
  reader->add("other.txt", "-r requirements.txt\nsix==1.16.0\n");
  reqtxt::ParseOptions opts;
  opts.reader = reader;
  opts.max_line_bytes = 4096;
  opts.env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "A") return std::string("x y #z");
    return std::nullopt;
  };
  const auto parsed = reqtxt::parse_requirements_file("requirements.txt", opts);
  for (const auto& p : parsed.problems) {
    check(p.file < parsed.files.size());
    check_span(p.diagnostic.span, parsed.files[p.file].text.size());
    (void)render(p.diagnostic, parsed.files[p.file].text);
  }
  for (const auto* list : {&parsed.requirements, &parsed.constraints, &parsed.editables}) {
    for (const auto& e : *list) {
      check(e.file < parsed.files.size());
      const std::size_t n = parsed.files[e.file].text.size();
      check_span(e.line, n);
      check_span(e.requirement, n);
      for (const auto* s : {&e.name_span, &e.extras_span, &e.specifier_span, &e.url_span, &e.marker_span,
                            &e.comment_span})
        if (*s) check_span(**s, n);
      for (const auto& h : e.hashes) {
        check_span(h.span, n);
        check_span(h.option_span, n);
      }
    }
  }
  for (std::size_t f = 0; f < parsed.files.size(); ++f) {
    auto same = reqtxt::rewrite(parsed, f, {});
    check(same.has_value() && *same == parsed.files[f].text);
  }
  for (const auto& e : parsed.requirements) {
    if (e.file != 0 || !e.named || !e.url.empty() || !e.specifier_span || parsed.files[0].transcoded) continue;
    auto out = reqtxt::rewrite(parsed, 0, {reqtxt::SetSpecifier{e.name, "==1.0"}});
    if (!out) break;  // e.g. the same name given by URL elsewhere in the file
    // Exactly the specifier spans of this name's entries change.
    std::vector<Span> spans;
    for (const auto* list : {&parsed.requirements, &parsed.constraints})
      for (const auto& o : *list)
        if (o.file == 0 && o.named && o.name == e.name && o.specifier_span) spans.push_back(*o.specifier_span);
    std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
    const std::string& t = parsed.files[0].text;
    std::string expected;
    std::size_t at = 0;
    for (const Span s : spans) {
      expected.append(t, at, s.begin - at);
      expected += "==1.0";
      at = s.end;
    }
    expected.append(t, at, std::string::npos);
    check(*out == expected);
    break;
  }
  return 0;
}
